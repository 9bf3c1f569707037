/**
 * Naming: identifier helpers and the allocator behind the one naming pass. Names are decided by sorted
 * keys (the desired name, how strongly the claimant holds it, and its stable id), never by the order in
 * which the analysis happened to reach things. Names are unique ignoring case, so that two types never
 * differ only in case (confusing to read, and a clash for files on case-insensitive file systems).
 */

const IDENT = /^[\p{ID_Start}_$][\p{ID_Continue}_$\u200C\u200D]*$/u;

/** ECMAScript reserved words and the TypeScript names that cannot name a type. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  "break",
  "case",
  "catch",
  "class",
  "const",
  "continue",
  "debugger",
  "default",
  "delete",
  "do",
  "else",
  "enum",
  "export",
  "extends",
  "false",
  "finally",
  "for",
  "function",
  "if",
  "import",
  "in",
  "instanceof",
  "new",
  "null",
  "return",
  "super",
  "switch",
  "this",
  "throw",
  "true",
  "try",
  "typeof",
  "var",
  "void",
  "while",
  "with",
  "yield",
  "let",
  "static",
  "implements",
  "interface",
  "package",
  "private",
  "protected",
  "public",
  "await",
  "async",
  "any",
  "unknown",
  "never",
  "object",
  "string",
  "number",
  "boolean",
  "symbol",
  "bigint",
  "undefined",
  "type",
  "namespace",
  "module",
  "declare",
  "abstract",
  "as",
  "asserts",
  "infer",
  "is",
  "keyof",
  "readonly",
  "unique",
  "global",
  "satisfies",
  "accessor",
  "out",
  "of",
  "get",
  "set",
  "require",
  "arguments",
  "eval",
]);

/** Global names the generated code refers to; a schema type may not shadow them. */
export const RESERVED_GLOBALS: readonly string[] = [
  "Array",
  "ReadonlyArray",
  "Record",
  "Partial",
  "Required",
  "Readonly",
  "Pick",
  "Omit",
  "Promise",
  "Date",
  "Uint8Array",
  "Object",
  "String",
  "Number",
  "Boolean",
  "Symbol",
  "BigInt",
  "Error",
  "Map",
  "Set",
  "Function",
  "Headers",
  "Response",
  "Request",
  "AbortSignal",
  "JSON",
  "Math",
  "NaN",
  "Infinity",
  "globalThis",
  "fetch",
];

/**
 * Names JavaScript itself gives meaning to on every object (Object.prototype's members) and `then`, which makes
 * any object that has it a thenable (`await` calls it). No method, runtime export or lookup key may take them:
 * a method `then` would make `await` on a client send a request, `__proto__` as an object key sets the
 * prototype instead of a property, `toString`/`valueOf` are called by string and number conversion.
 */
export const JS_OBJECT_NAMES: readonly string[] = [
  "__proto__",
  "constructor",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
  "toString",
  "valueOf",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
  "then",
];

export function isIdentifier(s: string): boolean {
  return IDENT.test(s);
}

/** A property key as written in TypeScript: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  // `__proto__: v` (bare or quoted) in an object literal sets the prototype; a computed key defines a property.
  if (name === "__proto__") return '["__proto__"]';
  return isIdentifier(name) ? name : JSON.stringify(name);
}

/** Splits a name into words at non-identifier characters. */
function words(s: string): string[] {
  return s.split(/[^\p{ID_Continue}$]+/u).filter(Boolean);
}

/** `first-name` → `FirstName`; `ValidFrom` stays; leading digits get an underscore. */
export function pascal(s: string): string {
  const out = words(s)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
  return fixStart(out);
}

/** `SaveUntrustedCredentials` → `saveUntrustedCredentials`; `URLDecode` → `urlDecode`; `ID` → `id`. */
export function camel(s: string): string {
  const p = pascal(s);
  const m = /^[\p{Lu}\d]+/u.exec(p);
  if (!m) return p;
  const run = m[0];
  if (run.length === p.length) return fixStart(p.toLowerCase());
  if (run.length === 1) return fixStart(run.toLowerCase() + p.slice(1));
  // Keep the last capital of a run when it starts the next word: URLDecode → url + Decode.
  const keep = /\p{Ll}/u.test(p.charAt(run.length)) ? run.length - 1 : run.length;
  return fixStart(p.slice(0, keep).toLowerCase() + p.slice(keep));
}

/** Makes a schema name usable as a type name, changing as little as possible. */
export function typeIdentifier(s: string): string {
  if (isIdentifier(s)) return s;
  const cleaned = s.replace(/[^\p{ID_Continue}$]+/gu, "_").replace(/^_+|_+$/g, "");
  return fixStart(cleaned || "_");
}

function fixStart(s: string): string {
  if (s === "") return "_";
  return /^[\p{ID_Start}_$]/u.test(s) ? s : `_${s}`;
}

export interface NameRequest {
  /** The name wanted (already a valid identifier). */
  readonly desired: string;
  /** Lower holds the name more strongly. */
  readonly priority: number;
  /** Stable tie-breaker (a QName key or path). */
  readonly key: string;
  /** Suffix tried first when the name is taken (e.g. `Element` for an element's anonymous type). */
  readonly clashSuffix?: string;
  readonly assign: (name: string) => void;
}

function compare(a: NameRequest, b: NameRequest): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * A scope of names unique ignoring case. `allocate` settles a batch: within each group of requests for the
 * same name, the strongest (lowest priority, then smallest key) gets it; the others get a suffix.
 */
export class NameScope {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.taken.add(r.toLowerCase());
  }

  isFree(name: string): boolean {
    return !this.taken.has(name.toLowerCase());
  }

  /** Takes a name outright (returns false when it was taken). */
  claim(name: string): boolean {
    const k = name.toLowerCase();
    if (this.taken.has(k)) return false;
    this.taken.add(k);
    return true;
  }

  /** The desired name if free, else the first free `desired` + suffix, then `desired_2`, `desired_3`… */
  next(desired: string, clashSuffix?: string): string {
    if (this.claim(desired)) return desired;
    if (clashSuffix && this.claim(desired + clashSuffix)) return desired + clashSuffix;
    for (let i = 2; ; i++) {
      const n = `${desired}_${i}`;
      if (this.claim(n)) return n;
    }
  }

  allocate(requests: readonly NameRequest[]): void {
    const groups = new Map<string, NameRequest[]>();
    for (const r of requests) {
      const k = r.desired.toLowerCase();
      let g = groups.get(k);
      if (!g) groups.set(k, (g = []));
      g.push(r);
    }
    const losers: NameRequest[] = [];
    for (const k of [...groups.keys()].sort()) {
      const g = (groups.get(k) ?? []).sort(compare);
      const [first, ...rest] = g;
      if (first && this.claim(first.desired)) first.assign(first.desired);
      else if (first) losers.push(first);
      losers.push(...rest);
    }
    losers.sort((a, b) => (a.desired.toLowerCase() < b.desired.toLowerCase() ? -1 : a.desired.toLowerCase() > b.desired.toLowerCase() ? 1 : compare(a, b)));
    for (const r of losers) r.assign(this.next(r.desired, r.clashSuffix));
  }
}
