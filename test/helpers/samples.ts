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
import { type GroupNode, groupsOf, isRepeated, lookupType, minOf, propOf, structInfo } from "../../templates/runtime/schema.js";
import { primitiveOf } from "../../templates/runtime/values.js";
import { prng } from "./prng.js";

export type Variant = "full" | "sparse";

/** JSON-ready zeep argument structure (see the module comment for its markers). */
export type ZeepValue = null | boolean | number | string | ZeepValue[] | { [key: string]: ZeepValue };

export const ZEEP_NIL: ZeepValue = { $nil: true };

/** The shape of the xs:QName values samples hold once written (`prefix:qn<n>`), for `canonical`'s qnameValues. */
export const QNAME_VALUES = /^[A-Za-z_][\w.-]*:qn\d+$/;

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

/** Alternatives sent so far, per choice site (`<type path>#<group or list>` → alternative indexes). */
export type Coverage = Map<string, Set<number>>;

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
  /** zeep keyword arguments of the operation (the wrapper element's attributes and members, or the parts). */
  readonly zeepBody: Record<string, ZeepValue>;
  /** zeep positional arguments: the value of a body element of a simple type. */
  readonly zeepArgs: readonly ZeepValue[];
  /** zeep `_soapheaders`, keyed by header element name. */
  readonly zeepHeaders: Record<string, ZeepValue>;
  /** The most alternatives of any xs:choice (single or repeated) this sample met: the rounds that cover them all. */
  readonly alternatives: number;
}

