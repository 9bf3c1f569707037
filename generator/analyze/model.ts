/**
 * The service model: what the emitter turns into TypeScript. Derived from the IR by the analysis stage;
 * every TypeScript name in it (types, properties, methods, files) is allocated by the naming pass before
 * emitting, and the emitter never renames.
 */
import type { SourcePos } from "../diagnostics.js";
import type { Facets, QName, SoapVersion } from "../ir.js";
import type { Primitive } from "./builtins.js";

/**
 * A value's type: an XSD built-in (or WCF serialization primitive), or one of the models by id; `facets` are
 * those of an anonymous restriction written where the value is declared (XSD Part 2 §4.3).
 */
export type ValueType =
  | { readonly kind: "prim"; readonly prim: Primitive; readonly facets?: FacetSet | undefined }
  | { readonly kind: "type"; readonly id: string; readonly facets?: FacetSet | undefined };

/** Constraining facets of one restriction step: the IR's, without enumerations and whiteSpace. */
export type FacetSet = Omit<Facets, "enumeration" | "pattern" | "whiteSpace"> & { readonly patterns?: readonly string[] | undefined };

/** One group a field is inside: an xs:choice's alternative (from 1), or an optional xs:sequence (alternative 0). */
export interface ChoiceStep {
  readonly choice: number;
  readonly alternative: number;
  /** The group may be left out altogether. */
  readonly optional: boolean;
}

export interface FieldModel {
  /** TypeScript property name (allocated by the naming pass; starts as the element's local name). */
  prop: string;
  readonly name: QName;
  readonly type: ValueType;
  readonly min: number;
  /** Infinity for unbounded. */
  readonly max: number;
  readonly nillable: boolean;
  readonly doc: string | undefined;
  readonly wildcard: boolean;
  /**
   * Members of one xs:choice share a number (unique within the struct, and along its base chain); so do the
   * members of an optional xs:sequence that binds them (all of its required members, or none). This is the
   * outermost such group the field is inside; `nested` has the ones inside it.
   */
  readonly choice: number | undefined;
  /**
   * The 1-based alternative of that choice this member belongs to (members of one alternative go together);
   * 0 for an optional sequence (a group of one alternative).
   */
  readonly alternative?: number | undefined;
  /**
   * For a choice member: the choice may be left out altogether (no alternative sent). `min` of a choice
   * member counts within its alternative: 1 means required whenever that alternative is the one sent.
   */
  readonly choiceOptional?: boolean;
  /**
   * The groups inside `choice`'s alternative that the field is inside, outer to inner (a choice in an
   * alternative, an optional sequence in one). `min` then counts within the innermost one.
   */
  readonly nested?: readonly ChoiceStep[];
  /** Elements of the substitution group this element heads, which may stand in its place. */
  readonly substitutes?: readonly { readonly name: QName; readonly type: ValueType }[];
  /**
   * A repeated xs:choice of elements (the choice's maxOccurs > 1), kept as one ordered list: the property holds
   * one single-key object per element, keyed by the alternative's property (`{ Folder: … }`), so alternatives
   * mix in document order. `name` and `type` are then informative only; `min`/`max` count items.
   */
  readonly alternatives?: FieldModel[];
  /** XSD `fixed` (lexical value): the element, when present, holds this value (XSD Part 1 §3.3.1). */
  readonly fixed?: string | undefined;
  readonly pos: SourcePos;
}

export interface AttributeModel {
  prop: string;
  readonly name: QName;
  readonly type: ValueType;
  readonly required: boolean;
  readonly doc: string | undefined;
  /** XSD `fixed` (lexical value): the attribute, when present, holds this value (XSD Part 1 §3.2.1). */
  readonly fixed?: string | undefined;
  readonly pos: SourcePos;
}

interface ModelBase {
  /** Stable id: `t:{ns}local` for a named schema type, `e:{ns}local` for a global element's anonymous type, `<parent>/<local>` for nested anonymous types, `m:{ns}local` for an rpc message. */
  readonly id: string;
  /** The schema type's qualified name (for xsi:type); undefined for anonymous types. */
  readonly qname: QName | undefined;
  /** The name the type would like: the schema name, or one derived from where it is declared. */
  readonly desiredName: string;
  /** How strongly it holds that name when names clash (lower wins): 0 named type, 1 element, 2 nested, 3 other. */
  readonly namePriority: number;
  /** Allocated TypeScript name. */
  tsName: string;
  /** Allocated name of the input variant when one is emitted (see `analyze/usage.ts`). */
  inputName: string | undefined;
  /** Allocated name of the `…OrSubtype` union requests use where this type or a derived one may stand. */
  polyName?: string | undefined;
  /**
   * Allocated name of the union responses use where this type or a derived one may stand (each derived
   * member with its `$type`); the same as `polyName` when one union serves both directions.
   */
  polyOutName?: string | undefined;
  readonly doc: string | undefined;
  readonly pos: SourcePos;
}

