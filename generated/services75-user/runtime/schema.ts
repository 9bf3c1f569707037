// The wsdlc runtime, copied into the output by the generator. DO NOT EDIT.
/**
 * Descriptor helpers shared by the encoder and the decoder: namespace constants, defaults from the descriptor
 * conventions, flattened struct layouts (base fields first) and type lookup by qualified name. Derived data is
 * cached per descriptor object (descriptors are immutable `as const` tables).
 */
import type { AttributeDescriptor, FieldDescriptor, Primitive, StructDescriptor, TypeDescriptor, TypeRef, TypeTable } from "./descriptors.js";

export const SOAP11_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
export const SOAP12_ENV = "http://www.w3.org/2003/05/soap-envelope";
export const SOAP11_ENC = "http://schemas.xmlsoap.org/soap/encoding/";
export const SOAP12_ENC = "http://www.w3.org/2003/05/soap-encoding";
export const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
export const XSD_NS = "http://www.w3.org/2001/XMLSchema";
/** WCF serialization namespace (ser:guid, ser:char). */
export const SER_NS = "http://schemas.microsoft.com/2003/10/Serialization/";

export function propOf(d: { readonly prop?: string; readonly name: string }): string {
  return d.prop ?? d.name;
}

export function isRepeated(f: FieldDescriptor): boolean {
  return f.max === "unbounded" || (f.max !== undefined && f.max > 1);
}

export function minOf(f: FieldDescriptor): number {
  return f.min ?? 1;
}

/** A named descriptor; own properties only, so "constructor" or "__proto__" never resolve to Object's members. */
export function lookupType(types: TypeTable, ref: TypeRef): TypeDescriptor | undefined {
  return Object.hasOwn(types, ref) ? types[ref] : undefined;
}

export interface StructInfo {
  /** Base fields first (recursively), then own fields, in schema order. */
  readonly fields: readonly FieldDescriptor[];
  readonly attributes: readonly AttributeDescriptor[];
  /** simpleContent type, if any (own `text`, inherited, or a simple base). */
  readonly text: TypeRef | undefined;
  readonly textProp: string;
  /** Element fields by local name (several when namespaces differ). */
  readonly byLocal: ReadonlyMap<string, readonly FieldDescriptor[]>;
  readonly wildcard: FieldDescriptor | undefined;
  readonly repeated: readonly FieldDescriptor[];
  /** `byLocal` as decoding plans (see FieldPlan), and the wildcard's. */
  readonly plans: ReadonlyMap<string, readonly FieldPlan[]>;
  /** The element field plans in schema order (elements usually arrive in it: tried before the map). */
  readonly order: readonly FieldPlan[];
  readonly wildcardPlan: FieldPlan | undefined;
  /** Properties of the repeated fields (each starts as an empty array when decoding). */
  readonly repeatedProps: readonly string[];
}

/**
 * What decoding needs of an element field, worked out once per descriptor: one object shape for every field
 * (descriptor objects have many shapes, which makes reading their optional properties slow in a hot loop).
 */
export class FieldPlan {
  readonly f: FieldDescriptor;
  readonly name: string;
  readonly ns: string;
  readonly prop: string;
  readonly type: TypeRef;
  readonly repeated: boolean;
  /** The property of the choice list this field is an alternative of, if any. */
  readonly listProp: string | undefined;
  readonly wildcard: boolean;
  /** A fixed value or a substitution-group member: checked after the value is read. */
  readonly special: boolean;
  /** `__proto__`: assigned with defineProperty. */
  readonly unsafeProp: boolean;
  /** Whether the field is secret, for the policy it was last asked for (see ValueReader). */
  secretFor: object | undefined = undefined;
  secret = false;
  /** The type's plan, for the type table it was last resolved in. */
  typesFor: TypeTable | undefined = undefined;
  typePlan: TypePlan | undefined = undefined;

  constructor(f: FieldDescriptor) {
    this.f = f;
    this.name = f.name;
    this.ns = f.ns ?? "";
    this.prop = propOf(f);
    this.type = f.type;
    this.repeated = isRepeated(f);
    const list = choiceLists.get(f);
    this.listProp = list === undefined ? undefined : propOf(list);
    this.wildcard = f.wildcard === true;
    this.special = f.fixed !== undefined || substituteHeads.has(f);
    this.unsafeProp = this.prop === "__proto__";
  }
}

