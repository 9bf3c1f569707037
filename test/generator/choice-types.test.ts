/**
 * xs:choice is typed as "exactly one alternative": a union whose members leave the other alternatives' members
 * absent (`?: never`), in requests and in responses, for choices of elements and of sequences, optional and
 * repeated; a repeated choice of elements is a list of `OneOf` items. Checked by the compiler over snippets
 * (`@ts-expect-error` marks what must not compile), and against what the runtime decodes.
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
  <xs:complexType name="Lookup"><xs:sequence><xs:element name="id" type="xs:string"/>
    <xs:choice><xs:element name="byName" type="xs:string"/><xs:element name="byNumber" type="xs:int"/></xs:choice></xs:sequence>
    <xs:attribute name="lang" type="xs:string"/></xs:complexType>
  <xs:complexType name="DeepLookup"><xs:complexContent><xs:extension base="tns:Lookup"><xs:sequence>
    <xs:element name="depth" type="xs:int"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>
  <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="q" type="tns:Lookup"/>
    <xs:choice minOccurs="0">
      <xs:sequence><xs:element name="from" type="xs:date"/><xs:element name="to" type="xs:date" minOccurs="0"/></xs:sequence>
      <xs:element name="all" type="xs:boolean"/>
      <xs:element name="tags" type="xs:string" maxOccurs="unbounded"/>
    </xs:choice>
    <xs:choice maxOccurs="unbounded"><xs:element name="Line" type="xs:string"/><xs:element name="Dot" type="xs:int"/></xs:choice>
  </xs:sequence></xs:complexType></xs:element>
  <xs:element name="Resp"><xs:complexType><xs:sequence><xs:element name="q" type="tns:Lookup"/>
    <xs:choice>
      <xs:sequence><xs:element name="from" type="xs:date"/><xs:element name="to" type="xs:date" minOccurs="0"/></xs:sequence>
      <xs:element name="all" type="xs:boolean"/>
      <xs:element name="tags" type="xs:string" maxOccurs="unbounded"/>
    </xs:choice>
  </xs:sequence></xs:complexType></xs:element>`;

const USE = `import type { DeepLookup, Lookup, Req, Resp } from "./types.js";
const q: Lookup = { id: "1", byName: "x" };
export const ok: Req = { q, from: "2024-01-01", Items: [{ Line: "a" }, { Dot: 1 }] };
export const none: Req = { q: { id: "2", byNumber: 2, lang: "en" }, Items: [] };
export const tags: Req = { q, tags: ["a", "b"], Items: [] };
export const deep: DeepLookup = { id: "3", byNumber: 1, depth: 2 };
// @ts-expect-error two alternatives of one choice at once
export const both: Lookup = { id: "1", byName: "x", byNumber: 1 };
// @ts-expect-error a choice that may not be left out
export const neither: Lookup = { id: "1" };
// @ts-expect-error two alternatives, one of them a sequence
export const seqAndElement: Req = { q, from: "2024-01-01", all: true, Items: [] };
// @ts-expect-error the sequence alternative needs its required member
export const halfSequence: Req = { q, to: "2024-01-01", Items: [] };
// @ts-expect-error an item of a repeated choice holds one alternative
export const twoInOneItem: Req = { q, Items: [{ Line: "a", Dot: 1 }] };
// @ts-expect-error derived types keep the base's choice
export const deepBoth: DeepLookup = { id: "3", byName: "a", byNumber: 1, depth: 2 };

export function describe(r: Resp): string {
  const key: string = r.q.byName !== undefined ? r.q.byName : String(r.q.byNumber + 1);
  if (r.from !== undefined) {
    // @ts-expect-error in the sequence alternative there is no \`all\`
    const a: boolean = r.all;
    return key + r.from + (r.to ?? "") + String(a);
  }
  if (r.all !== undefined) return key + String(r.all);
  // Responses hold repeated members as arrays; the narrowing leaves the \`tags\` alternative.
  return key + r.tags.join(",");
}
export function items(r: Req): number {
  return r.Items.map((i) => (i.Line !== undefined ? i.Line.length : i.Dot)).reduce((a, b) => a + b, 0);
}
`;

test("a choice is a union of its alternatives: two at once do not compile, narrowing works", async () => {
  const r = await generateDocs({ "mem:/c.wsdl": wsdlAround({ schema: SCHEMA }) });
  assert.deepEqual(r.diagnostics, []);
  const types = r.files.find((f) => f.path === "types.ts")?.text ?? "";
  assert.equal(
    declaration(types, "Lookup"),
    [
      "export type Lookup = {",
      "  /** XML attribute. */",
      "  lang?: string;",
      "  id: string;",
      "} & (",
      "  | {",
      "      byName: string;",
      "      byNumber?: never;",
      "    }",
      "  | {",
      "      byNumber: number;",
      "      byName?: never;",
      "    }",
      ");",
    ].join("\n"),
  );
  // A derived type of a type with a choice is an intersection with its base (an interface cannot extend a union).
  assert.equal(declaration(types, "DeepLookup"), "export type DeepLookup = Lookup & {\n  depth: number;\n};");
  // In a response a repeated member of another alternative is the empty array the runtime always sets.
  assert.match(declaration(types, "Resp") ?? "", /\| \{\n {6}all: boolean;\n {6}from\?: never; to\?: never; tags: \[\];\n {4}\}/);
  assert.match(declaration(types, "Req") ?? "", /Items: readonly OneOf<\{ Line: string; Dot: number \}>\[\];/);

  const dir = tempDir("wsdlc-choice-");
  writePackage(dir, r.files);
  writeFileSync(join(dir, "use.ts"), USE);
  assert.equal(typecheck([dir]).output, "");

  // What the runtime decodes matches the union: the other alternatives' members absent, repeated ones [].
  const mod = (await import(pathToFileURL(join(dir, "index.ts")).href)) as Record<string, unknown>;
  type Client = new (o: object) => { op(i: unknown): Promise<unknown> };
  const reply = (body: string): Client => {
    const fetch = async (): Promise<Response> =>
      new Response(`<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><Resp xmlns="urn:test">${body}</Resp></s:Body></s:Envelope>`, {
        headers: { "content-type": "text/xml" },
      });
    return class extends (mod["TestClient"] as Client) {
      constructor(o: object) {
        // biome-ignore lint/correctness/noInvalidConstructorSuper: Client is a constructor type; the rule cannot see through the cast
        super({ fetch, ...o });
      }
    } as Client;
  };
  const req = { q: { id: "1", byName: "x" }, Items: [{ Dot: 1 }] };
  const Q = "<q><id>1</id><byNumber>7</byNumber></q>";
  for (const strict of [false, true]) {
    assert.deepEqual(await new (reply(`${Q}<all>true</all>`))({ strict }).op(req), { q: { id: "1", byNumber: 7 }, all: true, tags: [] });
    assert.deepEqual(await new (reply(`${Q}<from>2024-01-01</from>`))({ strict }).op(req), { q: { id: "1", byNumber: 7 }, from: "2024-01-01", tags: [] });
    assert.deepEqual(await new (reply(`${Q}<tags>a</tags><tags>b</tags>`))({ strict }).op(req), { q: { id: "1", byNumber: 7 }, tags: ["a", "b"] });
  }
  // Strict decoding refuses what the union cannot hold: two alternatives, or none of a required choice.
  const strictly = (body: string): Promise<unknown> => new (reply(body))({ strict: true }).op(req);
  await assert.rejects(strictly(`${Q}<all>true</all><tags>a</tags>`), /at Envelope\/Body\/Resp .*<all> and <tags> are alternatives of one xs:choice/);
  await assert.rejects(
    strictly(`<q><id>1</id><byName>a</byName><byNumber>7</byNumber></q><all>true</all>`),
    /at Envelope\/Body\/Resp\/q .*<byName> and <byNumber> are alternatives/,
  );
  await assert.rejects(strictly(`<q><id>1</id></q><all>true</all>`), /at Envelope\/Body\/Resp\/q .*missing one of <byName>, <byNumber> \(xs:choice\)/);
});

