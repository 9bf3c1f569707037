/**
 * Analysis stage entry: IR → service model. Builds the clients (which pulls in the types their messages
 * reach), adds the subtypes that responses may carry via xsi:type, works out where each type is used, and
 * runs the naming pass.
 */
import type { DiagnosticSink, SourcePos } from "../diagnostics.js";
import type { Definitions } from "../ir.js";
import { qkey } from "../ns.js";
import type { ClientModel, FailureRuleModel, FieldModel, ServiceModel, TypeModel } from "./model.js";
import { mergeUnits, type UnitModel } from "./merge.js";
import { pascal } from "./names.js";
import { namespaceNames } from "./namespaces.js";
import { assignNames, GENERATED_NAMES } from "./naming.js";
import { buildClients } from "./operations.js";
import { TypeBuilder } from "./types.js";
import { computeUsage, type Usage } from "./usage.js";

export interface AnalyzeOptions {
  readonly failureRules: readonly FailureRuleModel[];
  /** Names the output uses besides the allocated ones (the runtime's exports). */
  readonly reservedNames: readonly string[];
}

export interface AnalyzedService extends ServiceModel {
  readonly usage: ReadonlyMap<string, Usage>;
  /** Every namespace URI the descriptors mention → the name of its constant (see namespaces.ts). */
  readonly namespaces: ReadonlyMap<string, string>;
}

/** SuperOffice NetServer reports failure with `Succeeded` = false and the reason in `ExceptionInfo`. */
export const DEFAULT_FAILURE_RULES: readonly FailureRuleModel[] = [{ flag: "Succeeded", failureValue: false, detail: "ExceptionInfo" }];

/** One input: a WSDL with everything it imports. */
export interface AnalysisUnit {
  /** The input's display name (sort key and tie-breaker when inputs disagree). */
  readonly name: string;
  readonly defs: Definitions;
  /** Where to report that the input has nothing to generate. */
  readonly where: SourcePos;
}

/** Analyses each input on its own, merges them into one package (see merge.ts), then names everything. */
export function analyze(units: readonly AnalysisUnit[], sink: DiagnosticSink, options: AnalyzeOptions): AnalyzedService {
  const built: UnitModel[] = units.map((u) => analyzeUnit(u, sink, options));
  const merged = mergeUnits(built, sink);
  const usage = computeUsage(merged.types, merged.clients);
  const namespaces = namespaceNames(collectNamespaces(merged.types, merged.clients), [...options.reservedNames, ...GENERATED_NAMES]);
  assignNames(merged.types, merged.clients, usage, [...options.reservedNames, ...namespaces.values()]);
  return { types: merged.types, clients: merged.clients, usage, namespaces };
}

function analyzeUnit(unit: AnalysisUnit, sink: DiagnosticSink, options: AnalyzeOptions): UnitModel {
  const { defs, where } = unit;
  const types = new TypeBuilder(defs, sink);
  const clients = buildClients(defs, types, sink, options);
  if (clients.length === 0) {
    const n = defs.wsdl.bindings.size;
    const what = n === 0 ? "it has no wsdl:binding" : `its ${n} binding${n === 1 ? " is" : "s are"} not SOAP (HTTP GET/POST or other)`;
    sink.error("no-soap-binding", `no SOAP 1.1 or SOAP 1.2 binding to generate a client for: ${what}`, where, "wsdl:definitions");
  }
  addSubtypes(types);
  const label = clients.length === 1 ? (clients[0]?.desiredBase ?? "") : pascal(unit.name.replace(/^.*\//, "").replace(/\.[^.]*$/, ""));
  return { name: unit.name, label, types: types.models, clients };
}

function collectNamespaces(types: ReadonlyMap<string, TypeModel>, clients: readonly ClientModel[]): string[] {
  const set = new Set<string>();
  const fields = (fs: readonly FieldModel[]): void =>
    fs.forEach((f) => {
      set.add(f.name.ns);
      for (const s of f.substitutes ?? []) set.add(s.name.ns);
      if (f.alternatives) fields(f.alternatives);
    });
  for (const m of types.values()) {
    if (m.qname) set.add(m.qname.ns);
    if (m.kind === "struct") {
      fields(m.fields);
      m.attributes.forEach((a) => set.add(a.name.ns));
    } else if (m.kind === "array") fields([m.item]);
    else if (m.kind === "dictionary") {
      set.add(m.entry.ns);
      fields([m.key, m.value]);
    }
  }
  for (const c of clients) {
    for (const op of c.operations) {
      for (const msg of [op.input, op.output]) {
        if (!msg) continue;
        fields(msg.headers);
        if (msg.body.kind === "element") fields([msg.body.field]);
        if (msg.body.kind === "parts") {
          fields(msg.body.parts);
          if (msg.body.wrapper) set.add(msg.body.wrapper.ns);
        }
      }
      fields(op.faults.map((f) => f.field));
    }
  }
  set.delete("");
  return [...set].sort();
}

/** Builds every named complex type derived from a built struct, until no new one appears. */
function addSubtypes(types: TypeBuilder): void {
  const done = new Set<string>();
  for (;;) {
    const bases = new Set<string>();
    for (const m of types.models.values()) if (m.kind === "struct" && m.qname) bases.add(qkey(m.qname));
    const fresh = types.subtypesOf(bases).filter((t) => t.name && !done.has(qkey(t.name)) && !types.models.has(`t:${qkey(t.name)}`));
    if (fresh.length === 0) return;
    for (const t of fresh) {
      if (!t.name) continue;
      done.add(qkey(t.name));
      types.namedType(t.name, t.pos);
    }
  }
}
