/**
 * Deterministic sample arguments for an operation, driven only by the descriptors (`typeTable` and the
 * operation's input `MessageDescriptor`). Each sample comes in two forms that mean the same message:
 *
 * - `ours`: the input object and headers object our runtime's `encodeRequest` takes (arrays for ArrayOf
 *   wrappers, objects keyed by key text for dictionaries, `null` for xsi:nil, absent properties for omitted
 *   elements, bigint for xs:long…);
 * - `zeep`: the argument structure python-zeep takes, as JSON with markers that the oracle script revives:
 *   ArrayOf wrappers as `{ "<ItemElementName>": [...] }`, dictionaries as `{ "<EntryElementName>": [{ Key, Value }] }`,
 *   xs:list as a list, `{ "$nil": true }` for `zeep.xsd.Nil`, `{ "$bigint": "…" }` for a python int beyond
 *   2^53, `{ "$base64": "…" }` for bytes. Struct members are keyed by element name.
 *
 * Two variants:
 * - "full": every field present with a representative value of its type (arrays and dictionaries with two
 *   entries, lists with two items), down to a bounded struct depth (recursive types stop there: optional
 *   members are then left out);
 * - "sparse": a seeded mix, per field, of value / xsi:nil (nillable fields) / absent (optional fields), with
 *   nil array items and dictionary values, empty and one-item arrays and lists, `Date` inputs for dateTimes,
 *   and our objects' properties in reverse schema order.
 *
 * Values are chosen to exercise the wire form: strings with `&`, `<`, `>`, quotes, `]]>`, CR/LF/TAB and non-ASCII
 * (including a non-BMP character); ints at their range limits; dateTimes with offsets and 7-digit fractions;
 * decimals with trailing zeros beyond double precision; longs beyond 2^53 as bigint.
 */
import type {
  ArrayDescriptor,
  ClientDescriptor,
  DictionaryDescriptor,
  FieldDescriptor,
  OperationDescriptor,
  Primitive,
  StructDescriptor,
  TypeRef,
  TypeTable,
} from "../../templates/runtime/descriptors.js";
import { isRepeated, lookupType, minOf, propOf, structInfo } from "../../templates/runtime/schema.js";
import { primitiveOf } from "../../templates/runtime/values.js";

export type Variant = "full" | "sparse";

/** JSON-ready zeep argument structure (see the module comment for its markers). */
export type ZeepValue = null | boolean | number | string | ZeepValue[] | { [key: string]: ZeepValue };

export const ZEEP_NIL: ZeepValue = { $nil: true };

export interface SampleStats {
  /** Elements written with a value, by type kind or primitive ("xs:int", "struct", "array", "list"…). */
  readonly values: Map<string, number>;
  /** Elements sent as xsi:nil (fields, array items, dictionary values). */
  nils: number;
  /** Optional elements left out. */
  absent: number;
  /** Optional elements left out because the struct depth bound was reached. */
  depthCut: number;
  /** Array sizes and dictionary sizes seen. */
  readonly arraySizes: Set<number>;
  readonly dictionarySizes: Set<number>;
  readonly listSizes: Set<number>;
  /** Date objects given for xs:dateTime. */
  dates: number;
}

export function newStats(): SampleStats {
  return {
    values: new Map(),
    nils: 0,
    absent: 0,
    depthCut: 0,
    arraySizes: new Set(),
    dictionarySizes: new Set(),
    listSizes: new Set(),
    dates: 0,
  };
}

export interface OperationSample {
  /** `input` argument of encodeRequest. */
  readonly input: unknown;
  /** `headers` argument of encodeRequest, keyed by header prop. */
  readonly headers: Record<string, unknown>;
  /** zeep keyword arguments of the operation (the wrapper element's members, or the parts). */
  readonly zeepBody: Record<string, ZeepValue>;
  /** zeep `_soapheaders`, keyed by header element name. */
  readonly zeepHeaders: Record<string, ZeepValue>;
}

export interface SampleOptions {
  readonly variant: Variant;
  /** Seed text for the sparse variant (the operation name by default). */
  readonly seed?: string;
  /** Struct nesting depth below which optional members are still filled in (default 6). */
  readonly maxDepth?: number;
  /** Collects what was generated (for coverage assertions). */
  readonly stats?: SampleStats;
}

interface Pair {
  readonly ours: unknown;
  readonly zeep: ZeepValue;
}

type State = "value" | "nil" | "absent";

