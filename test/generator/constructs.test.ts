/**
 * One table per XSD construct: a schema snippet in, the exact TypeScript declarations (types.ts) and
 * descriptor entries (schema.ts) out. The snippet is wrapped in a one-operation WSDL whose request element
 * is `Req` and response element `Resp` (see test/helpers/generate.ts).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { declaration, generateSnippet } from "../helpers/generate.js";
import { typeTableView } from "../helpers/schema-view.js";

interface Case {
  readonly name: string;
  readonly schema: string;
  readonly schemaAttrs?: string;
  /** Expected declarations in types.ts, each exactly (name → text). */
  readonly types?: Readonly<Record<string, string>>;
  /** Names that must not be declared in types.ts. */
  readonly absent?: readonly string[];
  /** Expected substrings of schema.ts. */
  readonly descriptors?: readonly string[];
  /** Expected substrings of the client file. */
  readonly client?: readonly string[];
}

const RESP_EMPTY = `<xs:element name="Resp"><xs:complexType><xs:sequence/></xs:complexType></xs:element>`;

const cases: Case[] = [
  {
    name: "sequence: occurs and nillable give three-state properties",
    schema: `
      <xs:element name="Req"><xs:complexType><xs:sequence>
        <xs:element name="required" type="xs:string"/>
        <xs:element name="optional" type="xs:string" minOccurs="0"/>
        <xs:element name="nillable" type="xs:string" nillable="true"/>
        <xs:element name="both" type="xs:string" minOccurs="0" nillable="true"/>
        <xs:element name="many" type="xs:int" minOccurs="0" maxOccurs="unbounded"/>
        <xs:element name="manyNil" type="xs:int" maxOccurs="3" nillable="true"/>
      </xs:sequence></xs:complexType></xs:element>
      ${RESP_EMPTY}`,
    types: {
      Req: [
        "export interface Req {",
        "  required: string;",
        "  optional?: string;",
        "  nillable: string | null;",
        "  both?: string | null;",
        "  many?: readonly number[];",
        "  manyNil: readonly (number | null)[];",
        "}",
      ].join("\n"),
    },
    descriptors: [
      `{ name: "required", ns: nsTest, type: "xs:string" }`,
      `{ name: "both", ns: nsTest, type: "xs:string", min: 0, nillable: true }`,
      `{ name: "many", ns: nsTest, type: "xs:int", min: 0, max: "unbounded" }`,
      `{ name: "manyNil", ns: nsTest, type: "xs:int", max: 3, nillable: true }`,
    ],
  },
  {
    name: "complexContent extension: interface extends its base, base fields stay in the base",
    schema: `
      <xs:complexType name="Base"><xs:sequence><xs:element name="A" type="xs:string" minOccurs="0"/></xs:sequence></xs:complexType>
      <xs:complexType name="Derived"><xs:complexContent mixed="false"><xs:extension base="tns:Base">
        <xs:sequence><xs:element name="B" type="xs:boolean" minOccurs="0"/></xs:sequence>
      </xs:extension></xs:complexContent></xs:complexType>
      <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="D" type="tns:Derived"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Resp"><xs:complexType><xs:sequence><xs:element name="D" type="tns:Derived"/></xs:sequence></xs:complexType></xs:element>`,
    types: {
      Base: "export interface Base {\n  A?: string;\n}",
      Derived: "export interface Derived extends Base {\n  B?: boolean;\n}",
    },
    descriptors: [
      `Derived: {\n    kind: "struct",\n    qname: [nsTest, "Derived"],\n    base: "Base",\n    fields: [{ name: "B", ns: nsTest, type: "xs:boolean", min: 0 }],\n  },`,
    ],
  },
  {
    name: "enumeration: a literal union plus a const object of the values",
    schema: `
      <xs:simpleType name="Color"><xs:restriction base="xs:string">
        <xs:enumeration value="Red"/><xs:enumeration value="Dark Blue"/><xs:enumeration value=""/><xs:enumeration value="1st"/>
      </xs:restriction></xs:simpleType>
      <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="C" type="tns:Color"/></xs:sequence></xs:complexType></xs:element>
      ${RESP_EMPTY}`,
    types: {
      Color: 'export type Color = "Red" | "Dark Blue" | "" | "1st";',
    },
    descriptors: [`Color: { kind: "enum", qname: [nsTest, "Color"], base: "xs:string", values: ["Red", "Dark Blue", "", "1st"] }`],
  },
  {
    name: "flags: xs:list of an anonymous enumeration is an array of literals, the const named after the list",
    schema: `
      <xs:simpleType name="Rights"><xs:list><xs:simpleType><xs:restriction base="xs:string">
        <xs:enumeration value="Read"/><xs:enumeration value="Write"/>
      </xs:restriction></xs:simpleType></xs:list></xs:simpleType>
      <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="R" type="tns:Rights"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Resp"><xs:complexType><xs:sequence><xs:element name="R" type="tns:Rights"/></xs:sequence></xs:complexType></xs:element>`,
    types: {
      Rights: "export type Rights = RightsItem[];",
      RightsItem: 'export type RightsItem = "Read" | "Write";',
    },
    descriptors: [`Rights: { kind: "list", qname: [nsTest, "Rights"], item: "RightsItem" }`, `RightsItem: { kind: "enum", base: "xs:string", values: ["Read", "Write"] }`],
  },
  {
    name: "xs:list of a built-in",
    schema: `
      <xs:simpleType name="Ints"><xs:list itemType="xs:int"/></xs:simpleType>
      <xs:element name="Resp"><xs:complexType><xs:sequence><xs:element name="I" type="tns:Ints"/><xs:element name="X" type="xs:int"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Req"><xs:complexType><xs:sequence/></xs:complexType></xs:element>`,
    types: { Ints: "export type Ints = number[];" },
  },
  {
    name: "WCF dictionary (IsDictionary) becomes a keyed type",
    schema: `
      <xs:complexType name="Bag">
        <xs:annotation><xs:appinfo><IsDictionary xmlns="http://schemas.microsoft.com/2003/10/Serialization/">true</IsDictionary></xs:appinfo></xs:annotation>
        <xs:sequence><xs:element minOccurs="0" maxOccurs="unbounded" name="BagKeyValuePair"><xs:complexType><xs:sequence>
          <xs:element name="Key" nillable="true" type="xs:string"/><xs:element name="Value" type="xs:int"/>
        </xs:sequence></xs:complexType></xs:element></xs:sequence>
      </xs:complexType>
      <xs:element name="Resp"><xs:complexType><xs:sequence><xs:element name="B" type="tns:Bag" nillable="true"/><xs:element name="X" type="xs:int"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Req"><xs:complexType><xs:sequence/></xs:complexType></xs:element>`,
    types: { Bag: "export type Bag = Record<string, number>;", Resp: "export interface Resp {\n  B: Bag | null;\n  X: number;\n}" },
    descriptors: [
      'entry: { name: "BagKeyValuePair", ns: nsTest }',
      'key: { name: "Key", ns: nsTest, type: "xs:string", nillable: true }',
      'value: { name: "Value", ns: nsTest, type: "xs:int" }',
    ],
  },
  {
    name: "ArrayOfX collections unwrap to arrays (nested, nillable items)",
    schema: `
      <xs:complexType name="Item"><xs:sequence><xs:element name="N" type="xs:int" minOccurs="0"/></xs:sequence></xs:complexType>
      <xs:complexType name="ArrayOfItem"><xs:sequence><xs:element minOccurs="0" maxOccurs="unbounded" name="Item" nillable="true" type="tns:Item"/></xs:sequence></xs:complexType>
      <xs:complexType name="ArrayOfArrayOfItem"><xs:sequence><xs:element minOccurs="0" maxOccurs="unbounded" name="ArrayOfItem" nillable="true" type="tns:ArrayOfItem"/></xs:sequence></xs:complexType>
      <xs:complexType name="ArrayOfint"><xs:sequence><xs:element minOccurs="0" maxOccurs="unbounded" name="int" type="xs:int"/></xs:sequence></xs:complexType>
      <xs:element name="Resp"><xs:complexType><xs:sequence>
        <xs:element minOccurs="0" name="Items" nillable="true" type="tns:ArrayOfItem"/>
        <xs:element minOccurs="0" name="Grid" nillable="true" type="tns:ArrayOfArrayOfItem"/>
        <xs:element minOccurs="0" name="Ids" nillable="true" type="tns:ArrayOfint"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="Req"><xs:complexType><xs:sequence/></xs:complexType></xs:element>`,
    types: {
      Resp: "export interface Resp {\n  Items?: (Item | null)[] | null;\n  Grid?: ((Item | null)[] | null)[] | null;\n  Ids?: number[] | null;\n}",
      ArrayOfItem: "export type ArrayOfItem = (Item | null)[];",
    },
    descriptors: [`item: { name: "Item", ns: nsTest, type: "Item", min: 0, max: "unbounded", nillable: true }`],
  },
  {
    name: "WCF serialization primitives: ser:guid, ser:duration, ser:char are mapped deliberately",
    schemaAttrs: `xmlns:ser="http://schemas.microsoft.com/2003/10/Serialization/"`,
    schema: `
      <xs:element name="Resp"><xs:complexType><xs:sequence>
        <xs:element name="Id" type="ser:guid"/><xs:element name="Lead" type="ser:duration"/><xs:element name="Letter" type="ser:char"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="Letter" type="ser:char"/></xs:sequence></xs:complexType></xs:element>`,
    types: {
      Resp: "export interface Resp {\n  Id: Guid;\n  Lead: string;\n  Letter: number;\n}",
      Req: "export interface Req {\n  Letter: CharInput;\n}",
    },
    descriptors: ['type: "xs:guid"', 'type: "xs:duration"', 'type: "xs:char"'],
  },
  {
    name: "lossless decimal, long, dateTime; the request form accepts Date, number and bigint",
    schema: `
      <xs:complexType name="Money"><xs:sequence>
        <xs:element name="Amount" type="xs:decimal"/><xs:element name="Cents" type="xs:long"/><xs:element name="At" type="xs:dateTime"/>
        <xs:element name="Big" type="xs:integer"/><xs:element name="D" type="xs:double"/><xs:element name="Raw" type="xs:base64Binary"/>
      </xs:sequence></xs:complexType>
      <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="M" type="tns:Money"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Resp"><xs:complexType><xs:sequence><xs:element name="M" type="tns:Money"/></xs:sequence></xs:complexType></xs:element>`,
    types: {
      Money: "export interface Money {\n  Amount: DecimalString;\n  Cents: bigint;\n  At: DateTimeString;\n  Big: bigint;\n  D: number;\n  Raw: Uint8Array;\n}",
      MoneyInput: "export interface MoneyInput {\n  Amount: DecimalInput;\n  Cents: IntegerInput;\n  At: DateTimeInput;\n  Big: IntegerInput;\n  D: number;\n  Raw: Uint8Array;\n}",
      Req: "export interface Req {\n  M: MoneyInput;\n}",
      Resp: "export interface Resp {\n  M: Money;\n}",
    },
  },
  {
    name: "a recursive type refers to itself",
    schema: `
      <xs:complexType name="Node"><xs:sequence>
        <xs:element name="Name" type="xs:string" minOccurs="0"/><xs:element name="Inner" type="tns:Node" minOccurs="0" nillable="true"/>
        <xs:element name="Children" type="tns:Node" minOccurs="0" maxOccurs="unbounded"/>
      </xs:sequence></xs:complexType>
      <xs:element name="Resp"><xs:complexType><xs:sequence><xs:element name="N" type="tns:Node"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Req"><xs:complexType><xs:sequence/></xs:complexType></xs:element>`,
    types: { Node: "export interface Node {\n  Name?: string;\n  Inner?: Node | null;\n  Children: Node[];\n}" },
  },
  {
    name: "choice: a union of its alternatives (the others absent), numbered by alternative (a sequence is one alternative), required within it",
    schema: `
      <xs:element name="Req"><xs:complexType><xs:sequence>
        <xs:choice>
          <xs:element name="ByName" type="xs:string"/>
          <xs:sequence><xs:element name="Lat" type="xs:double"/><xs:element name="Lon" type="xs:double"/></xs:sequence>
        </xs:choice>
      </xs:sequence></xs:complexType></xs:element>
      ${RESP_EMPTY}`,
    types: {
      Req: [
        "export type Req =",
        "  | {",
        "      ByName: string;",
        "      Lat?: never; Lon?: never;",
        "    }",
        "  | {",
        "      Lat: number;",
        "      Lon: number;",
        "      ByName?: never;",
        "    };",
      ].join("\n"),
    },
    descriptors: [
      `{ name: "ByName", ns: nsTest, type: "xs:string", choice: 1, alternative: 1 }`,
      `{ name: "Lat", ns: nsTest, type: "xs:double", choice: 1, alternative: 2 }`,
      `{ name: "Lon", ns: nsTest, type: "xs:double", choice: 1, alternative: 2 }`,
    ],
  },
  {
    name: "an optional choice; choices of a base and a derived type keep distinct group numbers",
    schema: `
      <xs:complexType name="Base"><xs:sequence><xs:choice minOccurs="0">
        <xs:element name="A" type="xs:string"/><xs:element name="B" type="xs:string"/>
      </xs:choice></xs:sequence></xs:complexType>
      <xs:complexType name="Derived"><xs:complexContent><xs:extension base="tns:Base"><xs:sequence><xs:choice>
        <xs:element name="C" type="xs:int"/>
        <xs:sequence><xs:element name="D" type="xs:int"/><xs:element name="E" type="xs:int" minOccurs="0"/></xs:sequence>
      </xs:choice></xs:sequence></xs:extension></xs:complexContent></xs:complexType>
      <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="X" type="tns:Derived"/></xs:sequence></xs:complexType></xs:element>
      ${RESP_EMPTY}`,
    descriptors: [
      `{ name: "A", ns: nsTest, type: "xs:string", choice: 1, alternative: 1, choiceOptional: true }`,
      `{ name: "B", ns: nsTest, type: "xs:string", choice: 1, alternative: 2, choiceOptional: true }`,
      `{ name: "C", ns: nsTest, type: "xs:int", choice: 2, alternative: 1 }`,
      `{ name: "D", ns: nsTest, type: "xs:int", choice: 2, alternative: 2 }`,
      `{ name: "E", ns: nsTest, type: "xs:int", min: 0, choice: 2, alternative: 2 }`,
    ],
  },
  {
    name: "a repeated choice of elements is one ordered list of tagged items; a type that is only that is unwrapped",
    schema: `
      <xs:complexType name="Shapes"><xs:choice maxOccurs="unbounded">
        <xs:element name="Circle" type="xs:double"/><xs:element name="Square" type="xs:int" nillable="true"/>
      </xs:choice></xs:complexType>
      <xs:complexType name="Drawing"><xs:sequence>
        <xs:element name="Title" type="xs:string"/>
        <xs:choice minOccurs="0" maxOccurs="unbounded"><xs:element name="Line" type="xs:string"/><xs:element name="Dot" type="xs:int"/></xs:choice>
        <xs:element name="Shapes" type="tns:Shapes"/>
      </xs:sequence></xs:complexType>
      <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="D" type="tns:Drawing"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Resp"><xs:complexType><xs:sequence><xs:element name="D" type="tns:Drawing"/></xs:sequence></xs:complexType></xs:element>`,
    types: {
      Shapes: "export type Shapes = OneOf<{ Circle: number; Square: number | null }>[];",
      Drawing: [
        "export interface Drawing {",
        "  Title: string;",
        "  /** A repeated choice of `Line`, `Dot` elements, mixed in document order: each item is an object with one of these properties. */",
        "  Items: OneOf<{ Line: string; Dot: number }>[];",
        "  Shapes: Shapes;",
        "}",
      ].join("\n"),
    },
    descriptors: [
      `alternatives: [{ name: "Circle", ns: nsTest, type: "xs:double" }, { name: "Square", ns: nsTest, type: "xs:int", nillable: true }],`,
      `name: "Items",\n        type: "xs:anyType",\n        min: 0,\n        max: "unbounded",\n        alternatives: [{ name: "Line", ns: nsTest, type: "xs:string" }, { name: "Dot", ns: nsTest, type: "xs:int" }],`,
    ],
  },
  {
    name: "attributes, attribute groups and simpleContent",
    schema: `
      <xs:attributeGroup name="Audit"><xs:attribute name="by" type="xs:string"/></xs:attributeGroup>
      <xs:complexType name="Price"><xs:simpleContent><xs:extension base="xs:decimal">
        <xs:attribute name="currency" type="xs:string" use="required"/><xs:attributeGroup ref="tns:Audit"/>
      </xs:extension></xs:simpleContent></xs:complexType>
      <xs:element name="Resp"><xs:complexType><xs:sequence><xs:element name="P" type="tns:Price"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Req"><xs:complexType><xs:sequence/></xs:complexType></xs:element>`,
    types: {
      Price: [
        "export interface Price {",
        "  /** XML attribute. */",
        "  currency: string;",
        "  /** XML attribute. */",
        "  by?: string;",
        "  /** The element's text content. */",
        "  value: DecimalString;",
        "}",
      ].join("\n"),
    },
    descriptors: ['attributes: [{ name: "currency", type: "xs:string", required: true }, { name: "by", type: "xs:string" }]', 'text: "xs:decimal"'],
  },
  {
    name: "element ref, group ref, and a prefix declared on the element itself",
    schema: `
      <xs:element name="Shared" type="xs:string"/>
      <xs:group name="G"><xs:sequence><xs:element name="FromGroup" type="xs:int"/></xs:sequence></xs:group>
      <xs:element name="Req"><xs:complexType><xs:sequence>
        <xs:element ref="tns:Shared"/><xs:group ref="tns:G"/>
        <xs:element name="Inline" type="q9:Other" xmlns:q9="urn:test"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:simpleType name="Other"><xs:restriction base="xs:string"><xs:maxLength value="5"/></xs:restriction></xs:simpleType>
      ${RESP_EMPTY}`,
    types: {
      Req: "export interface Req {\n  Shared: string;\n  FromGroup: number;\n  Inline: Other;\n}",
      Other: "export type Other = string;",
    },
  },
  {
    name: "anonymous nested types are named after where they are declared",
    schema: `
      <xs:element name="Req"><xs:complexType><xs:sequence>
        <xs:element name="Address"><xs:complexType><xs:sequence><xs:element name="City" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
        <xs:element name="Kind"><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="a"/></xs:restriction></xs:simpleType></xs:element>
      </xs:sequence></xs:complexType></xs:element>
      ${RESP_EMPTY}`,
    types: {
      Req: "export interface Req {\n  Address: ReqAddress;\n  Kind: ReqKind;\n}",
      ReqAddress: "export interface ReqAddress {\n  City: string;\n}",
      ReqKind: 'export type ReqKind = "a";',
    },
  },
  {
    name: "xs:any holds the unmatched elements",
    schema: `
      <xs:element name="Resp"><xs:complexType><xs:sequence>
        <xs:element name="Known" type="xs:string"/><xs:any namespace="##other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="Req"><xs:complexType><xs:sequence/></xs:complexType></xs:element>`,
    types: { Resp: "export interface Resp {\n  Known: string;\n  /** Any elements (`xs:any`), in document order. */\n  any: XmlElement[];\n}" },
    descriptors: ['{ name: "any", type: "xs:anyType", min: 0, max: "unbounded", wildcard: true }'],
  },
  {
    name: "facets: anonymous restrictions on the element, named restrictions (both steps' patterns kept apart)",
    schema: `
      <xs:simpleType name="Code"><xs:restriction base="xs:string"><xs:pattern value="[A-Z]{2}"/><xs:pattern value="[A-Z]{3}"/></xs:restriction></xs:simpleType>
      <xs:simpleType name="EuCode"><xs:restriction base="tns:Code"><xs:pattern value="E.*"/><xs:maxLength value="3"/></xs:restriction></xs:simpleType>
      <xs:element name="Req"><xs:complexType><xs:sequence>
        <xs:element name="Name"><xs:simpleType><xs:restriction base="xs:string"><xs:minLength value="1"/><xs:maxLength value="35"/></xs:restriction></xs:simpleType></xs:element>
        <xs:element name="Count"><xs:simpleType><xs:restriction base="xs:int"><xs:minInclusive value="0"/><xs:maxExclusive value="200"/></xs:restriction></xs:simpleType></xs:element>
        <xs:element name="Amount"><xs:simpleType><xs:restriction base="xs:decimal"><xs:totalDigits value="9"/><xs:fractionDigits value="2"/></xs:restriction></xs:simpleType></xs:element>
        <xs:element name="Region" type="tns:EuCode"/>
      </xs:sequence></xs:complexType></xs:element>
      ${RESP_EMPTY}`,
    types: {
      Req: [
        "export interface Req {",
        "  /** Restricted by: minLength 1; maxLength 35. */",
        "  Name: string;",
        "  /** Restricted by: minInclusive 0; maxExclusive 200. */",
        "  Count: number;",
        "  /** Restricted by: totalDigits 9; fractionDigits 2. */",
        "  Amount: DecimalInput;",
        "  Region: EuCode;",
        "}",
      ].join("\n"),
    },
    descriptors: [
      '{ name: "Name", ns: nsTest, type: "xs:string", facets: { minLength: 1, maxLength: 35 } }',
      '{ name: "Count", ns: nsTest, type: "xs:int", facets: { minInclusive: "0", maxExclusive: "200" } }',
      '{ name: "Amount", ns: nsTest, type: "xs:decimal", facets: { totalDigits: 9, fractionDigits: 2 } }',
      // Each pattern with its JavaScript translation (generator/patterns.ts).
      'facets: { patterns: [["[A-Z]{2}", "[A-Z]{3}"]], regexes: [["^(?:[A-Z]{2})$", "^(?:[A-Z]{3})$"]] }',
      String.raw`facets: { maxLength: 3, patterns: [["E.*"]], regexes: [["^(?:E[^\\n\\r]*)$"]] }`,
    ],
  },
  {
    name: "xs:any in a request takes elements",
    schema: `
      <xs:element name="Req"><xs:complexType><xs:sequence>
        <xs:any namespace="##other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>
      </xs:sequence></xs:complexType></xs:element>
      ${RESP_EMPTY}`,
    types: { Req: "export interface Req {\n  /** Any elements (`xs:any`), in document order. */\n  any?: readonly XmlElement[];\n}" },
  },
];

describe("XSD constructs → TypeScript", () => {
  for (const c of cases) {
    test(c.name, async () => {
      const files = await generateSnippet({ schema: c.schema, ...(c.schemaAttrs ? { schemaAttrs: c.schemaAttrs } : {}) });
      const types = files.get("types.ts") ?? "";
      for (const [name, want] of Object.entries(c.types ?? {})) {
        assert.equal(declaration(types, name), want, `declaration of ${name}`);
      }
      for (const name of c.absent ?? []) assert.equal(declaration(types, name), undefined, `${name} should not be declared`);
      const schema = typeTableView(files.get("schema.ts") ?? "");
      for (const want of c.descriptors ?? []) assert.ok(schema.includes(want), `schema.ts should contain ${want}\n---\n${schema}`);
      const client = files.get("TestClient.ts") ?? "";
      for (const want of c.client ?? []) assert.ok(client.includes(want), `client should contain ${want}`);
    });
  }
});
