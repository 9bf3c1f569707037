/**
 * Per-client type tables, so that a bundle of one client holds only that client's descriptors. schema.ts
 * declares every type descriptor once, as its own constant (`t$<TypeName>`), shared by every client that
 * needs it; each client's table (`types$<ClassName>`) lists the types its operations can reach, and the full
 * `typeTable` lists them all. A bundler then keeps only the constants the imported client's table names.
 */
import type { ClientModel, MessageModel, TypeModel, ValueType } from "../analyze/model.js";
import { children, subtypeIndex } from "../analyze/usage.js";

/** Name of the constant holding the descriptor of the type named `tsName`. */
export function descriptorConst(tsName: string): string {
  return `t$${tsName}`;
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
