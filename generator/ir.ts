/**
 * The intermediate representation: WSDL 1.1 and XSD 1.0 components as readonly, kind-tagged data with every
 * QName resolved once (against the prefixes in scope at the element that wrote it). Nothing after the parse
 * stage sees XML nodes. Every component keeps the position it was declared at, for diagnostics.
 */
import type { SourcePos } from "./diagnostics.js";
import type { QName } from "./ns.js";

export type { QName } from "./ns.js";

/** maxOccurs="unbounded" is Infinity. */
export interface Occurs {
  readonly min: number;
  readonly max: number;
}

// ---------------------------------------------------------------------------------------------------------
// XML Schema (XSD Part 1 §3)

/** A type used by an element or attribute: a reference to a named type, or an anonymous type declared in place. */
export type TypeUse = { readonly kind: "ref"; readonly name: QName; readonly pos: SourcePos } | { readonly kind: "inline"; readonly type: ComplexType | SimpleType };

/** One entry of xs:annotation/xs:appinfo, kept generic; the analysis reads WCF's (IsDictionary, ActualType…). */
export interface AppInfo {
  readonly name: QName;
  readonly attrs: Readonly<Record<string, string>>;
  readonly text: string;
}

export interface Annotated {
  /** Text of xs:documentation, whitespace-trimmed; undefined when there is none. */
  readonly doc?: string | undefined;
  readonly appinfo: readonly AppInfo[];
}

/** A global element declaration, or a local one inside a content model (XSD Part 1 §3.3). */
export interface ElementDecl extends Annotated {
  readonly kind: "element";
  /** For a local element the namespace follows `form` / `elementFormDefault` (already applied here). */
  readonly name: QName;
  /** Absent type means xs:anyType (XSD Part 1 §3.3.2). */
  readonly type: TypeUse | undefined;
  readonly nillable: boolean;
  readonly abstract: boolean;
  readonly substitutionGroup: QName | undefined;
  readonly default: string | undefined;
  readonly fixed: string | undefined;
  readonly global: boolean;
  readonly pos: SourcePos;
}

export interface ElementParticle {
  readonly kind: "element";
  readonly occurs: Occurs;
  /** A local declaration, or a reference (`ref=`) to a global element. */
  readonly decl: ElementDecl | { readonly kind: "elementRef"; readonly ref: QName; readonly pos: SourcePos };
  readonly pos: SourcePos;
}

export interface ModelGroup {
  readonly kind: "sequence" | "choice" | "all";
  readonly occurs: Occurs;
  readonly particles: readonly Particle[];
  readonly pos: SourcePos;
}

export interface GroupRef {
  readonly kind: "groupRef";
  readonly ref: QName;
  readonly occurs: Occurs;
  readonly pos: SourcePos;
}

/** xs:any (XSD Part 1 §3.10). */
export interface AnyParticle {
  readonly kind: "any";
  readonly occurs: Occurs;
  readonly namespace: string;
  readonly processContents: "strict" | "lax" | "skip";
  readonly pos: SourcePos;
}

export type Particle = ElementParticle | ModelGroup | GroupRef | AnyParticle;

export interface AttributeDecl extends Annotated {
  readonly kind: "attribute";
  readonly name: QName;
  readonly type: TypeUse | undefined;
  readonly default: string | undefined;
  readonly fixed: string | undefined;
  readonly pos: SourcePos;
}

export interface AttributeUse {
  readonly kind: "attributeUse";
  readonly use: "optional" | "required" | "prohibited";
  readonly decl: AttributeDecl | { readonly kind: "attributeRef"; readonly ref: QName; readonly pos: SourcePos };
  readonly pos: SourcePos;
}

export interface AttributeGroupRef {
  readonly kind: "attributeGroupRef";
  readonly ref: QName;
  readonly pos: SourcePos;
}

export type AttributeItem = AttributeUse | AttributeGroupRef;

export interface Facets {
  readonly enumeration: readonly { readonly value: string; readonly doc?: string | undefined; readonly appinfo: readonly AppInfo[] }[];
  readonly pattern: readonly string[];
  readonly length?: number | undefined;
  readonly minLength?: number | undefined;
  readonly maxLength?: number | undefined;
  readonly minInclusive?: string | undefined;
  readonly maxInclusive?: string | undefined;
  readonly minExclusive?: string | undefined;
  readonly maxExclusive?: string | undefined;
  readonly totalDigits?: number | undefined;
  readonly fractionDigits?: number | undefined;
  readonly whiteSpace?: string | undefined;
}

/** xs:simpleType (XSD Part 1 §3.14). */
export interface SimpleType extends Annotated {
  readonly kind: "simpleType";
  readonly name: QName | undefined;
  readonly variety:
    | { readonly kind: "restriction"; readonly base: TypeUse; readonly facets: Facets }
    | { readonly kind: "list"; readonly item: TypeUse }
    | { readonly kind: "union"; readonly members: readonly TypeUse[] };
  readonly pos: SourcePos;
}

/** What a complex type contains (XSD Part 1 §3.4). */
export type ComplexContent =
  /** complexContent (or the implicit form): an optional content model, possibly derived from a base. */
  | {
      readonly kind: "complex";
      readonly derivation: { readonly method: "extension" | "restriction"; readonly base: QName; readonly pos: SourcePos } | undefined;
      readonly particle: ModelGroup | GroupRef | undefined;
    }
  /** simpleContent: text of a simple type, plus attributes. */
  | {
      readonly kind: "simple";
      readonly method: "extension" | "restriction";
      readonly base: TypeUse;
      readonly facets: Facets | undefined;
    };

