/**
 * A complex type with no content is declared so that only an empty object satisfies it (`interface X {}` would
 * accept any non-null value, a string or a number included); one that others derive from stays an interface.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { declaration, generateDocs, writePackage, wsdlAround } from "../helpers/generate.js";
import { typecheck } from "../helpers/typecheck.js";
import { tempDir } from "../helpers/tmp.js";

const SCHEMA = `
  <xs:complexType name="Nothing"><xs:sequence/></xs:complexType>
  <xs:complexType name="Marker"/>
  <xs:complexType name="Shape"/>
  <xs:complexType name="Circle"><xs:complexContent><xs:extension base="tns:Shape"><xs:sequence><xs:element name="r" type="xs:double"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>
  <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="a" type="tns:Nothing"/><xs:element name="m" type="tns:Marker" minOccurs="0"/><xs:element name="s" type="tns:Shape"/></xs:sequence></xs:complexType></xs:element>
  <xs:element name="Resp"><xs:complexType><xs:sequence><xs:element name="a" type="tns:Nothing"/></xs:sequence></xs:complexType></xs:element>`;

test("an empty complex type accepts only an empty object; a base type of others stays an interface", async () => {
  const r = await generateDocs({ "mem:/e.wsdl": wsdlAround({ schema: SCHEMA }) });
  assert.deepEqual(r.diagnostics, []);
  const types = r.files.find((f) => f.path === "types.ts")?.text ?? "";
  assert.equal(declaration(types, "Nothing"), "export type Nothing = Record<string, never>;");
  assert.equal(declaration(types, "Marker"), "export type Marker = Record<string, never>;");
  assert.equal(declaration(types, "Shape"), "export interface Shape {}");
  const dir = tempDir("wsdlc-empty-");
  writePackage(dir, r.files);
  writeFileSync(
    join(dir, "use.ts"),
    [
      'import type { Nothing, Req } from "./types.js";',
      "export const ok: Req = { a: {}, m: {}, s: {} };",
      "// @ts-expect-error a string is not an empty object",
      'export const str: Nothing = "x";',
      "// @ts-expect-error an empty type has no members",
      "export const extra: Nothing = { x: 1 };",
      "// @ts-expect-error nor is a number",
      "export const num: Req = { a: 1, s: {} };",
      "",
    ].join("\n"),
  );
  assert.equal(typecheck([dir]).output, "");
});
