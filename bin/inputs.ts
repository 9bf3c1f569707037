/**
 * Turning what the user wrote into input URLs: paths (with `*`, `?` and `**` globs, expanded in sorted order
 * so that a config file means the same on every shell), http(s) URLs, and a SuperOffice-style service root
 * with a list of agents (`<root>/<Agent>.svc?wsdl`).
 */
import { readdir } from "node:fs/promises";
import { isAbsolute, join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";

/** The 45 agents of SuperOffice NetServer Services75, the default for --service-root. */
export const SERVICES75_AGENTS: readonly string[] = [
  "Appointment", "Archive", "Associate", "Audience", "BLOB", "Batch", "BlobManager", "Configuration", "Contact",
  "CustomerService", "Diagnostics", "Document", "EMail", "ErpSync", "FileManager", "Find", "ForeignSystem", "FreeText",
  "Import", "License", "List", "MDO", "Messaging", "Navigator", "NumberAllocation", "Partner", "Person", "PhoneList",
  "Preference", "Project", "Quote", "Relation", "Replication", "Report", "Resource", "Saint", "Sale", "Selection",
  "Sentry", "SoPrincipal", "TimeZone", "Tooltips", "User", "UserDefinedFieldInfo", "ViewState",
];

export function isUrl(s: string): boolean {
  return /^(https?|file):/i.test(s);
}

/** `<root>/<Agent>.svc?wsdl` for each agent. */
export function agentUrls(root: string, agents: readonly string[]): string[] {
  const base = root.replace(/\/+$/, "");
  return agents.map((a) => `${base}/${encodeURIComponent(a)}.svc?wsdl`);
}

/** Expands globs against `cwd`; plain paths and URLs pass through. Returns undefined for a glob matching nothing. */
export async function expandInputs(inputs: readonly string[], cwd: string): Promise<{ urls: string[]; unmatched: string[] }> {
  const urls: string[] = [];
  const unmatched: string[] = [];
  for (const input of inputs) {
    if (isUrl(input)) urls.push(input);
    else if (/[*?[]/.test(input)) {
      const found = await glob(input, cwd);
      if (found.length === 0) unmatched.push(input);
      urls.push(...found.map((p) => pathToFileURL(p).href));
    } else urls.push(pathToFileURL(resolve(cwd, input)).href);
  }
  return { urls, unmatched };
}

function segmentRegex(seg: string): RegExp {
  let re = "";
  for (const ch of seg) re += ch === "*" ? "[^/]*" : ch === "?" ? "[^/]" : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${re}$`);
}

async function glob(pattern: string, cwd: string): Promise<string[]> {
  const abs = isAbsolute(pattern) ? pattern : join(cwd, pattern);
  const parts = abs.split(/[\\/]+/);
  const firstMagic = parts.findIndex((p) => /[*?[]/.test(p));
  const start = parts.slice(0, firstMagic).join(sep) || sep;
  const rest = parts.slice(firstMagic);
  const out: string[] = [];
  const walk = async (dir: string, segs: readonly string[]): Promise<void> => {
    const [seg, ...more] = segs;
    if (seg === undefined) return;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (seg === "**") {
      await walk(dir, more);
      for (const e of entries) if (e.isDirectory()) await walk(join(dir, e.name), segs);
      return;
    }
    const re = segmentRegex(seg);
    for (const e of entries) {
      if (!re.test(e.name)) continue;
      const p = join(dir, e.name);
      if (more.length === 0) {
        if (e.isFile()) out.push(p);
      } else if (e.isDirectory()) await walk(p, more);
    }
  };
  await walk(start, rest);
  return [...new Set(out)].sort();
}