// Exchange's TimeZoneType (an optional sequence: BaseOffset, then an optional sequence of Standard and Daylight)
// and Docdata's startRequest (a choice nested in a sequence alternative of another choice).
const GROUPS = `
  <xs:complexType name="Zone"><xs:sequence minOccurs="0">
    <xs:element name="BaseOffset" type="xs:duration"/>
    <xs:sequence minOccurs="0"><xs:element name="Standard" type="xs:string"/><xs:element name="Daylight" type="xs:string"/></xs:sequence>
  </xs:sequence><xs:attribute name="name" type="xs:string"/></xs:complexType>
  <xs:complexType name="Start"><xs:sequence><xs:element name="key" type="xs:string"/>
    <xs:choice>
      <xs:element name="recurring" type="xs:string"/>
      <xs:sequence>
        <xs:choice><xs:element name="payment" type="xs:string"/><xs:element name="token" type="xs:string"/></xs:choice>
        <xs:element name="returnUrl" type="xs:string" minOccurs="0"/>
      </xs:sequence>
    </xs:choice></xs:sequence></xs:complexType>
  <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="zone" type="tns:Zone"/><xs:element name="start" type="tns:Start"/></xs:sequence></xs:complexType></xs:element>
  <xs:element name="Resp"><xs:complexType><xs:sequence><xs:element name="zone" type="tns:Zone"/><xs:element name="start" type="tns:Start"/></xs:sequence></xs:complexType></xs:element>`;