/** FNV-1a, for seeding. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRINGS = [
  "Fish & chips <b>bold</b> \"quoted\" 'apos' ]]> Ærøskøbing 東京 😀",
  "line1\r\nline2\ttabbed & more",
  "  leading and trailing spaces  ",
  "Ünïcödé — ≤ ≥ ≠ € ß",
  "",
];

const DATE_TIMES = [
  "2021-03-25T21:34:02.1234567+01:00",
  "1999-12-31T23:59:59.9999999-05:30",
  "2024-02-29T00:00:00Z",
  "2000-01-01T12:00:00",
  "0001-01-01T00:00:00.0000001+14:00",
];

const INT_RANGES: Partial<Record<Primitive, readonly number[]>> = {
  int: [2147483647, -2147483648, 0, 42, -7],
  short: [32767, -32768, 0, 1234],
  byte: [127, -128, 0, 5],
  unsignedInt: [4294967295, 0, 77],
  unsignedShort: [65535, 0, 99],
  unsignedByte: [255, 0, 9],
};

const BIG_RANGES: Partial<Record<Primitive, readonly bigint[]>> = {
  long: [9007199254740993n, -9223372036854775808n, 9223372036854775807n, 0n],
  unsignedLong: [18446744073709551615n, 9007199254740993n, 0n],
  integer: [123456789012345678901234567890n, -98765432109876543210n],
  nonNegativeInteger: [12345678901234567890123n, 0n],
  positiveInteger: [12345678901234567890123n, 1n],
  negativeInteger: [-12345678901234567890123n, -1n],
  nonPositiveInteger: [-12345678901234567890123n, 0n],
};

class Sampler {
  private n = 0;
  private readonly rng: () => number;
  private readonly maxDepth: number;
  private readonly stack: string[] = [];
  readonly stats: SampleStats;

  constructor(
    private readonly types: TypeTable,
    private readonly variant: Variant,
    seed: string,
    maxDepth: number,
    stats: SampleStats | undefined,
  ) {
    this.rng = prng(hash(`${variant}:${seed}`));
    this.maxDepth = maxDepth;
    this.stats = stats ?? newStats();
  }

  private count(key: string): void {
    this.stats.values.set(key, (this.stats.values.get(key) ?? 0) + 1);
  }

  /** Next value in a cycle: deterministic, and different for neighbouring fields. */
  private pick<T>(list: readonly T[]): T {
    const v = list[this.n++ % list.length];
    if (v === undefined) throw new Error("samples: empty list");
    return v;
  }

  private get deep(): boolean {
    return this.stack.length >= this.maxDepth;
  }

  /** The state of one optional/nillable element. */
  private state(f: FieldDescriptor): State {
    const optional = minOf(f) === 0 || f.choice !== undefined;
    if (this.deep && optional) {
      this.stats.depthCut++;
      return "absent";
    }
    // Recursion: a struct type already twice on the stack stops here (nil if it can, absent if optional).
    if (this.recursive(f.type)) {
      if (f.nillable === true) return "nil";
      if (optional) {
        this.stats.depthCut++;
        return "absent";
      }
    }
    if (this.variant === "full") return "value";
    const x = this.rng();
    if (f.nillable === true && optional) return x < 0.5 ? "value" : x < 0.75 ? "nil" : "absent";
    if (optional) return x < 0.7 ? "value" : "absent";
    if (f.nillable === true) return x < 0.75 ? "value" : "nil";
    return "value";
  }

  private recursive(type: TypeRef): boolean {
    return this.stack.filter((t) => t === type).length >= 2;
  }

  /** Samples of a struct's element fields into `ours` (by prop) and `zeep` (by element name). */
  fields(fields: readonly FieldDescriptor[], ours: Record<string, unknown>, zeep: Record<string, ZeepValue>): void {
    const chosen = new Set<number>();
    for (const f of fields) {
      if (f.wildcard === true) {
        if (minOf(f) >= 1) throw new Error(`samples: required xs:any wildcard ${f.name} is not supported`);
        continue;
      }
      if (f.choice !== undefined) {
        // One member of each xs:choice group: the first.
        if (chosen.has(f.choice)) continue;
        chosen.add(f.choice);
      }
      const s = this.state(f);
      if (s === "absent") {
        this.stats.absent++;
        continue;
      }
      const v = s === "nil" ? this.nil() : this.field(f);
      ours[propOf(f)] = v.ours;
      zeep[f.name] = v.zeep;
    }
  }

  private nil(): Pair {
    this.stats.nils++;
    return { ours: null, zeep: ZEEP_NIL };
  }

  /** A field's value: one occurrence, or a list of occurrences for a repeated field. */
  field(f: FieldDescriptor): Pair {
    if (!isRepeated(f)) return this.value(f.type);
    const items = this.items(f, minOf(f));
    return { ours: items.map((i) => i.ours), zeep: items.map((i) => i.zeep) };
  }

  /** Occurrences of a repeated element (array items): two, or in the sparse variant 0–2 with nils. */
  private items(f: FieldDescriptor, min: number): Pair[] {
    const max = typeof f.max === "number" ? f.max : Infinity;
    let size = this.variant === "full" || this.deep ? 2 : [0, 1, 2, 2][Math.floor(this.rng() * 4)] ?? 2;
    if (this.recursive(f.type) || this.deep) size = 0;
    size = Math.min(Math.max(size, min), max);
    this.stats.arraySizes.add(size);
    const out: Pair[] = [];
    for (let i = 0; i < size; i++) {
      const nil = f.nillable === true && (this.recursive(f.type) || (this.variant === "sparse" && this.rng() < 0.3));
      out.push(nil ? this.nil() : this.value(f.type));
    }
    return out;
  }

  value(type: TypeRef): Pair {
    const prim = primitiveOf(type);
    if (prim !== undefined) {
      this.count(`xs:${prim}`);
      return this.primitive(prim);
    }
    const d = lookupType(this.types, type);
    if (d === undefined) throw new Error(`samples: unknown type ${type}`);
    switch (d.kind) {
      case "struct":
        this.count("struct");
        return this.struct(type, d);
      case "array":
        this.count("array");
        return this.array(d);
      case "dictionary":
        this.count("dictionary");
        return this.dictionary(d);
      case "enum": {
        this.count("enum");
        const v = this.pick(d.values);
        return { ours: v, zeep: v };
      }
      case "simple":
        this.count("simple");
        return this.value(d.base);
      case "list": {
        this.count("list");
        const size = this.variant === "full" ? 2 : (this.pick([0, 1, 2]) as number);
        this.stats.listSizes.add(size);
        const ours: unknown[] = [];
        const zeep: ZeepValue[] = [];
        for (let i = 0; i < size; i++) {
          const item = this.listItem(d.item);
          ours.push(item.ours);
          zeep.push(item.zeep);
        }
        return { ours, zeep };
      }
      case "union":
        throw new Error(`samples: xs:union ${type} is not supported`);
    }
  }

  /** A list item: never empty and without whitespace (XSD Part 2 §2.5.1.2). */
  private listItem(type: TypeRef): Pair {
    const d = lookupType(this.types, type);
    if (d?.kind === "enum") return this.value(type);
    const prim = primitiveOf(type);
    if (prim === "string" || prim === "token" || prim === "NMTOKEN" || prim === "Name" || prim === "NCName") {
      const v = `item${this.n++}&<é>`;
      return { ours: v, zeep: v };
    }
    return this.value(type);
  }

  private struct(type: string, d: StructDescriptor): Pair {
    const info = structInfo(this.types, d);
    const ours: Record<string, unknown> = {};
    const zeep: Record<string, ZeepValue> = {};
    this.stack.push(type);
    for (const a of info.attributes) {
      if (a.required !== true && (this.deep || (this.variant === "sparse" && this.rng() < 0.3))) continue;
      const v = this.value(a.type);
      ours[propOf(a)] = v.ours;
      zeep[a.name] = v.zeep;
    }
    this.fields(info.fields, ours, zeep);
    if (info.text !== undefined) {
      const v = this.value(info.text);
      ours[info.textProp] = v.ours;
      zeep["_value_1"] = v.zeep;
    }
    this.stack.pop();
    return { ours: this.ordered(ours), zeep };
  }

  /** Sparse variant: our objects list their properties in reverse (the encoder must follow the descriptors). */
  ordered(obj: Record<string, unknown>): Record<string, unknown> {
    return this.variant === "sparse" ? Object.fromEntries(Object.entries(obj).reverse()) : obj;
  }

  private array(d: ArrayDescriptor): Pair {
    const items = this.items(d.item, 0);
    return { ours: items.map((i) => i.ours), zeep: { [d.item.name]: items.map((i) => i.zeep) } };
  }

  private dictionary(d: DictionaryDescriptor): Pair {
    const size = this.variant === "full" || this.deep ? 2 : (this.pick([0, 1, 2, 2]) as number);
    this.stats.dictionarySizes.add(size);
    const ours: Record<string, unknown> = {};
    const entries: ZeepValue[] = [];
    for (let i = 0; i < size; i++) {
      // Keys are object keys, so they are strings on our side (their text); zeep gets the key's own value.
      let key: string;
      let zkey: ZeepValue;
      if (primitiveOf(d.key.type) === "string") {
        key = i === 0 ? `key&<${this.n++}> Ærø` : `Key ${this.n++} "two"`;
        zkey = key;
      } else {
        const k = this.value(d.key.type);
        key = String(k.ours);
        zkey = k.zeep;
      }
      const nil = d.value.nillable === true && this.variant === "sparse" && i === 1;
      const v = nil ? this.nil() : this.value(d.value.type);
      ours[key] = v.ours;
      entries.push({ [d.key.name]: zkey, [d.value.name]: v.zeep });
    }
    return { ours, zeep: { [d.entry.name]: entries } };
  }

  private primitive(prim: Primitive): Pair {
    const same = (v: string | number | boolean): Pair => ({ ours: v, zeep: v });
    switch (prim) {
      case "string":
      case "anySimpleType":
        return same(this.pick(STRINGS));
      case "normalizedString":
        return same(`normalized ${this.n++} & <Ærø>`);
      case "token":
      case "language":
      case "Name":
      case "NCName":
      case "NMTOKEN":
      case "ID":
      case "IDREF":
      case "ENTITY":
        return same(`tok${this.n++}`);
      case "NMTOKENS":
      case "IDREFS":
      case "ENTITIES":
        return same(`tok${this.n++} tok${this.n++}`);
      case "anyURI":
        return same(`urn:example:${this.n++}?a=1&b=<2>`);
      case "boolean":
        return same(this.n++ % 2 === 0);
      case "int":
      case "short":
      case "byte":
      case "unsignedInt":
      case "unsignedShort":
      case "unsignedByte":
        return same(this.pick(INT_RANGES[prim] ?? [0]));
      case "long":
      case "unsignedLong":
      case "integer":
      case "nonNegativeInteger":
      case "positiveInteger":
      case "negativeInteger":
      case "nonPositiveInteger": {
        const v = this.pick(BIG_RANGES[prim] ?? [0n]);
        return { ours: v, zeep: { $bigint: v.toString() } };
      }
      case "decimal":
        return same(this.pick(["-12345678901234567890.1234500", "0.10", "42"]));
      case "float":
      case "double":
        // Values whose shortest form is the same in JavaScript and Python.
        return same(this.pick([0.5, -1234.25, 3]));
      case "dateTime": {
        if (this.variant === "sparse" && this.rng() < 0.25) {
          this.stats.dates++;
          const date = new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 678));
          return { ours: date, zeep: date.toISOString() };
        }
        return same(this.pick(DATE_TIMES));
      }
      case "date":
        return same(this.pick(["2024-02-29", "1999-12-31+01:00"]));
      case "time":
        return same(this.pick(["23:59:59.1234567+01:00", "00:00:00Z"]));
      case "duration":
        return same(this.pick(["P1Y2M3DT4H5M6S", "PT0.5S"]));
      case "gYear":
        return same("2024");
      case "gYearMonth":
        return same("2024-02");
      case "gMonth":
        return same("--02");
      case "gMonthDay":
        return same("--02-29");
      case "gDay":
        return same("---29");
      case "guid":
        return same(this.pick(["0f8fad5b-d9cb-469f-a165-70867728950e", "00000000-0000-0000-0000-000000000000"]));
      case "char": {
        const c = this.pick(["é", "<", "&"]);
        return { ours: c, zeep: c.charCodeAt(0) };
      }
      case "base64Binary": {
        const bytes = Uint8Array.from([0, 1, 2, 0x3c, 0x26, 0xfd, 0xfe, 0xff]);
        return { ours: bytes, zeep: { $base64: Buffer.from(bytes).toString("base64") } };
      }
      case "hexBinary": {
        const bytes = Uint8Array.from([0, 0xab, 0xff]);
        return { ours: bytes, zeep: "00ABFF" };
      }
      case "QName":
      case "NOTATION":
      case "anyType":
        throw new Error(`samples: xs:${prim} is not supported`);
    }
  }
}

