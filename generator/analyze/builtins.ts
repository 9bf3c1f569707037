/**
 * XSD built-in types (XSD Part 2 §3) and the WCF serialization primitives, with the TypeScript types the
 * generated code uses for them. The mapping is lossless by design (see the README's type mapping table):
 * 64-bit and unbounded integers are `bigint`, decimals and dateTimes keep their exact lexical text.
 * The list itself is the runtime's (templates/runtime/primitives.ts), imported as a value: one source.
 */
import { PRIMITIVES, type Primitive } from "../../templates/runtime/primitives.js";
import type { CharInput, DateTimeInput, DateTimeString, DecimalInput, DecimalString, Guid, IntegerInput, OneOf, QNameString, XmlElement } from "../../templates/runtime/index.js";
import { NS, type QName } from "../ns.js";

export { PRIMITIVES, type Primitive };

const BIG_INTEGERS = new Set<Primitive>(["integer", "nonPositiveInteger", "negativeInteger", "nonNegativeInteger", "positiveInteger", "long", "unsignedLong"]);
const NUMBERS = new Set<Primitive>(["float", "double", "int", "short", "byte", "unsignedInt", "unsignedShort", "unsignedByte"]);

/**
 * The runtime's type exports that built-in types are written with, each tied to the runtime's own symbol:
 * renaming or removing one in templates/runtime/index.ts breaks this file's compilation.
 */
interface RuntimeTypes {
  CharInput: CharInput;
  DateTimeInput: DateTimeInput;
  DateTimeString: DateTimeString;
  DecimalInput: DecimalInput;
  DecimalString: DecimalString;
  Guid: Guid;
  IntegerInput: IntegerInput;
  OneOf: OneOf<object>;
  QNameString: QNameString;
  XmlElement: XmlElement;
}
export type RuntimeTypeName = keyof RuntimeTypes;

/** A TypeScript type's text and the runtime type exports it names (which the file using it imports). */
export interface TsType {
  readonly text: string;
  readonly runtime: readonly RuntimeTypeName[];
}

const own = (text: "string" | "number" | "boolean" | "bigint" | "Uint8Array"): TsType => ({ text, runtime: [] });
const rt = (name: Exclude<RuntimeTypeName, "OneOf">): TsType => ({ text: name, runtime: [name] });
const same = (t: TsType): { out: TsType; in: TsType } => ({ out: t, in: t });

const STRING = same(own("string"));
const NUMBER = same(own("number"));
const BOOLEAN = same(own("boolean"));
const BIGINT = { out: own("bigint"), in: rt("IntegerInput") };
const DECIMAL = { out: rt("DecimalString"), in: rt("DecimalInput") };
const DATETIME = { out: rt("DateTimeString"), in: rt("DateTimeInput") };
const BINARY = same(own("Uint8Array"));
const GUID = same(rt("Guid"));
const CHAR = { out: own("number"), in: rt("CharInput") };
const ANY = { out: rt("XmlElement"), in: { text: "XmlElement | string | number | boolean", runtime: ["XmlElement"] } } satisfies { out: TsType; in: TsType };
const QNAME = same(rt("QNameString"));

/** TypeScript type of a decoded value, and the wider type accepted on input, with the runtime types they name. */
export function primitiveTs(p: Primitive): { out: TsType; in: TsType } {
  if (p === "boolean") return BOOLEAN;
  if (NUMBERS.has(p)) return NUMBER;
  if (BIG_INTEGERS.has(p)) return BIGINT;
  switch (p) {
    case "decimal":
      return DECIMAL;
    case "dateTime":
      return DATETIME;
    case "base64Binary":
    case "hexBinary":
      return BINARY;
    case "guid":
      return GUID;
    case "char":
      return CHAR;
    case "anyType":
      return ANY;
    case "QName":
      return QNAME;
    default:
      return STRING;
  }
}

export function primitiveIsNumeric(p: Primitive): boolean {
  return NUMBERS.has(p) || BIG_INTEGERS.has(p) || p === "decimal";
}

/** The XSD built-in type names (local names in the xs namespace) the runtime has a primitive for. */
export const XSD_BUILTIN_NAMES: readonly string[] = PRIMITIVES.filter((p) => p !== "guid" && p !== "char");
const XSD_BUILTINS = new Set<string>(XSD_BUILTIN_NAMES);

/**
 * Maps a type QName to a primitive when it is one: an XSD built-in, a SOAP-encoding wrapper of one
 * (`soapenc:string`, SOAP 1.1 §5.2.1), or WCF's `ser:guid` / `ser:char` / `ser:duration`.
 */
export function builtinPrimitive(q: QName): Primitive | undefined {
  if (q.ns === NS.xs) return XSD_BUILTINS.has(q.local) ? (q.local as Primitive) : undefined;
  if (q.ns === NS.soapEnc11 || q.ns === NS.soapEnc12) {
    if (q.local === "base64") return "base64Binary";
    return XSD_BUILTINS.has(q.local) ? (q.local as Primitive) : undefined;
  }
  if (q.ns === NS.msSer) {
    if (q.local === "guid") return "guid";
    if (q.local === "char") return "char";
    if (q.local === "duration") return "duration";
  }
  return undefined;
}