const planCache = new WeakMap<FieldDescriptor, FieldPlan>();

/** The decoding plan of a field (cached per descriptor). */
export function planOf(f: FieldDescriptor): FieldPlan {
  let p = planCache.get(f);
  if (p === undefined) {
    p = new FieldPlan(f);
    planCache.set(f, p);
  }
  return p;
}

/** Like matchField, over plans. */
export function matchPlan(plans: ReadonlyMap<string, readonly FieldPlan[]>, ns: string, local: string, strict: boolean): FieldPlan | undefined {
  const list = plans.get(local);
  if (list === undefined) return undefined;
  const first = list[0];
  if (first !== undefined && (first.ns === ns || list.length === 1)) return first.ns === ns || !strict ? first : undefined;
  for (const p of list) if (p.ns === ns) return p;
  return strict ? undefined : first;
}

/** A type reference resolved once: its primitive, or its named descriptor. */
export interface TypePlan {
  readonly prim: Primitive | undefined;
  readonly d: TypeDescriptor | undefined;
}

const typePlans = new WeakMap<TypeTable, Map<TypeRef, TypePlan>>();

/** The plan of a type reference in a type table (cached). `primitiveOf` maps "xs:…" names to primitives. */
export function typePlan(types: TypeTable, ref: TypeRef, primitiveOf: (ref: string) => Primitive | undefined): TypePlan {
  let m = typePlans.get(types);
  if (m === undefined) typePlans.set(types, (m = new Map()));
  let p = m.get(ref);
  if (p === undefined) {
    const prim = primitiveOf(ref);
    p = { prim, d: prim === undefined ? lookupType(types, ref) : undefined };
    m.set(ref, p);
  }
  return p;
}

const structCache = new WeakMap<StructDescriptor, StructInfo>();
const substituteHeads = new WeakMap<FieldDescriptor, FieldDescriptor>();
const choiceLists = new WeakMap<FieldDescriptor, FieldDescriptor>();
const elementFieldCache = new WeakMap<FieldDescriptor, readonly FieldDescriptor[]>();

/** The choice list field (`alternatives`) an element field of `byLocal`/`elementFields` is an item of, if any. */
export function choiceListOf(f: FieldDescriptor): FieldDescriptor | undefined {
  return choiceLists.get(f);
}

/**
 * The element fields that read elements for `f`: `f` itself, its substitution group members (each a field
 * with the member's name and type, read into the head's property), and for a choice list the same for each
 * alternative (each linked to the list, see choiceListOf). Cached per field.
 */
export function elementFields(f: FieldDescriptor): readonly FieldDescriptor[] {
  let out = elementFieldCache.get(f);
  if (out === undefined) {
    out = [];
    const add = (x: FieldDescriptor, list: FieldDescriptor | undefined): void => {
      (out as FieldDescriptor[]).push(x);
      if (list !== undefined) choiceLists.set(x, list);
      // A substitution group member is read into its head's property, with the member's type.
      for (const s of x.substitutes ?? []) {
        const member: FieldDescriptor = { ...x, prop: propOf(x), name: s.name, ns: s.ns ?? "", type: s.type, substitutes: [] };
        substituteHeads.set(member, x);
        if (list !== undefined) choiceLists.set(member, list);
        (out as FieldDescriptor[]).push(member);
      }
    };
    if (f.alternatives !== undefined) for (const a of f.alternatives) add(a, f);
    else add(f, undefined);
    elementFieldCache.set(f, out);
  }
  return out;
}

/** The head field a substitution-group member field stands for (see buildStructInfo). */
export function substituteHead(f: FieldDescriptor): FieldDescriptor | undefined {
  return substituteHeads.get(f);
}

export function structInfo(types: TypeTable, d: StructDescriptor): StructInfo {
  let info = structCache.get(d);
  if (info === undefined) {
    info = buildStructInfo(types, d);
    structCache.set(d, info);
  }
  return info;
}

