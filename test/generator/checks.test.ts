/**
 * Checks that used to be silent: a portType declaring an operation twice (`duplicate-operation` warning at the
 * second declaration) and attribute groups referring to themselves (`xsd-circular` error), each with a real
 * position (line and column >= 1).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { generateDocs, wsdlAround } from "../helpers/generate.js";

describe("diagnostics for duplicate operations and attribute group cycles", () => {
  test("an operation declared twice in a portType is a duplicate-operation warning at the second one", async () => {
    const wsdl = wsdlAround({ schema: '<xs:element name="Req"><xs:complexType/></xs:element><xs:element name="Resp"><xs:complexType/></xs:element>' }).replace(
      '<wsdl:operation name="Op"><wsdl:input message="tns:OpIn"/><wsdl:output message="tns:OpOut"/></wsdl:operation>',
      '<wsdl:operation name="Op"><wsdl:input message="tns:OpIn"/><wsdl:output message="tns:OpOut"/></wsdl:operation>\n    <wsdl:operation name="Op"><wsdl:input message="tns:OpOut"/></wsdl:operation>',
    );
    const r = await generateDocs({ "mem:/dup.wsdl": wsdl });
    const d = r.diagnostics.filter((x) => x.code === "duplicate-operation");
    assert.equal(d.length, 1, JSON.stringify(r.diagnostics));
    assert.equal(d[0]?.severity, "warning");
    assert.match(d[0]?.message ?? "", /operation Op is declared more than once in portType .*Test/);
    const line = wsdl.split("\n").findIndex((l) => l.includes('<wsdl:operation name="Op"><wsdl:input message="tns:OpOut"/>')) + 1;
    assert.equal(d[0]?.pos?.line, line);
    assert.ok((d[0]?.pos?.column ?? 0) >= 1);
    assert.equal(r.diagnostics.filter((x) => x.severity === "error").length, 0);
  });

  test("attribute groups that refer to each other are an xsd-circular error; a diamond is not", async () => {
    const schema = `
<xs:attributeGroup name="A"><xs:attribute name="a" type="xs:string"/><xs:attributeGroup ref="tns:B"/></xs:attributeGroup>
<xs:attributeGroup name="B"><xs:attribute name="b" type="xs:string"/><xs:attributeGroup ref="tns:A"/></xs:attributeGroup>
<xs:element name="Req"><xs:complexType><xs:attributeGroup ref="tns:A"/></xs:complexType></xs:element>
<xs:element name="Resp"><xs:complexType/></xs:element>`;
    const r = await generateDocs({ "mem:/cyc.wsdl": wsdlAround({ schema }) });
    const d = r.diagnostics.filter((x) => x.code === "xsd-circular");
    assert.equal(d.length, 1, JSON.stringify(r.diagnostics));
    assert.equal(d[0]?.severity, "error");
    assert.match(d[0]?.message ?? "", /attribute group .*A refers to itself/);
    assert.ok((d[0]?.pos?.line ?? 0) >= 1 && (d[0]?.pos?.column ?? 0) >= 1);

    const diamond = `
<xs:attributeGroup name="C"><xs:attribute name="c" type="xs:string"/></xs:attributeGroup>
<xs:attributeGroup name="A"><xs:attributeGroup ref="tns:C"/></xs:attributeGroup>
<xs:attributeGroup name="B"><xs:attributeGroup ref="tns:C"/></xs:attributeGroup>
<xs:element name="Req"><xs:complexType><xs:attributeGroup ref="tns:A"/><xs:attributeGroup ref="tns:B"/></xs:complexType></xs:element>
<xs:element name="Resp"><xs:complexType/></xs:element>`;
    const ok = await generateDocs({ "mem:/dia.wsdl": wsdlAround({ schema: diamond }) });
    assert.deepEqual(
      ok.diagnostics.filter((x) => x.severity === "error"),
      [],
    );
  });
});
