/**
 * Turning what the user wrote into input URLs: paths (with `*`, `?`, `**`, `{a,b}` and `[...]` globs, expanded by
 * tinyglobby in sorted order
 * so that a config file means the same on every shell), http(s) URLs, and a SuperOffice-style service root
 * with a list of agents (`<root>/<Agent>.svc?wsdl`).
 */
import { resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { glob as tinyglobby } from "tinyglobby";

/** The 45 agents of SuperOffice NetServer Services75, the default for --service-root. */
export const SERVICES75_AGENTS: readonly string[] = [
  "Appointment",
  "Archive",
  "Associate",
  "Audience",
  "BLOB",
  "Batch",
  "BlobManager",
  "Configuration",
  "Contact",
  "CustomerService",
  "Diagnostics",
  "Document",
  "EMail",
  "ErpSync",
  "FileManager",
  "Find",
  "ForeignSystem",
  "FreeText",
  "Import",
  "License",
  "List",
  "MDO",
  "Messaging",
  "Navigator",
  "NumberAllocation",
  "Partner",
  "Person",
  "PhoneList",
  "Preference",
  "Project",
  "Quote",
  "Relation",
  "Replication",
  "Report",
  "Resource",
  "Saint",
  "Sale",
  "Selection",
  "Sentry",
  "SoPrincipal",
  "TimeZone",
  "Tooltips",
  "User",
  "UserDefinedFieldInfo",
  "ViewState",
];

export function isUrl(s: string): boolean {
  return /^(https?|file):/i.test(s);
}

/** `<root>/<Agent>.svc?wsdl` for each agent. */
export function agentUrls(root: string, agents: readonly string[]): string[] {
  const base = root.replace(/\/+$/, "");
  return agents.map((a) => `${base}/${encodeURIComponent(a)}.svc?wsdl`);
}

/** True when `input` has glob syntax (`*`, `?`, `[...]`, `{a,b}`). */
export function isGlob(input: string): boolean {
  return /[*?[{]/.test(input);
}

/** Expands globs against `cwd`; plain paths and URLs pass through. Returns undefined for a glob matching nothing. */
export async function expandInputs(inputs: readonly string[], cwd: string): Promise<{ urls: string[]; unmatched: string[] }> {
  const urls: string[] = [];
  const unmatched: string[] = [];
  for (const input of inputs) {
    if (isUrl(input)) urls.push(input);
    else if (isGlob(input)) {
      const found = await glob(input, cwd);
      if (found.length === 0) unmatched.push(input);
      urls.push(...found.map((p) => pathToFileURL(p).href));
    } else urls.push(pathToFileURL(resolve(cwd, input)).href);
  }
  return { urls, unmatched };
}

/** Files matching `pattern` (tinyglobby: `*`, `?`, `**`, `{a,b}`, `[...]`), absolute, sorted, without duplicates. */
async function glob(pattern: string, cwd: string): Promise<string[]> {
  const found = await tinyglobby(pattern.split(sep).join("/"), { cwd, absolute: true, onlyFiles: true, expandDirectories: false, dot: true });
  return [...new Set(found.map((p) => resolve(p)))].sort();
}
