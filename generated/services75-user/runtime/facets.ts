// The wsdlc runtime, copied into the output by the generator. DO NOT EDIT.
/**
 * XSD constraining facets (XML Schema Part 2 §4.3), checked on the lexical form of a simple value before it is
 * sent: length/minLength/maxLength, pattern, min/max Inclusive/Exclusive, totalDigits and fractionDigits.
 * Enumerations are checked by the writer itself.
 *
 * Facets are checked against the value as the receiver sees it: the written text after the whiteSpace
 * normalisation of its primitive (§4.3.6: preserve for string, replace for normalizedString, collapse for the
 * others and for lists). Messages name the facet and its schema value, never the value being checked (it may
 * be a secret); the measured length or digit count is shown only for values that are not secret.
 *
 * Patterns arrive translated: the generator writes each XSD regular expression's JavaScript source beside it
 * (`regexes`, generator/patterns.ts) and reports those it cannot translate.
 *
 * Anything that cannot be decided faithfully is not checked: a pattern without a translation, bounds of unordered types (strings, durations, g* dates), dateTimes of which
 * only one has a timezone (§3.2.7.4: a partial order), bounds or values that do not parse. A false rejection
 * would stop a valid request; a missed one is left to the service.
 */
import type { FacetsDescriptor, Primitive, TypeRef, TypeTable } from "./descriptors.js";
import type { FacetFeature } from "./features.js";
import { lookupType } from "./schema.js";
import { collapse, primitiveOf } from "./values.js";

/** What a simple type's facets constrain: an atomic value of a primitive, a list (xs:list), or a union. */
export type FacetBase = { readonly kind: "atomic"; readonly prim: Exclude<Primitive, "anyType"> } | { readonly kind: "list" } | { readonly kind: "union" };

export interface FacetChain {
  /** The facets of each restriction from the type down to its primitive, list or union; the type's own first. */
  readonly steps: readonly FacetsDescriptor[];
  /** Undefined when the type is not simple (then there is nothing to check). */
  readonly base: FacetBase | undefined;
}

/** The feature generated clients whose types have facets name in their descriptor (`features.facets`). */
export const facetChecks: FacetFeature = {
  chain: (types, type) => facetChain(types, type),
  violation: (own, steps, base, text, secret) => facetViolation(own, steps, base, text, secret),
};

const chainCache = new WeakMap<TypeTable, Map<string, FacetChain>>();

/**
 * The facets that apply to values of `type`: its own (a `simple` restriction) and those of every base it
 * restricts, through `simple` and `enum` descriptors, down to a primitive, a list or a union.
 */
export function facetChain(types: TypeTable, type: TypeRef): FacetChain {
  let cache = chainCache.get(types);
  if (cache === undefined) {
    cache = new Map();
    chainCache.set(types, cache);
  }
  let chain = cache.get(type);
  if (chain === undefined) {
    chain = buildChain(types, type);
    cache.set(type, chain);
  }
  return chain;
}

function buildChain(types: TypeTable, type: TypeRef): FacetChain {
  const steps: FacetsDescriptor[] = [];
  const seen = new Set<string>();
  for (let cur = type; !seen.has(cur); ) {
    seen.add(cur);
    const prim = primitiveOf(cur);
    if (prim !== undefined) return { steps, base: prim === "anyType" ? undefined : { kind: "atomic", prim } };
    const d = lookupType(types, cur);
    switch (d?.kind) {
      case "simple":
        if (d.facets !== undefined) steps.push(d.facets);
        cur = d.base;
        break;
      case "enum":
        cur = d.base;
        break;
      case "list":
        return { steps, base: { kind: "list" } };
      case "union":
        return { steps, base: { kind: "union" } };
      default:
        return { steps, base: undefined };
    }
  }
  // A base chain that loops is a descriptor error the writer reports; nothing to check here.
  return { steps: [], base: undefined };
}

/**
 * The first facet that `text` (a lexical form as written) violates, as a message without the value;
 * undefined when it satisfies them all. `own` (an element's or attribute's anonymous restriction) comes first.
 */
export function facetViolation(own: FacetsDescriptor | undefined, steps: readonly FacetsDescriptor[], base: FacetBase, text: string, secret: boolean): string | undefined {
  const value = normalise(base, text);
  if (own !== undefined) {
    const m = violation(own, base, value, text, secret);
    if (m !== undefined) return m;
  }
  for (const f of steps) {
    const m = violation(f, base, value, text, secret);
    if (m !== undefined) return m;
  }
  return undefined;
}

