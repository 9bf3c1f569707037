/**
 * XSD constraining facets (XML Schema Part 2 §4.3) checked before sending: every facet at its boundary and just
 * past it, length in code points / octets / list items, exact decimal bounds, digits, patterns (Appendix F
 * regular expressions translated to JavaScript), facet chains through named restrictions, secrets kept out of
 * messages, and `validate: false`.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { ClientDescriptor, FacetsDescriptor, FieldDescriptor, OperationDescriptor, TypeDescriptor, TypeRef } from "../../templates/runtime/descriptors.js";
import { SoapClient } from "../../templates/runtime/client.js";
import { encodeRequest as encodeWritten, type EncodeOptions } from "../../templates/runtime/encode.js";
import { isEncodeError, type EncodeError } from "../../templates/runtime/errors.js";
import { facetChecks } from "../../templates/runtime/facets.js";
import { patternFacets, translatePattern, xsdPattern } from "../../generator/patterns.js";

// Facets are checked by the optional facets feature, which generated clients name in their descriptor.
const features = { facets: facetChecks };

/**
 * The descriptors here are written with XSD patterns; the generator writes each with its translation
 * (`regexes`, generator/patterns.ts), which is what the runtime checks. This adds them the same way.
 */
function translated<T>(value: T): T {
  if (Array.isArray(value)) return value.map(translated) as T;
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = k === "features" ? v : translated(v);
  const patterns = out["patterns"];
  if (Array.isArray(patterns) && out["regexes"] === undefined) {
    delete out["patterns"];
    Object.assign(out, patternFacets(patterns as string[][]));
  }
  return out as T;
}

function encodeRequest(...args: Parameters<typeof encodeWritten>): string {
  const [c, ...rest] = args;
  return encodeWritten(translated(c), ...rest);
}

const NS = "urn:facets";

/** Named types shared by the cases. */
const NAMED: Readonly<Record<string, TypeDescriptor>> = {
  Codes: { kind: "list", qname: [NS, "Codes"], item: "xs:string" },
  AtMostThreeCodes: { kind: "simple", qname: [NS, "AtMostThreeCodes"], base: "Codes", facets: { minLength: 1, maxLength: 3 } },
  CountryCode: { kind: "simple", qname: [NS, "CountryCode"], base: "xs:string", facets: { patterns: [["[A-Z]{2}"]] } },
  CountryCodes: { kind: "list", qname: [NS, "CountryCodes"], item: "CountryCode" },
  // A named restriction of a named restriction: both steps' facets apply, patterns AND across the steps.
  Upper: { kind: "simple", qname: [NS, "Upper"], base: "xs:string", facets: { patterns: [["[A-Z]+"]], maxLength: 5 } },
  UpperAorB: { kind: "simple", qname: [NS, "UpperAorB"], base: "Upper", facets: { patterns: [["A.*", "B.*"]], minLength: 2 } },
  // Through an enumeration: the enumeration's base's facets apply to its values too.
  UpperEnum: { kind: "enum", qname: [NS, "UpperEnum"], base: "Upper", values: ["ABC", "abc"] },
  ShortUpperEnum: { kind: "simple", qname: [NS, "ShortUpperEnum"], base: "UpperEnum", facets: { maxLength: 2 } },
  Amount: { kind: "simple", qname: [NS, "Amount"], base: "xs:decimal", facets: { totalDigits: 7, fractionDigits: 2, minInclusive: "0" } },
  SmallAmount: { kind: "simple", qname: [NS, "SmallAmount"], base: "Amount", facets: { maxExclusive: "1000" } },
  IntOrText: { kind: "union", qname: [NS, "IntOrText"], members: ["xs:int", "xs:string"] },
  Digits: { kind: "simple", qname: [NS, "Digits"], base: "IntOrText", facets: { patterns: [[String.raw`\d+`]] } },
  // WCF's ser:guid and ser:duration, as DataContractSerializer's schema declares them.
  guid: {
    kind: "simple",
    qname: ["http://schemas.microsoft.com/2003/10/Serialization/", "guid"],
    base: "xs:string",
    facets: { patterns: [[String.raw`[\da-fA-F]{8}-[\da-fA-F]{4}-[\da-fA-F]{4}-[\da-fA-F]{4}-[\da-fA-F]{12}`]] },
  },
  duration: {
    kind: "simple",
    qname: ["http://schemas.microsoft.com/2003/10/Serialization/", "duration"],
    base: "xs:duration",
    facets: { patterns: [[String.raw`\-?P(\d*D)?(T(\d*H)?(\d*M)?(\d*(\.\d*)?S)?)?`]], minInclusive: "-P10675199DT2H48M5.4775808S" },
  },
};

const op: OperationDescriptor = {
  name: "Ship",
  action: "",
  input: { body: { kind: "element", field: { name: "Shipment", ns: NS, type: "Shipment" } } },
};

function client(field: Omit<FieldDescriptor, "name">, extra: Readonly<Record<string, TypeDescriptor>> = {}): ClientDescriptor {
  const types: Record<string, TypeDescriptor> = { ...NAMED, ...extra, Shipment: { kind: "struct", fields: [{ name: "V", ns: NS, min: 0, ...field }] } };
  return { port: "p", soap: "1.1", endpoint: "", features, types, operations: { ship: op } };
}

/** The written request, or the EncodeError. */
function encode(type: TypeRef, facets: FacetsDescriptor | undefined, value: unknown, options?: EncodeOptions): string | EncodeError {
  try {
    return encodeRequest(client({ type, ...(facets === undefined ? {} : { facets }) }), op, { V: value }, undefined, options);
  } catch (e) {
    if (isEncodeError(e)) return e;
    throw e;
  }
}

