/**
 * The node-soap args → wsdlc input helper (test/helpers/nodesoap-args.ts) on a hand-made type table: each of
 * node-soap's conventions the corpus samples rely on, and the errors for args that do not fit.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { MessageDescriptor, TypeTable } from "../../templates/runtime/descriptors.js";
import { ReviveError } from "../../templates/runtime/revive.js";
import { NodeSoapArgsError, nodeSoapArgs, nodeSoapKeys } from "../helpers/nodesoap-args.js";

const NS = "urn:t";
const types: TypeTable = {
  Ref: { kind: "struct", qname: [NS, "Ref"], fields: [{ name: "name", ns: NS, type: "xs:string", min: 0 }], attributes: [{ name: "id", type: "xs:string" }] },
  SubRef: { kind: "struct", qname: [NS, "SubRef"], base: "Ref", fields: [{ name: "extra", ns: NS, type: "xs:int", min: 0 }] },
  Code: { kind: "struct", qname: [NS, "Code"], fields: [], attributes: [{ name: "source", type: "xs:string" }], text: "xs:int" },
  Req: {
    kind: "struct",
    fields: [
      { name: "count", ns: NS, type: "xs:int", min: 0 },
      { name: "flag", ns: NS, type: "xs:boolean", min: 0 },
      { name: "label", ns: NS, type: "xs:string", min: 0 },
      { name: "when", ns: NS, type: "xs:dateTime", min: 0 },
      { name: "data", ns: NS, type: "xs:base64Binary", min: 0 },
      { name: "tags", ns: NS, type: "xs:string", min: 0, max: "unbounded" },
      { name: "ref", ns: NS, type: "Ref", min: 0 },
      { name: "code", ns: NS, type: "Code", min: 0, max: "unbounded" },
      { name: "any", ns: NS, type: "xs:anyType", min: 0 },
    ],
  },
};
const message: MessageDescriptor = { body: { kind: "element", field: { name: "Req", ns: NS, type: "Req" } } };
const rpc: MessageDescriptor = { body: { kind: "parts", wrapper: { name: "op", ns: NS }, parts: [{ name: "partA", type: "xs:int" }] } };

test("typed values from node-soap's untyped strings and numbers, CDATA unwrapped, base64 revived", () => {
  const got = nodeSoapArgs(types, message, { count: "7", flag: "true", label: 12, when: "2026-01-29T10:15:30.500Z", data: "dGVzdA==", tags: "one" }) as Record<string, unknown>;
  assert.deepEqual({ ...got, data: undefined }, { count: 7, flag: true, label: "12", when: "2026-01-29T10:15:30.500Z", data: undefined, tags: ["one"] });
  assert.deepEqual(got["data"], new Uint8Array([0x74, 0x65, 0x73, 0x74]));
  assert.deepEqual(nodeSoapArgs(types, message, { label: "<![CDATA[ a & b ]]>" }), { label: " a & b " });
});

test("attributes, $value and xsi_type; the keys configurable; prefixed keys matched by local name", () => {
  assert.deepEqual(nodeSoapArgs(types, message, { "x:ref": { attributes: { id: "4", xsi_type: { type: "SubRef", xmlns: NS } }, extra: "2" } }), {
    ref: { $type: "SubRef", id: "4", extra: 2 },
  });
  assert.deepEqual(nodeSoapArgs(types, message, { code: { attributes: { source: "S" }, $value: "100" } }), { code: [{ source: "S", value: 100 }] });
  const keys = nodeSoapKeys({ attributesKey: "$attributes", valueKey: "theValue" });
  assert.deepEqual(nodeSoapArgs(types, message, { code: [{ $attributes: { source: "S" }, theValue: 1 }] }, keys), { code: [{ source: "S", value: 1 }] });
});

test("xs:anyType: an object is element content, a scalar its text", () => {
  assert.deepEqual(nodeSoapArgs(types, message, { any: { a: "1", b: [{ c: 2 }] } }), {
    any: {
      name: "",
      ns: "",
      attributes: [],
      children: [
        { name: "a", ns: "", attributes: [], children: ["1"] },
        { name: "b", ns: "", attributes: [], children: [{ name: "c", ns: "", attributes: [], children: ["2"] }] },
      ],
    },
  });
  assert.deepEqual(nodeSoapArgs(types, message, { any: 5 }), { any: { name: "", ns: "", attributes: [], children: ["5"] } });
  assert.deepEqual(nodeSoapArgs(types, message, { any: { attributes: { xsi_type: { type: "Map", xmlns: "urn:m" }, k: 1 } } }), {
    any: {
      name: "",
      ns: "",
      attributes: [
        { name: "type", ns: "http://www.w3.org/2001/XMLSchema-instance", value: "{urn:m}Map" },
        { name: "k", ns: "", value: "1" },
      ],
      children: [],
    },
  });
});

test("rpc parts by name; args that do not fit are errors naming the key", () => {
  assert.deepEqual(nodeSoapArgs(types, rpc, { partA: "3" }), { partA: 3 });
  assert.throws(
    () => nodeSoapArgs(types, rpc, { parta: 3 }),
    (e: unknown) => e instanceof ReviveError && e.path === "body.parta",
  );
  assert.throws(
    () => nodeSoapArgs(types, message, { nope: 1 }),
    (e: unknown) => e instanceof ReviveError && e.path === "body.nope",
  );
  assert.throws(
    () => nodeSoapArgs(types, message, { ref: { attributes: { type: "x" } } }),
    (e: unknown) => e instanceof ReviveError && e.path === "body.ref.@type",
  );
  assert.throws(() => nodeSoapArgs(types, message, { ref: { attributes: { xsi_type: { type: "Nope", xmlns: NS } } } }), NodeSoapArgsError);
  assert.throws(() => nodeSoapArgs(types, rpc, { $xml: "<a/>" }), NodeSoapArgsError);
});