function violation(f: FacetsDescriptor, base: FacetBase, value: string, raw: string, secret: boolean): string | undefined {
  if (f.length !== undefined || f.minLength !== undefined || f.maxLength !== undefined) {
    const measured = lengthOf(base, value);
    if (measured !== undefined) {
      const [len, unit] = measured;
      const shown = secret ? "" : ` (length ${len}${unit})`;
      if (f.length !== undefined && len !== f.length) return `does not have length ${f.length}${shown}`;
      if (f.minLength !== undefined && len < f.minLength) return `is shorter than minLength ${f.minLength}${shown}`;
      if (f.maxLength !== undefined && len > f.maxLength) return `is longer than maxLength ${f.maxLength}${shown}`;
    }
  }
  const order = base.kind === "atomic" ? orderOf(base.prim) : undefined;
  if (order !== undefined && (f.minInclusive ?? f.maxInclusive ?? f.minExclusive ?? f.maxExclusive) !== undefined) {
    const bounds: readonly [string, string | undefined, (c: number) => boolean, string][] = [
      ["minInclusive", f.minInclusive, (c) => c >= 0, "is less than"],
      ["maxInclusive", f.maxInclusive, (c) => c <= 0, "is greater than"],
      ["minExclusive", f.minExclusive, (c) => c > 0, "is not greater than"],
      ["maxExclusive", f.maxExclusive, (c) => c < 0, "is not less than"],
    ];
    for (const [name, bound, ok, words] of bounds) {
      if (bound === undefined) continue;
      const c = compare(order, value, collapse(bound));
      if (c === undefined) continue;
      // NaN is unordered (§3.2.4/§3.2.5): it satisfies no bound.
      if (Number.isNaN(c)) return `is NaN, which is not within ${name} ${bound}`;
      if (!ok(c)) return `${words} ${name} ${bound}`;
    }
  }
  if ((f.totalDigits !== undefined || f.fractionDigits !== undefined) && order === "decimal") {
    const d = parseDecimal(value);
    if (d !== undefined) {
      // §4.3.11/§4.3.12: leading zeros of the integer part and trailing zeros of the fraction do not count.
      const total = d.int.length + d.frac.length;
      if (f.totalDigits !== undefined && total > f.totalDigits) {
        return `has more digits than totalDigits ${f.totalDigits}${secret ? "" : ` (${total})`}`;
      }
      if (f.fractionDigits !== undefined && d.frac.length > f.fractionDigits) {
        return `has more fraction digits than fractionDigits ${f.fractionDigits}${secret ? "" : ` (${d.frac.length})`}`;
      }
    }
  }
  const patterns = f.patterns ?? [];
  for (let g = 0; g < patterns.length; g++) {
    // One derivation step's patterns are alternatives (§4.3.4.3); steps must all be satisfied. A step the
    // generator could not translate has no sources, and is not checked.
    const group = patterns[g] ?? [];
    const sources = f.regexes?.[g];
    if (sources === undefined || sources.length !== group.length) continue;
    let undecided = false;
    let matched = false;
    for (const source of sources) {
      const re = compiled(source);
      if (re === undefined) undecided = true;
      else if (re.test(value) || (base.kind === "union" && re.test(collapse(raw)))) {
        matched = true;
        break;
      }
    }
    if (!matched && !undecided && group.length > 0) {
      return group.length === 1 ? `does not match the pattern ${shownPattern(group[0] ?? "")}` : `does not match any of the patterns ${group.map(shownPattern).join(", ")}`;
    }
  }
  return undefined;
}

function shownPattern(p: string): string {
  return `"${p.length > 120 ? `${p.slice(0, 119)}…` : p}"`;
}

// ---------------------------------------------------------------------------------------------------------------
// whiteSpace and length

const PRESERVE: ReadonlySet<Primitive> = new Set<Primitive>(["string", "anySimpleType"]);

/** The value as the receiver validates it (§4.3.6 whiteSpace of the primitive; lists collapse). */
function normalise(base: FacetBase, text: string): string {
  if (base.kind === "union") return text;
  if (base.kind === "list") return collapse(text);
  if (PRESERVE.has(base.prim)) return text;
  if (base.prim === "normalizedString") return text.replace(/[\t\n\r]/g, " ");
  return collapse(text);
}