export interface ComplexType extends Annotated {
  readonly kind: "complexType";
  readonly name: QName | undefined;
  readonly abstract: boolean;
  readonly mixed: boolean;
  readonly content: ComplexContent;
  readonly attributes: readonly AttributeItem[];
  readonly anyAttribute: boolean;
  /** soapenc:arrayType from a SOAP-encoded array restriction (WSDL 1.1 §5), e.g. `tns:Item[]`. */
  readonly soapArrayType: QName | undefined;
  readonly pos: SourcePos;
}

export interface Group {
  readonly kind: "group";
  readonly name: QName;
  readonly particle: ModelGroup | undefined;
  readonly pos: SourcePos;
}

export interface AttributeGroup {
  readonly kind: "attributeGroup";
  readonly name: QName;
  readonly attributes: readonly AttributeItem[];
  readonly anyAttribute: boolean;
  readonly pos: SourcePos;
}

/** All global schema components of all loaded schemas, keyed by `qkey`. */
export interface SchemaSet {
  readonly elements: ReadonlyMap<string, ElementDecl>;
  readonly types: ReadonlyMap<string, ComplexType | SimpleType>;
  readonly attributes: ReadonlyMap<string, AttributeDecl>;
  readonly groups: ReadonlyMap<string, Group>;
  readonly attributeGroups: ReadonlyMap<string, AttributeGroup>;
  /** Target namespaces of every schema that was read. */
  readonly namespaces: ReadonlySet<string>;
}

// ---------------------------------------------------------------------------------------------------------
// WSDL 1.1

export interface MessagePart {
  readonly name: string;
  readonly element: QName | undefined;
  readonly type: QName | undefined;
  readonly pos: SourcePos;
}

export interface Message {
  readonly kind: "message";
  readonly name: QName;
  readonly parts: readonly MessagePart[];
  readonly pos: SourcePos;
}

export interface OperationMessageRef {
  readonly name: string | undefined;
  readonly message: QName;
  /** wsaw:Action / wsam:Action, when given. */
  readonly action: string | undefined;
  readonly pos: SourcePos;
}

export interface PortTypeOperation {
  readonly name: string;
  readonly doc: string | undefined;
  readonly input: OperationMessageRef | undefined;
  readonly output: OperationMessageRef | undefined;
  readonly faults: readonly (OperationMessageRef & { readonly name: string })[];
  readonly pos: SourcePos;
}

export interface PortType {
  readonly kind: "portType";
  readonly name: QName;
  readonly doc: string | undefined;
  readonly operations: readonly PortTypeOperation[];
  readonly pos: SourcePos;
}

export type SoapVersion = "1.1" | "1.2";
export type SoapUse = "literal" | "encoded";

export interface SoapBody {
  readonly use: SoapUse;
  /** `parts=` restricts the body to these parts; undefined means all parts not bound as headers. */
  readonly parts: readonly string[] | undefined;
  readonly namespace: string | undefined;
  readonly encodingStyle: string | undefined;
}

export interface SoapHeaderBinding {
  readonly message: QName;
  readonly part: string;
  readonly use: SoapUse;
  readonly namespace: string | undefined;
  readonly pos: SourcePos;
}

export interface BindingMessage {
  readonly name: string | undefined;
  readonly body: SoapBody | undefined;
  readonly headers: readonly SoapHeaderBinding[];
  /** Set when the message is bound with something other than soap:body (MIME, DIME…), named for the diagnostic. */
  readonly unsupported: string | undefined;
  readonly pos: SourcePos;
}

export interface BindingOperation {
  readonly name: string;
  readonly soapAction: string | undefined;
  readonly style: "document" | "rpc" | undefined;
  readonly input: BindingMessage | undefined;
  readonly output: BindingMessage | undefined;
  readonly faults: readonly { readonly name: string; readonly use: SoapUse; readonly pos: SourcePos }[];
  readonly pos: SourcePos;
}

export interface Binding {
  readonly kind: "binding";
  readonly name: QName;
  readonly portType: QName;
  /** undefined: not a SOAP binding (HTTP GET/POST, or something else). */
  readonly soap: SoapVersion | undefined;
  readonly style: "document" | "rpc";
  readonly transport: string | undefined;
  readonly operations: readonly BindingOperation[];
  readonly pos: SourcePos;
}

export interface Port {
  readonly name: string;
  readonly binding: QName;
  readonly address: string | undefined;
  readonly pos: SourcePos;
}

export interface Service {
  readonly kind: "service";
  readonly name: QName;
  readonly doc: string | undefined;
  readonly ports: readonly Port[];
  readonly pos: SourcePos;
}

export interface WsdlSet {
  readonly messages: ReadonlyMap<string, Message>;
  readonly portTypes: ReadonlyMap<string, PortType>;
  readonly bindings: ReadonlyMap<string, Binding>;
  readonly services: readonly Service[];
}

/** The whole parsed input. */
export interface Definitions {
  readonly schema: SchemaSet;
  readonly wsdl: WsdlSet;
}