export interface SampleOptions {
  readonly variant: Variant;
  /** Seed text for the sparse variant (the operation name by default). */
  readonly seed?: string;
  /** Struct nesting depth below which optional members are still filled in (default 6). */
  readonly maxDepth?: number;
  /** Collects what was generated (for coverage assertions). */
  readonly stats?: SampleStats;
  /**
   * Which alternative of each xs:choice to send: round r sends alternative r (mod the choice's count) of every
   * choice, and starts a repeated choice's items at alternative r; rounds 0 … `OperationSample.alternatives` - 1
   * together send every alternative of every choice the samples reach. Default 0.
   */
  readonly round?: number;
  /** With `round` > 0: prefer, at each choice, an alternative this coverage has not seen yet (and record it). */
  readonly coverage?: Coverage;
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

const STRINGS = [
  "Fish & chips <b>bold</b> \"quoted\" 'apos' ]]> Ærøskøbing 東京 😀",
  "line1\r\nline2\ttabbed & more",
  "  leading and trailing spaces  ",
  "Ünïcödé — ≤ ≥ ≠ € ß",
  "",
];

const DATE_TIMES = ["2021-03-25T21:34:02.1234567+01:00", "1999-12-31T23:59:59.9999999-05:30", "2024-02-29T00:00:00Z", "2000-01-01T12:00:00", "0001-01-01T00:00:00.0000001+14:00"];

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
    private readonly round = 0,
    private readonly coverage: Coverage = new Map(),
  ) {
    this.rng = prng(hash(`${variant}:${seed}`));
    this.maxDepth = maxDepth;
    this.stats = stats ?? newStats();
  }

  /** The most alternatives of one choice met so far. */
  maxAlternatives = 1;

  private seen(site: string): Set<number> {
    let set = this.coverage.get(site);
    if (set === undefined) this.coverage.set(site, (set = new Set()));
    return set;
  }

  /** The first alternative (of `n`) the coverage has not seen at `site`, or the round's when all were sent. */
  private unseen(site: string, n: number, round: number): number {
    const seen = this.coverage.get(site);
    for (let k = 0; k < n; k++) if (!seen?.has(k)) return k;
    return round % n;
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

  /** The state of one optional/nillable element (`groupOptional`: its xs:choice group may be left out). */
  private state(f: FieldDescriptor, groupOptional = false): State {
    const optional = f.choice !== undefined ? groupOptional || minOf(f) === 0 : minOf(f) === 0;
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

  /**
   * The alternative each xs:choice (and optional xs:sequence) of `fields` sends, by group number, or "absent"
   * for a group left out (only one that may be, as the runtime's encoder checks); groups nested in an
   * alternative not taken get no entry. `forced`: per alternative sent, the member sent whatever its own
   * `min` says, so that the alternative is there.
   */
  private decide(groups: readonly GroupNode[], decided: Map<number, number | string>, forced: Set<FieldDescriptor>, mayBeAbsent = true): void {
    for (const g of groups) {
      const alts = [...g.alternatives.keys()];
      this.maxAlternatives = Math.max(this.maxAlternatives, alts.length);
      const site = `${this.stack.join("/")}#${g.choice}`;
      const turn = this.round === 0 ? 0 : this.unseen(site, alts.length, this.round);
      const rotated = [...alts.slice(turn), ...alts.slice(0, turn)];
      // The round's alternative, unless all of its members recurse (then the next one that does not).
      const pick = rotated.find((a) => g.alternatives.get(a)?.members.some((m) => !this.recursive(m.type))) ?? rotated[0];
      const alt = pick === undefined ? undefined : g.alternatives.get(pick);
      if (pick === undefined || alt === undefined) continue;
      const first = alt.members.find((m) => !this.recursive(m.type)) ?? alt.members[0];
      if (g.optional && mayBeAbsent && first !== undefined && this.state(first, true) === "absent") {
        decided.set(g.choice, "absent");
        continue;
      }
      this.seen(site).add(alts.indexOf(pick));
      decided.set(g.choice, pick);
      const own = alt.fields.find((m) => !this.recursive(m.type)) ?? alt.fields[0];
      if (own !== undefined) forced.add(own);
      // Without a member of its own, the alternative is there through its first inner group.
      alt.groups.forEach((inner, k) => this.decide([inner], decided, forced, own !== undefined || k > 0));
    }
  }

  /** Samples of a struct's element fields into `ours` (by prop) and `zeep` (by element name). */
  fields(fields: readonly FieldDescriptor[], ours: Record<string, unknown>, zeep: Record<string, ZeepValue>): void {
    // Per xs:choice group (nested ones too): the alternative sent, or "absent".
    const decided = new Map<number, number | string>();
    const forced = new Set<FieldDescriptor>();
    this.decide(groupsOf(fields), decided, forced);
    // zeep names xs:any wildcards and repeated choices `_value_<n>`, numbered among the model groups of the
    // type: the cases key them `$any<k>` and `$choice<k>` (k counting each kind in order), and zeep_oracle.py
    // (adapt) renames them to zeep's names.
    let anys = 0;
    let lists = 0;
    for (const f of fields) {
      // A group member is sent when each group it is inside sends its alternative; a member's `min` counts
      // within its innermost group.
      const inGroup = f.choice !== undefined;
      if (inGroup) {
        const steps: (readonly [number, number | string])[] = [[f.choice ?? 0, f.alternative ?? `#${propOf(f)}`], ...(f.nested ?? []).map(([c, a]) => [c, a] as const)];
        if (!steps.every(([c, a]) => decided.get(c) === a)) continue;
      }
      if (f.alternatives !== undefined) {
        lists++;
        if (minOf(f) === 0 && !forced.has(f) && this.state(f) === "absent") {
          this.stats.absent++;
          continue;
        }
        const v = this.choiceItems(f, f.alternatives);
        ours[propOf(f)] = v.ours;
        zeep[`$choice${lists}`] = v.zeep;
        continue;
      }
      if (f.wildcard === true) {
        anys++;
        const s = minOf(f) >= 1 || forced.has(f) ? "value" : this.state(f);
        if (s !== "value") continue;
        const v = this.wildcard(f);
        ours[propOf(f)] = v.ours;
        zeep[`$any${anys}`] = v.zeep;
        continue;
      }
      let s = this.state(f);
      if (forced.has(f) && s === "absent") s = "value";
      if (s === "absent") {
        this.stats.absent++;
        continue;
      }
      // A repeated element is nil item by item (the property itself is an array).
      const v = s === "nil" && !isRepeated(f) ? this.nil() : this.field(f);
      ours[propOf(f)] = v.ours;
      // zeep drops a choice alternative given a falsy value; the oracle keeps it (zeep_oracle.py
      // patch_falsy_choice_values). Members of an optional sequence (alternative 0) are plain sequence members to zeep.
      // A python bool cannot be made truthy: `false` goes as the truthy string "false", which zeep's xs:boolean
      // writes the same way.
      const inChoice = inGroup && (f.alternative !== 0 || (f.nested ?? []).some(([, a]) => a !== 0));
      zeep[f.name] = inChoice && (v.zeep === "" || v.zeep === 0 || v.zeep === false) ? { $truthy: v.zeep === false ? "false" : v.zeep } : v.zeep;
    }
  }

  /**
   * Content for an xs:any wildcard: one foreign element (with a namespaced attribute, text and a child), or a
   * list of one when the wildcard repeats (a single wildcard is typed as one element). Ours: `XmlElement`s; zeep: the element's text, parsed by the oracle.
   */
  private wildcard(f: FieldDescriptor): Pair {
    this.count("xs:any");
    const ns = "urn:wsdlc:sample";
    const n = this.n++;
    const ours = {
      name: "extra",
      ns,
      attributes: [{ name: "attr", ns, value: `${n} & "2"` }],
      children: [`text & <more> ${n}`, { name: "child", ns, attributes: [], children: [] }],
    };
    const xml = `<w:extra xmlns:w="${ns}" w:attr="${n} &amp; &quot;2&quot;">text &amp; &lt;more&gt; ${n}<w:child/></w:extra>`;
    const zeep: ZeepValue = { $xml: xml };
    return isRepeated(f) ? { ours: [ours], zeep: [zeep] } : { ours, zeep };
  }

  /**
   * Items of a repeated choice: in the full variant one of each of the first two alternatives (so that they
   * mix), in the sparse one 0–3 seeded alternatives, with nil where the alternative is nillable.
   */
  private choiceItems(f: FieldDescriptor, alternatives: readonly FieldDescriptor[]): Pair {
    this.count("choice list");
    const max = typeof f.max === "number" ? f.max : Infinity;
    let size = this.variant === "full" ? 2 : Math.floor(this.rng() * 4);
    if (this.deep) size = 0;
    size = Math.min(Math.max(size, minOf(f)), max);
    this.stats.arraySizes.add(size);
    const ours: unknown[] = [];
    const zeep: ZeepValue[] = [];
    this.maxAlternatives = Math.max(this.maxAlternatives, alternatives.length);
    const site = `${this.stack.join("/")}#${propOf(f)}`;
    const start = this.round === 0 ? 0 : this.unseen(site, alternatives.length, this.round);
    for (let i = 0; i < size; i++) {
      const k = this.variant === "full" ? (i + start) % alternatives.length : Math.floor(this.rng() * alternatives.length);
      const alt = alternatives[k];
      this.seen(site).add(k);
      if (alt === undefined) continue;
      if (this.recursive(alt.type) && alt.nillable !== true) continue;
      const nil = alt.nillable === true && (this.recursive(alt.type) || (this.variant === "sparse" && this.rng() < 0.2));
      const v = nil ? this.nil() : this.value(alt.type);
      ours.push({ [propOf(alt)]: v.ours });
      zeep.push({ [alt.name]: v.zeep });
    }
    return { ours, zeep };
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
    let size = this.variant === "full" || this.deep ? 2 : ([0, 1, 2, 2][Math.floor(this.rng() * 4)] ?? 2);
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
      case "union": {
        // A value of the first member type (XSD Part 2 §2.5.1.3: the first member that accepts it).
        this.count("union");
        const first = d.members[0];
        if (first === undefined) throw new Error(`samples: xs:union ${type} without members`);
        return this.value(first);
      }
    }
  }

  /** A list item: never empty and without whitespace (XSD Part 2 §2.5.1.2). */
  private listItem(type: TypeRef): Pair {
    const d = lookupType(this.types, type);
    if (d?.kind === "enum") return this.value(type);
    if (d?.kind === "simple") return this.listItem(d.base);
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
    this.content(info, ours, zeep);
    this.stack.pop();
    return { ours: this.ordered(ours), zeep };
  }

  /** A struct's attributes, elements and simple content (zeep: attributes by name, the text as `_value_1`). */
  content(info: ReturnType<typeof structInfo>, ours: Record<string, unknown>, zeep: Record<string, ZeepValue>): void {
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
  }

  /** Sparse variant: our objects list their properties in reverse (the encoder must follow the descriptors). */
  ordered(obj: Record<string, unknown>): Record<string, unknown> {
    return this.variant === "sparse" ? Object.fromEntries(Object.entries(obj).reverse()) : obj;
  }

  private array(d: ArrayDescriptor): Pair {
    if (d.item.alternatives !== undefined) {
      // zeep takes the collection type's one repeated choice as a keyword argument (see fields()).
      const v = this.choiceItems(d.item, d.item.alternatives);
      return { ours: v.ours, zeep: { $choice1: v.zeep } };
    }
    const items = this.items(d.item, minOf(d.item));
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
      case "anyType": {
        // A string given to an xs:anyType element: we write it with xsi:type xs:string; zeep gets it as an
        // `AnyObject` of xs:string, which zeep writes the same way (zeep/xsd/types/any.py AnyType.render).
        const v = `any & <text> ${this.n++}`;
        return { ours: v, zeep: { $anyObject: { type: "string", value: v } } };
      }
      case "QName": {
        // Clark notation for us; an lxml QName for zeep, which declares a prefix for it as we do. The local
        // name's shape (`qn<n>`) lets the comparison resolve these values (see QNAME_VALUES).
        const local = `qn${this.n++}`;
        return { ours: `{urn:wsdlc:sample}${local}`, zeep: { $qname: ["urn:wsdlc:sample", local] } };
      }
      case "NOTATION":
        throw new Error(`samples: xs:${prim} is not supported`);
    }
  }
}