// Primitives whose length is counted in characters (code points), and the built-in list types.
const CHARACTERS: ReadonlySet<Primitive> = new Set<Primitive>([
  "string",
  "normalizedString",
  "token",
  "language",
  "Name",
  "NCName",
  "NMTOKEN",
  "ID",
  "IDREF",
  "ENTITY",
  "anyURI",
  "anySimpleType",
  "guid",
]);
const BUILTIN_LISTS: ReadonlySet<Primitive> = new Set<Primitive>(["NMTOKENS", "IDREFS", "ENTITIES"]);

/**
 * §4.3.1.3: characters (Unicode code points, not UTF-16 units) for strings, octets for binary types, items for
 * lists. Undefined where length facets do not apply (numbers, dates, booleans; QName and NOTATION, §4.3.1.3's
 * note; unions).
 */
function lengthOf(base: FacetBase, value: string): readonly [number, string] | undefined {
  if (base.kind === "union") return undefined;
  if (base.kind === "list" || BUILTIN_LISTS.has(base.prim)) return [value === "" ? 0 : value.split(" ").length, " items"];
  if (CHARACTERS.has(base.prim)) return [codePoints(value), ""];
  if (base.prim === "hexBinary") return value.length % 2 === 0 ? [value.length / 2, " octets"] : undefined;
  if (base.prim === "base64Binary") {
    const s = value.replace(/[ \t\n\r]/g, "");
    if (s.length % 4 !== 0) return undefined;
    const padding = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
    return [(s.length / 4) * 3 - padding, " octets"];
  }
  return undefined;
}

function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

// ---------------------------------------------------------------------------------------------------------------
// Order (bounds)

type Order = "decimal" | "float" | "double" | "dateTime" | "date" | "time";

const DECIMALS: ReadonlySet<Primitive> = new Set<Primitive>([
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
  // WCF ser:char is written as an xs:int.
  "char",
]);

/** How values of a primitive are ordered for bounds; undefined when they are not (totally) ordered. */
function orderOf(prim: Primitive): Order | undefined {
  if (DECIMALS.has(prim)) return "decimal";
  if (prim === "float" || prim === "double" || prim === "dateTime" || prim === "date" || prim === "time") return prim;
  return undefined;
}

/**
 * Sign of (a − b) in the value space; NaN when `a` is NaN (unordered); undefined when the two cannot be
 * compared (unparseable, a NaN bound, dateTimes with and without a timezone).
 */
function compare(order: Order, a: string, b: string): number | undefined {
  switch (order) {
    case "decimal": {
      const x = parseDecimal(a);
      const y = parseDecimal(b);
      return x === undefined || y === undefined ? undefined : compareDecimals(x, y);
    }
    case "float":
    case "double": {
      let x = parseFloating(a);
      let y = parseFloating(b);
      if (x === undefined || y === undefined || Number.isNaN(y)) return undefined;
      if (Number.isNaN(x)) return NaN;
      // xs:float's value space is IEEE single precision: compare what the receiver will hold.
      if (order === "float") {
        x = Math.fround(x);
        y = Math.fround(y);
      }
      return x < y ? -1 : x > y ? 1 : 0;
    }
    default: {
      const x = parseInstant(order, a);
      const y = parseInstant(order, b);
      if (x === undefined || y === undefined || x.zoned !== y.zoned) return undefined;
      if (x.seconds !== y.seconds) return x.seconds < y.seconds ? -1 : 1;
      return compareDigits(x.frac, y.frac);
    }
  }
}

interface Decimal {
  /** -1, 0 or 1. */
  readonly sign: number;
  /** Integer digits without leading zeros. */
  readonly int: string;
  /** Fraction digits without trailing zeros. */
  readonly frac: string;
}

const DECIMAL_LEX = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/;

/** An xs:decimal (or integer) lexical form, exactly: no floating point. */
function parseDecimal(s: string): Decimal | undefined {
  const m = DECIMAL_LEX.exec(s);
  if (m === null) return undefined;
  const [, sign = "", intDigits = "", fracDigits = ""] = m;
  if (intDigits === "" && fracDigits === "") return undefined;
  const int = intDigits.replace(/^0+/, "");
  const frac = fracDigits.replace(/0+$/, "");
  return { sign: int === "" && frac === "" ? 0 : sign === "-" ? -1 : 1, int, frac };
}

