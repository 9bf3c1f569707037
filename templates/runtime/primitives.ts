/**
 * The primitive types descriptors name as `"xs:<name>"`: the XSD built-in simple types (XSD Part 2 §3) plus
 * WCF's serialization primitives. This list is the one source: the runtime's `Primitive` type is derived
 * from it, and the generator imports it (as a value) to know which type names are built in.
 */
export const PRIMITIVES = [
  "string",
  "normalizedString",
  "token",
  "language",
  "Name",
  "NCName",
  "NMTOKEN",
  "NMTOKENS",
  "ID",
  "IDREF",
  "IDREFS",
  "ENTITY",
  "ENTITIES",
  "anyURI",
  "QName",
  "NOTATION",
  "boolean",
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
  "dateTime",
  "date",
  "time",
  "duration",
  "gYear",
  "gYearMonth",
  "gMonth",
  "gMonthDay",
  "gDay",
  "base64Binary",
  "hexBinary",
  "anySimpleType",
  // xs:anyType: any content; decoded as an `XmlElement`, encoded from an `XmlElement` or a simple value.
  "anyType",
  // WCF `ser:guid` (a string restricted to the GUID pattern).
  "guid",
  // WCF `ser:char`: a UTF-16 code unit written as an xs:int.
  "char",
] as const;

/** XSD built-in simple types (XSD Part 2 §3) plus WCF's serialization primitives (guid, char). */
export type Primitive = (typeof PRIMITIVES)[number];
