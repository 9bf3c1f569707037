/** `wsdlc generate`: read the inputs, run the generator core, then write or check the output folder. */
import { readFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { formatDiagnostic, type Diagnostic } from "../generator/diagnostics.js";
import { generate } from "../generator/index.js";
import { diffOutput, inputUrl, makeReader, OutputConflict, readRuntimeTemplates, writeOutput } from "./io.js";

export interface GenerateFlags {
  readonly out?: string | undefined;
  readonly config?: string | undefined;
  readonly check?: boolean | undefined;
  readonly quiet?: boolean | undefined;
}

interface Job {
  readonly inputs: string[];
  readonly out: string;
}

/** Returns the exit code. */
export async function runGenerate(args: readonly string[], flags: GenerateFlags, root: string): Promise<number> {
  const cwd = process.cwd();
  const job = await resolveJob(args, flags, cwd);
  if (typeof job === "string") {
    process.stderr.write(`wsdlc: ${job}\n`);
    return 2;
  }
  const result = await generate(
    job.inputs.map((i) => inputUrl(i, cwd)),
    { reader: makeReader(cwd), runtime: await readRuntimeTemplates(root) },
  );
  printDiagnostics(result.diagnostics, flags.quiet ?? false);
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  if (errors > 0) {
    process.stderr.write(`wsdlc: ${errors} error${errors === 1 ? "" : "s"}; nothing was written\n`);
    return 2;
  }
  const outDisplay = relative(cwd, job.out) || ".";
  if (flags.check) {
    const changes = await diffOutput(job.out, result.files);
    if (changes.length === 0) {
      if (!flags.quiet) process.stdout.write(`${outDisplay}: up to date (${result.files.length} files)\n`);
      return 0;
    }
    process.stdout.write(`${outDisplay}: ${changes.length} file${changes.length === 1 ? "" : "s"} would change:\n`);
    for (const c of changes) process.stdout.write(`  ${c.change.padEnd(8)} ${c.path}\n`);
    return 1;
  }
  let changes;
  try {
    changes = await writeOutput(job.out, result.files);
  } catch (e) {
    if (e instanceof OutputConflict) {
      process.stderr.write(`wsdlc: ${outDisplay}: ${e.message}; nothing was written\n`);
      return 2;
    }
    throw e;
  }
  if (!flags.quiet) {
    process.stdout.write(`${outDisplay}: ${result.files.length} files, ${changes.length} changed\n`);
  }
  return 0;
}

async function resolveJob(args: readonly string[], flags: GenerateFlags, cwd: string): Promise<Job | string> {
  let inputs = [...args];
  let out = flags.out ? resolve(cwd, flags.out) : undefined;
  if (flags.config) {
    const path = resolve(cwd, flags.config);
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(path, "utf8"));
    } catch (e) {
      return `cannot read config ${flags.config}: ${e instanceof Error ? e.message : String(e)}`;
    }
    const c = raw as { inputs?: unknown; out?: unknown };
    const base = dirname(path);
    if (inputs.length === 0) {
      if (!Array.isArray(c.inputs) || !c.inputs.every((x): x is string => typeof x === "string")) {
        return `config ${flags.config}: "inputs" must be an array of strings`;
      }
      inputs = c.inputs.map((i) => (/^https?:/.test(i) ? i : resolve(base, i)));
    }
    if (!out) {
      if (typeof c.out !== "string") return `config ${flags.config}: "out" must be a string`;
      out = resolve(base, c.out);
    }
  }
  if (inputs.length === 0) return "no input: give WSDL files or URLs (or --config)";
  if (!out) return "no output folder: give --out <dir> (or --config)";
  return { inputs, out };
}

function printDiagnostics(diags: readonly Diagnostic[], quiet: boolean): void {
  for (const d of diags) {
    if (quiet && d.severity !== "error") continue;
    process.stderr.write(`${formatDiagnostic(d)}\n`);
  }
}
