/**
 * Descriptors: the data that generated code hands to this runtime. These types are the contract: the
 * generator builds descriptor values of exactly these types (it type-imports this file) and only prints them;
 * the runtime reads them to encode requests and decode responses. Behaviour lives in the runtime; generated
 * code stays types plus these tables.
 *
 * Conventions (defaults are omitted in generated code to keep it readable):
 * - `ns` is a namespace URI; absent means "" (an unqualified element or attribute).
 * - `type` is a `TypeRef`: `"xs:<builtin>"` for an XSD built-in (or a WCF serialization primitive such as
 *   `"xs:guid"`), or the key of a named descriptor in the `TypeTable`.
 * - `min` defaults to 1, `max` to 1; `"unbounded"` is maxOccurs="unbounded".
 */
import type { Features } from "./features.js";

import type { Primitive } from "./primitives.js";

export type { Primitive } from "./primitives.js";

export type TypeRef = `xs:${Primitive}` | (string & {});

export type MaxOccurs = number | "unbounded";

/**
 * XSD constraining facets (XSD Part 2 §4.3) that a value must satisfy; the runtime checks them before sending.
 * Enumerations are not here (see EnumDescriptor). Bounds are lexical values of the restricted type.
 */
export interface FacetsDescriptor {
  readonly length?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  /**
   * XSD regular expressions (XSD Part 2 Appendix F), implicitly anchored. Each inner list is one derivation
   * step, whose patterns are alternatives (§4.3.4.3); a value must match every step.
   */
  readonly patterns?: readonly (readonly string[])[];
  /**
   * The JavaScript RegExp sources (anchored, for the `u` flag) of `patterns`, step by step, as the generator
   * translated them; the runtime checks only patterns that have them.
   */
  readonly regexes?: readonly (readonly string[])[];
  readonly minInclusive?: string;
  readonly maxInclusive?: string;
  readonly minExclusive?: string;
  readonly maxExclusive?: string;
  readonly totalDigits?: number;
  readonly fractionDigits?: number;
}

/** An element in a content model, a message part, or a header. */
export interface FieldDescriptor {
  /** Property name in the TypeScript object; defaults to `name`. */
  readonly prop?: string;
  /** Element local name on the wire. */
  readonly name: string;
  readonly ns?: string;
  readonly type: TypeRef;
  readonly min?: number;
  readonly max?: MaxOccurs;
  readonly nillable?: boolean;
  /**
   * xs:any wildcard: the property holds the unmatched child elements (as `XmlElement`s) in document order.
   * `name` and `type` are then informative only.
   */
  readonly wildcard?: boolean;
  /**
   * Members of one xs:choice share a group number; `alternative` numbers the choice's alternatives (from 1).
   * Only members of one alternative are sent (an alternative may be a sequence of several members).
   * Alternative 0: the group is an optional xs:sequence whose members go together (all of its required
   * members, or none of it). This is the outermost group the member is inside; `nested` has the inner ones.
   */
  readonly choice?: number;
  readonly alternative?: number;
  /**
   * The groups inside `choice`'s alternative the member is inside, outer to inner (a choice nested in an
   * alternative, an optional sequence inside one): each `[group, alternative, optional]` as for `choice`,
   * `alternative` and `choiceOptional`. `min` counts within the innermost one.
   */
  readonly nested?: readonly (readonly [choice: number, alternative: number, optional: boolean])[];
  /**
   * The member's choice may be left out altogether (no alternative sent). A choice member's `min` counts within
   * its alternative: 1 means required whenever that alternative is the one sent.
   */
  readonly choiceOptional?: boolean;
  /** Facets of an anonymous restriction declared on the element itself (named types carry their own). */
  readonly facets?: FacetsDescriptor;
  /**
   * Elements that may stand in this element's place (XSD substitution group members, XSD Part 1 §3.3.6),
   * each with its own type. Decoding accepts them; a value whose `$type` is a member's type is sent as that
   * member's element.
   */
  readonly substitutes?: readonly SubstituteDescriptor[];
  /**
   * A repeated xs:choice of elements, kept in document order: the property is an array of single-key objects,
   * each keyed by one alternative's `prop` (`{ Folder: … }`), and the alternative writes and reads that
   * element. `name` and `type` are then informative only; `min`/`max` count items.
   */
  readonly alternatives?: readonly FieldDescriptor[];
  /**
   * XSD `fixed` (its lexical value): requests send it when the property is left out and, with validation on,
   * refuse another value; strict decoding refuses another value (compared as values: "03" equals 3 for xs:int).
   */
  readonly fixed?: string;
}

export interface SubstituteDescriptor {
  readonly name: string;
  readonly ns?: string;
  readonly type: TypeRef;
}

export interface AttributeDescriptor {
  readonly prop?: string;
  readonly name: string;
  readonly ns?: string;
  readonly type: TypeRef;
  readonly required?: boolean;
  /** Facets of an anonymous restriction declared on the attribute itself. */
  readonly facets?: FacetsDescriptor;
  /** XSD `fixed`, as for FieldDescriptor.fixed. */
  readonly fixed?: string;
}

/** A complex type with element content and/or attributes (or simple content: `text`). */
export interface StructDescriptor {
  readonly kind: "struct";
  /** The schema type's qualified name, for `xsi:type`; absent for anonymous types. */
  readonly qname?: readonly [ns: string, local: string];
  /** Base type (complexContent/simpleContent extension): its fields come first, in order. */
  readonly base?: TypeRef;
  readonly abstract?: boolean;
  readonly fields: readonly FieldDescriptor[];
  readonly attributes?: readonly AttributeDescriptor[];
  /** simpleContent: the element's text, held in the property `textProp` (default `value`). */
  readonly text?: TypeRef;
  readonly textProp?: string;
}