/**
 * Sample input and headers for one operation, in our form and zeep's. The body must be a document/literal
 * wrapper (`kind: "element"` with a struct type: zeep takes the wrapper's members as keyword arguments) or
 * parts (keyword arguments by part name).
 */
export function sampleOperation(client: ClientDescriptor, op: OperationDescriptor, options: SampleOptions): OperationSample {
  const s = new Sampler(client.types, options.variant, options.seed ?? op.name, options.maxDepth ?? 6, options.stats);
  const input: Record<string, unknown> = {};
  const zeepBody: Record<string, ZeepValue> = {};
  const body = op.input.body;
  if (body.kind === "element") {
    const d = lookupType(client.types, body.field.type);
    if (d?.kind !== "struct") throw new Error(`samples: ${op.name}: the body element's type is not a struct`);
    const info = structInfo(client.types, d);
    if (info.attributes.length > 0 || info.text !== undefined) throw new Error(`samples: ${op.name}: wrapper attributes/text are not supported`);
    s.fields(info.fields, input, zeepBody);
  } else if (body.kind === "parts") {
    s.fields(body.parts, input, zeepBody);
  }
  const headers: Record<string, unknown> = {};
  const zeepHeaders: Record<string, ZeepValue> = {};
  s.fields(op.input.headers ?? [], headers, zeepHeaders);
  return { input: s.ordered(input), headers: s.ordered(headers), zeepBody, zeepHeaders };
}

/** JSON text for zeep: bigints become `{ "$bigint": "…" }` (already so in `ZeepValue`s; this guards the rest). */
export function zeepJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? { $bigint: v.toString() } : v));
}