const USE_GROUPS = `import type { Resp, Start, Zone } from "./types.js";
export const full: Zone = { BaseOffset: "PT0S", Standard: "a", Daylight: "b" };
export const base: Zone = { BaseOffset: "PT0S" };
export const empty: Zone = { name: "UTC" };
// @ts-expect-error later members of the optional sequence without its required BaseOffset
export const partial: Zone = { Standard: "a", Daylight: "b" };
// @ts-expect-error the inner optional sequence: Standard and Daylight together or neither
export const half: Zone = { BaseOffset: "PT0S", Standard: "a" };
export const pay: Start = { key: "k", payment: "p", returnUrl: "u" };
export const tok: Start = { key: "k", token: "t" };
export const rec: Start = { key: "k", recurring: "r" };
// @ts-expect-error two alternatives of the inner choice at once
export const both: Start = { key: "k", payment: "p", token: "t" };
// @ts-expect-error the sequence alternative needs one of the inner choice's alternatives
export const neither: Start = { key: "k", returnUrl: "u" };
// @ts-expect-error an inner alternative beside the outer choice's other alternative
export const across: Start = { key: "k", recurring: "r", token: "t" };
export function offset(r: Resp): string {
  if (r.zone.BaseOffset !== undefined) return r.zone.BaseOffset + (r.zone.Standard ?? "") + (r.start.token ?? r.start.payment ?? r.start.recurring);
  // @ts-expect-error without BaseOffset there is no Standard
  const s: string = r.zone.Standard;
  return s;
}
`;

