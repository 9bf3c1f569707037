/**
 * An xs:import (or xs:include) written directly under wsdl:types, outside any xs:schema (WS-I BP R2003 forbids
 * it; some vendors publish it): the imported schema is still loaded, and a warning at the import says what to do.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { generateDocs, wsdlAround } from "../helpers/generate.js";

const TYPES = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:types" elementFormDefault="qualified">
  <xs:complexType name="Thing"><xs:sequence><xs:element name="id" type="xs:string"/></xs:sequence></xs:complexType>
</xs:schema>`;

const SCHEMA = `<xs:import namespace="urn:types"/>
  <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="t" type="x:Thing"/></xs:sequence></xs:complexType></xs:element>
  <xs:element name="Resp"><xs:complexType><xs:sequence/></xs:complexType></xs:element>`;

function wsdl(misplaced: string): string {
  return wsdlAround({ schema: SCHEMA, schemaAttrs: 'xmlns:x="urn:types"' }).replace("<wsdl:types>\n", `<wsdl:types>\n    ${misplaced}\n`);
}

test("xs:import directly under wsdl:types is loaded, with a warning at its position saying what to do", async () => {
  const text = wsdl('<xs:import namespace="urn:types" schemaLocation="types.xsd"/>');
  const r = await generateDocs({ "mem:/p.wsdl": text, "mem:/types.xsd": TYPES });
  const d = r.diagnostics.map((x) => `${x.severity} ${x.code} ${x.pos?.file}:${x.pos?.line}:${x.pos?.column} ${x.message}`);
  assert.equal(d.length, 1, d.join("\n"));
  assert.match(
    d[0] ?? "",
    /^warning wsdl-types-import p\.wsdl:5:5 xs:import of namespace urn:types from "types\.xsd" is directly under wsdl:types.*move it into an <xs:schema> element/,
  );
  const types = r.files.find((f) => f.path === "types.ts")?.text ?? "";
  assert.match(types, /export interface Thing \{\n\s+id: string;/);
});

test("without the misplaced import the same WSDL fails on the missing type (the warning is what the import changes)", async () => {
  const r = await generateDocs({ "mem:/p.wsdl": wsdl(""), "mem:/types.xsd": TYPES });
  assert.deepEqual(
    r.diagnostics.map((x) => `${x.severity} ${x.code}`),
    ["error missing-type"],
  );
});

test("another XSD component directly under wsdl:types is reported and ignored", async () => {
  const text = wsdl('<xs:element name="Stray" type="xs:string"/><xs:import namespace="urn:types" schemaLocation="types.xsd"/>');
  const r = await generateDocs({ "mem:/p.wsdl": text, "mem:/types.xsd": TYPES });
  const d = r.diagnostics.map((x) => `${x.severity} ${x.code} ${x.pos?.line}:${x.pos?.column} ${x.message}`);
  assert.equal(d.length, 2, d.join("\n"));
  assert.match(d[0] ?? "", /^warning wsdl-types-import 5:5 xs:element directly under wsdl:types, outside any xs:schema, is ignored/);
});