/**
 * Sample input and headers for one operation, in our form and zeep's. A document/literal body element of a
 * struct type is a wrapper (zeep takes its attributes and members as keyword arguments); of any other type, its
 * value (zeep's first positional argument); parts are keyword arguments by part name.
 */
export function sampleOperation(client: ClientDescriptor, op: OperationDescriptor, options: SampleOptions): OperationSample {
  const s = new Sampler(client.types, options.variant, options.seed ?? op.name, options.maxDepth ?? 6, options.stats, options.round ?? 0, options.coverage);
  const input: Record<string, unknown> = {};
  const zeepBody: Record<string, ZeepValue> = {};
  const body = op.input.body;
  const headers: Record<string, unknown> = {};
  const zeepHeaders: Record<string, ZeepValue> = {};
  if (body.kind === "element") {
    const d = lookupType(client.types, body.field.type);
    if (d?.kind !== "struct") {
      const v = s.value(body.field.type);
      s.fields(op.input.headers ?? [], headers, zeepHeaders);
      return { input: v.ours, headers: s.ordered(headers), zeepBody, zeepArgs: [v.zeep], zeepHeaders, alternatives: s.maxAlternatives };
    }
    s.content(structInfo(client.types, d), input, zeepBody);
  } else if (body.kind === "parts") {
    s.fields(body.parts, input, zeepBody);
  }
  s.fields(op.input.headers ?? [], headers, zeepHeaders);
  return { input: s.ordered(input), headers: s.ordered(headers), zeepBody, zeepArgs: [], zeepHeaders, alternatives: s.maxAlternatives };
}

