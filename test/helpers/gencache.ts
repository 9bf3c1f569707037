/**
 * Generation results shared between the test processes of one checkout: the corpus tests (realworld, the zeep
 * oracles, the server round trips) each generate the same real WSDLs, some of them megabytes (vSphere, Exchange),
 * and every test file is its own process. A result is kept in the temp folder under a key made of the generator's
 * own sources (generator/, templates/runtime/, bin/io.ts, package-lock.json), the inputs, the options and the
 * working directory; it is used only while every document it read still has the hash it had then. Only clean
 * results of file: inputs are kept (a failed load may depend on a file that is missing now and present later).
 * WSDLC_GEN_CACHE=0 turns it off.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeReader } from "../../bin/io.js";
import { type GenerateOptions, type GenerateResult, generate } from "../../generator/index.js";
import { ROOT, runtimeTemplates } from "./generate.js";

/** The options a cached call may take (the reader and runtime are the tests' usual ones). */
export type CachedOptions = Omit<GenerateOptions, "reader" | "runtime" | "onProgress">;

let fingerprint: string | undefined;

function sourcesFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const h = createHash("sha256");
  const walk = (d: string): void => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith(".ts")) h.update(`${p}\0${readFileSync(p, "utf8")}\0`);
    }
  };
  walk(join(ROOT, "generator"));
  walk(join(ROOT, "templates", "runtime"));
  for (const f of ["bin/io.ts", "package-lock.json"]) h.update(`${f}\0${readFileSync(join(ROOT, f), "utf8")}\0`);
  fingerprint = h.digest("hex").slice(0, 20);
  return fingerprint;
}

function cacheDir(): string {
  const base = join(tmpdir(), "wsdlc-gen-cache");
  const dir = join(base, sourcesFingerprint());
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    // Results of other versions of the sources are of no further use.
    for (const n of readdirSync(base)) if (n !== sourcesFingerprint()) rmSync(join(base, n), { recursive: true, force: true });
  }
  return dir;
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

function stillValid(r: GenerateResult): boolean {
  return r.documents.every((d) => {
    try {
      return sha256(readFileSync(fileURLToPath(d.url), "utf8")) === d.sha256;
    } catch {
      return false;
    }
  });
}

/** generate() with the tests' reader and runtime, through the cache when the inputs are files. */
export async function generateCached(urls: readonly string[], options: CachedOptions = {}): Promise<GenerateResult> {
  const run = () => generate(urls, { reader: makeReader(process.cwd()), runtime: runtimeTemplates(), ...options });
  if (process.env["WSDLC_GEN_CACHE"] === "0" || !urls.every((u) => u.startsWith("file:"))) return run();
  const dir = cacheDir();
  const file = join(dir, `${sha256(JSON.stringify({ urls, options, cwd: process.cwd() })).slice(0, 32)}.json`);
  if (existsSync(file)) {
    try {
      const cached = JSON.parse(readFileSync(file, "utf8")) as GenerateResult;
      if (stillValid(cached)) return cached;
    } catch {
      // A torn or foreign file: generate again and replace it.
    }
  }
  const r = await run();
  if (r.files.length > 0 && !r.diagnostics.some((d) => d.severity === "error")) {
    const tmp = `${file}.${process.pid}`;
    writeFileSync(tmp, JSON.stringify(r));
    renameSync(tmp, file);
  }
  return r;
}