/** A string enumeration. Values are the wire values. */
export interface EnumDescriptor {
  readonly kind: "enum";
  readonly qname?: readonly [ns: string, local: string];
  readonly base: TypeRef;
  readonly values: readonly string[];
}

/** xs:list: a whitespace-separated list, held as an array of its items (WCF flags enums are these). */
export interface ListDescriptor {
  readonly kind: "list";
  readonly qname?: readonly [ns: string, local: string];
  readonly item: TypeRef;
}

/** A named simple type that restricts another without enumerating values; encoded as its base. */
export interface SimpleDescriptor {
  readonly kind: "simple";
  readonly qname?: readonly [ns: string, local: string];
  readonly base: TypeRef;
  /** This restriction's own facets; the base's apply too. */
  readonly facets?: FacetsDescriptor;
}

/** xs:union: decoded as the text, encoded from a string or a member's value. */
export interface UnionDescriptor {
  readonly kind: "union";
  readonly qname?: readonly [ns: string, local: string];
  readonly members: readonly TypeRef[];
}

/**
 * An array wrapper (WCF `ArrayOfX`, SOAP-encoded arrays): the element holds repeated `item` elements, and the
 * TypeScript value is the array of their values.
 */
export interface ArrayDescriptor {
  readonly kind: "array";
  readonly qname?: readonly [ns: string, local: string];
  readonly item: FieldDescriptor;
  /** SOAP 1.1 encoding: write `soapenc:arrayType="<itemType>[n]"` on the wrapper. */
  readonly encoded?: boolean;
}

/**
 * A WCF dictionary (`IsDictionary` annotation): repeated `entry` elements each holding `key` and `value`;
 * the TypeScript value is an object keyed by the key's text.
 */
export interface DictionaryDescriptor {
  readonly kind: "dictionary";
  readonly qname?: readonly [ns: string, local: string];
  readonly entry: { readonly name: string; readonly ns?: string };
  readonly key: FieldDescriptor;
  readonly value: FieldDescriptor;
}

export type TypeDescriptor = StructDescriptor | EnumDescriptor | ListDescriptor | SimpleDescriptor | UnionDescriptor | ArrayDescriptor | DictionaryDescriptor;

/** Every named descriptor of one generated package, keyed by its TypeScript type name. */
export type TypeTable = Readonly<Record<string, TypeDescriptor>>;

/**
 * The SOAP Body of one message.
 * - `element`: document style with one part: the Body holds that element; the method's value is its value.
 * - `parts`: several parts, or rpc style: the method's value is an object keyed by part name; rpc wraps the
 *   parts in `wrapper` (the operation name, in the soap:body namespace).
 * - `empty`: no body content.
 */
export type BodyDescriptor =
  | { readonly kind: "element"; readonly field: FieldDescriptor }
  | { readonly kind: "parts"; readonly wrapper?: { readonly name: string; readonly ns?: string }; readonly parts: readonly FieldDescriptor[] }
  | { readonly kind: "empty" };

export interface MessageDescriptor {
  readonly body: BodyDescriptor;
  /** SOAP headers bound to this message, keyed by `prop` in the headers object. */
  readonly headers?: readonly FieldDescriptor[];
  /**
   * Output only: when the body element's type holds exactly one element, the method returns that element's
   * value (its property name here) instead of the wrapper object.
   */
  readonly unwrap?: string;
  /**
   * Output only: the body element's type is empty (a wrapper with no content, as for WCF operations that
   * return void), so the call resolves to `undefined`.
   */
  readonly void?: boolean;
}

export interface FaultDescriptor {
  /** wsdl:fault name. */
  readonly name: string;
  /** The detail element that identifies this fault. */
  readonly field: FieldDescriptor;
}

export interface OperationDescriptor {
  /** The WSDL operation name. */
  readonly name: string;
  /** SOAPAction (SOAP 1.1 header, SOAP 1.2 `action=` parameter); "" when the binding gives none. */
  readonly action: string;
  readonly style?: "document" | "rpc";
  /** SOAP encoding (rpc/encoded): elements carry xsi:type. Default literal. */
  readonly encoded?: boolean;
  readonly input: MessageDescriptor;
  /** Absent for one-way operations. */
  readonly output?: MessageDescriptor;
  readonly faults?: readonly FaultDescriptor[];
}

/**
 * How a service reports failure inside a normal response, through response headers. SuperOffice NetServer:
 * `Succeeded` = false, with the reason in `ExceptionInfo` (whose `ExceptionType` and `Message` make the
 * error's message, and whose `InnerException` holds the cause). The generator names the detail's keys from
 * its type; the runtime knows no service's names.
 */
export interface FailureRule {
  /** Response header property holding the success flag. */
  readonly flag: string;
  /** The flag's value that means failure. */
  readonly failureValue: boolean | string;
  /** Response header property with the failure's details, if any. */
  readonly detail?: string;
  /** Property of the detail holding the failure's kind (an exception type name), shown first in the message. */
  readonly type?: string;
  /** Property of the detail holding the failure's message. */
  readonly message?: string;
  /** Property of the detail holding the detail of its cause (a chain of ServiceErrors linked by `cause`). */
  readonly inner?: string;
}

export interface ClientDescriptor {
  /** The WSDL port name. */
  readonly port: string;
  readonly soap: "1.1" | "1.2";
  /** soap:address location from the WSDL; "" when none. */
  readonly endpoint: string;
  readonly types: TypeTable;
  readonly operations: Readonly<Record<string, OperationDescriptor>>;
  readonly failure?: FailureRule;
  /** The optional runtime parts these descriptors need (see features.ts); generated code names them. */
  readonly features?: Features;
}
