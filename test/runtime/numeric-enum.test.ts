/**
 * Enumerations of numeric types (NOAA NDFD's `displayLevelType`, an xsd:integer restriction enumerating 1, 2, 3,
 * 4, 12, 34, 1234). The generated code types them as unions of number literals (`1 | 2 | 3 | 4 | 12 | 34 |
 * 1234`), so the runtime must take numbers in requests and give numbers back, whatever the base's own codec uses
 * (bigint for xsd:integer, DecimalString for xsd:decimal). Found with test/interop/rpc-encoded.test.ts: an
 * xsd:int enumeration could not be sent at all (12 was "not one of the values", "12" "not an integer"), an
 * xsd:integer one only from a string, and both decoded to something other than their type (12n for xsd:integer).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { ClientDescriptor, OperationDescriptor } from "../../templates/runtime/descriptors.js";
import { decodeResponse } from "../../templates/runtime/decode.js";
import { encodeRequest } from "../../templates/runtime/encode.js";
import { isDecodeError, isEncodeError } from "../../templates/runtime/errors.js";

const NS = "urn:levels";
const client: ClientDescriptor = {
  port: "LevelsPort",
  soap: "1.1",
  endpoint: "",
  types: {
    IntLevel: { kind: "enum", qname: [NS, "IntLevel"], base: "xs:int", values: ["1", "5", "10"] },
    BigLevel: { kind: "enum", qname: [NS, "BigLevel"], base: "xs:integer", values: ["1", "12", "1234"] },
    Ratio: { kind: "enum", qname: [NS, "Ratio"], base: "xs:decimal", values: ["0.5", "1.50"] },
    Code: { kind: "enum", qname: [NS, "Code"], base: "xs:string", values: ["1", "2"] },
    Levels: { kind: "list", qname: [NS, "Levels"], item: "BigLevel" },
    Tagged: { kind: "struct", qname: [NS, "Tagged"], fields: [{ name: "i", type: "IntLevel" }], attributes: [{ name: "level", type: "BigLevel" }] },
  },
  operations: {},
};
const parts = [
  { name: "i", type: "IntLevel" },
  { name: "b", type: "BigLevel" },
  { name: "r", type: "Ratio" },
  { name: "c", type: "Code", min: 0 },
  { name: "l", type: "Levels", min: 0 },
  { name: "t", type: "Tagged", min: 0 },
] as const;
const op: OperationDescriptor = {
  name: "Levels",
  action: "",
  style: "rpc",
  input: { body: { kind: "parts", wrapper: { name: "Levels", ns: NS }, parts } },
  output: { body: { kind: "parts", wrapper: { name: "LevelsResponse", ns: NS }, parts } },
};

const body = (xml: string): string => /<soap:Body>(.*)<\/soap:Body>/.exec(xml)?.[1] ?? xml;
const response = (inner: string): string =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:LevelsResponse xmlns:m="${NS}">${inner}</m:LevelsResponse></s:Body></s:Envelope>`;

test("numbers (and bigints, and numeric strings) are sent as the enumerated lexical form", () => {
  const xml = encodeRequest(client, op, { i: 5, b: 1234, r: 1.5, l: [12, 1n, "1234"], t: { level: 12, i: 10 } }, undefined);
  assert.equal(body(xml), '<ns1:Levels><i>5</i><b>1234</b><r>1.50</r><l>12 1 1234</l><t level="12"><i>10</i></t></ns1:Levels>');
  // The same values written differently are the same enumerated value (XSD Part 2 §4.3.5 constrains values).
  assert.equal(body(encodeRequest(client, op, { i: "5", b: 1234n, r: "1.5" }, undefined)), "<ns1:Levels><i>5</i><b>1234</b><r>1.50</r></ns1:Levels>");
  assert.equal(body(encodeRequest(client, op, { i: "+05", b: "1234", r: "01.500" }, undefined)), "<ns1:Levels><i>5</i><b>1234</b><r>1.50</r></ns1:Levels>");
});

test("a value that is not enumerated is an EncodeError listing the values; string enumerations still take only their strings", () => {
  const bad = (input: Record<string, unknown>): string => {
    try {
      encodeRequest(client, op, { i: 1, b: 1, r: 0.5, ...input }, undefined);
    } catch (e) {
      assert.ok(isEncodeError(e));
      return e.message;
    }
    return assert.fail("encoded");
  };
  assert.equal(bad({ i: 2 }), "Levels: cannot encode Levels.i: must be one of 1, 5, 10");
  assert.equal(bad({ b: 13n }), "Levels: cannot encode Levels.b: must be one of 1, 12, 1234");
  assert.equal(bad({ b: "twelve" }), "Levels: cannot encode Levels.b: must be one of 1, 12, 1234");
  assert.equal(bad({ b: "" }), "Levels: cannot encode Levels.b: must be one of 1, 12, 1234");
  assert.equal(bad({ r: true }), "Levels: cannot encode Levels.r: must be one of 0.5, 1.50");
  assert.match(bad({ c: 1 }), /Levels\.c: must be one of "1", "2"/);
});

test("enumerated values decode to numbers, whatever the base decodes to (bigint, DecimalString)", () => {
  const r = decodeResponse(client, op, response('<i>10</i><b> 0012 </b><r>0.50</r><c>2</c><l>1 1234</l><t level="1234"><i>1</i></t>'));
  assert.deepEqual(r.body, { i: 10, b: 12, r: 0.5, c: "2", l: [1, 1234], t: { level: 1234, i: 1 } });
  assert.equal(typeof (r.body as { b: unknown }).b, "number");
});

test("a value the schema does not list: kept as its base decodes it (lenient), a DecodeError in strict mode", () => {
  const xml = response("<i>7</i><b>99999999999999999999</b><r>2.25</r>");
  assert.deepEqual(decodeResponse(client, op, xml).body, { i: 7, b: 99999999999999999999n, r: "2.25" });
  try {
    decodeResponse(client, op, xml, { strict: true });
    assert.fail("decoded");
  } catch (e) {
    assert.ok(isDecodeError(e));
    assert.match(e.message, /at Envelope\/Body\/LevelsResponse\/i \(line 1, column \d+\): not one of the enumerated values: "7"$/);
  }
  // An invalid lexical form is an error of the base type in either mode.
  assert.throws(() => decodeResponse(client, op, response("<i>x</i><b>1</b><r>0.5</r>")), /not a valid integer/);
});
