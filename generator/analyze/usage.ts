/**
 * Where each type is used: in requests (input), in responses (output), or both; and whether its input
 * shape differs from its output shape. Input positions accept friendlier values than decoding produces
 * (a `Date` for an xs:dateTime, a `number` for an xs:long…), so a type that contains such a value and is used
 * both ways gets a second, input declaration (`UntrustedCredentialsInput`); a type used only in requests is
 * declared once, in its input shape.
 */
import { primitiveTs } from "./builtins.js";
import type { ClientModel, FieldModel, MessageModel, TypeModel, ValueType } from "./model.js";

export interface Usage {
  readonly input: boolean;
  readonly output: boolean;
  /** The input shape differs from the output shape. */
  readonly differs: boolean;
  /** A request may hold a value of this type or of a type derived from it (it has subtypes). */
  readonly polymorphicInput: boolean;
  /** A response may hold a value of this type or of a type derived from it (decoded by xsi:type). */
  readonly polymorphicOutput?: boolean;
}

export function computeUsage(types: ReadonlyMap<string, TypeModel>, clients: readonly ClientModel[]): Map<string, Usage> {
  const inSet = new Set<string>();
  const outSet = new Set<string>();
  const subtypes = subtypeIndex(types);

  // Where a value of type T may stand, a value of a type derived from T may too (xsi:type, XSD Part 1
  // §2.6.1): both ways, the subtypes of a type used as a value are used. A type reached only as the base of
  // another is not a value position, so its other subtypes are not pulled in.
  const asValue = new Set<string>();
  const walk = (t: ValueType | undefined, set: Set<string>, value = true): void => {
    if (!t || t.kind !== "type") return;
    const key = `${set === inSet ? "i" : "o"}${t.id}`;
    const first = !set.has(t.id);
    set.add(t.id);
    if (value && !asValue.has(key)) {
      asValue.add(key);
      for (const sub of subtypes.get(t.id) ?? []) walk({ kind: "type", id: sub }, set);
    }
    if (!first) return;
    const m = types.get(t.id);
    if (!m) return;
    if (m.kind === "struct" && m.base) walk(m.base, set, false);
    for (const child of children(m)) if (!(m.kind === "struct" && child === m.base)) walk(child, set);
  };
  const walkMessage = (msg: MessageModel | undefined, set: Set<string>): void => {
    if (!msg) return;
    for (const h of msg.headers) walk(h.type, set);
    if (msg.body.kind === "element") walk(msg.body.field.type, set);
    if (msg.body.kind === "parts") walk({ kind: "type", id: msg.body.typeId }, set);
  };
  for (const c of clients) {
    for (const op of c.operations) {
      walkMessage(op.input, inSet);
      walkMessage(op.output, outSet);
      for (const f of op.faults) walk(f.field.type, outSet);
    }
  }

  const differsMemo = new Map<string, boolean>();
  const differs = (t: ValueType): boolean => {
    if (t.kind === "prim") {
      const ts = primitiveTs(t.prim);
      return ts.in.text !== ts.out.text;
    }
    const known = differsMemo.get(t.id);
    if (known !== undefined) return known;
    differsMemo.set(t.id, false); // a cycle adds nothing new
    const m = types.get(t.id);
    // A fixed attribute or element is optional in requests (the runtime sends the fixed value); a repeated member
    // of a choice alternative or optional sequence is absent in a request that takes another, the empty array in
    // a response (shapes.ts absentMember).
    const d = !!m && (hasFixed(m, types) || hasRepeatedGroupMember(m) || children(m).some(differs));
    differsMemo.set(t.id, d);
    return d;
  };

  const usage = new Map<string, Usage>();
  for (const id of types.keys()) {
    usage.set(id, {
      input: inSet.has(id),
      output: outSet.has(id),
      differs: differs({ kind: "type", id }),
      polymorphicInput: asValue.has(`i${id}`) && (subtypes.get(id)?.length ?? 0) > 0,
      polymorphicOutput: asValue.has(`o${id}`) && (subtypes.get(id)?.length ?? 0) > 0,
    });
  }
  return usage;
}

/** A struct with a repeated member inside a group (an xs:choice alternative, an optional xs:sequence). */
export function hasRepeatedGroupMember(m: TypeModel): boolean {
  return m.kind === "struct" && m.fields.some((f) => f.choice !== undefined && f.max > 1);
}

/** A struct with a fixed attribute or (non-repeated) element: its request form leaves them optional. */
export function hasFixed(m: TypeModel, types: ReadonlyMap<string, TypeModel>): boolean {
  return m.kind === "struct" && (m.attributes.some((a) => a.fixed !== undefined) || m.fields.some((f) => fixedOf(f, types) !== undefined));
}

/**
 * A field's fixed value when the runtime honours it: a single element of a simple type (a fixed value on an
 * element of complex type, or on a repeated one, is left to the schema).
 */
export function fixedOf(f: FieldModel, types: ReadonlyMap<string, TypeModel>): string | undefined {
  if (f.fixed === undefined || f.max > 1 || f.wildcard || f.alternatives) return undefined;
  if (f.type.kind === "prim") return f.type.prim === "anyType" ? undefined : f.fixed;
  const k = types.get(f.type.id)?.kind;
  return k === "enum" || k === "alias" || k === "list" || k === "union" ? f.fixed : undefined;
}

export function children(m: TypeModel): ValueType[] {
  const fieldTypes = (fs: readonly FieldModel[]): ValueType[] =>
    fs.flatMap((f) => (f.alternatives ? fieldTypes(f.alternatives) : [f.type, ...(f.substitutes ?? []).map((s) => s.type)]));
  switch (m.kind) {
    case "struct":
      return [...(m.base ? [m.base] : []), ...fieldTypes(m.fields), ...m.attributes.map((a) => a.type), ...(m.text ? [m.text] : [])];
    case "array":
      return fieldTypes([m.item]);
    case "dictionary":
      return [m.key.type, m.value.type];
    case "list":
      return [m.item];
    case "alias":
      return [m.base];
    case "union":
      return [...m.members];
    case "enum":
      return [];
  }
}

/** Direct subtypes of every struct, by id. */
export function subtypeIndex(types: ReadonlyMap<string, TypeModel>): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const m of types.values()) {
    if (m.kind !== "struct" || !m.base || m.base.kind !== "type") continue;
    let list = index.get(m.base.id);
    if (!list) index.set(m.base.id, (list = []));
    list.push(m.id);
  }
  for (const list of index.values()) list.sort();
  return index;
}
