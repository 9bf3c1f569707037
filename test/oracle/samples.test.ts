/**
 * The sample generator (test/helpers/samples.ts) itself: deterministic, bounded on recursive types, and its
 * "ours" form accepted by our encoder. (Its agreement with zeep's form is what zeep.test.ts checks.)
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import type { ClientDescriptor, OperationDescriptor } from "../../templates/runtime/descriptors.js";
import { loadGenerated } from "../helpers/client.js";
import { newStats, sampleAllAlternatives, sampleOperation, zeepJson } from "../helpers/samples.js";
import { CORPUS, corpusSkip } from "../helpers/shared.js";

const skip = corpusSkip();
const WSDL = join(CORPUS, "superoffice", "wsdl", "Services75-User.wsdl");

type EncodeRequest = (client: ClientDescriptor, op: OperationDescriptor, input: unknown, headers: Record<string, unknown>) => string;

describe("sample generator", { skip }, async () => {
  if (skip !== false) return;
  const { module } = await loadGenerated([WSDL]);
  const client = module["userDescriptor"] as ClientDescriptor;
  const encodeRequest = module["encodeRequest"] as EncodeRequest;

  test("deterministic: the same samples on every call, for every operation and variant", () => {
    for (const op of Object.values(client.operations)) {
      for (const variant of ["full", "sparse"] as const) {
        const a = sampleOperation(client, op, { variant });
        const b = sampleOperation(client, op, { variant });
        assert.deepStrictEqual(a, b, `${op.name}/${variant}`);
        assert.equal(zeepJson(a), zeepJson(b));
        assert.equal(encodeRequest(client, op, a.input, a.headers), encodeRequest(client, op, b.input, b.headers));
      }
    }
  });

  test("recursive types stop: a type is at most twice on the path (SoExceptionInfo → InnerException → nil)", () => {
    // The response headers (ExceptionInfo is recursive through InnerException; ExtraInfo is a dictionary),
    // sent as if they were request headers, so that our encoder checks the sample.
    const getUser = Object.values(client.operations).find((o) => o.name === "GetUser");
    assert.ok(getUser?.output?.headers !== undefined);
    const op: OperationDescriptor = { ...getUser, input: { ...getUser.input, headers: getUser.output.headers } };
    for (const variant of ["full", "sparse"] as const) {
      const stats = newStats();
      const s = sampleOperation(client, op, { variant, stats });
      const xml = encodeRequest(client, op, s.input, s.headers);
      assert.ok(xml.length < 100_000, `${variant}: bounded`);
      if (variant === "full") {
        const info = s.headers["ExceptionInfo"] as { InnerException: { InnerException: unknown; Message: unknown } };
        assert.equal(typeof info.InnerException.Message, "string");
        assert.equal(info.InnerException.InnerException, null);
        assert.equal(stats.nils, 1);
        assert.equal(Object.keys(s.headers["ExtraInfo"] as object).length, 2);
        assert.deepEqual(Object.keys(s.zeepHeaders["ExtraInfo"] as object), ["ExtraInfoNameValuePair"]);
        assert.match(xml, /<ns1:InnerException xsi:nil="true"\/>/);
      }
    }
  });

  test("the zeep form uses element names and wrappers: ArrayOf → {item: [...]}, dictionary → {entry: [{Key, Value}]}", () => {
    const saveUser = Object.values(client.operations).find((o) => o.name === "SaveUser");
    assert.ok(saveUser !== undefined);
    const s = sampleOperation(client, saveUser, { variant: "full" });
    const ours = (s.input as { User: Record<string, unknown> }).User;
    const theirs = s.zeepBody["User"] as Record<string, unknown>;
    assert.ok(Array.isArray(ours["OtherGroups"]) && (ours["OtherGroups"] as unknown[]).length === 2);
    assert.deepEqual(Object.keys(theirs["OtherGroups"] as object), ["UserGroup"]);
    const fp = theirs["FieldProperties"] as { FieldPropertyDictionaryKeyValuePair: { Key: string; Value: unknown }[] };
    assert.equal(fp.FieldPropertyDictionaryKeyValuePair.length, 2);
    assert.deepEqual(
      Object.keys(ours["FieldProperties"] as object),
      fp.FieldPropertyDictionaryKeyValuePair.map((e) => e.Key),
    );
    const mask = (ours["TableRight"] as { Mask: unknown }).Mask;
    assert.ok(Array.isArray(mask) && mask.length === 2, "flags (xs:list) as an array");
  });
});

test("sampleAllAlternatives: its rounds send every alternative of every choice (single, sequence, nested, repeated), each accepted by our encoder", async () => {
  const { generateDocs, writePackage, wsdlAround } = await import("../helpers/generate.js");
  const { tempDir } = await import("../helpers/tmp.js");
  const { pathToFileURL } = await import("node:url");
  const schema = `
    <xs:complexType name="Inner"><xs:choice><xs:element name="x" type="xs:int"/><xs:element name="y" type="xs:string"/></xs:choice></xs:complexType>
    <xs:element name="Req"><xs:complexType><xs:sequence>
      <xs:choice>
        <xs:element name="a" type="xs:string"/>
        <xs:sequence><xs:element name="b1" type="xs:int"/><xs:element name="b2" type="xs:int"/></xs:sequence>
        <xs:element name="c" type="tns:Inner"/>
      </xs:choice>
      <xs:choice maxOccurs="unbounded"><xs:element name="p" type="xs:int"/><xs:element name="q" type="xs:string"/><xs:element name="r" type="xs:boolean"/><xs:element name="s" type="xs:int"/></xs:choice>
    </xs:sequence></xs:complexType></xs:element>
    <xs:element name="Resp"><xs:complexType><xs:sequence/></xs:complexType></xs:element>`;
  const r = await generateDocs({ "mem:/c.wsdl": wsdlAround({ schema }) });
  const dir = tempDir("wsdlc-samples-choice-");
  writePackage(dir, r.files);
  const mod = (await import(pathToFileURL(join(dir, "index.ts")).href)) as Record<string, unknown>;
  const client = mod["testDescriptor"] as ClientDescriptor;
  const encode = mod["encodeRequest"] as EncodeRequest;
  const op = Object.values(client.operations)[0] as OperationDescriptor;
  assert.equal(sampleOperation(client, op, { variant: "full" }).alternatives, 4);
  const first = new Set<string>();
  const sent = new Set<string>();
  const rounds = sampleAllAlternatives(client, op, { variant: "full" });
  rounds.forEach((s, i) => {
    const xml = encode(client, op, s.input, s.headers);
    for (const m of xml.matchAll(/<ns1:(\w+)>/g)) (i === 0 ? first : sent).add(m[1] ?? "");
  });
  // Round 0 is the ordinary sample (first alternatives); the rounds add every other one, at every level
  // reached: the b1/b2 sequence, c with each of x and y, and p, q, r, s; then they stop.
  assert.deepEqual([...first].sort(), ["Req", "a", "p", "q"]);
  assert.deepEqual([...new Set([...first, ...sent])].sort(), ["Req", "a", "b1", "b2", "c", "p", "q", "r", "s", "x", "y"]);
  assert.ok(rounds.length <= 5, `${rounds.length} rounds`);
});
