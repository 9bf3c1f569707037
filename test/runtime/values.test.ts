import { test } from "node:test";
import assert from "node:assert/strict";
import type { ClientDescriptor, OperationDescriptor, Primitive } from "../../templates/runtime/descriptors.js";
import { decodeResponse } from "../../templates/runtime/decode.js";
import { encodeRequest } from "../../templates/runtime/encode.js";
import { isDecodeError, isEncodeError } from "../../templates/runtime/errors.js";
import { decodePrimitive, encodePrimitive, plainDecimal, ValueError } from "../../templates/runtime/values.js";

type P = Exclude<Primitive, "anyType">;
const bytes = (...b: number[]) => new Uint8Array(b);

// [type, input value, lexical form written, value decoded back]
const roundTrips: [P, unknown, string, unknown][] = [
  ["string", "  a  b\n", "  a  b\n", "  a  b\n"],
  ["string", "", "", ""],
  ["string", "ü € \u{1F600} & <x> ]]>", "ü € \u{1F600} & <x> ]]>", "ü € \u{1F600} & <x> ]]>"],
  ["normalizedString", "a\tb", "a\tb", "a b"],
  ["token", " a   b ", " a   b ", "a b"],
  ["anyURI", "http://x/?a=1&b=2", "http://x/?a=1&b=2", "http://x/?a=1&b=2"],
  // xs:QName: the envelope round trip (below) writes a declared prefix and reads Clark notation back; the
  // prefix-level codec here keeps the text. test/runtime/qname.test.ts covers prefixes and scopes.
  ["QName", "{urn:x}local", "{urn:x}local", "{urn:x}local"],
  ["duration", "P1Y2M3DT4H", "P1Y2M3DT4H", "P1Y2M3DT4H"],
  ["date", "2024-02-29", "2024-02-29", "2024-02-29"],
  ["time", "23:59:59.999Z", "23:59:59.999Z", "23:59:59.999Z"],
  ["gYear", "2024", "2024", "2024"],
  ["boolean", true, "true", true],
  ["boolean", false, "false", false],
  ["float", 1.5, "1.5", 1.5],
  ["double", Infinity, "INF", Infinity],
  ["double", -Infinity, "-INF", -Infinity],
  ["double", NaN, "NaN", NaN],
  ["double", -0, "-0", -0],
  ["double", 1e21, "1e+21", 1e21],
  ["double", 5e-324, "5e-324", 5e-324],
  ["int", -2147483648, "-2147483648", -2147483648],
  ["int", 2147483647, "2147483647", 2147483647],
  ["short", -32768, "-32768", -32768],
  ["byte", 127, "127", 127],
  ["unsignedInt", 4294967295, "4294967295", 4294967295],
  ["unsignedShort", 65535, "65535", 65535],
  ["unsignedByte", 0, "0", 0],
  ["long", 9223372036854775807n, "9223372036854775807", 9223372036854775807n],
  ["long", -9223372036854775808n, "-9223372036854775808", -9223372036854775808n],
  ["long", 42, "42", 42n],
  ["long", "-17", "-17", -17n],
  ["long", "+0017", "17", 17n],
  ["unsignedLong", 18446744073709551615n, "18446744073709551615", 18446744073709551615n],
  ["integer", 10n ** 40n, "1" + "0".repeat(40), 10n ** 40n],
  ["nonNegativeInteger", 0n, "0", 0n],
  ["positiveInteger", 1, "1", 1n],
  ["negativeInteger", -1n, "-1", -1n],
  ["nonPositiveInteger", "0", "0", 0n],
  ["decimal", "12.50", "12.50", "12.50"],
  ["decimal", "-0.000", "-0.000", "-0.000"],
  ["decimal", 1e21, "1000000000000000000000", "1000000000000000000000"],
  ["decimal", 1e-7, "0.0000001", "0.0000001"],
  ["decimal", -1.25e-10, "-0.000000000125", "-0.000000000125"],
  ["decimal", 123456789012345678901234567890n, "123456789012345678901234567890", "123456789012345678901234567890"],
  ["decimal", 0.1, "0.1", "0.1"],
  ["dateTime", "2022-03-25T21:34:02.1234567+01:00", "2022-03-25T21:34:02.1234567+01:00", "2022-03-25T21:34:02.1234567+01:00"],
  ["dateTime", "0001-01-01T00:00:00", "0001-01-01T00:00:00", "0001-01-01T00:00:00"],
  ["dateTime", new Date(Date.UTC(2024, 1, 29, 12, 0, 0, 5)), "2024-02-29T12:00:00.005Z", "2024-02-29T12:00:00.005Z"],
  // Years outside 0000-9999: toISOString() writes ±YYYYYY, which is no xs:dateTime; written without '+' or extra zeros.
  ["dateTime", new Date(Date.UTC(10000, 0, 1)), "10000-01-01T00:00:00.000Z", "10000-01-01T00:00:00.000Z"],
  ["dateTime", new Date("-000001-06-01T00:00:00Z"), "-0001-06-01T00:00:00.000Z", "-0001-06-01T00:00:00.000Z"],
  ["dateTime", new Date("+275760-09-13T00:00:00Z"), "275760-09-13T00:00:00.000Z", "275760-09-13T00:00:00.000Z"],
  ["dateTime", "2000-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "2000-02-29T00:00:00Z"],
  ["dateTime", "12000-02-29T00:00:00", "12000-02-29T00:00:00", "12000-02-29T00:00:00"],
  ["base64Binary", bytes(0, 255, 128, 1), "AP+AAQ==", bytes(0, 255, 128, 1)],
  ["base64Binary", bytes(), "", bytes()],
  ["hexBinary", bytes(0, 171, 255), "00ABFF", bytes(0, 171, 255)],
  ["guid", "8a1f6b0e-0c3c-4c1e-9f2a-0123456789ab", "8a1f6b0e-0c3c-4c1e-9f2a-0123456789ab", "8a1f6b0e-0c3c-4c1e-9f2a-0123456789ab"],
  ["char", "A", "65", 65],
  ["char", 0xffff, "65535", 0xffff],
  ["anySimpleType", " x ", " x ", " x "],
];

for (const [type, input, lexical, decoded] of roundTrips) {
  test(`${type}: ${describe(input)} ⇄ ${JSON.stringify(lexical)}`, () => {
    assert.equal(encodePrimitive(type, input), lexical);
    assert.deepEqual(decodePrimitive(type, lexical), decoded);
  });
}

// Decoding accepts the other lexical forms of the same values (whitespace collapse, 1/0, +INF…).
const decodes: [P, string, unknown][] = [
  ["boolean", " 1 ", true],
  ["boolean", "\n0\t", false],
  ["boolean", "true", true],
  ["int", " +7 ", 7],
  ["int", "-0", 0],
  ["double", "+INF", Infinity],
  ["double", "1E3", 1000],
  ["double", ".5", 0.5],
  ["decimal", " 3. ", "3."],
  ["decimal", "+.5", "+.5"],
  ["dateTime", " 2022-03-25T21:34:02Z\n", "2022-03-25T21:34:02Z"],
  ["base64Binary", "AP+A\n AQ==", bytes(0, 255, 128, 1)],
  ["hexBinary", "abcd", bytes(0xab, 0xcd)],
  ["unsignedLong", "18446744073709551615", 18446744073709551615n],
];

for (const [type, text, expected] of decodes) {
  test(`decode ${type} ${JSON.stringify(text)}`, () => assert.deepEqual(decodePrimitive(type, text), expected));
}

const badDecodes: [P, string][] = [
  ["boolean", "yes"],
  ["boolean", "TRUE"],
  ["int", "2147483648"],
  ["int", "1.0"],
  ["int", ""],
  ["unsignedByte", "-1"],
  ["long", "9223372036854775808"],
  ["unsignedLong", "-1"],
  ["positiveInteger", "0"],
  ["negativeInteger", "0"],
  ["double", "1e"],
  ["double", "inf"],
  ["decimal", "1e5"],
  ["decimal", "NaN"],
  ["base64Binary", "abc"],
  ["hexBinary", "abc"],
  ["char", "65536"],
  // node-soap writes a Date as an empty element; a dateTime must never decode to a string that is not one.
  ["dateTime", ""],
  ["dateTime", "yesterday"],
  ["dateTime", "2022-03-25 21:34:02"],
  ["dateTime", "2022-13-01T00:00:00"],
  // Days that do not exist in their month.
  ["dateTime", "2024-02-30T00:00:00"],
  ["dateTime", "2023-02-29T00:00:00"],
  ["dateTime", "1900-02-29T00:00:00"],
  ["dateTime", "2024-04-31T00:00:00Z"],
  ["guid", "not-a-guid"],
];

for (const [type, text] of badDecodes) {
  test(`decode ${type} rejects ${JSON.stringify(text)}`, () => {
    assert.throws(
      () => decodePrimitive(type, text),
      (e) => e instanceof ValueError && !e.message.includes(text || "\u0000"),
    );
  });
}

const badEncodes: [P, unknown, RegExp][] = [
  ["string", 5, /expected a string/],
  ["boolean", "true", /expected a boolean/],
  ["int", 1.5, /int range/],
  ["int", 2 ** 31, /int range/],
  ["byte", 128, /byte range/],
  ["unsignedShort", -1, /unsignedShort range/],
  ["long", 2 ** 53, /safe integer/],
  ["long", 9223372036854775808n, /long range/],
  ["long", "12a", /integer string/],
  ["long", 1.5, /safe integer/],
  ["unsignedLong", -1n, /unsignedLong range/],
  ["positiveInteger", 0, /positiveInteger range/],
  ["decimal", Infinity, /finite/],
  ["decimal", "1e5", /decimal string/],
  ["double", "1", /expected a number/],
  ["dateTime", new Date(Number.NaN), /expected a valid Date/],
  ["dateTime", "2022-13-01T00:00:00", /dateTime string/],
  ["dateTime", "yesterday", /dateTime string/],
  ["dateTime", "2024-02-30T00:00:00", /dateTime string/],
  ["dateTime", "2023-02-29T12:00:00Z", /dateTime string/],
  ["base64Binary", "AAAA", /Uint8Array/],
  ["guid", "not-a-guid", /GUID/],
  ["char", "AB", /one-character/],
  ["char", 65536, /char range/],
];

for (const [type, value, message] of badEncodes) {
  test(`encode ${type} rejects ${describe(value)}`, () => {
    assert.throws(
      () => encodePrimitive(type, value),
      (e) => e instanceof ValueError && message.test(e.message),
    );
  });
}

test("plainDecimal never uses an exponent", () => {
  for (const [n, s] of [
    [1e21, "1000000000000000000000"],
    [1.5e22, "15000000000000000000000"],
    [1e-7, "0.0000001"],
    [-2.5e-8, "-0.000000025"],
    [123.456, "123.456"],
    [0, "0"],
  ] as const) {
    assert.equal(plainDecimal(n), s);
  }
});

/** A document/literal operation whose request and response have the same body, for envelope round trips. */
function mirror(type: string, nillable = false): { client: ClientDescriptor; op: OperationDescriptor } {
  const field = { name: "Value", ns: "urn:t", type, min: 0, nillable };
  const body = { kind: "element", field: { name: "Echo", ns: "urn:t", type: "Echo" } } as const;
  const op: OperationDescriptor = { name: "Echo", action: "", input: { body }, output: { body, unwrap: "Value" } };
  const client: ClientDescriptor = { port: "p", soap: "1.1", endpoint: "", types: { Echo: { kind: "struct", fields: [field] } }, operations: { echo: op } };
  return { client, op };
}

test("every primitive round-trips through a whole envelope", () => {
  for (const [type, input, , decoded] of roundTrips) {
    const { client, op } = mirror(`xs:${type}`);
    const xml = encodeRequest(client, op, { Value: input }, undefined);
    assert.deepEqual(decodeResponse(client, op, xml).body, decoded, `${type} ${describe(input)}\n${xml}`);
  }
});

test("invalid XML characters in values are EncodeErrors naming the path", () => {
  const { client, op } = mirror("xs:string");
  for (const bad of ["a\u0000b", "\u0008", "\uFFFE", "x\uD800"]) {
    assert.throws(
      () => encodeRequest(client, op, { Value: bad }, undefined),
      (e) => isEncodeError(e) && e.path === "Echo.Value" && /not allowed in XML 1\.0/.test(e.message),
    );
  }
});

test("xs:date, time, duration and the g* types (kept as text): validation refuses what is no such value; strict decoding too", () => {
  // Before, any string was sent as an xs:date ("yesterday", 2023-02-29), and read back in strict mode.
  const cases: [string, string, string][] = [
    ["date", "2024-02-29", "2023-02-29"],
    ["date", "2024-01-01+02:00", "yesterday"],
    ["time", "24:00:00", "25:00:00"],
    ["duration", "-P1DT0.5S", "1 day"],
    ["duration", "PT1H", "PT"],
    ["gYear", "2024", "24"],
    ["gYearMonth", "2024-12", "2024-13"],
    ["gMonth", "--05--", "05"],
    ["gMonthDay", "--02-29", "--02-30"],
    ["gDay", "---31", "---32"],
  ];
  for (const [type, good, bad] of cases) {
    const { client, op } = mirror(`xs:${type}`);
    const sent = encodeRequest(client, op, { Value: good }, undefined);
    assert.deepEqual(decodeResponse(client, op, sent, { strict: true }).body, good, `${type} ${good}`);
    assert.throws(
      () => encodeRequest(client, op, { Value: bad }, undefined),
      (e) => isEncodeError(e) && e.path === "Echo.Value" && e.message.endsWith(`expected an xs:${type} value (got ${JSON.stringify(bad)})`),
      `${type} ${bad}`,
    );
    // `validate: false` sends it; lenient decoding keeps it (its type is string), strict decoding refuses it.
    const forced = encodeRequest(client, op, { Value: bad }, undefined, { validate: false });
    assert.equal(decodeResponse(client, op, forced).body, bad);
    assert.throws(
      () => decodeResponse(client, op, forced, { strict: true }),
      (e) => isDecodeError(e) && e.message.includes(`not a valid ${type}`),
      `${type} ${bad} strict`,
    );
  }
});

function describe(v: unknown): string {
  if (typeof v === "bigint") return `${v}n`;
  if (v instanceof Uint8Array) return `bytes[${v.join(",")}]`;
  if (v instanceof Date) return `Date(${Number.isNaN(v.getTime()) ? "invalid" : v.toISOString()})`;
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  return JSON.stringify(v) ?? String(v);
}
