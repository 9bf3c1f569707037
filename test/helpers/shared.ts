/**
 * Access to ../shared (the external corpus). Tests read it in place. Without it, corpus tests skip with a
 * message; under CI (CI=true) its absence is a failure, since CI always has it.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { ROOT } from "./generate.js";

export const SHARED = resolve(ROOT, "..", "shared");
export const CORPUS = join(SHARED, "corpus");

/** `test(..., { skip: corpusSkip() })`: false when the corpus is there, else the reason to skip. */
export function corpusSkip(): false | string {
  if (existsSync(CORPUS)) return false;
  if (process.env["CI"]) throw new Error(`the corpus is missing at ${CORPUS}; CI must run with ../shared beside the checkout`);
  return `../shared/corpus not found at ${CORPUS}: corpus tests skipped`;
}
