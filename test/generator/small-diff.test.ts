/**
 * A small WSDL change gives a small diff: each edit (add an element, an operation, a type, an element from a
 * new namespace; rename a type) is applied to a WSDL, both versions are generated, and every generated file
 * is diffed line by line. Changed lines must lie in the declarations the edit directly affects (the named
 * declarations, or lines that mention an edited name); at most a few others may change per edit (a blank
 * line, an import, the new namespace constant).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { generateDocs, ROOT } from "../helpers/generate.js";

/** Lines changed outside the affected declarations that one edit may cause. */
const OUTSIDE_ALLOWANCE = 3;

// ---------------------------------------------------------------------------------------------------------
// Line diff: the lines of `a` and of `b` that are not in a longest common subsequence.

export function changedLines(a: readonly string[], b: readonly string[]): { removed: number[]; added: number[] } {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  // lcs[i][j]: LCS length of a[start+i..endA) and b[start+j..endB).
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i] as Uint32Array;
    const below = lcs[i + 1] as Uint32Array;
    for (let j = m - 1; j >= 0; j--) {
      row[j] = a[start + i] === b[start + j] ? (below[j + 1] ?? 0) + 1 : Math.max(below[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const removed: number[] = [];
  const added: number[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[start + i] === b[start + j]) {
      i++;
      j++;
    } else if ((lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0)) removed.push(start + i++);
    else added.push(start + j++);
  }
  while (i < n) removed.push(start + i++);
  while (j < m) added.push(start + j++);
  return { removed, added };
}

// ---------------------------------------------------------------------------------------------------------
// Which declaration each line of a generated file belongs to, by indentation: a line's owners are the names
// of the blocks it is nested in plus its own (`export interface X`, a `key:` of an object, a method).

const DECL = /^(?:export\s+)?(?:declare\s+)?(?:abstract\s+)?(?:interface|type|const|let|class|function|enum)\s+([\p{L}\p{N}_$]+)/u;
const MEMBER = /^(?:static\s+)?(?:readonly\s+)?(?:async\s+)?([\p{L}\p{N}_$]+|"(?:[^"\\]|\\.)*")\??\s*[:(<]/u;

function nameOf(code: string): string | undefined {
  const d = DECL.exec(code);
  // `t$X` makes the descriptor of type X and `d$X` keeps it (schema.ts): both belong to X.
  if (d) return d[1]?.replace(/^[td]\$/, "");
  if (code.startsWith("import")) return "import";
  const m = MEMBER.exec(code);
  return m?.[1]?.replace(/^"|"$/g, "");
}

