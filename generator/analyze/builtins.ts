/**
 * XSD built-in types (XSD Part 2 §3) and the WCF serialization primitives, with the TypeScript types the
 * generated code uses for them. The mapping is lossless by design (see the README's type mapping table):
 * 64-bit and unbounded integers are `bigint`, decimals and dateTimes keep their exact lexical text.
 * The list itself is the runtime's (templates/runtime/primitives.ts), imported as a value: one source.
 */
import { PRIMITIVES, type Primitive } from "../../templates/runtime/primitives.js";
import { NS, type QName } from "../ns.js";

export { PRIMITIVES, type Primitive };

const BIG_INTEGERS = new Set<Primitive>(["integer", "nonPositiveInteger", "negativeInteger", "nonNegativeInteger", "positiveInteger", "long", "unsignedLong"]);
const NUMBERS = new Set<Primitive>(["float", "double", "int", "short", "byte", "unsignedInt", "unsignedShort", "unsignedByte"]);

/** TypeScript type of a decoded value, and the wider type accepted on input. Names are runtime exports. */
export function primitiveTs(p: Primitive): { out: string; in: string } {
  if (p === "boolean") return { out: "boolean", in: "boolean" };
  if (NUMBERS.has(p)) return { out: "number", in: "number" };
  if (BIG_INTEGERS.has(p)) return { out: "bigint", in: "IntegerInput" };
  switch (p) {
    case "decimal":
      return { out: "DecimalString", in: "DecimalInput" };
    case "dateTime":
      return { out: "DateTimeString", in: "DateTimeInput" };
    case "base64Binary":
    case "hexBinary":
      return { out: "Uint8Array", in: "Uint8Array" };
    case "guid":
      return { out: "Guid", in: "Guid" };
    case "char":
      return { out: "number", in: "CharInput" };
    case "anyType":
      return { out: "XmlElement", in: "XmlElement | string | number | boolean" };
    case "QName":
      return { out: "QNameString", in: "QNameString" };
    default:
      return { out: "string", in: "string" };
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