/**
 * Samples of one operation that together send every alternative of every xs:choice they reach (nested ones
 * included): round 0 as `sampleOperation` gives it, then further rounds, each preferring alternatives not sent
 * yet; only the rounds that sent something new are kept (at most `maxRounds` are tried).
 */
export function sampleAllAlternatives(client: ClientDescriptor, op: OperationDescriptor, options: SampleOptions, maxRounds = 32): OperationSample[] {
  const coverage: Coverage = new Map();
  const size = (): number => [...coverage.values()].reduce((n, s) => n + s.size, 0);
  const out = [sampleOperation(client, op, { ...options, coverage, round: 0 })];
  // A choice whose alternatives were all sent turns round-robin, so that a nested choice is reached again; give
  // up after as many rounds in a row without anything new as the widest choice has alternatives.
  const patience = out[0]?.alternatives ?? 1;
  let idle = 0;
  for (let round = 1; round < maxRounds && idle < patience; round++) {
    const before = size();
    const next = sampleOperation(client, op, { ...options, coverage, round });
    if (size() === before) idle++;
    else {
      idle = 0;
      out.push(next);
    }
  }
  return out;
}

/** JSON text for zeep: bigints become `{ "$bigint": "…" }` (already so in `ZeepValue`s; this guards the rest). */
export function zeepJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? { $bigint: v.toString() } : v));
}