export interface StructModel extends ModelBase {
  readonly kind: "struct";
  base: ValueType | undefined;
  readonly abstract: boolean;
  readonly fields: FieldModel[];
  readonly attributes: AttributeModel[];
  /** simpleContent: the type of the element's text, held in `textProp`. */
  text: ValueType | undefined;
  textProp: string;
}

export interface EnumModel extends ModelBase {
  readonly kind: "enum";
  readonly base: Primitive;
  readonly values: { readonly value: string; key: string; readonly doc: string | undefined; readonly number: string | undefined }[];
  /** Name of the `const` object holding the values; for a flags list it is the list's name. */
  constName: string;
}

export interface ListModel extends ModelBase {
  readonly kind: "list";
  item: ValueType;
}

/** A named simple type restricting another one without enumerating values. */
export interface AliasModel extends ModelBase {
  readonly kind: "alias";
  base: ValueType;
  /** This restriction's own facets (the base's apply too). */
  readonly facets: FacetSet | undefined;
}

export interface UnionModel extends ModelBase {
  readonly kind: "union";
  members: ValueType[];
}

export interface ArrayModel extends ModelBase {
  readonly kind: "array";
  item: FieldModel;
  readonly encoded: boolean;
}

export interface DictionaryModel extends ModelBase {
  readonly kind: "dictionary";
  readonly entry: QName;
  key: FieldModel;
  value: FieldModel;
}

export type TypeModel = StructModel | EnumModel | ListModel | AliasModel | UnionModel | ArrayModel | DictionaryModel;

/** The body of one message (see BodyDescriptor in templates/runtime/descriptors.ts). */
export type BodyModel =
  | { readonly kind: "element"; readonly field: FieldModel }
  | { readonly kind: "parts"; readonly wrapper: QName | undefined; readonly parts: FieldModel[]; readonly typeId: string }
  | { readonly kind: "empty" };

export interface MessageModel {
  readonly body: BodyModel;
  readonly headers: FieldModel[];
  /** Name of the headers type (allocated); undefined when there are no headers. */
  headersType: string | undefined;
  /** Name of the constant holding the header descriptors when several operations share them. */
  headersConst: string | undefined;
  /** Output only: the property of the body element's struct that the method returns. */
  readonly unwrap: FieldModel | undefined;
  /** Output only: the body element's struct is empty, so the method returns nothing. */
  readonly void: boolean;
}

export interface FaultModel {
  readonly name: string;
  readonly field: FieldModel;
}

export interface OperationModel {
  readonly name: string;
  /** Allocated method name (camelCase). */
  method: string;
  readonly doc: string | undefined;
  readonly action: string;
  readonly style: "document" | "rpc";
  readonly encoded: boolean;
  readonly input: MessageModel;
  readonly output: MessageModel | undefined;
  readonly faults: readonly FaultModel[];
  readonly pos: SourcePos;
}

export interface FailureRuleModel {
  readonly flag: string;
  readonly failureValue: boolean | string;
  readonly detail: string | undefined;
}

export interface ClientModel {
  /** Allocated class name, e.g. `UserClient`. */
  className: string;
  /** Allocated names of the descriptor const and the operations interface. */
  descriptorName: string;
  operationsName: string;
  /** Allocated names of the fault map (`wsdl:fault` name → detail type) and its guard; "" without faults. */
  faultsName: string;
  faultGuardName: string;
  /** File name without extension. */
  fileName: string;
  readonly desiredBase: string;
  readonly service: string;
  readonly port: string;
  readonly soap: SoapVersion;
  readonly endpoint: string;
  readonly doc: string | undefined;
  readonly operations: OperationModel[];
  readonly failure: FailureRuleModel | undefined;
  readonly pos: SourcePos;
}

export interface ServiceModel {
  readonly types: ReadonlyMap<string, TypeModel>;
  readonly clients: readonly ClientModel[];
}
