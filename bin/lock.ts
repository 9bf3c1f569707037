/**
 * `wsdlc.lock.json`: the documents a package was generated from, each with its SHA-256, written into the
 * output folder with `--lock`. A changed upstream WSDL or XSD then shows in review even when the generated
 * code does not change, and `--frozen` fails a build whose inputs no longer match the lock.
 */
import { readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { GeneratedFile } from "../generator/index.js";

export const LOCK_FILE = "wsdlc.lock.json";

export interface LockedDocument {
  /** A URL, or a local path relative to the output folder (`/`-separated), so the lock is the same on every machine. */
  readonly source: string;
  readonly sha256: string;
}

export function lockSource(url: string, outDir: string): string {
  if (!url.startsWith("file:")) return url;
  return relative(outDir, fileURLToPath(url)).split(sep).join("/");
}

export function lockFile(documents: readonly { url: string; sha256: string }[], outDir: string): GeneratedFile {
  const entries: LockedDocument[] = documents
    .map((d) => ({ source: lockSource(d.url, outDir), sha256: d.sha256 }))
    .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  const text = `${JSON.stringify({ generatedBy: "wsdlc", lockfileVersion: 1, documents: entries }, null, 2)}\n`;
  return { path: LOCK_FILE, text };
}

export interface LockDifference {
  readonly source: string;
  readonly change: "changed" | "added" | "removed";
}

/** What differs between the lock in `outDir` and the documents just read; undefined when there is no lock. */
export async function compareLock(outDir: string, documents: readonly { url: string; sha256: string }[]): Promise<LockDifference[] | undefined> {
  let locked: LockedDocument[];
  try {
    const parsed = JSON.parse(await readFile(join(outDir, LOCK_FILE), "utf8")) as { documents?: LockedDocument[] };
    locked = Array.isArray(parsed.documents) ? parsed.documents : [];
  } catch {
    return undefined;
  }
  const now = new Map(documents.map((d) => [lockSource(d.url, outDir), d.sha256]));
  const before = new Map(locked.map((d) => [d.source, d.sha256]));
  const out: LockDifference[] = [];
  for (const [source, sha] of now) {
    const old = before.get(source);
    if (old === undefined) out.push({ source, change: "added" });
    else if (old !== sha) out.push({ source, change: "changed" });
  }
  for (const source of before.keys()) if (!now.has(source)) out.push({ source, change: "removed" });
  return out.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}