export function owners(lines: readonly string[]): string[][] {
  const out: string[][] = lines.map(() => []);
  const stack: { indent: number; name: string }[] = [];
  const path = (): string[] => stack.map((s) => s.name).filter((n) => n !== "");
  const comments: number[] = [];
  lines.forEach((line, k) => {
    const code = line.trim();
    if (code === "") {
      out[k] = path();
      return;
    }
    if (/^(\/\*\*|\*|\/\/)/.test(code)) {
      comments.push(k); // a comment belongs to the code line after it
      return;
    }
    const indent = line.length - line.trimStart().length;
    if (/^[}\])]/.test(code)) {
      while (stack.length && (stack[stack.length - 1]?.indent ?? 0) > indent) stack.pop();
      out[k] = path();
      if (stack.length && stack[stack.length - 1]?.indent === indent) stack.pop();
    } else {
      while (stack.length && (stack[stack.length - 1]?.indent ?? 0) >= indent) stack.pop();
      const name = nameOf(code) ?? "";
      out[k] = [...path(), ...(name ? [name] : [])];
      if (/[{[(]$/.test(code)) stack.push({ indent, name });
    }
    for (const c of comments.splice(0)) out[c] = out[k] ?? [];
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------

interface Edit {
  readonly name: string;
  /** [search, replacement] pairs applied to the WSDL; each search text must occur. */
  readonly replace: readonly (readonly [string, string])[];
  /** Generated declarations (type, constant, member or method names) the edit directly changes. */
  readonly affected: readonly string[];
}

interface Fixture {
  readonly name: string;
  readonly wsdl: string;
  readonly edits: readonly Edit[];
}

function applyEdit(wsdl: string, edit: Edit): string {
  let out = wsdl;
  for (const [from, to] of edit.replace) {
    assert.ok(out.includes(from), `${edit.name}: the WSDL has no ${JSON.stringify(from)}`);
    out = out.split(from).join(to);
  }
  return out;
}

async function files(wsdl: string): Promise<Map<string, string>> {
  const r = await generateDocs({ "mem:/service.wsdl": wsdl });
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  assert.equal(errors.length, 0, errors.map((d) => d.message).join("\n"));
  return new Map(r.files.filter((f) => !f.path.startsWith("runtime/")).map((f) => [f.path, f.text]));
}

interface Measure {
  /** Changed lines inside the affected declarations. */
  readonly inside: number;
  /** Changed lines elsewhere, with their file and text. */
  readonly outside: string[];
}

/** Blank, or nothing but brackets and punctuation: such a line goes with the changed lines around it. */
function contentFree(line: string): boolean {
  return /^[\s{}()[\];,]*$/.test(line);
}

/** Runs of consecutive line numbers. */
function runs(which: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const k of which) {
    const last = out[out.length - 1];
    if (last && last[1] === k) last[1] = k + 1;
    else out.push([k, k + 1]);
  }
  return out;
}

function measure(before: Map<string, string>, after: Map<string, string>, affected: readonly string[]): Measure {
  const names = new Set(affected);
  const mentions = new RegExp(`(?<![\\p{L}\\p{N}_$])(${affected.map((a) => a.replace(/[$]/g, "\\$")).join("|")})(?![\\p{L}\\p{N}_$])`, "u");
  let inside = 0;
  const outside: string[] = [];
  for (const path of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const a = (before.get(path) ?? "").split("\n");
    const b = (after.get(path) ?? "").split("\n");
    const { removed, added } = changedLines(a, b);
    const count = (lines: readonly string[], which: readonly number[], sign: string): void => {
      const own = owners(lines);
      const isInside = (k: number): boolean => (own[k] ?? []).some((o) => names.has(o)) || mentions.test(lines[k] ?? "");
      const changedSet = new Set(which);
      for (const [s0, e0] of runs(which)) {
        const changed = { has: (k: number): boolean => changedSet.has(k) && (k < s0 || k >= e0) };
        // A run of changed lines may slide over equal lines around it (`}` and blank lines repeat): the diff
        // is as true in every position, so the one that best matches the declarations is taken, as git does.
        let s = s0;
        let e = e0;
        while (s > 0 && !changed.has(s - 1) && lines[s - 1] === lines[e - 1]) [s, e] = [s - 1, e - 1];
        let best: { s: number; out: number[]; in: number } | undefined;
        for (;;) {
          const ins = new Set<number>();
          for (let k = s; k < e; k++) if (isInside(k)) ins.add(k);
          const out: number[] = [];
          for (let k = s; k < e; k++) if (!ins.has(k) && !(contentFree(lines[k] ?? "") && ins.size > 0)) out.push(k);
          if (!best || out.length < best.out.length) best = { s, out, in: e - s - out.length };
          if (e >= lines.length || changed.has(e) || lines[s] !== lines[e]) break;
          [s, e] = [s + 1, e + 1];
        }
        inside += best.in;
        for (const k of best.out) outside.push(`${path}:${k + 1}: ${sign} ${lines[k] ?? ""}`);
      }
    };
    count(a, removed, "-");
    count(b, added, "+");
  }
  return { inside, outside };
}

// ---------------------------------------------------------------------------------------------------------
// Fixtures.

const SHOP = `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions name="Shop" targetNamespace="urn:example:shop" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
  xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="urn:example:shop" xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:c="urn:example:common">
  <wsdl:types>
    <xs:schema targetNamespace="urn:example:common" elementFormDefault="qualified">
      <xs:complexType name="Money">
        <xs:sequence>
          <xs:element name="Amount" type="xs:decimal"/>
          <xs:element name="Currency" type="xs:string"/>
        </xs:sequence>
      </xs:complexType>
    </xs:schema>
    <xs:schema targetNamespace="urn:example:shop" elementFormDefault="qualified">
      <xs:import namespace="urn:example:common"/>
      <!--IMPORTS-->
      <xs:complexType name="Item">
        <xs:sequence>
          <xs:element name="Sku" type="xs:string"/>
          <xs:element name="Price" type="c:Money"/>
          <xs:element name="Quantity" type="xs:int" minOccurs="0"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="Address">
        <xs:sequence>
          <xs:element name="Street" type="xs:string"/>
          <xs:element name="City" type="xs:string"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="Order">
        <xs:sequence>
          <xs:element name="Id" type="xs:long"/>
          <xs:element name="Items" type="tns:Item" maxOccurs="unbounded"/>
          <xs:element name="ShipTo" type="tns:Address" nillable="true"/>
        </xs:sequence>
      </xs:complexType>
      <xs:element name="PlaceOrder"><xs:complexType><xs:sequence>
        <xs:element name="Order" type="tns:Order"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="PlaceOrderResponse"><xs:complexType><xs:sequence>
        <xs:element name="OrderId" type="xs:long"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="GetOrder"><xs:complexType><xs:sequence>
        <xs:element name="OrderId" type="xs:long"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="GetOrderResponse"><xs:complexType><xs:sequence>
        <xs:element name="Order" type="tns:Order" minOccurs="0"/>
      </xs:sequence></xs:complexType></xs:element>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="PlaceOrderIn"><wsdl:part name="parameters" element="tns:PlaceOrder"/></wsdl:message>
  <wsdl:message name="PlaceOrderOut"><wsdl:part name="parameters" element="tns:PlaceOrderResponse"/></wsdl:message>
  <wsdl:message name="GetOrderIn"><wsdl:part name="parameters" element="tns:GetOrder"/></wsdl:message>
  <wsdl:message name="GetOrderOut"><wsdl:part name="parameters" element="tns:GetOrderResponse"/></wsdl:message>
  <wsdl:portType name="Shop">
    <wsdl:operation name="PlaceOrder"><wsdl:input message="tns:PlaceOrderIn"/><wsdl:output message="tns:PlaceOrderOut"/></wsdl:operation>
    <wsdl:operation name="GetOrder"><wsdl:input message="tns:GetOrderIn"/><wsdl:output message="tns:GetOrderOut"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="ShopBinding" type="tns:Shop">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="PlaceOrder">
      <soap:operation soapAction="urn:example:shop/PlaceOrder"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
    <wsdl:operation name="GetOrder">
      <soap:operation soapAction="urn:example:shop/GetOrder"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="ShopService">
    <wsdl:port name="ShopPort" binding="tns:ShopBinding"><soap:address location="http://localhost/shop"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`;

/** A new schema whose namespace sorts before every other of the WSDL. */
function extraSchema(ns: string): string {
  return `<xs:schema targetNamespace="${ns}" elementFormDefault="qualified">
      <xs:element name="Marker" type="xs:string"/>
    </xs:schema>
    `;
}

const shopEdits: Edit[] = [
  {
    name: "add an element to a type",
    replace: [[`<xs:element name="City" type="xs:string"/>`, `<xs:element name="City" type="xs:string"/>\n          <xs:element name="Zip" type="xs:string" minOccurs="0"/>`]],
    affected: ["Address"],
  },
  {
    name: "add an operation",
    replace: [
      [
        `<xs:element name="GetOrder">`,
        `<xs:element name="CancelOrder"><xs:complexType><xs:sequence><xs:element name="OrderId" type="xs:long"/></xs:sequence></xs:complexType></xs:element>\n      <xs:element name="CancelOrderResponse"><xs:complexType><xs:sequence/></xs:complexType></xs:element>\n      <xs:element name="GetOrder">`,
      ],
      [
        `<wsdl:message name="GetOrderIn">`,
        `<wsdl:message name="CancelOrderIn"><wsdl:part name="parameters" element="tns:CancelOrder"/></wsdl:message>\n  <wsdl:message name="CancelOrderOut"><wsdl:part name="parameters" element="tns:CancelOrderResponse"/></wsdl:message>\n  <wsdl:message name="GetOrderIn">`,
      ],
      [
        `<wsdl:operation name="GetOrder"><wsdl:input`,
        `<wsdl:operation name="CancelOrder"><wsdl:input message="tns:CancelOrderIn"/><wsdl:output message="tns:CancelOrderOut"/></wsdl:operation>\n    <wsdl:operation name="GetOrder"><wsdl:input`,
      ],
      [
        `    <wsdl:operation name="GetOrder">\n`,
        `    <wsdl:operation name="CancelOrder">\n      <soap:operation soapAction="urn:example:shop/CancelOrder"/>\n      <wsdl:input><soap:body use="literal"/></wsdl:input>\n      <wsdl:output><soap:body use="literal"/></wsdl:output>\n    </wsdl:operation>\n    <wsdl:operation name="GetOrder">\n`,
      ],
    ],
    affected: ["CancelOrder", "CancelOrderResponse", "cancelOrder"],
  },
  {
    name: "add a complex type",
    replace: [
      [
        `<xs:complexType name="Order">`,
        `<xs:complexType name="Coupon"><xs:sequence><xs:element name="Code" type="xs:string"/></xs:sequence></xs:complexType>\n      <xs:complexType name="Order">`,
      ],
      [
        `<xs:element name="ShipTo" type="tns:Address" nillable="true"/>`,
        `<xs:element name="ShipTo" type="tns:Address" nillable="true"/>\n          <xs:element name="Coupon" type="tns:Coupon" minOccurs="0"/>`,
      ],
    ],
    affected: ["Coupon", "Order"],
  },
  {
    name: "add an element from a new namespace",
    replace: [
      [`<xs:schema targetNamespace="urn:example:common"`, `${extraSchema("urn:aaa:extra")}<xs:schema targetNamespace="urn:example:common"`],
      [`<!--IMPORTS-->`, `<xs:import namespace="urn:aaa:extra"/>`],
      [`xmlns:c="urn:example:common"`, `xmlns:c="urn:example:common" xmlns:x="urn:aaa:extra"`],
      [
        `<xs:element name="Quantity" type="xs:int" minOccurs="0"/>`,
        `<xs:element name="Quantity" type="xs:int" minOccurs="0"/>\n          <xs:element ref="x:Marker" minOccurs="0"/>`,
      ],
    ],
    affected: ["Item", "ItemInput"],
  },
  {
    name: "rename a type",
    replace: [
      [`<xs:complexType name="Address">`, `<xs:complexType name="PostalAddress">`],
      [`type="tns:Address"`, `type="tns:PostalAddress"`],
    ],
    affected: ["Address", "PostalAddress"],
  },
];

const USER = readFileSync(join(ROOT, "test", "fixtures", "embedded", "Services75-User.wsdl"), "utf8");
const S75 = "http://www.superoffice.net/ws/crm/NetServer/Services75";

/** The User WSDL's GetCredentialTypes operation (elements, messages, port type and binding entries) under another name. */
function copyOperation(wsdl: string, from: string, to: string): (readonly [string, string])[] {
  const block = (start: string, end: string): string => {
    const i = wsdl.indexOf(start);
    assert.ok(i >= 0, start);
    const j = wsdl.indexOf(end, i);
    assert.ok(j >= 0, end);
    return wsdl.slice(i, j + end.length);
  };
  const elements = block(`<xs:element name="${from}">`, "</xs:element>") + "\n      " + block(`<xs:element name="${from}Response">`, "</xs:element>");
  const messages = [`${from}Request`, `${from}Request_Headers`, `${from}Response`, `${from}Response_Headers`]
    .map((m) => block(`<wsdl:message name="${m}">`, "</wsdl:message>"))
    .join("\n  ");
  const portOp = block(`<wsdl:operation name="${from}">`, "</wsdl:operation>");
  const bindingStart = wsdl.indexOf(`<wsdl:operation name="${from}">`, wsdl.indexOf("<wsdl:binding"));
  const bindingOp = wsdl.slice(bindingStart, wsdl.indexOf("</wsdl:operation>", bindingStart) + "</wsdl:operation>".length);
  const renamed = (s: string): string => s.split(from).join(to);
  return [
    ["    </xs:schema>\n    <xs:schema", `      ${renamed(elements)}\n    </xs:schema>\n    <xs:schema`],
    ["  <wsdl:portType", `  ${renamed(messages)}\n  <wsdl:portType`],
    ["  </wsdl:portType>", `    ${renamed(portOp)}\n  </wsdl:portType>`],
    ["  </wsdl:binding>", `    ${renamed(bindingOp)}\n  </wsdl:binding>`],
  ];
}

const userEdits: Edit[] = [
  {
    name: "add an element to a type",
    replace: [
      [
        `<xs:element minOccurs="0" name="IsActive" type="xs:boolean" />`,
        `<xs:element minOccurs="0" name="IsActive" type="xs:boolean" />\n              <xs:element minOccurs="0" name="Label" nillable="true" type="xs:string" />`,
      ],
    ],
    affected: ["UntrustedCredentials", "UntrustedCredentialsInput"],
  },
  {
    name: "add an operation",
    replace: copyOperation(USER, "GetCredentialTypes", "GetCredentialKinds"),
    affected: ["GetCredentialKinds", "GetCredentialKindsResponse", "getCredentialKinds"],
  },
  {
    name: "add a complex type",
    replace: [
      [
        `<xs:complexType name="UntrustedCredentials">`,
        `<xs:complexType name="CredentialTag"><xs:sequence><xs:element minOccurs="0" name="Text" nillable="true" type="xs:string" /></xs:sequence></xs:complexType>\n      <xs:complexType name="UntrustedCredentials">`,
      ],
      [
        `<xs:element minOccurs="0" name="Type" nillable="true" type="xs:string" />\n            <xs:element minOccurs="0" name="Credentials"`,
        `<xs:element minOccurs="0" name="Type" nillable="true" type="xs:string" />\n            <xs:element minOccurs="0" name="Tag" nillable="true" type="tns:CredentialTag" />\n            <xs:element minOccurs="0" name="Credentials"`,
      ],
    ],
    affected: ["CredentialTag", "SaveUntrustedCredentials"],
  },
  {
    name: "add an element from a new namespace",
    replace: [
      [
        "  <wsdl:types>\n",
        `  <wsdl:types>\n    ${extraSchema("http://aaa.example.com/Extra").replace('elementFormDefault="qualified"', 'elementFormDefault="qualified" xmlns:xs="http://www.w3.org/2001/XMLSchema"')}`,
      ],
      [
        `<xs:import namespace="http://schemas.microsoft.com/2003/10/Serialization/Arrays" />`,
        `<xs:import namespace="http://schemas.microsoft.com/2003/10/Serialization/Arrays" />\n      <xs:import namespace="http://aaa.example.com/Extra" />`,
      ],
      [
        `<xs:element minOccurs="0" name="Type" nillable="true" type="xs:string" />\n          </xs:sequence>\n        </xs:complexType>\n      </xs:element>\n      <xs:element name="GetUntrustedCredentialsResponse">`,
        `<xs:element minOccurs="0" name="Type" nillable="true" type="xs:string" />\n            <xs:element minOccurs="0" ref="x:Marker" xmlns:x="http://aaa.example.com/Extra" />\n          </xs:sequence>\n        </xs:complexType>\n      </xs:element>\n      <xs:element name="GetUntrustedCredentialsResponse">`,
      ],
    ],
    affected: ["GetUntrustedCredentials"],
  },
  {
    name: "rename a type",
    replace: [
      [`<xs:complexType name="SoTimeZone">`, `<xs:complexType name="SoTimeZoneInfo">`],
      [`type="tns:SoTimeZone"`, `type="tns:SoTimeZoneInfo"`],
    ],
    affected: ["SoTimeZone", "SoTimeZoneInfo"],
  },
];

const fixtures: Fixture[] = [
  { name: "a small shop WSDL", wsdl: SHOP, edits: shopEdits },
  { name: "the Services75 User WSDL", wsdl: USER, edits: userEdits },
];

for (const fx of fixtures) {
  describe(`small edits of ${fx.name} give small diffs`, () => {
    let base: Map<string, string> | undefined;
    const baseFiles = async (): Promise<Map<string, string>> => (base ??= await files(fx.wsdl));
    for (const edit of fx.edits) {
      test(edit.name, async () => {
        const before = await baseFiles();
        const after = await files(applyEdit(fx.wsdl, edit));
        const m = measure(before, after, edit.affected);
        assert.ok(m.inside > 0, "the edit changed the affected declarations");
        assert.ok(m.outside.length <= OUTSIDE_ALLOWANCE, `${m.outside.length} lines changed outside ${edit.affected.join(", ")}:\n${m.outside.join("\n")}`);
      });
    }
  });
}

test("the diff and the owner outline themselves", () => {
  assert.deepEqual(changedLines(["a", "b", "c"], ["a", "x", "c", "d"]), { removed: [1], added: [1, 3] });
  assert.deepEqual(changedLines([], ["a"]), { removed: [], added: [0] });
  const text = ["export interface A {", "  /** doc */", "  x: B;", "}", "", "export const t: T = {", "  A: {", '    kind: "struct",', "  },", '  B: { kind: "enum" },', "};"];
  assert.deepEqual(owners(text), [["A"], ["A", "x"], ["A", "x"], ["A"], [], ["t"], ["t", "A"], ["t", "A", "kind"], ["t", "A"], ["t", "B"], ["t"]]);
});

test("renumbered namespace constants would count as changes outside the edit", () => {
  // What the former `ns1`, `ns2`… numbering did when a namespace sorting first was added.
  const before = new Map([["schema.ts", 'const ns1 = "urn:b";\n\nexport const t = {\n  A: { ns: ns1 },\n  B: { ns: ns1 },\n};\n']]);
  const after = new Map([["schema.ts", 'const ns1 = "urn:a";\nconst ns2 = "urn:b";\n\nexport const t = {\n  A: { ns: ns2 },\n  B: { ns: ns2 },\n  C: { ns: ns1 },\n};\n']]);
  const m = measure(before, after, ["C"]);
  assert.ok(m.outside.length > OUTSIDE_ALLOWANCE, m.outside.join("\n"));
});
