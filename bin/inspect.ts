/** `wsdlc inspect`: what a WSDL offers, as the generated client will type it (like `python -m zeep <wsdl>`). */
import { formatSummary } from "../generator/emit/summary.js";
import { generate, inspect, type GenerateOptions } from "../generator/index.js";
import { expandInputs } from "./inputs.js";
import { parseHeaderFlags, readRuntimeTemplates } from "./io.js";
import { printDiagnostics, SourceRecorder, type ReportContext } from "./report.js";
import { httpOrigins, makeSecureReader } from "./reader.js";

export interface InspectFlags {
  readonly json?: boolean | undefined;
  readonly wsdlHeader?: string[] | undefined;
  readonly allowUnresolved?: boolean | undefined;
  readonly allowOutsideRoot?: boolean | undefined;
  /** Print this type's TypeScript declarations (and its request form, const object…) instead of the summary. */
  readonly type?: string | undefined;
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
  const sources = new SourceRecorder(makeSecureReader(cwd, { headers, headerOrigins: httpOrigins(urls) }));
  const report = { sources, inputs: urls, allowUnresolvedFlag: flags.allowUnresolved !== true, allowOutsideRoot: flags.allowOutsideRoot === true };
  const options = { reader: sources, runtime: await readRuntimeTemplates(root), allowUnresolved: flags.allowUnresolved === true, allowOutsideRoot: flags.allowOutsideRoot === true };
  if (flags.type !== undefined) return printType(urls, flags.type, options, report);
  const r = await inspect(urls, options);
  await printDiagnostics(r.diagnostics, report);
  if (!r.summary) return 2;
  process.stdout.write(flags.json ? `${JSON.stringify(r.summary, null, 2)}\n` : formatSummary(r.summary));
  return 0;
}

/** Prints the declarations a type name stands for in the generated types.ts. */
async function printType(urls: readonly string[], name: string, options: GenerateOptions, report: ReportContext): Promise<number> {
  const r = await generate(urls, options);
  await printDiagnostics(r.diagnostics, { ...report, errorsOnly: true });
  const types = r.files.find((f) => f.path === "types.ts")?.text;
  if (types === undefined) return 2;
  const names = [name, `${name}Input`, `${name}OrSubtype`, `${name}Item`];
  const blocks = declarations(types).filter((b) => names.includes(b.name));
  if (blocks.length === 0) {
    const all = [...new Set(declarations(types).map((b) => b.name))];
    const like = all.filter((n) => n.toLowerCase().includes(name.toLowerCase())).slice(0, 12);
    process.stderr.write(`wsdlc: no type "${name}"${like.length ? `; did you mean ${like.join(", ")}?` : ""}\n`);
    return 2;
  }
  process.stdout.write(`${blocks.map((b) => b.text).join("\n\n")}\n`);
  return 0;
}

/** Top-level declarations of a generated file, each with its JSDoc. */
function declarations(text: string): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const block of text.split(/\n\n+/)) {
    const m = /^export (?:interface|type|const|class|function) (\w+)/m.exec(block);
    if (m?.[1]) out.push({ name: m[1], text: block.trimEnd() });
  }
  return out;
}
