/**
 * The generator core: `(inputs, options) → { files, diagnostics }`. Load → parse → analyze → emit. It reads
 * input only through the injected `ResourceReader` and writes nothing; bin/ does the I/O and exit codes.
 */
import { DiagnosticSink, type Diagnostic } from "./diagnostics.js";
import { analyze, DEFAULT_FAILURE_RULES } from "./analyze/index.js";
import type { FailureRuleModel } from "./analyze/model.js";
import { emit, type GeneratedFile } from "./emit/index.js";
import { summarize, type Summary } from "./emit/summary.js";
import type { AnalyzedService } from "./analyze/index.js";
import { runtimeExports } from "./analyze/runtime-exports.js";
import { loadDocuments, type ResourceReader } from "./load/loader.js";
import { buildDefinitions, closure } from "./parse/index.js";

export type { GeneratedFile } from "./emit/index.js";
export type { Diagnostic } from "./diagnostics.js";
export type { ResourceReader } from "./load/loader.js";
export type { Summary } from "./emit/summary.js";
export { runtimeExports } from "./analyze/runtime-exports.js";
export type { AnalyzedService } from "./analyze/index.js";

export interface GenerateOptions {
  readonly reader: ResourceReader;
  /** Runtime template files (name → text) copied into `runtime/` of the output. */
  readonly runtime: ReadonlyMap<string, string>;
  /** The output folder's README template; no README is written without it. */
  readonly readme?: string | undefined;
  /** How services report failure in response headers; defaults to SuperOffice's `Succeeded`/`ExceptionInfo`. */
  readonly failureRules?: readonly FailureRuleModel[];
  /**
   * References to types, elements, groups or attributes that no loaded schema defines are warnings instead of
   * errors: such values are kept as XML (`XmlElement`), such groups and attributes left out.
   */
  readonly allowUnresolved?: boolean | undefined;
  /** Local imports may leave the folder of their input file (`--allow-outside-root`). */
  readonly allowOutsideRoot?: boolean | undefined;
  /** Told as the run goes (bin/ shows progress on a terminal). */
  readonly onProgress?: ((e: ProgressEvent) => void) | undefined;
}

/** A stage finished: documents loaded; one input (of `total`) parsed; all analysed; files emitted. */
export type ProgressEvent =
  | { readonly stage: "loaded"; readonly documents: number }
  | { readonly stage: "parsed"; readonly input: string; readonly index: number; readonly total: number }
  | { readonly stage: "analysed"; readonly inputs: number }
  | { readonly stage: "emitted"; readonly files: number };

export interface SourceDocument {
  readonly url: string;
  readonly display: string;
  readonly sha256: string;
}

export interface GenerateResult {
  /** Empty when there were errors: nothing is half-written. */
  readonly files: readonly GeneratedFile[];
  readonly diagnostics: readonly Diagnostic[];
  /** Every document read, with its hash (for a lock of fetched inputs). */
  readonly documents: readonly SourceDocument[];
}

/** Load, parse and analyse: the service model, or undefined when the inputs have errors. */
async function model(inputs: readonly string[], options: GenerateOptions, sink: DiagnosticSink): Promise<{ model: AnalyzedService | undefined; documents: SourceDocument[] }> {
  // The documents' XML trees are not needed after the parse stage; loading and parsing in a function of their
  // own lets them be collected before the analysis runs (measured: a smaller peak on big WSDLs).
  const { units, documents } = await loadAndParse(inputs, options, sink);
  if (units === undefined) return { model: undefined, documents };

  const analyzed = analyze(units, sink, {
    failureRules: options.failureRules ?? DEFAULT_FAILURE_RULES,
    reservedNames: runtimeExports(options.runtime),
  });
  options.onProgress?.({ stage: "analysed", inputs: units.length });
  return { model: sink.hasErrors ? undefined : analyzed, documents };
}

/** Loads the inputs and what they import, and parses each input with its closure (undefined units: errors). */
async function loadAndParse(
  inputs: readonly string[],
  options: GenerateOptions,
  sink: DiagnosticSink,
): Promise<{ units: Parameters<typeof analyze>[0] | undefined; documents: SourceDocument[] }> {
  const set = await loadDocuments(inputs, options.reader, sink, { allowOutsideRoot: options.allowOutsideRoot });
  const documents = set.documents.map((d) => ({ url: d.url, display: d.display, sha256: d.sha256 }));
  options.onProgress?.({ stage: "loaded", documents: documents.length });
  if (sink.hasErrors) return { units: undefined, documents };

  // All inputs form one package. Each is parsed and analysed on its own (with what it imports); the merge
  // makes a type that several inputs define identically one type (see analyze/merge.ts).
  const unique = [...new Set(inputs)];
  const units = unique.map((url, index) => {
    const root = set.byUrl.get(url);
    const unit = {
      name: root?.display ?? url,
      defs: buildDefinitions(closure(set, url), sink),
      where: root ? root.root.pos : { file: url, line: 1, column: 1 },
    };
    options.onProgress?.({ stage: "parsed", input: unit.name, index: index + 1, total: unique.length });
    return unit;
  });
  return { units: sink.hasErrors ? undefined : units, documents };
}

export async function generate(inputs: readonly string[], options: GenerateOptions): Promise<GenerateResult> {
  const sink = new DiagnosticSink(options.allowUnresolved === true);
  const { model: m, documents } = await model(inputs, options, sink);
  if (!m) return { files: [], diagnostics: sink.sorted(), documents };
  const services = [...new Set(m.clients.map((c) => c.service || c.port))].sort();
  const files = emit(m, { services, runtime: options.runtime, readme: options.readme });
  options.onProgress?.({ stage: "emitted", files: files.length });
  return { files, diagnostics: sink.sorted(), documents };
}

/** The analysed service model (for `wsdlc inspect`'s catalog), or undefined when the inputs have errors. */
export async function analyzeInputs(inputs: readonly string[], options: GenerateOptions): Promise<{ model: AnalyzedService | undefined; diagnostics: readonly Diagnostic[] }> {
  const sink = new DiagnosticSink(options.allowUnresolved === true);
  const { model: m } = await model(inputs, options, sink);
  return { model: m, diagnostics: sink.sorted() };
}

/** What `generate` would produce, as a summary for people (`wsdlc inspect`): clients, operations, types. */
export async function inspect(inputs: readonly string[], options: GenerateOptions): Promise<{ summary: Summary | undefined; diagnostics: readonly Diagnostic[] }> {
  const sink = new DiagnosticSink(options.allowUnresolved === true);
  const { model: m } = await model(inputs, options, sink);
  return { summary: m ? summarize(m) : undefined, diagnostics: sink.sorted() };
}
