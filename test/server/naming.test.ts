/**
 * The service file's names never clash with schema names: types named like the server runtime's exports
 * (`SoapFault`, `ServiceCall`, `reply`…) are renamed by the naming pass, and the whole package, service file
 * included, type-checks as a consumer compiles it.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { declaration, generateSnippet, writePackage } from "../helpers/generate.js";
import { tempDir } from "../helpers/tmp.js";
import { typecheck } from "../helpers/typecheck.js";

test("schema types named like the server runtime's exports do not break the service file", async () => {
  const files = await generateSnippet({
    schema: `
      <xs:complexType name="SoapFault"><xs:sequence><xs:element name="when" type="xs:dateTime"/></xs:sequence></xs:complexType>
      <xs:complexType name="ServiceCall"><xs:sequence><xs:element name="n" type="xs:long"/></xs:sequence></xs:complexType>
      <xs:complexType name="reply"><xs:sequence><xs:element name="s" type="xs:string"/></xs:sequence></xs:complexType>
      <xs:element name="Req"><xs:complexType><xs:sequence>
        <xs:element name="fault" type="tns:SoapFault"/><xs:element name="call" type="tns:ServiceCall"/><xs:element name="r" type="tns:reply" minOccurs="0"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="Resp"><xs:complexType><xs:sequence><xs:element name="call" type="tns:ServiceCall" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>`,
    schemaAttrs: 'xmlns:tns="urn:test"',
  });
  const types = files.get("types.ts") ?? "";
  assert.ok(declaration(types, "SoapFault_2") !== undefined, types);
  assert.ok(declaration(types, "ServiceCall_2") !== undefined);
  const service = files.get("TestService.ts") ?? "";
  assert.match(service, /export function testService\(handlers: TestServiceHandlers, options\?: ServiceOptions\): SoapService/);
  const dir = tempDir("wsdlc-server-naming-");
  writePackage(
    dir,
    [...files].map(([path, text]) => ({ path, text })),
  );
  const tc = typecheck([dir]);
  assert.equal(tc.output, "");
});
