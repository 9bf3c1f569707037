/**
 * Per-client type tables, so that a bundle of one client holds only that client's descriptors. schema.ts
 * declares every type descriptor once, as a function of its own (`t$<TypeName>()`), called by the table of
 * every client that needs it; each client's table (`types$<ClassName>`, made by `typesOf$<ClassName>()`) lists
 * the types its operations can reach, and the full `typeTable` (made by `allTypes()`) lists them all. The
 * tables' constants are marked pure, so a bundler keeps only the functions the imported client's table calls.
 */
import type { ClientModel, MessageModel, TypeModel, ValueType } from "../analyze/model.js";
import { children, subtypeIndex } from "../analyze/usage.js";

/** Name of the function making the descriptor of the type named `tsName`. */
export function descriptorMaker(tsName: string): string {
  return `t$${tsName}`;
}

/** Name of the variable keeping the descriptor of the type named `tsName` once made (many-client packages). */
export function descriptorKept(tsName: string): string {
  return `d$${tsName}`;
}

/** Name of the function that makes the full type table. */
export const ALL_TYPES_MAKER = "allTypes";

/** Name of the function that makes a client's own type table. */
export function clientTableMaker(c: ClientModel): string {
  return `typesOf$${c.className}`;
}

/** Name of a client's own type table. */
export function clientTableName(c: ClientModel): string {
  return `types$${c.className}`;
}

/**
 * Ids of the types a client's descriptors can refer to: those of its headers, bodies and faults, everything
 * they contain, and every type derived from a type reached (a value may carry an `xsi:type` of a subtype).
 */
export function clientTypeIds(c: ClientModel, types: ReadonlyMap<string, TypeModel>): Set<string> {
  const subtypes = subtypeIndex(types);
  const seen = new Set<string>();
  // As in usage.ts: where a value of T may stand, so may a value of a type derived from T; a type reached
  // only as the base of another is not such a position, so its other subtypes are not pulled in.
  const asValue = new Set<string>();
  const stack: string[] = [];
  const add = (t: ValueType | undefined, value: boolean): void => {
    if (t?.kind !== "type" || !types.has(t.id)) return;
    if (!seen.has(t.id)) {
      seen.add(t.id);
      stack.push(t.id);
    }
    if (value && !asValue.has(t.id)) {
      asValue.add(t.id);
      for (const sub of subtypes.get(t.id) ?? []) add({ kind: "type", id: sub }, true);
    }
  };
  const message = (m: MessageModel | undefined): void => {
    if (!m) return;
    for (const h of m.headers) add(h.type, true);
    if (m.body.kind === "element") add(m.body.field.type, true);
    if (m.body.kind === "parts") add({ kind: "type", id: m.body.typeId }, true);
  };
  for (const op of c.operations) {
    message(op.input);
    message(op.output);
    for (const f of op.faults) add(f.field.type, true);
  }
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    const m = types.get(id);
    if (!m) continue;
    const base = m.kind === "struct" ? m.base : undefined;
    if (base) add(base, false);
    for (const child of children(m)) if (child !== base) add(child, true);
  }
  return seen;
}

/** The optional runtime parts (templates/runtime/features.ts) a client's descriptors need. */
export interface ClientFeatures {
  /** Some value has XSD facets to check. */
  readonly facets: boolean;
  /** An operation is rpc/encoded (its responses may hold multi-reference values). */
  readonly multiRef: boolean;
  /** A response may hold a binary value, which an MTOM/XOP or SwA package carries as an attachment. */
  readonly multipart: boolean;
}

export function clientFeatures(c: ClientModel, types: ReadonlyMap<string, TypeModel>, ids: ReadonlySet<string>): ClientFeatures {
  let facets = false;
  let multipart = false;
  const value = (t: ValueType): void => {
    if (t.facets !== undefined && Object.values(t.facets).some((v) => v !== undefined)) facets = true;
    if (t.kind === "prim" && (t.prim === "base64Binary" || t.prim === "hexBinary")) multipart = true;
  };
  for (const id of ids) {
    const m = types.get(id);
    if (!m) continue;
    if (m.kind === "alias" && m.facets !== undefined && Object.values(m.facets).some((v) => v !== undefined)) facets = true;
    for (const child of children(m)) value(child);
  }
  const message = (m: MessageModel | undefined): void => {
    if (!m) return;
    for (const h of m.headers) value(h.type);
    if (m.body.kind === "element") value(m.body.field.type);
    if (m.body.kind === "parts") for (const p of m.body.parts) value(p.type);
  };
  for (const op of c.operations) {
    message(op.input);
    message(op.output);
    for (const f of op.faults) value(f.field.type);
  }
  return { facets, multiRef: c.operations.some((op) => op.encoded), multipart };
}
