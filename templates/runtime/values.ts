/**
 * Codecs between XSD lexical forms (XML Schema Part 2, §3.2–3.3) and TypeScript values, one per `Primitive`.
 * xs:anyType is not here: its values are XML, handled by the encoder and decoder.
 *
 * Codecs throw `ValueError` with a message that never contains the value: callers add the path (and, when the
 * field is not secret-looking, the value).
 */
import type { Primitive } from "./descriptors.js";

export type { XmlAttribute, XmlElement } from "./xml.js";

/** xs:dateTime as received: the exact lexical form (offset and 7-digit .NET fractions kept). */
export type DateTimeString = string;
/** xs:decimal as received: the exact lexical form ("12.50"), never a lossy binary number. */
export type DecimalString = string;
/** WCF ser:guid. */
export type Guid = string;
/**
 * xs:QName: Clark notation, `{namespace}local`, or a bare `local` for a name in no namespace. The encoder
 * declares a prefix for the namespace; the decoder resolves the prefix it was written with (XSD Part 2 §3.2.18).
 */
export type QNameString = string;
/** xs:dateTime input: a lexical string, or a Date (written with `toISOString()`). */
export type DateTimeInput = string | Date;
/** xs:decimal input. Numbers are written in plain notation (no exponent). */
export type DecimalInput = string | number | bigint;
/** Input for xs:long and the unbounded integer types (decoded as bigint). Numbers must be safe integers. */
export type IntegerInput = bigint | number | string;
/** WCF ser:char input: a UTF-16 code unit, or a one-character string. */
export type CharInput = number | string;

export class ValueError extends Error {
  override name = "ValueError";
}

interface Codec {
  encode(value: unknown): string;
  decode(text: string): unknown;
}

// XSD Part 2 §4.3.6 whiteSpace. "collapse": runs of #x20/#x9/#xA/#xD become one space, ends trimmed.
const NEEDS_COLLAPSE = /^[ \t\n\r]|[ \t\n\r]$|[\t\n\r]| {2}/;

export function collapse(s: string): string {
  return NEEDS_COLLAPSE.test(s) ? s.replace(/[ \t\n\r]+/g, " ").replace(/^ | $/g, "") : s;
}

function replaceWs(s: string): string {
  return s.replace(/[\t\n\r]/g, " ");
}

function expect(ok: boolean, message: string): void {
  if (!ok) throw new ValueError(message);
}

function stringCodec(decodeWs: (s: string) => string): Codec {
  return {
    encode(v) {
      expect(typeof v === "string", "expected a string");
      return v as string;
    },
    decode: decodeWs,
  };
}

const INTEGER = /^[+-]?[0-9]+$/;

function intCodec(min: number, max: number, what: string): Codec {
  return {
    encode(v) {
      expect(typeof v === "number" && Number.isInteger(v) && v >= min && v <= max, `expected an integer in ${what} range`);
      return String(v);
    },
    decode(text) {
      const s = collapse(text);
      expect(INTEGER.test(s), "not a valid integer");
      const n = Number(s);
      expect(n >= min && n <= max, `integer out of ${what} range`);
      return n === 0 ? 0 : n;
    },
  };
}

function bigCodec(min: bigint | undefined, max: bigint | undefined, what: string): Codec {
  const check = (n: bigint): bigint => {
    expect((min === undefined || n >= min) && (max === undefined || n <= max), `integer out of ${what} range`);
    return n;
  };
  return {
    encode(v) {
      if (typeof v === "bigint") return check(v).toString();
      if (typeof v === "number") {
        expect(Number.isSafeInteger(v), "expected a safe integer (use a bigint or a string for larger values)");
        return check(BigInt(v)).toString();
      }
      expect(typeof v === "string" && INTEGER.test(v), "expected a bigint, a safe integer or an integer string");
      return check(BigInt(v as string)).toString();
    },
    decode(text) {
      const s = collapse(text);
      expect(INTEGER.test(s), "not a valid integer");
      return check(BigInt(s));
    },
  };
}

const FLOAT = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/;

const floatCodec: Codec = {
  // XSD Part 2 §3.2.4/§3.2.5: INF, -INF and NaN are the special values.
  encode(v) {
    expect(typeof v === "number", "expected a number");
    const n = v as number;
    if (Number.isNaN(n)) return "NaN";
    if (!Number.isFinite(n)) return n > 0 ? "INF" : "-INF";
    return Object.is(n, -0) ? "-0" : String(n);
  },
  decode(text) {
    const s = collapse(text);
    if (s === "INF" || s === "+INF") return Infinity;
    if (s === "-INF") return -Infinity;
    if (s === "NaN") return NaN;
    expect(FLOAT.test(s), "not a valid floating-point number");
    return Number(s);
  },
};