type Case = readonly [label: string, type: TypeRef, facets: FacetsDescriptor | undefined, value: unknown, expected: "ok" | RegExp];

const bytes = (n: number): Uint8Array => new Uint8Array(n).map((_, i) => i + 1);

const CASES: readonly Case[] = [
  // ---- length, minLength, maxLength (§4.3.1–4.3.3) ----
  ["string maxLength at", "xs:string", { maxLength: 3 }, "abc", "ok"],
  ["string maxLength past", "xs:string", { maxLength: 3 }, "abcd", /^is longer than maxLength 3 \(length 4\)$/],
  ["string minLength at", "xs:string", { minLength: 2 }, "ab", "ok"],
  ["string minLength past", "xs:string", { minLength: 2 }, "a", /^is shorter than minLength 2 \(length 1\)$/],
  ["string length at", "xs:string", { length: 2 }, "ab", "ok"],
  ["string length over", "xs:string", { length: 2 }, "abc", /^does not have length 2 \(length 3\)$/],
  ["string length under", "xs:string", { length: 2 }, "a", /^does not have length 2 \(length 1\)$/],
  ["empty string minLength 0", "xs:string", { minLength: 0, maxLength: 0 }, "", "ok"],
  // Characters are code points: an emoji is one character (two UTF-16 code units).
  ["emoji maxLength at", "xs:string", { maxLength: 2 }, "😀😀", "ok"],
  ["emoji maxLength past", "xs:string", { maxLength: 2 }, "😀😀😀", /^is longer than maxLength 2 \(length 3\)$/],
  ["emoji length 1", "xs:string", { length: 1 }, "😀", "ok"],
  ["emoji minLength 2 with one emoji", "xs:string", { minLength: 2 }, "😀", /^is shorter than minLength 2 \(length 1\)$/],
  ["astral CJK maxLength", "xs:string", { maxLength: 3 }, "𠀀𠀁a", "ok"],
  // whiteSpace (§4.3.6): token collapses before facets apply; string preserves.
  ["token collapsed before maxLength", "xs:token", { maxLength: 3 }, "  a  b ", "ok"],
  ["string preserves spaces for maxLength", "xs:string", { maxLength: 3 }, "  a  b ", /^is longer than maxLength 3 \(length 7\)$/],
  ["normalizedString keeps spaces", "xs:normalizedString", { length: 3 }, "a\tb", "ok"],
  // Binary types count octets, whatever the text length.
  ["base64Binary maxLength at", "xs:base64Binary", { maxLength: 4 }, bytes(4), "ok"],
  ["base64Binary maxLength past", "xs:base64Binary", { maxLength: 4 }, bytes(5), /^is longer than maxLength 4 \(length 5 octets\)$/],
  ["base64Binary length 1 (== padding)", "xs:base64Binary", { length: 1 }, bytes(1), "ok"],
  ["base64Binary length 2 (= padding)", "xs:base64Binary", { length: 2 }, bytes(2), "ok"],
  ["base64Binary length 3 (no padding)", "xs:base64Binary", { length: 3 }, bytes(3), "ok"],
  ["base64Binary minLength 1 empty", "xs:base64Binary", { minLength: 1 }, bytes(0), /^is shorter than minLength 1 \(length 0 octets\)$/],
  ["hexBinary length at", "xs:hexBinary", { length: 2 }, bytes(2), "ok"],
  ["hexBinary length past", "xs:hexBinary", { length: 2 }, bytes(3), /^does not have length 2 \(length 3 octets\)$/],
  // Lists count items.
  ["list maxLength at", "AtMostThreeCodes", undefined, ["a", "bb", "ccc"], "ok"],
  ["list maxLength past", "AtMostThreeCodes", undefined, ["a", "b", "c", "d"], /^is longer than maxLength 3 \(length 4 items\)$/],
  ["list minLength past", "AtMostThreeCodes", undefined, [], /^is shorter than minLength 1 \(length 0 items\)$/],
  ["list field facets", "Codes", { length: 2 }, ["long-item", "x"], "ok"],
  ["list field facets past", "Codes", { length: 2 }, ["x"], /^does not have length 2 \(length 1 items\)$/],
  ["NMTOKENS counts tokens", "xs:NMTOKENS", { maxLength: 2 }, "a  b", "ok"],
  ["NMTOKENS counts tokens past", "xs:NMTOKENS", { maxLength: 2 }, "a b c", /^is longer than maxLength 2 \(length 3 items\)$/],
  ["length does not apply to int", "xs:int", { maxLength: 1 }, 12345, "ok"],
  ["length does not apply to QName", "xs:QName", { maxLength: 1 }, "{urn:a}b", "ok"],

  // ---- bounds (§4.3.7–4.3.10) ----
  ["int minInclusive at", "xs:int", { minInclusive: "1" }, 1, "ok"],
  ["int minInclusive past", "xs:int", { minInclusive: "1" }, 0, /^is less than minInclusive 1$/],
  ["int maxInclusive at", "xs:int", { maxInclusive: "10" }, 10, "ok"],
  ["int maxInclusive past", "xs:int", { maxInclusive: "10" }, 11, /^is greater than maxInclusive 10$/],
  ["int minExclusive just in", "xs:int", { minExclusive: "0" }, 1, "ok"],
  ["int minExclusive at", "xs:int", { minExclusive: "0" }, 0, /^is not greater than minExclusive 0$/],
  ["int maxExclusive just in", "xs:int", { maxExclusive: "10" }, 9, "ok"],
  ["int maxExclusive at", "xs:int", { maxExclusive: "10" }, 10, /^is not less than maxExclusive 10$/],
  ["negative bounds", "xs:short", { minInclusive: "-5", maxInclusive: "-1" }, -5, "ok"],
  ["negative bounds past", "xs:short", { minInclusive: "-5", maxInclusive: "-1" }, -6, /^is less than minInclusive -5$/],
  ["long at max", "xs:long", { maxInclusive: "9223372036854775806" }, 9223372036854775806n, "ok"],
  ["long past max (beyond 2^53)", "xs:long", { maxInclusive: "9223372036854775806" }, 9223372036854775807n, /^is greater than maxInclusive 9223372036854775806$/],
  ["integer bound written with + and zeros", "xs:integer", { maxExclusive: "+0100" }, "99", "ok"],
  ["integer bound written with + and zeros, at", "xs:integer", { maxExclusive: "+0100" }, 100n, /^is not less than maxExclusive \+0100$/],
  // Decimals compare exactly: 0.1 + 0.2 is 0.30000000000000004, more than 0.3.
  ["decimal maxInclusive 0.3 at", "xs:decimal", { maxInclusive: "0.3" }, "0.3", "ok"],
  ["decimal maxInclusive 0.3 same value", "xs:decimal", { maxInclusive: "0.3" }, "00.300", "ok"],
  ["decimal maxInclusive 0.3 float sum (string)", "xs:decimal", { maxInclusive: "0.3" }, "0.30000000000000004", /^is greater than maxInclusive 0\.3$/],
  ["decimal maxInclusive 0.3 float sum (number)", "xs:decimal", { maxInclusive: "0.3" }, 0.1 + 0.2, /^is greater than maxInclusive 0\.3$/],
  ["decimal just under, beyond double precision", "xs:decimal", { maxInclusive: "0.3" }, "0.29999999999999999999999", "ok"],
  ["decimal just over, beyond double precision", "xs:decimal", { maxInclusive: "0.3" }, "0.30000000000000000000001", /maxInclusive 0\.3/],
  ["decimal minExclusive -1.5 just in", "xs:decimal", { minExclusive: "-1.5" }, "-1.49999999999999999999", "ok"],
  ["decimal minExclusive -1.5 at", "xs:decimal", { minExclusive: "-1.50" }, "-1.5", /^is not greater than minExclusive -1\.50$/],
  ["decimal -0 equals 0", "xs:decimal", { minInclusive: "0" }, "-0.00", "ok"],
  ["decimal .5 form", "xs:decimal", { maxInclusive: "0.5" }, ".5", "ok"],
  ["decimal 5. form", "xs:decimal", { maxExclusive: "5" }, "5.", /maxExclusive 5/],
  ["decimal bigint", "xs:decimal", { maxInclusive: "99999999999999999999" }, 100000000000000000000n, /maxInclusive/],
  ["double maxInclusive at", "xs:double", { maxInclusive: "1.5" }, 1.5, "ok"],
  ["double maxInclusive next double", "xs:double", { maxInclusive: "1.5" }, 1.5000000000000002, /^is greater than maxInclusive 1\.5$/],
  ["double exponent bound", "xs:double", { minInclusive: "1E3" }, 1000, "ok"],
  ["double INF bound", "xs:double", { maxInclusive: "INF" }, Infinity, "ok"],
  ["double -INF value", "xs:double", { minInclusive: "-1" }, -Infinity, /^is less than minInclusive -1$/],
  ["double NaN satisfies no bound", "xs:double", { maxInclusive: "10" }, NaN, /^is NaN, which is not within maxInclusive 10$/],
  // xs:float holds single precision: 0.1000000015 (more than 0.1 as a double) is float(0.1).
  ["float compared in single precision", "xs:float", { maxInclusive: "0.1" }, 0.1000000015, "ok"],
  ["float past in single precision", "xs:float", { maxInclusive: "0.1" }, 0.1000001, /maxInclusive 0\.1/],
  // dateTime/date/time: compared on one time line when both have a timezone, or both lack one.
  ["dateTime max at", "xs:dateTime", { maxInclusive: "2024-12-31T23:59:59Z" }, "2024-12-31T23:59:59Z", "ok"],
  ["dateTime max, same instant other zone", "xs:dateTime", { maxInclusive: "2024-12-31T23:59:59Z" }, "2025-01-01T00:59:59+01:00", "ok"],
  [
    "dateTime max past by a fraction",
    "xs:dateTime",
    { maxInclusive: "2024-12-31T23:59:59Z" },
    "2024-12-31T23:59:59.0000001Z",
    /^is greater than maxInclusive 2024-12-31T23:59:59Z$/,
  ],
  ["dateTime max past via zone", "xs:dateTime", { maxInclusive: "2024-12-31T23:59:59Z" }, "2024-12-31T20:00:00-04:00", /maxInclusive/],
  ["dateTime from a Date", "xs:dateTime", { maxInclusive: "2024-12-31T23:59:59Z" }, new Date("2024-12-31T23:59:59.000Z"), "ok"],
  ["dateTime from a Date past", "xs:dateTime", { maxExclusive: "2024-12-31T23:59:59Z" }, new Date("2024-12-31T23:59:59.000Z"), /maxExclusive/],
  ["dateTime zoned vs local: not compared", "xs:dateTime", { maxInclusive: "2024-12-31T23:59:59Z" }, "2030-01-01T00:00:00", "ok"],
  ["dateTime both local at", "xs:dateTime", { maxExclusive: "2024-01-01T00:00:00" }, "2023-12-31T23:59:59.999", "ok"],
  ["dateTime both local past", "xs:dateTime", { maxExclusive: "2024-01-01T00:00:00" }, "2024-01-01T00:00:00.000", /maxExclusive/],
  ["dateTime 24:00:00 is next midnight", "xs:dateTime", { minInclusive: "2024-01-02T00:00:00" }, "2024-01-01T24:00:00", "ok"],
  ["date min at", "xs:date", { minInclusive: "2000-01-01" }, "2000-01-01", "ok"],
  ["date min past", "xs:date", { minInclusive: "2000-01-01" }, "1999-12-31", /^is less than minInclusive 2000-01-01$/],
  ["date zoned vs local: not compared", "xs:date", { minInclusive: "2000-01-01" }, "1999-12-31Z", "ok"],
  ["date leap day", "xs:date", { maxExclusive: "2024-03-01Z" }, "2024-02-29Z", "ok"],
  ["time max at", "xs:time", { maxInclusive: "17:00:00" }, "17:00:00", "ok"],
  ["time max past", "xs:time", { maxInclusive: "17:00:00" }, "17:00:00.001", /^is greater than maxInclusive 17:00:00$/],
  ["time zoned", "xs:time", { maxInclusive: "17:00:00Z" }, "18:30:00+01:30", "ok"],
  ["strings are not ordered", "xs:string", { minInclusive: "m" }, "a", "ok"],
  ["durations are not ordered here", "xs:duration", { maxInclusive: "P1D" }, "P2D", "ok"],
  ["an unparseable bound is not checked", "xs:int", { maxInclusive: "ten" }, 11, "ok"],

  // ---- totalDigits, fractionDigits (§4.3.11–4.3.12) ----
  ["totalDigits at", "xs:decimal", { totalDigits: 5 }, "123.45", "ok"],
  ["totalDigits past", "xs:decimal", { totalDigits: 5 }, "1234.56", /^has more digits than totalDigits 5 \(6\)$/],
  ["totalDigits ignores leading and trailing zeros", "xs:decimal", { totalDigits: 5 }, "-00123.4500", "ok"],
  ["totalDigits counts zeros after the point", "xs:decimal", { totalDigits: 5 }, "0.00012", "ok"],
  ["totalDigits counts zeros after the point, past", "xs:decimal", { totalDigits: 5 }, "0.000123", /totalDigits 5 \(6\)/],
  ["totalDigits counts trailing zeros of integers", "xs:decimal", { totalDigits: 3 }, "1000", /totalDigits 3 \(4\)/],
  ["totalDigits zero", "xs:decimal", { totalDigits: 1 }, "0000.0000", "ok"],
  ["totalDigits integer at", "xs:integer", { totalDigits: 3 }, 999, "ok"],
  ["totalDigits integer past", "xs:integer", { totalDigits: 3 }, "+001000", /totalDigits 3 \(4\)/],
  ["totalDigits on int", "xs:int", { totalDigits: 2 }, -99, "ok"],
  ["fractionDigits at", "xs:decimal", { fractionDigits: 2 }, "1.25", "ok"],
  ["fractionDigits trailing zeros", "xs:decimal", { fractionDigits: 2 }, "1.2500000", "ok"],
  ["fractionDigits past", "xs:decimal", { fractionDigits: 2 }, "1.255", /^has more fraction digits than fractionDigits 2 \(3\)$/],
  ["fractionDigits 0 on a whole decimal", "xs:decimal", { fractionDigits: 0 }, "12.0", "ok"],
  ["fractionDigits of a float sum", "xs:decimal", { fractionDigits: 2 }, 0.1 + 0.2, /fractionDigits 2 \(17\)/],
  ["digits do not apply to double", "xs:double", { totalDigits: 1 }, 123.456, "ok"],

  // ---- named restrictions: every step's facets apply ----
  ["chain ok", "UpperAorB", undefined, "AXY", "ok"],
  ["chain: second alternative", "UpperAorB", undefined, "BXYZ", "ok"],
  ["chain: own patterns (OR) fail", "UpperAorB", undefined, "CXY", /^does not match any of the patterns "A\.\*", "B\.\*"$/],
  ["chain: base pattern fails (AND)", "UpperAorB", undefined, "Axy", /^does not match the pattern "\[A-Z\]\+"$/],
  ["chain: base maxLength", "UpperAorB", undefined, "ABCDEF", /^is longer than maxLength 5 \(length 6\)$/],
  ["chain: own minLength", "UpperAorB", undefined, "A", /^is shorter than minLength 2 \(length 1\)$/],
  ["chain + field facets", "UpperAorB", { maxLength: 4 }, "ABCDE", /^is longer than maxLength 4 \(length 5\)$/],
  ["chain + field facets ok", "UpperAorB", { maxLength: 4 }, "ABCD", "ok"],
  ["through an enum: base pattern", "UpperEnum", undefined, "abc", /pattern "\[A-Z\]\+"/],
  ["through an enum ok", "UpperEnum", undefined, "ABC", "ok"],
  ["restriction of an enum", "ShortUpperEnum", undefined, "ABC", /maxLength 2/],
  ["decimal chain ok", "SmallAmount", undefined, "999.99", "ok"],
  ["decimal chain: own bound", "SmallAmount", undefined, "1000", /maxExclusive 1000/],
  ["decimal chain: base digits", "SmallAmount", undefined, "1.001", /fractionDigits 2/],
  ["decimal chain: base bound", "SmallAmount", undefined, -1, /minInclusive 0/],
  ["union restriction ok (string)", "Digits", undefined, "123", "ok"],
  ["union restriction ok (number)", "Digits", undefined, 123, "ok"],
  ["union restriction pattern", "Digits", undefined, "12a", /pattern "\\d\+"/],
  ["list items are checked one by one", "CountryCodes", undefined, ["NO", "SE"], "ok"],

  // ---- patterns (§4.3.4, Appendix F) ----
  ["WCF guid", "guid", undefined, "936DA01F-9ABD-4d9d-80C7-02AF85C822A8", "ok"],
  ["WCF guid short", "guid", undefined, "936DA01F-9ABD-4d9d-80C7-02AF85C822A", /does not match the pattern/],
  ["WCF guid braces", "guid", undefined, "{936DA01F-9ABD-4d9d-80C7-02AF85C822A8}", /does not match the pattern/],
  ["WCF guid non-hex", "guid", undefined, "936DA01G-9ABD-4d9d-80C7-02AF85C822A8", /does not match the pattern/],
  ["ser:duration days", "duration", undefined, "P1D", "ok"],
  ["ser:duration negative fraction", "duration", undefined, "-PT1.5S", "ok"],
  ["ser:duration hours minutes", "duration", undefined, "P2DT10H5M", "ok"],
  ["ser:duration no years", "duration", undefined, "P1Y", /does not match the pattern/],
  // Not an xs:duration at all: refused as such before its pattern is tried.
  ["ser:duration no P", "duration", undefined, "1D", /expected an xs:duration value \(got "1D"\)/],
  ["ser:duration bound is not checked (durations)", "duration", undefined, "-P99999999D", "ok"],
  ["[A-Z]{2}", "xs:string", { patterns: [["[A-Z]{2}"]] }, "US", "ok"],
  ["[A-Z]{2} three", "xs:string", { patterns: [["[A-Z]{2}"]] }, "USA", /pattern "\[A-Z\]\{2\}"/],
  ["[A-Z]{2} lower", "xs:string", { patterns: [["[A-Z]{2}"]] }, "Us", /pattern/],
  ["[A-Z]{2} on token (collapsed)", "xs:token", { patterns: [["[A-Z]{2}"]] }, " US ", "ok"],
  ["zip", "xs:string", { patterns: [[String.raw`\d{5}(-\d{4})?`]] }, "12345", "ok"],
  ["zip+4", "xs:string", { patterns: [[String.raw`\d{5}(-\d{4})?`]] }, "12345-6789", "ok"],
  ["zip short", "xs:string", { patterns: [[String.raw`\d{5}(-\d{4})?`]] }, "1234", /pattern/],
  ["zip+3", "xs:string", { patterns: [[String.raw`\d{5}(-\d{4})?`]] }, "12345-678", /pattern/],
  ["\\d is any Unicode decimal digit", "xs:string", { patterns: [[String.raw`\d{5}`]] }, "١٢٣٤٥", "ok"],
  ["email-ish", "xs:string", { patterns: [[String.raw`[^@]+@[^\.]+\..+`]] }, "a.b@example.com", "ok"],
  ["email-ish no dot", "xs:string", { patterns: [[String.raw`[^@]+@[^\.]+\..+`]] }, "a@example", /pattern/],
  ["email-ish no local part", "xs:string", { patterns: [[String.raw`[^@]+@[^\.]+\..+`]] }, "@example.com", /pattern/],
  ["email-ish dot first", "xs:string", { patterns: [[String.raw`[^@]+@[^\.]+\..+`]] }, "a@.com", /pattern/],
  // `^` and `$` are characters in XSD; .NET's validator reads them as anchors: either reading is accepted.
  ["^ and $ are literal", "xs:string", { patterns: [[String.raw`^\d+$`]] }, "^12$", "ok"],
  ["^ and $ as .NET anchors", "xs:string", { patterns: [[String.raw`^\d+$`]] }, "12", "ok"],
  ["^ and $: neither reading", "xs:string", { patterns: [[String.raw`^\d+$`]] }, "^12", /pattern/],
  ["^ and $: neither reading (letters)", "xs:string", { patterns: [[String.raw`^\d+$`]] }, "abc", /pattern/],
  ["$ mid-pattern is a character", "xs:string", { patterns: [["US$[0-9]+"]] }, "US$5", "ok"],
  ["$ mid-pattern is a character, past", "xs:string", { patterns: [["US$[0-9]+"]] }, "US5", /pattern/],
  ["$ in a class and escaped ^", "xs:string", { patterns: [[String.raw`US[$]\d+\^2`]] }, "US$5^2", "ok"],
  ["$ in a class is never an anchor", "xs:string", { patterns: [[String.raw`[$]?\d+`]] }, "$5", "ok"],
  ["anchored (no partial match)", "xs:string", { patterns: [["[A-Z]{2}"]] }, "xUSx", /pattern/],
  ["alternation is anchored as a whole", "xs:string", { patterns: [["a|b"]] }, "ab", /pattern/],
  ["\\w excludes punctuation (even _)", "xs:string", { patterns: [[String.raw`\w+`]] }, "a_b", /pattern/],
  ["\\w letters, digits, symbols", "xs:string", { patterns: [[String.raw`\w+`]] }, "é9+😀", "ok"],
  ["\\W", "xs:string", { patterns: [[String.raw`\W`]] }, "_", "ok"],
  ["\\s is only XML whitespace", "xs:string", { patterns: [[String.raw`a\sb`]] }, "a\u00A0b", /pattern/],
  ["\\s tab", "xs:string", { patterns: [[String.raw`a\sb`]] }, "a\tb", "ok"],
  ["\\S", "xs:string", { patterns: [[String.raw`\S+`]] }, "a b", /pattern/],
  [". excludes newline", "xs:string", { patterns: [["a.b"]] }, "a\nb", /pattern/],
  [". is one code point", "xs:string", { patterns: [["a.b"]] }, "a😀b", "ok"],
  [". includes U+2028 (XSD, unlike JavaScript)", "xs:string", { patterns: [["a.b"]] }, "a\u2028b", "ok"],
  ["\\i\\c*", "xs:string", { patterns: [[String.raw`\i\c*`]] }, "_a-1.b", "ok"],
  ["\\i\\c* digit first", "xs:string", { patterns: [[String.raw`\i\c*`]] }, "1a", /pattern/],
  ["\\I\\C", "xs:string", { patterns: [[String.raw`\I\C`]] }, "1 ", "ok"],
  ["\\p{Lu}", "xs:string", { patterns: [[String.raw`\p{Lu}{2}`]] }, "ÅB", "ok"],
  ["\\p{Lu} lower", "xs:string", { patterns: [[String.raw`\p{Lu}{2}`]] }, "Åb", /pattern/],
  ["\\P{L}", "xs:string", { patterns: [[String.raw`\P{L}+`]] }, "12-", "ok"],
  ["[\\w-] (multi-char escape in a class)", "xs:string", { patterns: [[String.raw`[\w-]+`]] }, "ab-9", "ok"],
  ["[\\w-] rejects punctuation", "xs:string", { patterns: [[String.raw`[\w-]+`]] }, "ab_9", /pattern/],
  ["[^\\w\\s] (negated class of complements)", "xs:string", { patterns: [[String.raw`[^\w\s]+`]] }, "_.,", "ok"],
  ["[^\\w\\s] rejects a letter", "xs:string", { patterns: [[String.raw`[^\w\s]+`]] }, "_a", /pattern/],
  ["[^\\w\\s] rejects a space", "xs:string", { patterns: [[String.raw`[^\w\s]+`]] }, "_ ", /pattern/],
  ["escapes \\- \\. \\( \\{ \\|", "xs:string", { patterns: [[String.raw`\-\.\(\)\{\}\|\\\[\]\^\*\+\?`]] }, "-.(){}|\\[]^*+?", "ok"],
  ["[+-] leading/trailing hyphen", "xs:string", { patterns: [["[+-]?[0-9]+", "[-a]b"]] }, "-12", "ok"],
  ["quantifier ranges", "xs:string", { patterns: [["x{2,3}y{2,}"]] }, "xxxyyyy", "ok"],
  ["quantifier ranges past", "xs:string", { patterns: [["x{2,3}y{2,}"]] }, "xxxxyy", /pattern/],
  ["empty branch", "xs:string", { patterns: [["(a|)b"]] }, "b", "ok"],
  ["astral range", "xs:string", { patterns: [["[😀-😂]+"]] }, "😁😂", "ok"],
  ["patterns apply to the written lexical form (boolean)", "xs:boolean", { patterns: [["true|false"]] }, true, "ok"],
  ["patterns apply to the written lexical form (int)", "xs:int", { patterns: [["[0-9]{3}"]] }, 42, /pattern/],
  ["patterns apply to the written lexical form (Date)", "xs:dateTime", { patterns: [[String.raw`.*Z`]] }, new Date(0), "ok"],
  ["patterns apply to the written lexical form (hex)", "xs:hexBinary", { patterns: [["[0-9A-F]*"]] }, bytes(12), "ok"],
  // Untranslatable patterns are not checked (a false rejection is worse than none); their step is undecided.
  ["class subtraction: not checked", "xs:string", { patterns: [["[a-z-[aeiou]]+"]] }, "aeiou", "ok"],
  ["IsBlock: not checked", "xs:string", { patterns: [[String.raw`\p{IsBasicLatin}+`]] }, "日本", "ok"],
  ["undecided alternative: not checked", "xs:string", { patterns: [["[A-Z]{2}", "[a-z-[aeiou]]+"]] }, "123", "ok"],
  ["untranslatable step, translatable step still checked", "xs:string", { patterns: [["[a-z-[aeiou]]+"], ["[a-z]+"]] }, "ABC", /pattern "\[a-z\]\+"/],
];

