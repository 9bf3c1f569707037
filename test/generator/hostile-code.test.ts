/**
 * A hostile WSDL cannot put code into the generated package: every text a document controls (documentation,
 * namespaces, enumeration values, fixed and default values, patterns, SOAP actions, addresses) reaches the
 * generated TypeScript only inside escaped string literals and comments, or as identifiers made of its letters.
 * Each text below tries to end its literal or comment (quotes, backslashes, backticks and `${`, `*\/`, line
 * breaks, U+2028) and set a global marker; importing every generated module must set none, and the package must
 * still type-check.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { generate } from "../../generator/index.js";
import { memoryReader, ROOT, runtimeTemplates, writePackage } from "../helpers/generate.js";
import { tempDir } from "../helpers/tmp.js";
import { typecheck } from "../helpers/typecheck.js";

const MARK = "WSDLC_INJECTED";
/** Attempts to leave a string literal, a template literal or a comment, each setting MARK_<n>. */
const escapes = (n: number): string[] => [
  `a&quot;; globalThis.${MARK}_${n}a = 1; &quot;`,
  `b'; globalThis.${MARK}_${n}b = 1; '`,
  `c\\&quot;); globalThis.${MARK}_${n}c = 1; //`,
  `d&#10;globalThis.${MARK}_${n}d = 1;`,
  `e&#x2028;globalThis.${MARK}_${n}e = 1;`,
  `\`\${globalThis.${MARK}_${n}f = 1}\``,
  `*/ globalThis.${MARK}_${n}g = 1; /*`,
];

function hostileWsdl(): string {
  const tns = `urn:evil:${escapes(1).join("")}`;
  const doc = (n: number) => `<xs:annotation><xs:documentation>${escapes(n).join(" ")}</xs:documentation></xs:annotation>`;
  const enums = escapes(2)
    .map((v) => `<xs:enumeration value="${v}"/>`)
    .join("");
  return `<?xml version="1.0"?>
<wsdl:definitions targetNamespace="${tns}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="${tns}" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <wsdl:documentation>${escapes(3).join(" ")}</wsdl:documentation>
  <wsdl:types>
    <xs:schema targetNamespace="${tns}" elementFormDefault="qualified">
      <xs:simpleType name="E">${doc(4)}<xs:restriction base="xs:string">${enums}</xs:restriction></xs:simpleType>
      <xs:simpleType name="P"><xs:restriction base="xs:string"><xs:pattern value="[a-z]*&quot;); globalThis.${MARK}_5 = 1; //"/></xs:restriction></xs:simpleType>
      <xs:element name="Req"><xs:complexType><xs:sequence>
        <xs:element name="e" type="tns:E">${doc(6)}</xs:element>
        <xs:element name="p" type="tns:P" minOccurs="0"/>
        <xs:element name="f" type="xs:string" fixed="${escapes(7)[0]}" minOccurs="0"/>
        <xs:element name="g" type="xs:string" default="${escapes(8)[5]}" minOccurs="0"/>
      </xs:sequence><xs:attribute name="at" type="xs:string" fixed="${escapes(9)[2]}"/></xs:complexType></xs:element>
      <xs:element name="Resp"><xs:complexType><xs:sequence><xs:element name="ok" type="xs:boolean"/></xs:sequence></xs:complexType></xs:element>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="OpIn"><wsdl:part name="parameters" element="tns:Req"/></wsdl:message>
  <wsdl:message name="OpOut"><wsdl:part name="parameters" element="tns:Resp"/></wsdl:message>
  <wsdl:portType name="Test"><wsdl:operation name="Op"><wsdl:documentation>${escapes(10).join(" ")}</wsdl:documentation><wsdl:input message="tns:OpIn"/><wsdl:output message="tns:OpOut"/></wsdl:operation></wsdl:portType>
  <wsdl:binding name="TestBinding" type="tns:Test"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Op"><soap:operation soapAction="urn:a${escapes(11).slice(0, 6).join("")}"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation></wsdl:binding>
  <wsdl:service name="TestService"><wsdl:documentation>${escapes(12).join(" ")}</wsdl:documentation>
    <wsdl:port name="TestPort" binding="tns:TestBinding"><soap:address location="http://localhost/${escapes(13).slice(0, 6).join("")}\`\`&#10;&#10;![pixel](https://evil.example/p.png)"/></wsdl:port></wsdl:service>
</wsdl:definitions>
`;
}

test("texts a hostile WSDL controls never run when the generated package is imported, and it type-checks", async () => {
  const r = await generate(["mem:/evil.wsdl"], {
    reader: memoryReader({ "mem:/evil.wsdl": hostileWsdl() }),
    runtime: runtimeTemplates(),
    readme: readFileSync(join(ROOT, "templates", "package-readme.md"), "utf8"),
  });
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  assert.deepEqual(errors, []);
  const dir = tempDir("wsdlc-hostile-code-");
  writePackage(dir, r.files);
  // The texts are in the output (so their harmlessness is not that they were dropped).
  const all = r.files.map((f) => f.text).join("\n");
  for (const n of [1, 2, 4, 7, 10, 11, 13]) assert.ok(all.includes(`${MARK}_${n}`), `text ${n} is in the generated code`);
  for (const f of r.files.filter((x) => x.path.endsWith(".ts") && !x.path.startsWith("runtime/"))) await import(pathToFileURL(join(dir, f.path)).href);
  assert.deepEqual(
    Object.keys(globalThis).filter((k) => k.startsWith(MARK)),
    [],
  );
  // The package README shows the address in a code span it cannot leave: no image or link of the document's.
  const readme = r.files.find((f) => f.path === "README.md")?.text ?? "";
  assert.ok(readme.includes("evil.example"), readme);
  // One line (a line break in the address would end the list item), and on it nothing outside the code span.
  const lines = readme.split("\n").filter((l) => l.includes("evil.example"));
  assert.equal(lines.length, 1, lines.join("\n"));
  assert.match(lines[0] ?? "", /^- `TestClient`: /);
  assert.doesNotMatch((lines[0] ?? "").replace(/(`+)(?!`)[^\n]*?(?<!`)\1(?!`)/g, ""), /evil\.example|\]\(/);
  const checked = typecheck([dir]);
  assert.equal(checked.status, 0, checked.output);
});