function compareDecimals(x: Decimal, y: Decimal): number {
  if (x.sign !== y.sign) return x.sign < y.sign ? -1 : 1;
  if (x.sign === 0) return 0;
  let c: number;
  if (x.int.length !== y.int.length) c = x.int.length < y.int.length ? -1 : 1;
  else c = x.int < y.int ? -1 : x.int > y.int ? 1 : compareDigits(x.frac, y.frac);
  return c * x.sign;
}

/** Compares digit strings read as fractions (".5" vs ".45"). */
function compareDigits(a: string, b: string): number {
  const n = Math.max(a.length, b.length);
  const x = a.padEnd(n, "0");
  const y = b.padEnd(n, "0");
  return x < y ? -1 : x > y ? 1 : 0;
}

const FLOAT_LEX = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/;

function parseFloating(s: string): number | undefined {
  if (s === "INF" || s === "+INF") return Infinity;
  if (s === "-INF") return -Infinity;
  if (s === "NaN") return NaN;
  return FLOAT_LEX.test(s) ? Number(s) : undefined;
}

interface Instant {
  /** Whole seconds since 1970-01-01T00:00:00 (in UTC when zoned). */
  readonly seconds: number;
  /** Fraction-of-second digits. */
  readonly frac: string;
  readonly zoned: boolean;
}

const TZ = "(Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?";
const YMD = "(-?(?:[1-9][0-9]{3,}|0[0-9]{3}))-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])";
const HMS = "([01][0-9]|2[0-4]):([0-5][0-9]):([0-5][0-9])(?:\\.([0-9]+))?";
// Built by calls marked pure, so that a bundle that does not use facets.ts leaves them out.
const INSTANT_LEX: Readonly<Record<"dateTime" | "date" | "time", RegExp>> = /* @__PURE__ */ instantPatterns();

function instantPatterns(): Readonly<Record<"dateTime" | "date" | "time", RegExp>> {
  return {
    dateTime: new RegExp(`^${YMD}T${HMS}${TZ}$`),
    date: new RegExp(`^${YMD}${TZ}$`),
    time: new RegExp(`^${HMS}${TZ}$`),
  };
}

/**
 * §3.2.7–3.2.9: a dateTime, date (its first instant) or time (on one reference day, 1972-12-31, as XSD 1.1
 * orders times) as seconds on one scale, normalised to UTC when it has a timezone.
 */
function parseInstant(order: "dateTime" | "date" | "time", s: string): Instant | undefined {
  const m = INSTANT_LEX[order].exec(s);
  if (m === null) return undefined;
  const g = m.slice(1);
  let year = 1972;
  let month = 12;
  let day = 31;
  if (order !== "time") {
    if ((g[0] ?? "").replace("-", "").length > 9) return undefined; // beyond exact arithmetic in a number
    year = Number(g[0]);
    month = Number(g[1]);
    day = Number(g[2]);
    g.splice(0, 3);
  }
  let hour = 0;
  let minute = 0;
  let second = 0;
  let frac = "";
  if (order !== "date") {
    hour = Number(g[0]);
    minute = Number(g[1]);
    second = Number(g[2]);
    frac = (g[3] ?? "").replace(/0+$/, "");
    // 24:00:00 is the first instant of the next day; other times of hour 24 are not times.
    if (hour === 24 && (minute !== 0 || second !== 0 || frac !== "")) return undefined;
    g.splice(0, 4);
  }
  const tz = g[0];
  let offset = 0;
  if (tz !== undefined && tz !== "Z") offset = (tz[0] === "-" ? -1 : 1) * (Number(tz.slice(1, 3)) * 60 + Number(tz.slice(4, 6)));
  const seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset * 60;
  return { seconds, frac, zoned: tz !== undefined };
}

/** Days from 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// ---------------------------------------------------------------------------------------------------------------
// Patterns: JavaScript sources the generator translated from XSD (generator/patterns.ts)

const patternCache = new Map<string, RegExp | null>();

/** The RegExp (u flag) of a translated pattern source, cached; undefined when the engine rejects it. */
function compiled(source: string): RegExp | undefined {
  let re = patternCache.get(source);
  if (re === undefined) {
    try {
      re = new RegExp(source, "u");
    } catch {
      re = null;
    }
    patternCache.set(source, re);
  }
  return re ?? undefined;
}
