/**
 * XSD `fixed` (XSD Part 1 §3.2.1, §3.3.1): a fixed attribute or element of a built-in type is typed as its
 * literal, optional in requests (the runtime sends the fixed value when it is left out) and refused with another
 * value when validation is on; strict decoding refuses another value, lenient decoding keeps what was sent.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { declaration, generateDocs, writePackage, wsdlAround } from "../helpers/generate.js";
import { typecheck } from "../helpers/typecheck.js";
import { tempDir } from "../helpers/tmp.js";

const SCHEMA = `
  <xs:complexType name="Query">
    <xs:sequence>
      <xs:element name="Version" type="xs:int" fixed="3"/>
      <xs:element name="Mode" type="xs:token" fixed=" fast " minOccurs="0"/>
      <xs:element name="Text" type="xs:string"/>
    </xs:sequence>
    <xs:attribute name="ServiceId" type="xs:string" fixed="crs" use="required"/>
    <xs:attribute name="Live" type="xs:boolean" fixed="true"/>
  </xs:complexType>
  <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="q" type="tns:Query"/></xs:sequence></xs:complexType></xs:element>
  <xs:element name="Resp"><xs:complexType><xs:sequence><xs:element name="q" type="tns:Query"/></xs:sequence></xs:complexType></xs:element>`;

type Client = new (o: object) => { op(i: unknown, o?: object): Promise<unknown> };

function answer(q: string): string {
  return `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><Resp xmlns="urn:test"><q ${q}</q></Resp></s:Body></s:Envelope>`;
}

test("fixed attributes and elements: literal types, filled in when absent, other values refused", async () => {
  const r = await generateDocs({ "mem:/fixed.wsdl": wsdlAround({ schema: SCHEMA }) });
  assert.deepEqual(r.diagnostics, []);
  const types = r.files.find((f) => f.path === "types.ts")?.text ?? "";
  const schemaTs = r.files.find((f) => f.path === "schema.ts")?.text ?? "";
  assert.match(schemaTs, /name: "ServiceId", type: "xs:string", required: true, fixed: "crs"/);
  assert.match(schemaTs, /name: "Version", ns: nsTest, type: "xs:int", fixed: "3"/);
  const query = declaration(types, "Query") ?? "";
  // Output: the literal, optional as minOccurs/use say.
  assert.match(query, /ServiceId: "crs";/);
  assert.match(query, /Live\?: true;/);
  assert.match(query, /Version: 3;/);
  assert.match(query, /Mode\?: "fast";/);
  assert.match(query, /Text: string;/);

  const dir = tempDir("wsdlc-fixed-");
  writePackage(dir, r.files);
  writeFileSync(
    join(dir, "use.ts"),
    [
      'import type { Req } from "./types.js";',
      'export const leftOut: Req = { q: { Text: "a" } };',
      'export const given: Req = { q: { Text: "a", ServiceId: "crs", Version: 3, Live: true } };',
      '// @ts-expect-error ServiceId is fixed to "crs"',
      'export const wrongAttr: Req = { q: { Text: "a", ServiceId: "xyz" } };',
      "// @ts-expect-error Version is fixed to 3",
      'export const wrongElement: Req = { q: { Text: "a", Version: 4 } };',
      "",
    ].join("\n"),
  );
  assert.equal(typecheck([dir]).output, "");

  const mod = (await import(pathToFileURL(join(dir, "index.ts")).href)) as Record<string, unknown>;
  let sent = "";
  let reply = answer(`ServiceId="crs"><Version>03</Version><Text>t</Text>`);
  const make = (o: object = {}): InstanceType<Client> =>
    new (mod["TestClient"] as Client)({
      ...o,
      fetch: async (_u: unknown, init: { body: string }) => {
        sent = init.body;
        return new Response(reply, { headers: { "content-type": "text/xml" } });
      },
    });
  const client = make();

  // Left out: the encoder writes the fixed values (an optional fixed element too).
  const out = (await client.op({ q: { Text: "a" } })) as Record<string, unknown>;
  assert.match(sent, /<ns1:q ServiceId="crs" Live="true"><ns1:Version>3<\/ns1:Version><ns1:Mode> fast <\/ns1:Mode><ns1:Text>a<\/ns1:Text><\/ns1:q>/);
  // "03" is the xs:int 3: accepted, even strictly.
  assert.deepEqual({ ...(out as Record<string, object>) }, { ServiceId: "crs", Version: 3, Text: "t" });
  await make({ strict: true }).op({ q: { Text: "a" } });

  // Given in another lexical form of the same value: accepted and sent as given.
  await client.op({ q: { Text: "a", Version: 3, Mode: "fast", Live: true } });
  assert.match(sent, /<ns1:Mode>fast<\/ns1:Mode>/);

  // Another value: refused before sending, naming the path; validate: false sends it as given.
  sent = "";
  await assert.rejects(client.op({ q: { Text: "a", ServiceId: "xyz" } }), (e: Error) => e.name === "EncodeError" && /q\.ServiceId/.test(e.message) && /fixed/.test(e.message));
  await assert.rejects(client.op({ q: { Text: "a", Version: 4 } }), (e: Error) => e.name === "EncodeError" && /q\.Version/.test(e.message));
  await assert.rejects(client.op({ q: { Text: "a", Live: false } }), (e: Error) => e.name === "EncodeError" && /q\.Live/.test(e.message));
  assert.equal(sent, "");
  await client.op({ q: { Text: "a", ServiceId: "xyz" } }, { validate: false });
  assert.match(sent, /ServiceId="xyz"/);

  // A response with another value: strict decoding refuses it, lenient decoding keeps what was sent.
  reply = answer(`ServiceId="other"><Version>3</Version><Text>t</Text>`);
  await assert.rejects(make({ strict: true }).op({ q: { Text: "a" } }), (e: Error) => e.name === "DecodeError" && /ServiceId/.test(e.message) && /fixed/.test(e.message));
  assert.equal(((await client.op({ q: { Text: "a" } })) as Record<string, unknown>)["ServiceId"], "other");
  reply = answer(`ServiceId="crs"><Version>4</Version><Text>t</Text>`);
  await assert.rejects(make({ strict: true }).op({ q: { Text: "a" } }), (e: Error) => e.name === "DecodeError" && /Version/.test(e.message) && /fixed/.test(e.message));
  assert.equal(((await client.op({ q: { Text: "a" } })) as Record<string, unknown>)["Version"], 4);
});

test("fixed values of other simple types: decimal, long and a named restriction keep their types, compared as values", async () => {
  const schema = `
    <xs:simpleType name="Code"><xs:restriction base="xs:string"><xs:maxLength value="5"/></xs:restriction></xs:simpleType>
    <xs:element name="Req"><xs:complexType>
      <xs:sequence><xs:element name="n" type="xs:string"/></xs:sequence>
      <xs:attribute name="version" type="xs:decimal" fixed="1.3" use="required"/>
      <xs:attribute name="kind" type="xs:long" fixed="-500020"/>
      <xs:attribute name="code" type="tns:Code" fixed="AB"/>
    </xs:complexType></xs:element>
    <xs:element name="Resp"><xs:complexType><xs:sequence><xs:element name="n" type="xs:string"/></xs:sequence></xs:complexType></xs:element>`;
  const r = await generateDocs({ "mem:/fixed2.wsdl": wsdlAround({ schema }) });
  assert.deepEqual(r.diagnostics, []);
  const req = declaration(r.files.find((f) => f.path === "types.ts")?.text ?? "", "Req") ?? "";
  assert.match(req, /version\?: DecimalInput;/);
  assert.match(req, /kind\?: IntegerInput;/);
  assert.match(req, /code\?: Code;/);
  const dir = tempDir("wsdlc-fixed2-");
  writePackage(dir, r.files);
  const mod = (await import(pathToFileURL(join(dir, "index.ts")).href)) as Record<string, unknown>;
  let sent = "";
  const client = new (mod["TestClient"] as Client)({
    fetch: async (_u: unknown, init: { body: string }) => {
      sent = init.body;
      return new Response(`<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><Resp xmlns="urn:test"><n>x</n></Resp></s:Body></s:Envelope>`, {
        headers: { "content-type": "text/xml" },
      });
    },
  });
  await client.op({ n: "a" });
  assert.match(sent, /version="1\.3" kind="-500020" code="AB"/);
  await client.op({ n: "a", version: 1.3, kind: -500020n, code: "AB" });
  assert.match(sent, /version="1\.3" kind="-500020" code="AB"/);
  await assert.rejects(client.op({ n: "a", kind: 500020 }), (e: Error) => e.name === "EncodeError" && /kind/.test(e.message));
  await assert.rejects(client.op({ n: "a", code: "ABC" }), (e: Error) => e.name === "EncodeError" && /code/.test(e.message));
});
