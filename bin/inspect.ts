/** `wsdlc inspect`: what a WSDL offers, as the generated client will type it (like `python -m zeep <wsdl>`). */
import { formatDiagnostic } from "../generator/diagnostics.js";
import { formatSummary } from "../generator/emit/summary.js";
import { inspect } from "../generator/index.js";
import { expandInputs } from "./inputs.js";
import { makeReader, parseHeaderFlags, readRuntimeTemplates } from "./io.js";

export interface InspectFlags {
  readonly json?: boolean | undefined;
  readonly wsdlHeader?: string[] | undefined;
}

/** Returns the exit code: 0, or 2 when the input has errors. */
export async function runInspect(inputs: readonly string[], flags: InspectFlags, root: string): Promise<number> {
  const cwd = process.cwd();
  const { urls, unmatched } = await expandInputs(inputs, cwd);
  if (unmatched.length) {
    process.stderr.write(`wsdlc: no file matches ${unmatched.map((u) => `"${u}"`).join(", ")}\n`);
    return 2;
  }
  const headers = parseHeaderFlags(flags.wsdlHeader);
  if (typeof headers === "string") {
    process.stderr.write(`wsdlc: ${headers}\n`);
    return 2;
  }
  const r = await inspect(urls, { reader: makeReader(cwd, { headers }), runtime: await readRuntimeTemplates(root) });
  for (const d of r.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
  if (!r.summary) return 2;
  process.stdout.write(flags.json ? `${JSON.stringify(r.summary, null, 2)}\n` : formatSummary(r.summary));
  return 0;
}
