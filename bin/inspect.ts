/** `wsdlc inspect`: what a WSDL offers, as the generated client will type it (like `python -m zeep <wsdl>`). */
import { formatSummary, summarize } from "../generator/emit/summary.js";
import { analyzeInputs, generate, type GenerateOptions } from "../generator/index.js";
import { buildCatalog, parameterLines, type Catalog } from "./catalog.js";
import { expandInputs } from "./inputs.js";
import { parseHeaderFlags, readRuntimeTemplates } from "./io.js";
import { nearestNames, printDiagnostics, SourceRecorder, type ReportContext } from "./report.js";
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
  const options = {
    reader: sources,
    runtime: await readRuntimeTemplates(root),
    allowUnresolved: flags.allowUnresolved === true,
    allowOutsideRoot: flags.allowOutsideRoot === true,
  };
  if (flags.type !== undefined) return printType(urls, flags.type, options, report);
  if (flags.json) {
    const a = await analyzeInputs(urls, options);
    await printDiagnostics(a.diagnostics, report);
    if (!a.model) return 2;
    process.stdout.write(`${JSON.stringify(buildCatalog(a.model), null, 2)}\n`);
    return 0;
  }
  const a = await analyzeInputs(urls, options);
  await printDiagnostics(a.diagnostics, report);
  if (!a.model) return 2;
  process.stdout.write(withParameters(formatSummary(summarize(a.model)), buildCatalog(a.model)));
  return 0;
}

/**
 * The text summary with each operation's input parameters (the wrapper's fields, with optionality and types)
 * under its signature line and the line after it.
 */
function withParameters(text: string, catalog: Catalog): string {
  const ops = new Map<string, string[]>();
  for (const s of catalog.services) {
    for (const p of s.ports) {
      for (const op of p.operations) {
        const params = op.input.parameters;
        const lines = params.length ? ["      input:", ...parameterLines(params, "        ")] : ["      input: (none)"];
        if (op.faults.length) lines.push(`      faults: ${op.faults.map((f) => `${f.name} (${f.type})`).join(", ")}`);
        ops.set(`${p.client}\u0000  ${op.signature}`, lines);
      }
    }
  }
  const out: string[] = [];
  const lines = text.split("\n");
  let client = "";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (/^\S/.test(line)) client = line.split(" ")[0] ?? "";
    out.push(line);
    const extra = ops.get(`${client}\u0000${line}`);
    if (extra) {
      out.push(lines[i + 1] ?? "", ...extra);
      i++;
    }
  }
  return out.join("\n");
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
    // The nearest names (a typo's few best guesses), as the diagnostics' "did you mean" picks them.
    const like = nearestNames(name, all);
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