function buildStructInfo(types: TypeTable, d: StructDescriptor): StructInfo {
  const chain: StructDescriptor[] = [];
  let text: TypeRef | undefined;
  let textProp: string | undefined;
  for (let cur: StructDescriptor | undefined = d; cur !== undefined; ) {
    if (chain.includes(cur)) throw new Error("descriptor error: a struct's base chain loops");
    chain.unshift(cur);
    text ??= cur.text;
    textProp ??= cur.textProp;
    const base: TypeRef | undefined = cur.base;
    const bd: TypeDescriptor | undefined = base === undefined ? undefined : lookupType(types, base);
    if (base !== undefined && bd?.kind !== "struct") text ??= base;
    cur = bd?.kind === "struct" ? bd : undefined;
  }
  const fields = chain.flatMap((s) => s.fields);
  const byLocal = new Map<string, FieldDescriptor[]>();
  const add = (f: FieldDescriptor): void => {
    const list = byLocal.get(f.name);
    if (list === undefined) byLocal.set(f.name, [f]);
    else list.push(f);
  };
  for (const f of fields) {
    if (f.wildcard) continue;
    for (const e of elementFields(f)) add(e);
  }
  const plans = new Map<string, FieldPlan[]>();
  for (const [local, list] of byLocal) plans.set(local, list.map(planOf));
  const wildcard = fields.find((f) => f.wildcard === true);
  const repeated = fields.filter(isRepeated);
  return {
    plans,
    order: [...byLocal.values()].flat().map(planOf),
    wildcardPlan: wildcard === undefined ? undefined : planOf(wildcard),
    repeatedProps: repeated.map(propOf),
    fields,
    attributes: chain.flatMap((s) => s.attributes ?? []),
    text,
    textProp: textProp ?? "value",
    byLocal,
    wildcard,
    repeated,
  };
}

/** Fields by element local name (several when namespaces differ), cached per list. */
export function byLocalName(fields: readonly FieldDescriptor[]): ReadonlyMap<string, readonly FieldDescriptor[]> {
  let index = byLocalCache.get(fields);
  if (index === undefined) {
    const map = new Map<string, FieldDescriptor[]>();
    for (const f of fields) {
      const list = map.get(f.name);
      if (list === undefined) map.set(f.name, [f]);
      else list.push(f);
    }
    byLocalCache.set(fields, (index = map));
  }
  return index;
}
const byLocalCache = new WeakMap<readonly FieldDescriptor[], ReadonlyMap<string, readonly FieldDescriptor[]>>();

/**
 * The field matching an element: same namespace and local name; else (unless `strict`) the first with the
 * same local name, because servers often get element qualification wrong.
 */
export function matchField(byLocal: ReadonlyMap<string, readonly FieldDescriptor[]>, ns: string, local: string, strict: boolean): FieldDescriptor | undefined {
  const list = byLocal.get(local);
  if (list === undefined) return undefined;
  for (const f of list) if ((f.ns ?? "") === ns) return f;
  return strict ? undefined : list[0];
}

const qnameCache = new WeakMap<TypeTable, Map<string, string>>();

/** The key of the named descriptor whose `qname` is {ns}local (for `xsi:type`). */
export function typeByQName(types: TypeTable, ns: string, local: string): string | undefined {
  let index = qnameCache.get(types);
  if (index === undefined) {
    index = new Map();
    for (const [key, d] of Object.entries(types)) {
      if (d.qname !== undefined) index.set(`{${d.qname[0]}}${d.qname[1]}`, key);
    }
    qnameCache.set(types, index);
  }
  return index.get(`{${ns}}${local}`);
}

/** Whether struct `key` is `ancestor` or derives from it through `base` links. */
export function derivesFrom(types: TypeTable, key: string, ancestor: string): boolean {
  const seen = new Set<string>();
  for (let cur: string | undefined = key; cur !== undefined && !seen.has(cur); ) {
    if (cur === ancestor) return true;
    seen.add(cur);
    const d = lookupType(types, cur);
    cur = d?.kind === "struct" ? d.base : undefined;
  }
  return false;
}

