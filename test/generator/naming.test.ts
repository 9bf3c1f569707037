/**
 * The naming pass: reserved words, names of globals the output uses, names that differ only in case, a type
 * and an element of the same name, a header and a body element with the same qualified name, properties that
 * clash, and the unit functions behind it.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { camel, enumKeyFor, NameScope, pascal, typeIdentifier } from "../helpers/names.js";
import { declaration, generateDocs, generateSnippet, TNS } from "../helpers/generate.js";

describe("identifier helpers", () => {
  const table: [fn: (s: string) => string, input: string, want: string][] = [
    [camel, "SaveUntrustedCredentials", "saveUntrustedCredentials"],
    [camel, "URLDecode", "urlDecode"],
    [camel, "ID", "id"],
    [camel, "get-user_name", "getUser_name"],
    [camel, "2FA", "_2FA"],
    [pascal, "first-name", "FirstName"],
    [typeIdentifier, "tCountryInfo", "tCountryInfo"],
    [typeIdentifier, "My-Type.v2", "My_Type_v2"],
    [typeIdentifier, "1stType", "_1stType"],
    [enumKeyFor, "Front Wheel Drive", "FrontWheelDrive"],
    [enumKeyFor, "", "Empty"],
    [enumKeyFor, "v1_14", "v1_14"],
    [enumKeyFor, "a/b", "a_b"],
  ];
  for (const [fn, input, want] of table) {
    test(`${fn.name}(${JSON.stringify(input)}) = ${want}`, () => assert.equal(fn(input), want));
  }

  test("allocation does not depend on request order, and is unique ignoring case", () => {
    const run = (order: string[]): Record<string, string> => {
      const scope = new NameScope(["string"]);
      const got: Record<string, string> = {};
      scope.allocate(order.map((key) => ({ desired: key.split(":")[1] ?? "", priority: key.startsWith("e") ? 1 : 0, key, assign: (n) => (got[key] = n) })));
      return got;
    };
    const keys = ["t:User", "t:user", "e:User", "t:string", "t:User_2"];
    const a = run(keys);
    const b = run([...keys].reverse());
    assert.deepEqual(a, b);
    assert.equal(a["t:User"], "User");
    assert.equal(a["t:User_2"], "User_2");
    assert.equal(new Set(Object.values(a).map((n) => n.toLowerCase())).size, keys.length);
    assert.notEqual(a["t:string"], "string");
  });
});

describe("naming in generated code", () => {
  test("reserved words and shadowed globals are renamed; properties may keep them", async () => {
    const files = await generateSnippet({
      schema: `
        <xs:complexType name="delete"><xs:sequence><xs:element name="delete" type="xs:string"/><xs:element name="class" type="xs:int"/></xs:sequence></xs:complexType>
        <xs:complexType name="Date"><xs:sequence><xs:element name="Day" type="xs:int"/></xs:sequence></xs:complexType>
        <xs:complexType name="SoapClient"><xs:sequence><xs:element name="X" type="xs:int"/></xs:sequence></xs:complexType>
        <xs:element name="Req"><xs:complexType><xs:sequence>
          <xs:element name="A" type="tns:delete"/><xs:element name="B" type="tns:Date"/><xs:element name="C" type="tns:SoapClient"/>
        </xs:sequence></xs:complexType></xs:element>
        <xs:element name="Resp"><xs:complexType><xs:sequence/></xs:complexType></xs:element>`,
    });
    const types = files.get("types.ts") ?? "";
    assert.equal(declaration(types, "delete_2"), "export interface delete_2 {\n  delete: string;\n  class: number;\n}");
    assert.ok(declaration(types, "Date_2"));
    assert.ok(declaration(types, "SoapClient_2"));
    assert.equal(declaration(types, "Req"), "export interface Req {\n  A: delete_2;\n  B: Date_2;\n  C: SoapClient_2;\n}");
  });

  test("names that differ only in case get distinct names", async () => {
    const files = await generateSnippet({
      schema: `
        <xs:complexType name="user"><xs:sequence><xs:element name="a" type="xs:int"/></xs:sequence></xs:complexType>
        <xs:complexType name="User"><xs:sequence><xs:element name="b" type="xs:int"/></xs:sequence></xs:complexType>
        <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="L" type="tns:user"/><xs:element name="U" type="tns:User"/></xs:sequence></xs:complexType></xs:element>
        <xs:element name="Resp"><xs:complexType><xs:sequence/></xs:complexType></xs:element>`,
    });
    const types = files.get("types.ts") ?? "";
    // Sorted by qualified name, `User` comes before `user` and keeps the name.
    assert.equal(declaration(types, "User"), "export interface User {\n  b: number;\n}");
    assert.equal(declaration(types, "user_2"), "export interface user_2 {\n  a: number;\n}");
  });

  test("an element's anonymous type and a named type with the same name", async () => {
    const files = await generateSnippet({
      request: "Thing",
      schema: `
        <xs:complexType name="Thing"><xs:sequence><xs:element name="T" type="xs:int"/></xs:sequence></xs:complexType>
        <xs:element name="Thing"><xs:complexType><xs:sequence><xs:element name="Inner" type="tns:Thing"/></xs:sequence></xs:complexType></xs:element>
        <xs:element name="Resp"><xs:complexType><xs:sequence/></xs:complexType></xs:element>`,
    });
    const types = files.get("types.ts") ?? "";
    assert.equal(declaration(types, "Thing"), "export interface Thing {\n  T: number;\n}");
    assert.equal(declaration(types, "ThingElement"), "export interface ThingElement {\n  Inner: Thing;\n}");
    assert.match(files.get("TestClient.ts") ?? "", /op\(input: ThingElement, options\?: CallOptions<Record<string, never>>\): Promise<void>/);
  });

  test("an element and an attribute with the same name in one type", async () => {
    const files = await generateSnippet({
      schema: `
        <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="id" type="xs:string"/></xs:sequence>
          <xs:attribute name="id" type="xs:int"/></xs:complexType></xs:element>
        <xs:element name="Resp"><xs:complexType><xs:sequence/></xs:complexType></xs:element>`,
    });
    assert.equal(declaration(files.get("types.ts") ?? "", "Req"), "export interface Req {\n  /** XML attribute. */\n  id_2?: number;\n  id: string;\n}");
    assert.match(files.get("schema.ts") ?? "", /attributes: \[\{ prop: "id_2", name: "id", type: "xs:int" \}\]/);
  });

  test("a header and a body element with the same qualified name keep their own types", async () => {
    const wsdl = `<?xml version="1.0"?>
<wsdl:definitions targetNamespace="${TNS}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="${TNS}" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <wsdl:types><xs:schema targetNamespace="${TNS}" elementFormDefault="qualified">
    <xs:complexType name="Ticket"><xs:sequence><xs:element name="Value" type="xs:string"/></xs:sequence></xs:complexType>
    <xs:complexType name="Secret"><xs:sequence><xs:element name="Password" type="xs:string"/></xs:sequence></xs:complexType>
    <xs:element name="Credentials" type="tns:Ticket"/>
    <xs:element name="Save"><xs:complexType><xs:sequence><xs:element name="Credentials" type="tns:Secret"/></xs:sequence></xs:complexType></xs:element>
    <xs:element name="SaveResponse"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
  </xs:schema></wsdl:types>
  <wsdl:message name="SaveIn"><wsdl:part name="parameters" element="tns:Save"/></wsdl:message>
  <wsdl:message name="SaveHeaders"><wsdl:part name="Credentials" element="tns:Credentials"/></wsdl:message>
  <wsdl:message name="SaveOut"><wsdl:part name="parameters" element="tns:SaveResponse"/></wsdl:message>
  <wsdl:portType name="Agent"><wsdl:operation name="Save"><wsdl:input message="tns:SaveIn"/><wsdl:output message="tns:SaveOut"/></wsdl:operation></wsdl:portType>
  <wsdl:binding name="AgentBinding" type="tns:Agent"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Save"><soap:operation soapAction="urn:Save"/>
      <wsdl:input><soap:header message="tns:SaveHeaders" part="Credentials" use="literal"/><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation></wsdl:binding>
  <wsdl:service name="S"><wsdl:port name="P" binding="tns:AgentBinding"><soap:address location="http://x/"/></wsdl:port></wsdl:service>
</wsdl:definitions>`;
    const r = await generateDocs({ "mem:/a.wsdl": wsdl });
    assert.deepEqual(
      r.diagnostics.filter((d) => d.severity === "error"),
      [],
    );
    const files = new Map(r.files.map((f) => [f.path, f.text]));
    assert.equal(declaration(files.get("types.ts") ?? "", "Save"), "export interface Save {\n  Credentials: Secret;\n}");
    const client = files.get("AgentClient.ts") ?? "";
    assert.equal(declaration(client, "AgentRequestHeaders"), "export interface AgentRequestHeaders {\n  /** SOAP header `Credentials`. */\n  Credentials?: Ticket | undefined;\n}");
    assert.match(client, /save\(input: Save, options\?: CallOptions<AgentRequestHeaders>\): Promise<void>/);
  });

  test("one part bound as a soap:header twice is one header, with a warning", async () => {
    const wsdl = `<?xml version="1.0"?>
<wsdl:definitions targetNamespace="${TNS}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="${TNS}" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <wsdl:types><xs:schema targetNamespace="${TNS}" elementFormDefault="qualified">
    <xs:element name="Version"><xs:complexType><xs:attribute name="Value" type="xs:string"/></xs:complexType></xs:element>
    <xs:element name="Get" type="xs:string"/>
  </xs:schema></wsdl:types>
  <wsdl:message name="GetIn"><wsdl:part name="body" element="tns:Get"/><wsdl:part name="RequestVersion" element="tns:Version"/></wsdl:message>
  <wsdl:portType name="Agent"><wsdl:operation name="Get"><wsdl:input message="tns:GetIn"/><wsdl:output message="tns:GetIn"/></wsdl:operation></wsdl:portType>
  <wsdl:binding name="AgentBinding" type="tns:Agent"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Get"><soap:operation soapAction="urn:Get"/>
      <wsdl:input><soap:header message="tns:GetIn" part="RequestVersion" use="literal"/><soap:body parts="body" use="literal"/>
        <soap:header message="tns:GetIn" part="RequestVersion" use="literal"/></wsdl:input>
      <wsdl:output><soap:body parts="body" use="literal"/></wsdl:output></wsdl:operation></wsdl:binding>
</wsdl:definitions>`;
    const r = await generateDocs({ "mem:/a.wsdl": wsdl });
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.pos?.line}:${d.severity}:${d.code}`),
      ["12:warning:duplicate-header"],
    );
    const client = r.files.find((f) => f.path === "AgentClient.ts")?.text ?? "";
    assert.equal(declaration(client, "AgentRequestHeaders"), "export interface AgentRequestHeaders {\n  /** SOAP header `Version`. */\n  RequestVersion?: Version | undefined;\n}");
  });

  test("operations whose method names clash get distinct methods", async () => {
    const ops = ["GetUser", "getUser", "Delete"];
    const wsdl = `<?xml version="1.0"?>
<wsdl:definitions targetNamespace="${TNS}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="${TNS}" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <wsdl:types><xs:schema targetNamespace="${TNS}"><xs:element name="E" type="xs:string"/></xs:schema></wsdl:types>
  <wsdl:message name="M"><wsdl:part name="p" element="tns:E"/></wsdl:message>
  <wsdl:portType name="T">${ops.map((o) => `<wsdl:operation name="${o}"><wsdl:input message="tns:M"/><wsdl:output message="tns:M"/></wsdl:operation>`).join("")}</wsdl:portType>
  <wsdl:binding name="B" type="tns:T"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    ${ops.map((o) => `<wsdl:operation name="${o}"><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>`).join("")}
  </wsdl:binding>
</wsdl:definitions>`;
    const r = await generateDocs({ "mem:/a.wsdl": wsdl });
    const client = r.files.find((f) => f.path === "TClient.ts")?.text ?? "";
    for (const m of ["getUser(", "getUser_2(", "delete("]) assert.ok(client.includes(`  ${m}input: string`), `method ${m}`);
  });
});
