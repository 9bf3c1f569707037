/**
 * An xs:any is typed by its occurrence: a single wildcard (maxOccurs 1) is one `XmlElement` in both directions,
 * a repeated one an array, and what the runtime decodes and accepts agrees with the type.
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
  <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="id" type="xs:int"/><xs:any namespace="##other" processContents="lax"/></xs:sequence></xs:complexType></xs:element>
  <xs:element name="Resp"><xs:complexType><xs:sequence>
    <xs:element name="one"><xs:complexType><xs:sequence><xs:any namespace="##other" processContents="lax"/></xs:sequence></xs:complexType></xs:element>
    <xs:element name="maybe"><xs:complexType><xs:sequence><xs:any namespace="##other" processContents="lax" minOccurs="0"/></xs:sequence></xs:complexType></xs:element>
    <xs:element name="many"><xs:complexType><xs:sequence><xs:any namespace="##other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>`;

test("a single xs:any is one XmlElement, a repeated one an array, in the types and in what is decoded and sent", async () => {
  const r = await generateDocs({ "mem:/any.wsdl": wsdlAround({ schema: SCHEMA }) });
  assert.deepEqual(r.diagnostics, []);
  const types = r.files.find((f) => f.path === "types.ts")?.text ?? "";
  assert.match(declaration(types, "Req") ?? "", /\n {2}any: XmlElement;\n/);
  assert.match(declaration(types, "RespOne") ?? "", /\n {2}any: XmlElement;\n/);
  assert.match(declaration(types, "RespMaybe") ?? "", /\n {2}any\?: XmlElement;\n/);
  assert.match(declaration(types, "RespMany") ?? "", /\n {2}any: XmlElement\[\];\n/);

  const dir = tempDir("wsdlc-any-");
  writePackage(dir, r.files);
  writeFileSync(
    join(dir, "use.ts"),
    [
      'import type { Resp, Req } from "./types.js";',
      "export function use(r: Resp): string[] {",
      '  const names = [r.one.any.name, r.maybe.any?.name ?? "", ...r.many.any.map((e) => e.name)];',
      "  // @ts-expect-error a single wildcard is not an array",
      "  r.one.any.map((e: unknown) => e);",
      "  return names;",
      "}",
      'export const req: Req = { id: 1, any: { name: "x", ns: "urn:other", attributes: [], children: [] } };',
      "// @ts-expect-error a single wildcard takes one element, not a list",
      'export const twice: Req = { id: 1, any: [{ name: "x", ns: "urn:other", attributes: [], children: [] }] };',
      "",
    ].join("\n"),
  );
  assert.equal(typecheck([dir]).output, "");

  const mod = (await import(pathToFileURL(join(dir, "index.ts")).href)) as Record<string, unknown>;
  type Client = new (o: object) => { op(i: unknown): Promise<Record<string, Record<string, unknown>>> };
  let sent = "";
  const answer =
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><Resp xmlns="urn:test" xmlns:o="urn:other">` +
    `<one><o:a>1</o:a></one><maybe/><many><o:b/><o:c/></many></Resp></s:Body></s:Envelope>`;
  const client = new (mod["TestClient"] as Client)({
    fetch: async (_u: unknown, init: { body: string }) => {
      sent = init.body;
      return new Response(answer, { headers: { "content-type": "text/xml" } });
    },
  });
  const body = await client.op({ id: 1, any: { name: "x", ns: "urn:other", attributes: [], children: ["hi"] } });
  assert.match(sent, /<ns1:id>1<\/ns1:id><ns2:x xmlns:ns2="urn:other">hi<\/ns2:x>|<ns1:id>1<\/ns1:id><[a-z0-9]+:x>hi<\/[a-z0-9]+:x>/);
  assert.equal(Array.isArray(body["one"]?.["any"]), false);
  assert.equal((body["one"]?.["any"] as { name: string }).name, "a");
  assert.equal(body["maybe"]?.["any"], undefined);
  assert.deepEqual(
    (body["many"]?.["any"] as { name: string }[]).map((e) => e.name),
    ["b", "c"],
  );
  // The encoder holds a single wildcard to one element, whatever the caller's types said.
  const two = { name: "x", ns: "urn:other", attributes: [], children: [] };
  await assert.rejects(client.op({ id: 1, any: [two, two] }), /allows at most 1 element\(s\) \(xs:any\)/);
});
