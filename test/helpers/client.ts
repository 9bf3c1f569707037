/**
 * Generates a client package into a temporary folder and imports it, so tests run the very code a user
 * would commit (the generated TypeScript, executed through tsx) against real servers.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { generateCached } from "./gencache.js";
import { writePackage } from "./generate.js";
import { tempDir } from "./tmp.js";

export interface GeneratedPackage {
  readonly dir: string;
  /** The package's index module (clients, types' consts, runtime exports). */
  readonly module: Record<string, unknown>;
}

/** Generates from WSDL files or URLs (all into one package) and imports its index.ts. */
export async function loadGenerated(
  inputs: readonly string[],
  options: { readonly allowUnresolved?: boolean; readonly allowOutsideRoot?: boolean } = {},
): Promise<GeneratedPackage> {
  const urls = inputs.map((i) => (/^(https?|file):/.test(i) ? i : pathToFileURL(i).href));
  const r = await generateCached(urls, options);
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(`generation failed:\n${errors.map((d) => d.message).join("\n")}`);
  const dir = tempDir("wsdlc-pkg-");
  writePackage(dir, r.files);
  const module = (await import(pathToFileURL(join(dir, "index.ts")).href)) as Record<string, unknown>;
  return { dir, module };
}
