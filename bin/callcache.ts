/**
 * The compiled packages of `wsdlc call`, cached so that only the first call of a WSDL pays for the generator
 * and the TypeScript compiler. An entry is keyed by the SHA-256 of: this wsdlc's version, its build (size and
 * modification time of every file of the generator and the runtime templates), the options that change the
 * output, and every document read with its SHA-256. A changed WSDL, an imported schema that changed, another
 * wsdlc or other options give another key; nothing is ever served stale. Entries are written whole (a staging
 * folder renamed into place) and the 32 most recently used are kept.
 *
 * Location: `$WSDLC_CACHE_DIR`, else `$XDG_CACHE_HOME/wsdlc/call`, else `~/.cache/wsdlc/call` (mode 0700:
 * the code is derived from WSDLs that may be private). `--no-cache` compiles into a temporary folder instead.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Diagnostic } from "../generator/diagnostics.js";
import type { LoadedDocument, ResourceReader } from "../generator/load/loader.js";
import { fsReason, readRuntimeTemplates } from "./io.js";

export const CACHE_ENTRIES_KEPT = 32;

export interface CompileOptions {
  readonly reader: ResourceReader;
  readonly allowUnresolved: boolean;
  readonly allowOutsideRoot: boolean;
  /** false: a temporary folder, removed by dispose(). */
  readonly cache: boolean;
  /** Called with the generator's diagnostics when it has to run. */
  readonly onDiagnostics: (d: readonly Diagnostic[]) => Promise<void>;
}

export interface CompiledPackage {
  /** The package's index.js and runtime/revive.js. */
  readonly index: string;
  readonly revive: string;
  /** Whether it came from the cache. */
  readonly cached: boolean;
  dispose(): Promise<void>;
}

export function cacheRoot(): string {
  const env = process.env["WSDLC_CACHE_DIR"];
  if (env) return env;
  const xdg = process.env["XDG_CACHE_HOME"];
  return join(xdg ? xdg : join(homedir(), ".cache"), "wsdlc", "call");
}

/** Size and mtime of every file under `dir` (recursively), sorted: what identifies this build. */
async function fileStamps(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) {
        const s = await stat(p);
        out.push(`${p}:${s.size}:${s.mtimeMs}`);
      }
    }
  };
  await walk(dir);
  return out.sort();
}

async function cacheKey(root: string, inputs: readonly string[], documents: readonly LoadedDocument[], options: CompileOptions): Promise<string> {
  const { version } = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { version: string };
  const generatorDir = join(root, "dist", "generator");
  const build = [...(await fileStamps(generatorDir)), ...(await fileStamps(join(root, "templates", "runtime")))];
  const key = {
    format: 1,
    version,
    build,
    inputs,
    allowUnresolved: options.allowUnresolved,
    allowOutsideRoot: options.allowOutsideRoot,
    documents: documents.map((d) => [d.url, d.sha256]).sort(),
  };
  return createHash("sha256").update(JSON.stringify(key)).digest("hex").slice(0, 32);
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

/** Removes all but the `CACHE_ENTRIES_KEPT` most recently used entries (and stale staging folders). */
export async function prune(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const entries: { name: string; t: number }[] = [];
  for (const name of names) {
    const s = await stat(join(dir, name)).catch(() => undefined);
    if (!s) continue;
    if (name.includes(".stage-")) {
      if (Date.now() - s.mtimeMs > 3_600_000) await rm(join(dir, name), { recursive: true, force: true });
      continue;
    }
    entries.push({ name, t: s.mtimeMs });
  }
  entries.sort((a, b) => b.t - a.t);
  for (const e of entries.slice(CACHE_ENTRIES_KEPT)) await rm(join(dir, e.name), { recursive: true, force: true });
}

/** The compiled package for `inputs`: from the cache, or generated, transpiled and (with `cache`) stored. */
export async function compiledPackage(
  root: string,
  inputs: readonly string[],
  documents: readonly LoadedDocument[],
  options: CompileOptions,
): Promise<CompiledPackage | undefined> {
  const paths = (dir: string) => ({ index: join(dir, "index.js"), revive: join(dir, "runtime", "revive.js") });
  let cacheDir: string | undefined;
  let key: string | undefined;
  if (options.cache) {
    cacheDir = cacheRoot();
    key = await cacheKey(root, inputs, documents, options);
    const entry = join(cacheDir, key);
    if (await exists(join(entry, "complete"))) {
      const now = new Date();
      await utimes(entry, now, now).catch(() => undefined);
      return { ...paths(entry), cached: true, dispose: async () => undefined };
    }
  }

  // Not cached: the generator (and with it the TypeScript compiler) is loaded only now.
  const [{ generate }, { ts }] = await Promise.all([import("../generator/index.js"), import("ts-morph")]);
  const result = await generate(inputs, {
    reader: options.reader,
    runtime: await readRuntimeTemplates(root),
    allowUnresolved: options.allowUnresolved,
    allowOutsideRoot: options.allowOutsideRoot,
  });
  await options.onDiagnostics(result.diagnostics);
  if (result.diagnostics.some((d) => d.severity === "error")) return undefined;

  let staging: string | undefined;
  if (cacheDir !== undefined && key !== undefined) {
    try {
      await mkdir(cacheDir, { recursive: true, mode: 0o700 });
      staging = join(cacheDir, `${key}.stage-${randomBytes(6).toString("hex")}`);
      await mkdir(staging);
    } catch (e) {
      // A cache that cannot be written (a file in its place, no permission) does not stop the call.
      process.stderr.write(`wsdlc: the cache folder ${cacheDir} cannot be used (${fsReason(e)}); compiling without it\n`);
      cacheDir = undefined;
      staging = undefined;
    }
  }
  staging ??= await mkdtemp(join(tmpdir(), "wsdlc-call-"));
  await writeFile(join(staging, "package.json"), '{ "type": "module" }\n');
  for (const f of result.files) {
    if (!f.path.endsWith(".ts")) continue;
    const js = ts.transpileModule(f.text, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      fileName: f.path,
    }).outputText;
    const path = join(staging, f.path.replace(/\.ts$/, ".js"));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, js);
  }
  if (cacheDir === undefined || key === undefined) {
    const dir = staging;
    return { ...paths(dir), cached: false, dispose: () => rm(dir, { recursive: true, force: true }) };
  }
  await writeFile(join(staging, "complete"), "");
  const entry = join(cacheDir, key);
  try {
    await rename(staging, entry);
  } catch {
    // Another call stored the same entry first: use that one.
    await rm(staging, { recursive: true, force: true });
  }
  await prune(cacheDir);
  return { ...paths(entry), cached: false, dispose: async () => undefined };
}