test("facets: each one at its boundary passes, just past it fails with the path and the facet", () => {
  for (const [label, type, facets, value, expected] of CASES) {
    const r = encode(type, facets, value);
    if (expected === "ok") {
      assert.equal(typeof r, "string", `${label}: ${typeof r === "string" ? "" : r.message}`);
      continue;
    }
    assert.ok(typeof r !== "string", `${label}: no EncodeError\n${typeof r === "string" ? r : ""}`);
    assert.equal(r.path, "Shipment.V", label);
    const prefix = "Ship: cannot encode Shipment.V: ";
    assert.ok(r.message.startsWith(prefix), `${label}: ${r.message}`);
    assert.match(r.message.slice(prefix.length), expected, label);
    // With `validate: false` the same value is written.
    assert.equal(typeof encode(type, facets, value, { validate: false }), "string", `${label} (validate: false)`);
  }
});

test("messages never contain the value", () => {
  for (const [label, type, facets, value, expected] of CASES) {
    if (expected === "ok" || typeof value !== "string" || value.length < 3) continue;
    // A value equal to a bound is named by the bound itself.
    if (JSON.stringify([facets, NAMED[type]]).includes(value)) continue;
    const r = encode(type, facets, value);
    assert.ok(typeof r !== "string");
    assert.ok(!r.message.includes(value), `${label}: ${r.message}`);
  }
  const field = (name: string, facets: FacetsDescriptor): ClientDescriptor => ({
    port: "p",
    soap: "1.1",
    features,
    endpoint: "",
    types: { Shipment: { kind: "struct", fields: [{ name, ns: NS, type: "xs:string", min: 0, facets }] } },
    operations: { ship: op },
  });
  // A secret-looking field: not even its length or digit count is shown.
  const secret = "hunter2-correct-horse-battery";
  for (const facets of [{ maxLength: 8 }, { length: 4 }, { patterns: [["[0-9]+"]] }, { minLength: 64 }]) {
    const c = field("Password", facets);
    const e = (() => {
      try {
        encodeRequest(c, op, { Password: secret }, undefined);
      } catch (x) {
        if (isEncodeError(x)) return x;
        throw x;
      }
      return assert.fail("no EncodeError");
    })();
    assert.equal(e.path, "Shipment.Password");
    assert.ok(!e.message.includes(secret) && !e.message.includes("hunter2"), e.message);
    assert.doesNotMatch(e.message, /\(length|29/, e.message);
  }
});

test("the message format: path, facet, and the measured length (XSD Part 2 §4.3.3)", () => {
  const c: ClientDescriptor = {
    port: "p",
    soap: "1.1",
    features,
    endpoint: "",
    types: { Shipment: { kind: "struct", fields: [{ name: "Description", ns: NS, type: "xs:string", facets: { maxLength: 35 } }] } },
    operations: { ship: op },
  };
  assert.throws(
    () => encodeRequest(c, op, { Description: "A description that is far too long (41 c)" }, undefined),
    (e) => isEncodeError(e) && e.message === "Ship: cannot encode Shipment.Description: is longer than maxLength 35 (length 41)",
  );
});

test("facets of attributes, array items, simple content and list items", () => {
  const types: Record<string, TypeDescriptor> = {
    ...NAMED,
    Parcel: {
      kind: "struct",
      fields: [],
      attributes: [
        { name: "code", type: "xs:string", facets: { length: 2 } },
        { name: "country", type: "CountryCode" },
      ],
      text: "SmallAmount",
    },
    Weights: { kind: "array", item: { name: "w", ns: NS, type: "xs:int", max: "unbounded", facets: { maxInclusive: "50" } } },
    Shipment: {
      kind: "struct",
      fields: [
        { name: "Parcel", ns: NS, type: "Parcel", min: 0 },
        { name: "Weights", ns: NS, type: "Weights", min: 0 },
        { name: "Countries", ns: NS, type: "CountryCodes", min: 0 },
        { name: "Lines", ns: NS, type: "xs:string", min: 0, max: "unbounded", facets: { maxLength: 3 } },
      ],
    },
  };
  const c: ClientDescriptor = { port: "p", soap: "1.1", endpoint: "", features, types, operations: { ship: op } };
  const ok = { Parcel: { code: "AB", country: "NO", value: "12.5" }, Weights: [1, 50], Countries: ["NO", "SE"], Lines: ["abc", "de"] };
  const xml = encodeRequest(c, op, ok, undefined);
  assert.match(xml, /<ns1:Parcel code="AB" country="NO">12\.5<\/ns1:Parcel>/);
  const failures: readonly [Record<string, unknown>, string, RegExp][] = [
    [{ Parcel: { code: "ABC" } }, "Shipment.Parcel.code", /does not have length 2 \(length 3\)/],
    [{ Parcel: { code: "AB", country: "no" } }, "Shipment.Parcel.country", /pattern "\[A-Z\]\{2\}"/],
    [{ Parcel: { code: "AB", value: "1000" } }, "Shipment.Parcel.value", /maxExclusive 1000/],
    [{ Weights: [1, 51] }, "Shipment.Weights[1]", /is greater than maxInclusive 50/],
    [{ Countries: ["NO", "Sweden"] }, "Shipment.Countries[1]", /pattern "\[A-Z\]\{2\}"/],
    [{ Lines: ["abc", "defg"] }, "Shipment.Lines[1]", /maxLength 3 \(length 4\)/],
  ];
  for (const [input, path, message] of failures) {
    assert.throws(
      () => encodeRequest(c, op, input, undefined),
      (e) => isEncodeError(e) && e.path === path && message.test(e.message),
      `${path}`,
    );
    assert.doesNotThrow(() => encodeRequest(c, op, input, undefined, { validate: false }));
  }
});

test("a union member whose facets reject the value is skipped for the next member", () => {
  const types: Record<string, TypeDescriptor> = {
    Small: { kind: "simple", base: "xs:int", facets: { maxInclusive: "9" } },
    SmallOrCode: { kind: "union", members: ["Small", "xs:boolean"] },
    Shipment: { kind: "struct", fields: [{ name: "V", ns: NS, type: "SmallOrCode" }] },
  };
  const c: ClientDescriptor = { port: "p", soap: "1.1", endpoint: "", features, types, operations: { ship: op } };
  assert.match(encodeRequest(c, op, { V: 9 }, undefined), /<ns1:V>9<\/ns1:V>/);
  assert.throws(
    () => encodeRequest(c, op, { V: 10 }, undefined),
    (e) => isEncodeError(e) && /any member type/.test(e.message),
  );
});

test("XSD regular expressions: translations, and what is not translated", () => {
  // [pattern, matches, does not match]
  const table: readonly [string, readonly string[], readonly string[]][] = [
    ["abc", ["abc"], ["ab", "abcd", "xabc"]],
    ["a|bc", ["a", "bc"], ["abc", ""]],
    ["(ab)*", ["", "abab"], ["aba"]],
    ["a?b+c*", ["b", "abbcc"], ["a", "aab"]],
    ["a{0}b", ["b"], ["ab"]],
    [String.raw`\d\D`, ["1a", "٣x"], ["11", "aa"]],
    [String.raw`[\d-]+`, ["1-2"], ["a"]],
    ["[a-c-]", ["a", "-"], ["d"]],
    ["[-a-c]", ["b", "-"], ["d"]],
    ["[^-a]", ["b"], ["-", "a"]],
    ["[a^]", ["^", "a"], ["b"]],
    [String.raw`[\^a]`, ["^"], ["b"]],
    [String.raw`[\]\[\\]`, ["]", "[", "\\"], ["a"]],
    ["[.]", ["."], ["a"]],
    [String.raw`\n\r\t`, ["\n\r\t"], [" \n\t"]],
    [String.raw`[\p{Lu}\d]+`, ["A1Ä"], ["a"]],
    [String.raw`[^\p{Lu}]`, ["a"], ["A"]],
    [String.raw`[\P{Lu}]`, ["a"], ["A"]],
    [String.raw`\p{Sc}`, ["$", "€"], ["a"]],
    [String.raw`\p{Nd}+\p{Zs}\p{Po}`, ["12 !"], ["12 a"]],
    [String.raw`[\S\d]`, ["a", "1"], [" "]],
    [String.raw`[^\S]`, [" ", "\t"], ["a"]],
    [String.raw`[\i-]`, ["a", "-", ":"], ["1"]],
    [String.raw`[^\c]`, [" ", "!"], ["a", "1", "-"]],
    [String.raw`[\C]`, [" "], ["a"]],
    ["}", [], []],
  ];
  for (const [pattern, yes, no] of table) {
    const re = xsdPattern(pattern);
    if (pattern === "}") {
      assert.equal(re, undefined, "a lone } is not an XSD Char");
      continue;
    }
    assert.ok(re !== undefined, `${pattern} should translate`);
    assert.equal(re.flags, "u");
    for (const s of yes) assert.ok(re.test(s), `${pattern} should match ${JSON.stringify(s)} (${re.source})`);
    for (const s of no) assert.ok(!re.test(s), `${pattern} should not match ${JSON.stringify(s)} (${re.source})`);
  }
  // The same translation every time (the generator writes it into the descriptor).
  assert.equal(xsdPattern("[A-Z]{2}")?.source, xsdPattern("[A-Z]{2}")?.source);
  assert.equal(translatePattern(String.raw`\-`), String.raw`\u{2D}`, "\\- is invalid in u-mode outside a class: rewritten");
  assert.equal(translatePattern("^a$"), String.raw`\u{5E}a\u{24}`);
  assert.equal(translatePattern("^a$", true), "^a$");
  assert.equal(translatePattern("[$^]", true), String.raw`[\u{24}\u{5E}]`, "in a class they are characters in both readings");
  assert.equal(xsdPattern("a")?.source, "^(?:a)$");
  const untranslatable = [
    "[a-z-[aeiou]]", // subtraction
    "[^a-z-[aeiou]]",
    String.raw`\p{IsBasicLatin}`, // block escapes
    String.raw`\P{IsGreek}`,
    String.raw`\p{Xx}`, // not a category
    String.raw`\p{Cs}`, // not an XSD category
    String.raw`\p{L`,
    String.raw`(a)\1`, // no back-references in XSD
    String.raw`\b`,
    String.raw`\x41`,
    String.raw`\u0041`,
    String.raw`\$`,
    "(?:a)", // a quantifier with nothing to repeat
    "*a",
    "a**",
    "a*?", // lazy in JavaScript, invalid in XSD
    "a{2}{3}",
    "a{,3}",
    "a{3,2}",
    "a{x}",
    "{",
    "(a",
    "a)",
    "[]",
    "[^]",
    "[a",
    "[a-c-e]", // a hyphen in the middle of a group
    String.raw`[\w-.]`,
    "[z-a]",
    String.raw`[\d-z]`,
    "[a-]]",
    "a]",
  ];
  for (const p of untranslatable) assert.equal(xsdPattern(p), undefined, p);
});

test("validate: false in ClientOptions sends values that violate facets; the default checks them", async () => {
  type Ops = { ship: { input: { V?: string }; output: void; requestHeaders: object; responseHeaders: object } };
  const descriptor = { ...client({ type: "guid" }), endpoint: "http://example.invalid/ship" };
  const sent: string[] = [];
  const fetch: typeof globalThis.fetch = async (_url, init) => {
    sent.push(String(init?.body));
    return new Response(null, { status: 202 });
  };
  class Shipper extends SoapClient<Ops> {
    constructor(validate?: boolean) {
      super(translated(descriptor), validate === undefined ? { fetch } : { fetch, validate });
    }
    ship(input: Ops["ship"]["input"]): Promise<void> {
      return this.$call("ship", input);
    }
  }
  await assert.rejects(new Shipper().ship({ V: "not-a-guid" }), (e) => isEncodeError(e) && e.path === "Shipment.V" && /pattern/.test(e.message));
  await assert.rejects(new Shipper(true).ship({ V: "not-a-guid" }), (e) => isEncodeError(e));
  assert.equal(sent.length, 0);
  await new Shipper(false).ship({ V: "not-a-guid" });
  assert.equal(sent.length, 1);
  assert.match(sent[0] ?? "", /<ns1:V>not-a-guid<\/ns1:V>/);
  // Per call, in either direction.
  await new Shipper(true).$invoke("ship", { V: "not-a-guid" }, { validate: false });
  assert.equal(sent.length, 2);
  await assert.rejects(new Shipper(false).$invoke("ship", { V: "not-a-guid" }, { validate: true }), (e) => isEncodeError(e));
  assert.equal(sent.length, 2);
});
