/**
 * Derived types in requests and responses (xsi:type, XSD Part 1 §2.6.1): where the schema says `Animal`, a
 * request takes `AnimalOrSubtype` (a derived value names its type in `$type`, checked by the compiler), the
 * runtime writes xsi:type with the derived members, and a response's xsi:type decodes to the derived type.
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
  <xs:complexType name="Animal" abstract="true"><xs:sequence><xs:element name="name" type="xs:string"/></xs:sequence></xs:complexType>
  <xs:complexType name="Dog"><xs:complexContent><xs:extension base="tns:Animal"><xs:sequence><xs:element name="barks" type="xs:boolean"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>
  <xs:complexType name="Puppy"><xs:complexContent><xs:extension base="tns:Dog"><xs:sequence><xs:element name="born" type="xs:dateTime"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>
  <xs:complexType name="Cat"><xs:complexContent><xs:extension base="tns:Animal"><xs:sequence><xs:element name="lives" type="xs:int"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>
  <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="pet" type="tns:Animal" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>
  <xs:element name="Resp"><xs:complexType><xs:sequence><xs:element name="pet" type="tns:Animal" minOccurs="0"/><xs:element name="dog" type="tns:Dog" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>`;

test("requests take the base or a derived type named in $type; responses decode xsi:type", async () => {
  const r = await generateDocs({ "mem:/zoo.wsdl": wsdlAround({ schema: SCHEMA }) });
  assert.deepEqual(r.diagnostics, []);
  const types = r.files.find((f) => f.path === "types.ts")?.text ?? "";
  assert.match(types, /export type AnimalOrSubtype =\n {2}\| \(Cat & \{ \$type: "Cat" \}\)\n {2}\| \(Dog & \{ \$type: "Dog" \}\)\n {2}\| \(PuppyInput & \{ \$type: "Puppy" \}\);/);
  assert.equal(declaration(types, "Req"), "export interface Req {\n  pet: readonly AnimalOrSubtype[];\n}");

  const dir = tempDir("wsdlc-poly-");
  writePackage(dir, r.files);
  // The compiler holds requests to it: a derived value must say which type it is; the abstract base cannot be sent.
  writeFileSync(
    join(dir, "use.ts"),
    [
      'import type { Req } from "./types.js";',
      'export const ok: Req = { pet: [{ $type: "Dog", name: "Rex", barks: true }, { $type: "Puppy", name: "Bit", barks: false, born: new Date(0) }] };',
      "// @ts-expect-error a Cat has no `barks`",
      'export const wrongMember: Req = { pet: [{ $type: "Cat", name: "Tom", barks: true }] };',
      "// @ts-expect-error Animal is abstract: a value must name its derived type",
      'export const abstractBase: Req = { pet: [{ name: "?" }] };',
      // Responses: a discriminated union over the derived types, narrowed by `$type`.
      'import type { Resp } from "./types.js";',
      "export function lives(r: Resp): number {",
      "  const p = r.pet;",
      "  if (p === undefined) return 0;",
      "  // @ts-expect-error `lives` is only on a Cat",
      "  const before: number = p.lives;",
      '  if (p.$type === "Cat") return p.lives + before;',
      "  // @ts-expect-error a Dog has no `lives`",
      '  if (p.$type === "Dog") return p.lives;',
      '  // @ts-expect-error "Animal" is not a $type a response pet holds',
      '  if (p.$type === "Animal") return 2;',
      "  return p.name.length;",
      "}",
      "export function barks(r: Resp): boolean[] {",
      "  // A plain Dog has no $type; a Puppy says so.",
      '  return r.dog.map((d) => (d.$type === "Puppy" ? d.born.length > 0 : d.$type === undefined ? d.barks : false));',
      "}",
      "// @ts-expect-error a Puppy without its `born`",
      'export const badPuppy: Resp = { dog: [{ $type: "Puppy", name: "x", barks: true }] };',
      "",
    ].join("\n"),
  );
  const tc = typecheck([dir]);
  assert.equal(tc.output, "");

  const mod = (await import(pathToFileURL(join(dir, "index.ts")).href)) as Record<string, unknown>;
  type Client = new (o: object) => { op(i: unknown): Promise<unknown> };
  let sent = "";
  const answer = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><Resp xmlns="urn:test" xmlns:t="urn:test" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><pet i:type="t:Cat"><name>Tom</name><lives>9</lives></pet></Resp></s:Body></s:Envelope>`;
  const client = new (mod["TestClient"] as Client)({
    fetch: async (_u: unknown, init: { body: string }) => {
      sent = init.body;
      return new Response(answer, { headers: { "content-type": "text/xml" } });
    },
  });
  const pet = ((await client.op({ pet: [{ $type: "Puppy", name: "Bit", barks: false, born: "2024-05-01T10:00:00Z" }] })) as { pet: Record<string, unknown> }).pet;
  assert.match(sent, /<ns1:pet xsi:type="ns1:Puppy"><ns1:name>Bit<\/ns1:name><ns1:barks>false<\/ns1:barks><ns1:born>2024-05-01T10:00:00Z<\/ns1:born><\/ns1:pet>/);
  // `$type` is an ordinary property, as the type declares it: JSON keeps it, and the value can be sent back.
  assert.deepEqual({ ...pet }, { $type: "Cat", name: "Tom", lives: 9 });
  assert.equal(JSON.stringify(pet), '{"$type":"Cat","name":"Tom","lives":9}');
  await client.op({ pet: [JSON.parse(JSON.stringify(pet)) as unknown] });
  assert.match(sent, /<ns1:pet xsi:type="ns1:Cat"><ns1:name>Tom<\/ns1:name><ns1:lives>9<\/ns1:lives><\/ns1:pet>/);
});

test("substitution groups: members decode into the head's property and are sent by their type", async () => {
  const schema = `
    <xs:complexType name="ShapeType" abstract="true"><xs:sequence><xs:element name="label" type="xs:string" minOccurs="0"/></xs:sequence></xs:complexType>
    <xs:complexType name="CircleType"><xs:complexContent><xs:extension base="tns:ShapeType"><xs:sequence><xs:element name="radius" type="xs:double"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>
    <xs:complexType name="SquareType"><xs:complexContent><xs:extension base="tns:ShapeType"><xs:sequence><xs:element name="side" type="xs:double"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>
    <xs:element name="Shape" type="tns:ShapeType" abstract="true"/>
    <xs:element name="Circle" type="tns:CircleType" substitutionGroup="tns:Shape"/>
    <xs:element name="Square" type="tns:SquareType" substitutionGroup="tns:Shape"/>
    <xs:element name="Req"><xs:complexType><xs:sequence><xs:element ref="tns:Shape" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>
    <xs:element name="Resp"><xs:complexType><xs:sequence><xs:element ref="tns:Shape" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>`;
  const r = await generateDocs({ "mem:/shapes.wsdl": wsdlAround({ schema }) });
  assert.deepEqual(r.diagnostics, []);
  const schemaTs = r.files.find((f) => f.path === "schema.ts")?.text ?? "";
  assert.match(schemaTs, /substitutes: \[\{ name: "Circle", ns: nsTest, type: "CircleType" \}, \{ name: "Square", ns: nsTest, type: "SquareType" \}\]/);
  const types = r.files.find((f) => f.path === "types.ts")?.text ?? "";
  assert.match(types, /Its substitution group may stand in its place: `Circle`, `Square`/);
  assert.match(declaration(types, "Req") ?? "", /Shape: readonly ShapeTypeOrSubtype\[\];/);

  const dir = tempDir("wsdlc-subst-");
  writePackage(dir, r.files);
  const mod = (await import(pathToFileURL(join(dir, "index.ts")).href)) as Record<string, unknown>;
  type Client = new (o: object) => { op(i: unknown): Promise<unknown> };
  let sent = "";
  const answer = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><Resp xmlns="urn:test"><Square><side>2</side></Square><Circle><label>c</label><radius>1.5</radius></Circle></Resp></s:Body></s:Envelope>`;
  const client = new (mod["TestClient"] as Client)({
    fetch: async (_u: unknown, init: { body: string }) => {
      sent = init.body;
      return new Response(answer, { headers: { "content-type": "text/xml" } });
    },
  });
  const shapes = (await client.op({
    Shape: [
      { $type: "CircleType", radius: 1 },
      { $type: "SquareType", label: "s", side: 2 },
    ],
  })) as Record<string, unknown>[];
  assert.match(sent, /<ns1:Req><ns1:Circle><ns1:radius>1<\/ns1:radius><\/ns1:Circle><ns1:Square><ns1:label>s<\/ns1:label><ns1:side>2<\/ns1:side><\/ns1:Square><\/ns1:Req>/);
  assert.deepEqual(
    shapes.map((s) => ({ ...s })),
    [
      { side: 2, $type: "SquareType" },
      { label: "c", radius: 1.5, $type: "CircleType" },
    ],
  );
  assert.deepEqual(
    shapes.map((s) => s["$type"]),
    ["SquareType", "CircleType"],
  );
});

test("an abstract type without xsi:type is a DecodeError (strict and by default); onDecodeWarning keeps it as the base", async () => {
  const r = await generateDocs({ "mem:/zoo.wsdl": wsdlAround({ schema: SCHEMA }) });
  const dir = tempDir("wsdlc-poly-abstract-");
  writePackage(dir, r.files);
  const mod = (await import(pathToFileURL(join(dir, "index.ts")).href)) as Record<string, unknown>;
  type Client = new (o: object) => { op(i: unknown): Promise<unknown> };
  const answer = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><Resp xmlns="urn:test"><pet><name>Tom</name></pet></Resp></s:Body></s:Envelope>`;
  const fetch = async (): Promise<Response> => new Response(answer, { headers: { "content-type": "text/xml" } });
  const strict = new (mod["TestClient"] as Client)({ fetch, strict: true });
  await assert.rejects(
    strict.op({ pet: [{ $type: "Cat", name: "x", lives: 1 }] }),
    (e: Error) => e.name === "DecodeError" && /at Envelope\/Body\/Resp\/pet .*an abstract type without an xsi:type naming a derived type/.test(e.message),
  );
  await assert.rejects(new (mod["TestClient"] as Client)({ fetch }).op({ pet: [{ $type: "Cat", name: "x", lives: 1 }] }), /an abstract type without an xsi:type/);
  const warned: string[] = [];
  const lenient = new (mod["TestClient"] as Client)({ fetch, onDecodeWarning: (w: Error & { path: string }) => warned.push(w.path) });
  assert.deepEqual(await lenient.op({ pet: [{ $type: "Cat", name: "x", lives: 1 }] }), { pet: { name: "Tom" }, dog: [] });
  assert.deepEqual(warned, ["Envelope/Body/Resp/pet"]);
});
