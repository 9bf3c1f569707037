/**
 * What the missing-reference check covers (README, "Diagnostics"): references in what the operations use. A type
 * no operation reaches is neither analysed nor emitted, so a dangling reference inside it is not reported.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { generateDocs, wsdlAround } from "../helpers/generate.js";

const used = `<xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="x" type="tns:Gone"/></xs:sequence></xs:complexType></xs:element>
  <xs:element name="Resp"><xs:complexType><xs:sequence/></xs:complexType></xs:element>`;
const unused = `<xs:complexType name="Orphan"><xs:sequence><xs:element name="x" type="tns:Gone"/></xs:sequence></xs:complexType>
  <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="y" type="xs:int"/></xs:sequence></xs:complexType></xs:element>
  <xs:element name="Resp"><xs:complexType><xs:sequence/></xs:complexType></xs:element>`;

test("a dangling reference in what an operation uses is an error; in a type nothing reaches it is not looked at", async () => {
  const a = await generateDocs({ "mem:/a.wsdl": wsdlAround({ schema: used }) });
  assert.deepEqual(
    a.diagnostics.map((d) => `${d.severity} ${d.code}`),
    ["error missing-type"],
  );
  const b = await generateDocs({ "mem:/b.wsdl": wsdlAround({ schema: unused }) });
  assert.deepEqual(b.diagnostics, []);
  assert.doesNotMatch(b.files.find((f) => f.path === "types.ts")?.text ?? "", /Orphan/);
});
