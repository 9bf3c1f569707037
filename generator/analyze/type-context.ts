/**
 * What the parts of type building share: the schema, the diagnostics, the models built so far, and the
 * entry points one part calls in another (a content model needs its elements' types; a simple type its
 * base's). TypeBuilder (types.ts) implements it; content.ts and simple-types.ts use it.
 */
import type { DiagnosticSink, SourcePos } from "../diagnostics.js";
import type { Definitions, ElementDecl, TypeUse } from "../ir.js";
import type { QName } from "../ns.js";
import type { FieldModel, TypeModel, ValueType } from "./model.js";

export const ANY_TYPE: ValueType = { kind: "prim", prim: "anyType" };
export const STRING: ValueType = { kind: "prim", prim: "string" };

/** Where an anonymous type sits: its id and the name it would like. */
export interface AnonSite {
  readonly id: string;
  readonly name: string;
  readonly priority: number;
}

export interface TypeContext {
  readonly defs: Definitions;
  readonly sink: DiagnosticSink;
  readonly models: Map<string, TypeModel>;
  useType(use: TypeUse | undefined, site: AnonSite): ValueType;
  /** The type of a global element's value. */
  elementType(decl: ElementDecl): ValueType;
  /** The type of a local element's value (a deep chain of named complex types is built iteratively). */
  fieldType(decl: ElementDecl, site: AnonSite): ValueType;
  /** A global element by name; reports `missing-element` when there is none. */
  globalElement(q: QName, pos: SourcePos, construct?: string): ElementDecl | undefined;
}

export function placeholderField(pos: SourcePos): FieldModel {
  return { prop: "", name: { ns: "", local: "" }, type: ANY_TYPE, min: 0, max: 1, nillable: false, doc: undefined, wildcard: false, choice: undefined, pos };
}