test("an optional sequence is all of its required members or none, a choice in an alternative is one of its own: types, encoder, decoder", async () => {
  const r = await generateDocs({ "mem:/g.wsdl": wsdlAround({ schema: GROUPS }) });
  assert.deepEqual(r.diagnostics, []);
  const types = r.files.find((f) => f.path === "types.ts")?.text ?? "";
  assert.equal(
    declaration(types, "Zone"),
    [
      "export type Zone = {",
      "  /** XML attribute. */",
      "  name?: string;",
      "} & (",
      "  | {",
      "      BaseOffset: string;",
      "    } & (",
      "      | {",
      "          Standard: string;",
      "          Daylight: string;",
      "        }",
      "      | { Standard?: never; Daylight?: never; }",
      "    )",
      "  | { BaseOffset?: never; Standard?: never; Daylight?: never; }",
      ");",
    ].join("\n"),
  );
  assert.equal(
    declaration(types, "Start"),
    [
      "export type Start = {",
      "  key: string;",
      "} & (",
      "  | {",
      "      recurring: string;",
      "      payment?: never; token?: never; returnUrl?: never;",
      "    }",
      "  | {",
      "      returnUrl?: string;",
      "      recurring?: never;",
      "    } & (",
      "      | {",
      "          payment: string;",
      "          token?: never;",
      "        }",
      "      | {",
      "          token: string;",
      "          payment?: never;",
      "        }",
      "    )",
      ");",
    ].join("\n"),
  );

  const dir = tempDir("wsdlc-groups-");
  writePackage(dir, r.files);
  writeFileSync(join(dir, "use.ts"), USE_GROUPS);
  assert.equal(typecheck([dir]).output, "");

  const mod = (await import(pathToFileURL(join(dir, "index.ts")).href)) as Record<string, unknown>;
  type Client = new (o: object) => { op(i: unknown): Promise<unknown> };
  const sent: string[] = [];
  const reply = (body: string): Client => {
    const fetch = async (_url: string, init: { body: string }): Promise<Response> => {
      sent.push(init.body);
      return new Response(`<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><Resp xmlns="urn:test">${body}</Resp></s:Body></s:Envelope>`, {
        headers: { "content-type": "text/xml" },
      });
    };
    return class extends (mod["TestClient"] as Client) {
      constructor(o: object) {
        // biome-ignore lint/correctness/noInvalidConstructorSuper: Client is a constructor type; the rule cannot see through the cast
        super({ fetch, ...o });
      }
    } as Client;
  };
  const START = "<start><key>k</key><token>t</token></start>";
  const ok = reply(`<zone/>${START}`);

  // Encoding: sequence order whatever the property order; a partial group names the member it lacks.
  await new ok({}).op({ zone: { Daylight: "d", Standard: "s", BaseOffset: "PT1H" }, start: { returnUrl: "u", payment: "p", key: "k" } });
  assert.match(
    (sent.at(-1) ?? "").replace(/ns1:/g, ""),
    /<zone><BaseOffset>PT1H<\/BaseOffset><Standard>s<\/Standard><Daylight>d<\/Daylight><\/zone><start><key>k<\/key><payment>p<\/payment><returnUrl>u<\/returnUrl><\/start>/,
  );
  await new ok({}).op({ zone: { name: "UTC" }, start: { key: "k", recurring: "r" } });
  assert.match((sent.at(-1) ?? "").replace(/ns1:/g, ""), /<zone name="UTC"\/><start><key>k<\/key><recurring>r<\/recurring><\/start>/);
  const encodeFails = async (request: unknown, message: RegExp): Promise<void> => {
    const before = sent.length;
    await assert.rejects(new ok({}).op(request), (e: Error) => e.name === "EncodeError" && message.test(e.message));
    assert.equal(sent.length, before, "nothing is sent");
  };
  const s = { key: "k", token: "t" };
  await encodeFails({ zone: { Standard: "s", Daylight: "d" }, start: s }, /cannot encode Req\.zone: BaseOffset is required with Standard \(one optional xs:sequence/);
  await encodeFails({ zone: { BaseOffset: "PT0S", Daylight: "d" }, start: s }, /cannot encode Req\.zone: Standard is required with Daylight \(one optional xs:sequence/);
  await encodeFails({ zone: {}, start: { key: "k", payment: "p", token: "t" } }, /cannot encode Req\.start: payment and token are alternatives \(xs:choice\)/);
  await encodeFails({ zone: {}, start: { key: "k", recurring: "r", token: "t" } }, /cannot encode Req\.start: recurring and token are alternatives \(xs:choice\)/);
  await encodeFails({ zone: {}, start: { key: "k", returnUrl: "u" } }, /cannot encode Req\.start: one of payment \| token is required \(xs:choice\)/);

  // Decoding: what the union holds, strict or not; a partial group is a DecodeError in every mode (it would
  // break the type) unless onDecodeWarning takes it, and then the value is as the response has it.
  for (const strict of [false, true]) {
    assert.deepEqual(await new (reply(`<zone><BaseOffset>PT0S</BaseOffset></zone>${START}`))({ strict }).op({ zone: {}, start: s }), {
      zone: { BaseOffset: "PT0S" },
      start: { key: "k", token: "t" },
    });
    await assert.rejects(
      new (reply(`<zone><Standard>a</Standard><Daylight>b</Daylight></zone>${START}`))({ strict }).op({ zone: {}, start: s }),
      /at Envelope\/Body\/Resp\/zone .*missing required element <BaseOffset> \(with <Standard>: one optional xs:sequence/,
    );
    await assert.rejects(
      new (reply("<zone/><start><key>k</key><payment>p</payment><token>t</token></start>"))({ strict }).op({ zone: {}, start: s }),
      /at Envelope\/Body\/Resp\/start .*<payment> and <token> are alternatives of one xs:choice/,
    );
    await assert.rejects(
      new (reply("<zone/><start><key>k</key><returnUrl>u</returnUrl></start>"))({ strict }).op({ zone: {}, start: s }),
      /at Envelope\/Body\/Resp\/start .*missing one of <payment>, <token> \(xs:choice\)/,
    );
  }
  const warnings: string[] = [];
  const lenient = new (reply(`<zone><Standard>a</Standard><Daylight>b</Daylight></zone>${START}`))({ onDecodeWarning: (e: Error) => warnings.push(e.message) });
  assert.deepEqual(await lenient.op({ zone: {}, start: s }), { zone: { Standard: "a", Daylight: "b" }, start: { key: "k", token: "t" } });
  assert.equal(warnings.length, 1);
  assert.match(warnings[0] ?? "", /missing required element <BaseOffset>/);
});

test("a repeated choice inside an alternative is that alternative's one ordered list: types, document order both ways", async () => {
  // Before, its elements became separate optional arrays of the alternative (Tag?: string[]; Flag?: boolean[]),
  // so a decoded <Tag/><Flag/><Tag/> lost its order and was re-encoded as Tag, Tag, Flag.
  const schema = `
  <xs:complexType name="Selection"><xs:choice>
    <xs:element name="ById" type="xs:int"/>
    <xs:sequence><xs:element name="Name" type="xs:string"/>
      <xs:choice maxOccurs="unbounded"><xs:element name="Tag" type="xs:string"/><xs:element name="Flag" type="xs:boolean"/></xs:choice>
    </xs:sequence>
  </xs:choice></xs:complexType>
  <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="p" type="tns:Selection"/></xs:sequence></xs:complexType></xs:element>
  <xs:element name="Resp"><xs:complexType><xs:sequence><xs:element name="p" type="tns:Selection"/></xs:sequence></xs:complexType></xs:element>`;
  const r = await generateDocs({ "mem:/n.wsdl": wsdlAround({ schema, schemaAttrs: 'xmlns:tns="urn:test"' }) });
  assert.deepEqual(r.diagnostics, []);
  const types = r.files.find((f) => f.path === "types.ts")?.text ?? "";
  const selection = declaration(types, "Selection") ?? "";
  // Decoded values (the type serves responses too): the list in document order, the empty array in the other alternative.
  assert.match(selection, /Name\?: never; Items: \[\];/, selection);
  assert.match(selection, /Items: OneOf<\{ Tag: string; Flag: boolean \}>\[\];/, selection);
  // Requests have their own form, saying why it differs.
  assert.match(types, /\/\*\* The request form of `Selection`: repeated members of an alternative not taken are left out .*\*\/\nexport type SelectionInput =/);
  assert.doesNotMatch(selection, /Tag\?|Flag\?/, selection);
  const dir = tempDir("wsdlc-choice-nested-");
  writePackage(dir, r.files);
  writeFileSync(
    join(dir, "use.ts"),
    `import type { Req, Resp } from "./types.js";
export const byId: Req = { p: { ById: 1 } };
export const named: Req = { p: { Name: "n", Items: [{ Tag: "a" }, { Flag: true }, { Tag: "b" }] } };
// @ts-expect-error the list belongs to the other alternative
export const both: Req = { p: { ById: 1, Items: [{ Tag: "a" }] } };
// @ts-expect-error an item holds one alternative of the repeated choice
export const twoInOne: Req = { p: { Name: "n", Items: [{ Tag: "a", Flag: true }] } };
export function tags(r: Resp): string[] {
  return r.p.Items.map((i) => (i.Tag !== undefined ? i.Tag : String(i.Flag)));
}
`,
  );
  assert.equal(typecheck([dir]).output, "");
  const { encodeRequest } = (await import(pathToFileURL(join(dir, "runtime", "encode.ts")).href)) as typeof import("../../templates/runtime/encode.js");
  const { decodeResponse } = (await import(pathToFileURL(join(dir, "runtime", "decode.ts")).href)) as typeof import("../../templates/runtime/decode.js");
  const { testDescriptor: d } = (await import(pathToFileURL(join(dir, "TestClient.ts")).href)) as {
    testDescriptor: import("../../templates/runtime/descriptors.js").ClientDescriptor;
  };
  const op = d.operations["op"];
  assert.ok(op);
  const named = { p: { Name: "n", Items: [{ Tag: "a" }, { Flag: true }, { Tag: "b" }] } };
  const sent = encodeRequest(d, op, named, {});
  assert.match(sent, /<ns1:Name>n<\/ns1:Name><ns1:Tag>a<\/ns1:Tag><ns1:Flag>true<\/ns1:Flag><ns1:Tag>b<\/ns1:Tag>/);
  const answer = (inner: string) => `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><Resp xmlns="urn:test"><p>${inner}</p></Resp></s:Body></s:Envelope>`;
  for (const strict of [false, true]) {
    const decoded: unknown = decodeResponse(d, op, answer("<Name>n</Name><Tag>a</Tag><Flag>true</Flag><Tag>b</Tag>"), { strict }).body;
    // The response's single element is unwrapped (the method returns `p`).
    assert.deepEqual(decoded, named.p);
    // The other alternative: the list is the empty array a response always holds (its type says `Items: []`).
    assert.deepEqual(decodeResponse(d, op, answer("<ById>4</ById>"), { strict }).body, { ById: 4, Items: [] });
  }
  // A decoded value re-encodes as it came (the empty list is absent).
  assert.match(encodeRequest(d, op, { p: { ById: 4, Items: [] } }, {}), /<ns1:p><ns1:ById>4<\/ns1:ById><\/ns1:p>/);
  assert.throws(() => encodeRequest(d, op, { p: { ById: 4, Items: [{ Tag: "x" }] } }, {}), /ById and Items are alternatives/);
});