const DECIMAL = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/;

/** A finite number in plain decimal notation: 1e21 → "1000000000000000000000", 1e-7 → "0.0000001". */
export function plainDecimal(n: number): string {
  const s = String(n);
  const m = /^(-?)([0-9]+)(?:\.([0-9]+))?e([+-][0-9]+)$/.exec(s);
  if (m === null) return s;
  const [, sign = "", int = "", frac = "", exp = "0"] = m;
  const digits = int + frac;
  const point = int.length + Number(exp);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + "0".repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const decimalCodec: Codec = {
  // XSD Part 2 §3.2.3: no exponent, no INF/NaN.
  encode(v) {
    if (typeof v === "bigint") return v.toString();
    if (typeof v === "number") {
      expect(Number.isFinite(v), "expected a finite number");
      return plainDecimal(v);
    }
    expect(typeof v === "string" && DECIMAL.test(v), "expected a decimal string, number or bigint");
    return v as string;
  },
  decode(text) {
    const s = collapse(text);
    expect(DECIMAL.test(s), "not a valid decimal");
    return s;
  },
};

const booleanCodec: Codec = {
  // XSD Part 2 §3.2.2: {true, false, 1, 0}.
  encode(v) {
    expect(typeof v === "boolean", "expected a boolean");
    return v ? "true" : "false";
  },
  decode(text) {
    const s = collapse(text);
    if (s === "true" || s === "1") return true;
    if (s === "false" || s === "0") return false;
    throw new ValueError("not a valid boolean");
  },
};

// Pieces of the date and time lexical forms (XSD Part 2 §3.2.7–3.2.14); year, month and day are captured.
const TZ = "(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?";
const YEAR = "(-?(?:[1-9][0-9]{3,}|0[0-9]{3}))";
const MONTH = "(0[1-9]|1[0-2])";
const DAY = "(0[1-9]|[12][0-9]|3[01])";
const TIME = "(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]+)?|24:00:00(?:\\.0+)?)";
// §3.2.7.1: '-'? yyyy '-' mm '-' dd 'T' hh ':' mm ':' ss ('.' s+)? (zzzzzz)?
const DATE_TIME = new RegExp(`^${YEAR}-${MONTH}-${DAY}T${TIME}${TZ}$`);

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether the day exists in its month (no 2024-02-30; 29 February only in leap years, or with no year). */
function dayExists(year: string | undefined, month: string | undefined, day: string | undefined): boolean {
  const d = Number(day);
  if (d > (DAYS_IN_MONTH[Number(month) - 1] ?? 0)) return false;
  if (d < 29 || month !== "02" || year === undefined) return true;
  // Leap years of the proleptic Gregorian calendar; 10,000 is a multiple of 400, so the last four digits decide.
  const y = Number(year.slice(-4));
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

/** The lexical form, and a day that exists in its month. */
function isDateTime(s: string): boolean {
  const m = DATE_TIME.exec(s);
  return m !== null && dayExists(m[1], m[2], m[3]);
}

// XSD Part 2 §3.2.6–3.2.14: the other date and time types, kept as their text (strings in TypeScript).
const LEXICAL: Readonly<Partial<Record<Primitive, RegExp>>> = {
  date: new RegExp(`^${YEAR}-${MONTH}-${DAY}${TZ}$`),
  time: new RegExp(`^${TIME}${TZ}$`),
  duration: /^-?P(?!$)(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+D)?(?:T(?!$)(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\.[0-9]+)?S)?)?$/,
  gYear: new RegExp(`^${YEAR}${TZ}$`),
  gYearMonth: new RegExp(`^${YEAR}-${MONTH}${TZ}$`),
  // `--MM--` is the form of XSD 1.0's first edition, still written by some services.
  gMonth: new RegExp(`^--${MONTH}(?:--)?${TZ}$`),
  gMonthDay: new RegExp(`^()--${MONTH}-${DAY}${TZ}$`),
  gDay: new RegExp(`^---${DAY}${TZ}$`),
};

/**
 * Whether `text` is a lexical value of `prim` where the codec keeps text as it is (xs:date, time, duration and
 * the g* types; always true for others). Checked when encoding with validation on, and in strict decoding.
 */
export function lexicallyValid(prim: Primitive, text: string): boolean {
  const re = LEXICAL[prim];
  if (re === undefined) return true;
  const m = re.exec(text);
  if (m === null) return false;
  return prim === "date" ? dayExists(m[1], m[2], m[3]) : prim === "gMonthDay" ? dayExists(undefined, m[2], m[3]) : true;
}

const dateTimeCodec: Codec = {
  encode(v) {
    if (v instanceof Date) {
      expect(!Number.isNaN(v.getTime()), "expected a valid Date or an xs:dateTime string");
      const iso = v.toISOString();
      // Years outside 0000-9999 come as ±YYYYYY (ECMA-262 expanded years); xs:dateTime has no '+' and no
      // leading zeros beyond four digits (XSD Part 2 §3.2.7.1).
      const sign = iso.charCodeAt(0);
      if (sign !== 43 /* + */ && sign !== 45 /* - */) return iso;
      return `${sign === 45 ? "-" : ""}${iso.slice(1, 7).replace(/^0{1,2}(?=[0-9]{4})/, "")}${iso.slice(7)}`;
    }
    expect(typeof v === "string" && isDateTime(v), "expected a Date or an xs:dateTime string");
    return v as string;
  },
  // The text is kept exactly, but it must be a dateTime: an empty element (node-soap writes one for a Date)
  // or any other text is an error, never a DateTimeString that is not one.
  decode(text) {
    const s = collapse(text);
    expect(isDateTime(s), "not a valid dateTime");
    return s;
  },
};

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const base64Codec: Codec = {
  encode(v) {
    expect(v instanceof Uint8Array, "expected a Uint8Array");
    const bytes = v as Uint8Array;
    let binary = "";
    // Chunked: String.fromCharCode with a huge argument list would overflow the stack.
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  },
  decode(text) {
    const s = text.replace(/[ \t\n\r]+/g, "");
    expect(BASE64.test(s), "not valid base64");
    const binary = atob(s);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  },
};

const hexCodec: Codec = {
  encode(v) {
    expect(v instanceof Uint8Array, "expected a Uint8Array");
    let s = "";
    for (const b of v as Uint8Array) s += (b < 16 ? "0" : "") + b.toString(16).toUpperCase();
    return s;
  },
  decode(text) {
    const s = collapse(text);
    expect(s.length % 2 === 0 && /^[0-9a-fA-F]*$/.test(s), "not valid hexBinary");
    const out = new Uint8Array(s.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(i * 2, i * 2 + 2), 16);
    return out;
  },
};

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const guidCodec: Codec = {
  encode(v) {
    expect(typeof v === "string" && GUID.test(v), "expected a GUID string");
    return v as string;
  },
  decode(text) {
    const s = collapse(text);
    expect(GUID.test(s), "not a valid GUID");
    return s;
  },
};

const charInt = intCodec(0, 0xffff, "char");
const charCodec: Codec = {
  // WCF ser:char is an xs:int holding one UTF-16 code unit.
  encode(v) {
    if (typeof v === "string") {
      expect(v.length === 1, "expected a one-character string or a UTF-16 code unit");
      return String(v.charCodeAt(0));
    }
    return charInt.encode(v);
  },
  decode: charInt.decode,
};

const asIs = stringCodec((s) => s);
const normalized = stringCodec(replaceWs);
const collapsed = stringCodec(collapse);

const TWO_63 = 2n ** 63n;

const CODECS: Readonly<Record<Exclude<Primitive, "anyType">, Codec>> = {
  string: asIs,
  normalizedString: normalized,
  token: collapsed,
  language: collapsed,
  Name: collapsed,
  NCName: collapsed,
  NMTOKEN: collapsed,
  NMTOKENS: collapsed,
  ID: collapsed,
  IDREF: collapsed,
  IDREFS: collapsed,
  ENTITY: collapsed,
  ENTITIES: collapsed,
  anyURI: collapsed,
  QName: collapsed,
  NOTATION: collapsed,
  duration: collapsed,
  date: collapsed,
  time: collapsed,
  gYear: collapsed,
  gYearMonth: collapsed,
  gMonth: collapsed,
  gMonthDay: collapsed,
  gDay: collapsed,
  // anySimpleType has no whiteSpace facet of its own; keep the text as sent.
  anySimpleType: asIs,
  boolean: booleanCodec,
  float: floatCodec,
  double: floatCodec,
  decimal: decimalCodec,
  int: intCodec(-0x80000000, 0x7fffffff, "int"),
  short: intCodec(-0x8000, 0x7fff, "short"),
  byte: intCodec(-0x80, 0x7f, "byte"),
  unsignedInt: intCodec(0, 0xffffffff, "unsignedInt"),
  unsignedShort: intCodec(0, 0xffff, "unsignedShort"),
  unsignedByte: intCodec(0, 0xff, "unsignedByte"),
  long: bigCodec(-TWO_63, TWO_63 - 1n, "long"),
  unsignedLong: bigCodec(0n, 2n ** 64n - 1n, "unsignedLong"),
  integer: bigCodec(undefined, undefined, "integer"),
  nonNegativeInteger: bigCodec(0n, undefined, "nonNegativeInteger"),
  positiveInteger: bigCodec(1n, undefined, "positiveInteger"),
  negativeInteger: bigCodec(undefined, -1n, "negativeInteger"),
  nonPositiveInteger: bigCodec(undefined, 0n, "nonPositiveInteger"),
  dateTime: dateTimeCodec,
  base64Binary: base64Codec,
  hexBinary: hexCodec,
  guid: guidCodec,
  char: charCodec,
};

const PRIMITIVES: ReadonlySet<string> = new Set<string>([...Object.keys(CODECS), "anyType"]);

export function isPrimitive(name: string): name is Primitive {
  return PRIMITIVES.has(name);
}

const BY_REF: ReadonlyMap<string, Primitive> = new Map([...PRIMITIVES].map((p) => [`xs:${p}`, p as Primitive]));

/** The primitive named by a `TypeRef` such as "xs:int", or undefined for a named descriptor. */
export function primitiveOf(type: string): Primitive | undefined {
  return BY_REF.get(type);
}

/** Lexical form of a value. Throws ValueError (without the value in the message) when it does not fit. */
export function encodePrimitive(type: Exclude<Primitive, "anyType">, value: unknown): string {
  return CODECS[type].encode(value);
}

/** Value of a lexical form. Throws ValueError (without the text in the message) when it is not valid. */
export function decodePrimitive(type: Exclude<Primitive, "anyType">, text: string): unknown {
  return CODECS[type].decode(text);
}

/** Whether values of this primitive are strings in TypeScript (candidates for secret redaction). */
export function isStringPrimitive(type: Primitive): boolean {
  const c = CODECS[type as Exclude<Primitive, "anyType">] as Codec | undefined;
  return c === asIs || c === normalized || c === collapsed || c === dateTimeCodec || c === guidCodec;
}

// The numeric primitives. An enumeration of one of them is typed by the generated code as a union of number
// literals (`type displayLevelType = 1 | 2 | 12`), whatever TypeScript type the base's own codec uses.
const NUMERIC: ReadonlySet<Primitive> = new Set<Primitive>([
  "float",
  "double",
  "decimal",
  "integer",
  "nonPositiveInteger",
  "negativeInteger",
  "nonNegativeInteger",
  "positiveInteger",
  "long",
  "unsignedLong",
  "int",
  "short",
  "byte",
  "unsignedInt",
  "unsignedShort",
  "unsignedByte",
]);

/** Whether an enumeration with this base holds numbers in TypeScript (see NUMERIC). */
export function isNumericPrimitive(type: Primitive | undefined): boolean {
  return type !== undefined && NUMERIC.has(type);
}

/**
 * The enumerated lexical form (as listed in the schema) that `value` stands for in an enumeration of a numeric
 * type, comparing values, not spellings (XSD Part 2 §4.3.5: enumeration constrains the value space): a number or
 * bigint equal to it, or a string that is the same number ("12", "+12", "12.0" for 12). Undefined when none is.
 */
export function enumeratedNumber(values: readonly string[], value: unknown): string | undefined {
  for (const v of values) {
    const s = collapse(v);
    if (typeof value === "bigint") {
      if (INTEGER.test(s) && BigInt(s) === value) return v;
    } else if (typeof value === "number") {
      if (FLOAT.test(s) && Number(s) === value) return v;
    } else if (typeof value === "string") {
      const t = collapse(value);
      if (t === s || (FLOAT.test(s) && FLOAT.test(t) && Number(s) === Number(t))) return v;
    }
  }
  return undefined;
}

/**
 * Exactly one property of `T`: `OneOf<{ a: A; b: B }>` is `{ a: A; b?: never } | { a?: never; b: B }`. The
 * items of a repeated xs:choice are typed with it, so an item holding two alternatives does not compile and
 * `item.a !== undefined` narrows to the `a` item.
 */
export type OneOf<T> = { [K in keyof T]: { [P in K]: T[P] } & { [P in Exclude<keyof T, K>]?: never } }[keyof T];