/** Names for an error message: all of them, or the first `max` and how many there are (a type may have hundreds). */
export function listedNames(names: readonly string[], max = 15): string {
  return names.length > max ? `${names.slice(0, max).join(", ")}, … (${names.length} in all)` : names.join(", ");
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Uint8Array);
}

/** One alternative of a group: its own members, the groups inside it, and every member in it (in field order). */
export interface GroupAlternative {
  readonly fields: FieldDescriptor[];
  readonly groups: GroupNode[];
  readonly members: FieldDescriptor[];
}

/**
 * An xs:choice of a struct (or an optional xs:sequence whose members go together: one alternative, numbered 0),
 * with the groups nested in its alternatives (FieldDescriptor.nested).
 */
export interface GroupNode {
  readonly choice: number;
  optional: boolean;
  /** By alternative number (`#prop` for a member written without one: an alternative of its own). */
  readonly alternatives: Map<number | string, GroupAlternative>;
  readonly members: FieldDescriptor[];
}

/** What breaks a struct's groups, for the encoder and the decoder to word. */
export type GroupProblem =
  /** Members of two alternatives of one choice. */
  | { readonly kind: "two"; readonly first: FieldDescriptor; readonly other: FieldDescriptor }
  /** No alternative of a choice that may not be left out. */
  | { readonly kind: "none"; readonly group: GroupNode }
  /** A required member of the alternative (or optional sequence) that is present, `with` one of its members. */
  | { readonly kind: "missing"; readonly field: FieldDescriptor; readonly with: FieldDescriptor; readonly sequence: boolean };

const groupCache = new WeakMap<readonly FieldDescriptor[], readonly GroupNode[]>();

/** The top-level groups of a field list (empty when it has none), cached per list. */
export function groupsOf(fields: readonly FieldDescriptor[]): readonly GroupNode[] {
  let top = groupCache.get(fields);
  if (top !== undefined) return top;
  const roots: GroupNode[] = [];
  const nodes = new Map<number, GroupNode>();
  for (const f of fields) {
    if (f.choice === undefined) continue;
    const steps: (readonly [number, number | string, boolean])[] = [[f.choice, f.alternative ?? `#${propOf(f)}`, f.choiceOptional === true], ...(f.nested ?? [])];
    let parent: GroupAlternative | undefined;
    let alt: GroupAlternative | undefined;
    for (const [choice, alternative, optional] of steps) {
      let node = nodes.get(choice);
      if (node === undefined) {
        node = { choice, optional, alternatives: new Map(), members: [] };
        nodes.set(choice, node);
        if (parent === undefined) roots.push(node);
        else parent.groups.push(node);
      }
      if (optional) node.optional = true;
      node.members.push(f);
      alt = node.alternatives.get(alternative);
      if (alt === undefined) node.alternatives.set(alternative, (alt = { fields: [], groups: [], members: [] }));
      alt.members.push(f);
      parent = alt;
    }
    alt?.fields.push(f);
  }
  top = roots;
  groupCache.set(fields, top);
  return top;
}

/**
 * The first problem with a struct's groups, given which members are present and which fall short of their
 * `min` (each counts within its innermost group): members of one alternative at most, exactly one unless the
 * group may be left out, and in the one present all of its required members and a valid inner group each.
 */
export function groupProblem(groups: readonly GroupNode[], present: (f: FieldDescriptor) => boolean, short: (f: FieldDescriptor) => boolean): GroupProblem | undefined {
  for (const g of groups) {
    let chosen: GroupAlternative | undefined;
    let first: FieldDescriptor | undefined;
    for (const alt of g.alternatives.values()) {
      const p = alt.members.find(present);
      if (p === undefined) continue;
      if (first !== undefined) return { kind: "two", first, other: p };
      chosen = alt;
      first = p;
    }
    if (chosen === undefined || first === undefined) {
      if (!g.optional) return { kind: "none", group: g };
      continue;
    }
    const missing = chosen.fields.find(short);
    if (missing !== undefined) return { kind: "missing", field: missing, with: first, sequence: g.alternatives.has(0) };
    const inner = groupProblem(chosen.groups, present, short);
    if (inner !== undefined) return inner;
  }
  return undefined;
}
