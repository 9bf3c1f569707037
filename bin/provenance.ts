/**
 * Provenance of a generated package: the copied runtime carries the wsdlc version that wrote it, in one line of
 * `runtime/version.ts`. Only the version (never a commit or a date), so goldens change when a release does, not
 * on every commit. `generate --check` reads it to tell a runtime written by another wsdlc from changed inputs.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";

export const VERSION_FILE = "version.ts";

/** The text of runtime/version.ts (the generator prepends its "DO NOT EDIT" header). */
export function versionFileText(version: string): string {
  return `/** The wsdlc version that wrote this copy of the runtime (\`wsdlc generate --check\` compares it). */\nexport const WSDLC_VERSION = ${JSON.stringify(version)};\n`;
}

/** The version recorded in `<out>/runtime/version.ts`; undefined when there is none (or it is unreadable). */
export async function recordedVersion(out: string): Promise<string | undefined> {
  const text = await readFile(join(out, "runtime", VERSION_FILE), "utf8").catch(() => undefined);
  return text === undefined ? undefined : /export const WSDLC_VERSION = "([^"\n]*)"/.exec(text)?.[1];
}

/**
 * Why `--check` found changes, in one line: the runtime (or the whole package) was written by another wsdlc
 * version, or this wsdlc would now write different code from the inputs (the WSDL, its imports or the options
 * changed, or generated files were edited).
 */
export function explainChanges(changes: readonly { path: string }[], recorded: string | undefined, current: string): string {
  const runtimeOnly = changes.every((c) => c.path.startsWith("runtime/"));
  if (recorded !== current) {
    const who = recorded === undefined ? "a wsdlc older than 0.1.0 (no runtime/version.ts)" : `wsdlc ${recorded}`;
    return runtimeOnly
      ? `stale runtime: runtime/ was written by ${who}, this is wsdlc ${current}; the inputs give the same code (regenerate to update the runtime)`
      : `written by ${who}, this is wsdlc ${current}: the changes may come from the new version as well as from the inputs`;
  }
  return runtimeOnly
    ? `runtime/ differs from what wsdlc ${current} writes (edited by hand?)`
    : `the inputs changed (WSDL, its imports or the options) or generated files were edited; the runtime is from this version (wsdlc ${current})`;
}
