/**
 * Strict decoding tells present-and-empty from missing: an empty string-based simpleContent element keeps its
 * empty text, and a required element whose value is a list (an array wrapper, an xs:list) is present when empty.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { generateDocs, writePackage, wsdlAround } from "../helpers/generate.js";
import { tempDir } from "../helpers/tmp.js";

const SCHEMA = `
  <xs:complexType name="Label"><xs:simpleContent><xs:extension base="xs:string"><xs:attribute name="origin" type="xs:string"/></xs:extension></xs:simpleContent></xs:complexType>
  <xs:complexType name="Count"><xs:simpleContent><xs:extension base="xs:int"><xs:attribute name="unit" type="xs:string"/></xs:extension></xs:simpleContent></xs:complexType>
  <xs:complexType name="ArrayOfRole"><xs:sequence><xs:element name="Role" type="xs:string" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>
  <xs:simpleType name="StatusList"><xs:list itemType="xs:int"/></xs:simpleType>
  <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="id" type="xs:int"/></xs:sequence></xs:complexType></xs:element>
  <xs:element name="Resp"><xs:complexType><xs:sequence>
    <xs:element name="label" type="tns:Label"/>
    <xs:element name="count" type="tns:Count" minOccurs="0"/>
    <xs:element name="Roles" type="tns:ArrayOfRole"/>
    <xs:element name="Status" type="tns:StatusList"/>
  </xs:sequence></xs:complexType></xs:element>`;

async function client(answer: string): Promise<{ op(i: unknown): Promise<Record<string, unknown>> }> {
  const r = await generateDocs({ "mem:/e.wsdl": wsdlAround({ schema: SCHEMA }) });
  assert.deepEqual(r.diagnostics, []);
  const dir = tempDir("wsdlc-strict-");
  writePackage(dir, r.files);
  const mod = (await import(pathToFileURL(join(dir, "index.ts")).href)) as Record<string, unknown>;
  const C = mod["TestClient"] as new (o: object) => { op(i: unknown): Promise<Record<string, unknown>> };
  return new C({ strict: true, fetch: async () => new Response(answer, { headers: { "content-type": "text/xml" } }) });
}

const envelope = (inner: string): string => `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><Resp xmlns="urn:test">${inner}</Resp></s:Body></s:Envelope>`;

test("strict: empty simpleContent text is kept; empty array wrappers and lists are present, not missing", async () => {
  const c = await client(envelope(`<label origin="x"/><Roles></Roles><Status/>`));
  const body = await c.op({ id: 1 });
  assert.deepEqual({ ...(body["label"] as object) }, { origin: "x", value: "" });
  assert.deepEqual(body["Roles"], []);
  assert.deepEqual(body["Status"], []);
});

test("strict: a missing required element is still an error, and an empty int simpleContent is not an int", async () => {
  await assert.rejects((await client(envelope(`<label/><Status/>`))).op({ id: 1 }), /missing required element <Roles>/);
  await assert.rejects((await client(envelope(`<label/><Roles/>`))).op({ id: 1 }), /missing required element <Status>/);
  await assert.rejects((await client(envelope(`<label/><count unit="m"/><Roles/><Status/>`))).op({ id: 1 }), /DecodeError|cannot decode/);
});
