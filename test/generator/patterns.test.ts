/**
 * XSD patterns are translated when the descriptors are written (generator/patterns.ts): schema.ts holds each
 * pattern beside its JavaScript source (`regexes`), and the runtime only compiles the source. A pattern that
 * cannot be translated is a warning at the xs:pattern (file:line:column, `xsd-pattern-unsupported`), and its
 * restriction step is left out of the descriptor (its alternatives cannot be decided without it), instead of
 * being skipped silently at run time.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { generateDocs, wsdlAround } from "../helpers/generate.js";

const SCHEMA = `
      <xs:simpleType name="Code"><xs:restriction base="xs:string"><xs:pattern value="[A-Z]{3}"/></xs:restriction></xs:simpleType>
      <xs:simpleType name="Vowelless"><xs:restriction base="xs:string">
        <xs:pattern value="[a-z-[aeiou]]+"/>
      </xs:restriction></xs:simpleType>
      <xs:simpleType name="Mixed"><xs:restriction base="xs:string"><xs:pattern value="[0-9]+"/><xs:pattern value="\\p{IsBasicLatin}+"/></xs:restriction></xs:simpleType>
      <xs:element name="Req"><xs:complexType><xs:sequence>
        <xs:element name="C" type="tns:Code"/><xs:element name="V" type="tns:Vowelless"/><xs:element name="M" type="tns:Mixed"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="Resp"><xs:complexType><xs:sequence/></xs:complexType></xs:element>`;

test("a translatable pattern is written with its JavaScript source; the runtime needs no translator", async () => {
  const r = await generateDocs({ "mem:/test.wsdl": wsdlAround({ schema: SCHEMA }) });
  const schema = r.files.find((f) => f.path === "schema.ts")?.text ?? "";
  assert.ok(schema.includes('facets: { patterns: [["[A-Z]{3}"]], regexes: [["^(?:[A-Z]{3})$"]] }'), schema);
  const facets = r.files.find((f) => f.path === "runtime/facets.ts")?.text ?? "";
  assert.doesNotMatch(facets, /translatePattern|MULTI_CHAR|IsCategory/, "the translator is not in the runtime");
});

test("an untranslatable pattern is a warning at the xs:pattern, and its step is left out of the descriptor", async () => {
  const wsdl = wsdlAround({ schema: SCHEMA });
  const r = await generateDocs({ "mem:/test.wsdl": wsdl });
  const warnings = r.diagnostics.filter((d) => d.code === "xsd-pattern-unsupported");
  assert.equal(warnings.length, 2, JSON.stringify(r.diagnostics));
  assert.ok(warnings.every((d) => d.severity === "warning"));
  const lines = wsdl.split("\n");
  const where = (needle: string): { line: number; column: number } => {
    const i = lines.findIndex((l) => l.includes(needle));
    return { line: i + 1, column: (lines[i] ?? "").indexOf(needle) + 1 };
  };
  const [vowel, latin] = warnings;
  assert.deepEqual({ line: vowel?.pos?.line, column: vowel?.pos?.column }, where('<xs:pattern value="[a-z-[aeiou]]+"/>'));
  assert.equal(vowel?.pos?.file, "test.wsdl");
  assert.match(vowel?.message ?? "", /"\[a-z-\[aeiou\]\]\+" cannot be translated/);
  assert.deepEqual({ line: latin?.pos?.line, column: latin?.pos?.column }, where('<xs:pattern value="\\p{IsBasicLatin}+"/>'));
  // The files are still written (a warning), without the steps that cannot be decided.
  const schema = r.files.find((f) => f.path === "schema.ts")?.text ?? "";
  assert.match(schema, /function t\$Vowelless\(\): TypeDescriptor \{\n  return \{ kind: "simple", qname: \[nsTest, "Vowelless"\], base: "xs:string"(, facets: \{\})? \}/);
  assert.match(schema, /function t\$Mixed\(\): TypeDescriptor \{\n  return \{ kind: "simple", qname: \[nsTest, "Mixed"\], base: "xs:string"(, facets: \{\})? \}/);
  assert.doesNotMatch(schema, /IsBasicLatin|aeiou/);
});

test("a pattern in a schema two inputs import is reported once", async () => {
  const shared = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:shared" elementFormDefault="qualified">
  <xs:simpleType name="Vowelless"><xs:restriction base="xs:string"><xs:pattern value="[a-z-[aeiou]]+"/></xs:restriction></xs:simpleType>
</xs:schema>`;
  const schema = `<xs:import namespace="urn:shared" schemaLocation="shared.xsd"/>
      <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="V" type="s:Vowelless"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Resp"><xs:complexType><xs:sequence/></xs:complexType></xs:element>`;
  const one = wsdlAround({ schema, schemaAttrs: 'xmlns:s="urn:shared"' });
  const two = one.replace(/Test/g, "Other");
  const r = await generateDocs({ "mem:/a.wsdl": one, "mem:/b.wsdl": two, "mem:/shared.xsd": shared }, ["mem:/a.wsdl", "mem:/b.wsdl"]);
  assert.deepEqual(
    r.diagnostics.filter((d) => d.severity === "error"),
    [],
  );
  const warnings = r.diagnostics.filter((d) => d.code === "xsd-pattern-unsupported");
  assert.equal(warnings.length, 1, JSON.stringify(r.diagnostics));
  assert.equal(warnings[0]?.pos?.file, "shared.xsd");
  assert.equal(warnings[0]?.pos?.line, 2);
});
