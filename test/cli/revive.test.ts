/**
 * templates/runtime/revive.ts, the walker `wsdlc call` revives JSON with: bytes through every path the
 * descriptors allow, unknown keys refused with their path (or kept when not asked), nothing else changed.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { MessageDescriptor, TypeTable } from "../../templates/runtime/descriptors.js";
import { reviveHeaders, reviveInput, reviveJson, ReviveError } from "../../templates/runtime/revive.js";

const types: TypeTable = {
  Blob: { kind: "simple", base: "xs:base64Binary", facets: { maxLength: 8 } },
  ShortBlob: { kind: "simple", base: "Blob" },
  Blobs: { kind: "list", item: "xs:hexBinary" },
  Files: { kind: "array", item: { name: "File", type: "ShortBlob", max: "unbounded" } },
  ByName: { kind: "dictionary", entry: { name: "Entry" }, key: { name: "Key", type: "xs:string" }, value: { name: "Value", type: "Blob" } },
  Base: { kind: "struct", qname: ["urn:t", "Base"], fields: [{ name: "Id", type: "xs:long" }], attributes: [{ name: "sig", type: "xs:hexBinary" }] },
  Derived: { kind: "struct", qname: ["urn:t", "Derived"], base: "Base", fields: [{ name: "Extra", type: "Blob", min: 0 }] },
  Text: { kind: "struct", fields: [], text: "xs:base64Binary", attributes: [{ name: "lang", type: "xs:string" }] },
  Open: {
    kind: "struct",
    fields: [
      { name: "Known", type: "xs:string" },
      { name: "any", type: "xs:anyType", wildcard: true, max: "unbounded" },
    ],
  },
};

const bytes = (...b: number[]) => new Uint8Array(b);

describe("reviveJson", () => {
  test("named simple types restricting base64Binary, two levels deep; lists and arrays of bytes; dictionaries", () => {
    assert.deepEqual(reviveJson(types, "ShortBlob", "AQID"), bytes(1, 2, 3));
    assert.deepEqual(reviveJson(types, "Blobs", ["0a", "FF"]), [bytes(10), bytes(255)]);
    assert.deepEqual(reviveJson(types, "Files", ["AQ==", null]), [bytes(1), null]);
    assert.deepEqual(reviveJson(types, "ByName", { a: "Ag==", b: null }), { a: bytes(2), b: null });
  });

  test("base fields and attributes, a derived type chosen by $type, simple content", () => {
    assert.deepEqual(reviveJson(types, "Base", { Id: "9", sig: "00ff" }), { Id: "9", sig: bytes(0, 255) });
    assert.deepEqual(reviveJson(types, "Base", { $type: "Derived", Id: 1, Extra: "BA==" }), { $type: "Derived", Id: 1, Extra: bytes(4) });
    assert.deepEqual(reviveJson(types, "Text", { value: "BQ==", lang: "en" }), { value: bytes(5), lang: "en" });
  });

  test("rejectUnknownKeys: the key's path and the properties it could have been; a wildcard type accepts others", () => {
    assert.throws(
      () => reviveJson(types, "Derived", { Id: 1, Extr: "x" }, { rejectUnknownKeys: true }, "body"),
      (e: unknown) => e instanceof ReviveError && e.path === "body.Extr" && e.message === "body.Extr: unknown key; the properties are Id, Extra, sig",
    );
    assert.throws(() => reviveJson(types, "Base", { $type: "Text" }, { rejectUnknownKeys: true }, "body"), /body\.\$type: must name Base or a named type derived from it/);
    assert.deepEqual(reviveJson(types, "Open", { Known: "k", other: 1 }, { rejectUnknownKeys: true }), { Known: "k", other: 1 });
    // Without the option, unknown keys pass through untouched.
    assert.deepEqual(reviveJson(types, "Base", { Id: 1, zzz: "AQ==" }), { Id: 1, zzz: "AQ==" });
  });

  test("bad base64 and hex name the path, never the value", () => {
    assert.throws(
      () => reviveJson(types, "Blob", "secret!!", {}, "body.Pin"),
      (e: unknown) => e instanceof ReviveError && e.message === "body.Pin: is not base64 (xs:base64Binary)" && !e.message.includes("secret"),
    );
    assert.throws(() => reviveJson(types, "Blobs", ["abc"], {}, "x"), /x\[0\]: is not hex/);
  });

  test("messages: an element body, parts, and headers by their props", () => {
    const element: MessageDescriptor = { body: { kind: "element", field: { name: "Req", type: "Derived" } }, headers: [{ name: "Token", type: "Blob" }] };
    assert.deepEqual(reviveInput(types, element, { Id: 1, Extra: "AQ==" }), { Id: 1, Extra: bytes(1) });
    assert.deepEqual(reviveHeaders(types, element, { Token: "Ag==" }), { Token: bytes(2) });
    assert.throws(
      () => reviveHeaders(types, element, { Tokn: "x" }, { rejectUnknownKeys: true }),
      /^ReviveError: headers\.Tokn: unknown header; the headers are Token$|headers\.Tokn: unknown header; the headers are Token/,
    );
    const parts: MessageDescriptor = { body: { kind: "parts", parts: [{ name: "data", type: "xs:base64Binary" }] } };
    assert.deepEqual(reviveInput(types, parts, { data: "Aw==" }), { data: bytes(3) });
    assert.throws(() => reviveInput(types, parts, { dta: 1 }, { rejectUnknownKeys: true }), /body\.dta: unknown part; the parts are data/);
  });
});
