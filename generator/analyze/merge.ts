/**
 * One package from many inputs: each input (a WSDL and what it imports) is analysed on its own, then their
 * type models are merged. Two inputs' types are one type when they have the same id (qualified name, or the
 * place an anonymous type is declared) and the same structure all the way down, references included: a
 * partition refinement over (input, id) pairs, linear in the size of the inputs.
 *
 * When one qualified name has several structures (SuperOffice: `Delete` is one operation wrapper in
 * Appointment and another in EMail), the variant that most inputs define keeps the name; a tie goes to the
 * input whose name sorts first. Every other variant is named after its input's client (`EMailDelete`), and
 * each conflict is reported with the places both variants come from. The rule depends only on the inputs,
 * never on the order they were read in.
 */
import type { DiagnosticSink } from "../diagnostics.js";
import type { BodyModel, ClientModel, FieldModel, MessageModel, OperationModel, TypeModel, ValueType } from "./model.js";
import { children } from "./usage.js";

export interface UnitModel {
  /** Sort key and tie-breaker: the input's display name. */
  readonly name: string;
  /** Prefix for renamed variants: the input's client name (e.g. `EMail`). */
  readonly label: string;
  readonly types: ReadonlyMap<string, TypeModel>;
  readonly clients: readonly ClientModel[];
}

export interface MergedModel {
  readonly types: Map<string, TypeModel>;
  readonly clients: ClientModel[];
}

type Key = string; // `${unitIndex} ${id}`

export function mergeUnits(units: readonly UnitModel[], sink: DiagnosticSink): MergedModel {
  if (units.length === 1) {
    const only = units[0] as UnitModel;
    return { types: new Map(only.types), clients: [...only.clients] };
  }
  const classOf = refine(units);

  // Group each id's pairs by final class: one variant per class.
  const variants = new Map<string, Map<string, number[]>>(); // id → class → unit indexes
  units.forEach((u, i) => {
    for (const id of u.types.keys()) {
      const cls = classOf.get(`${i} ${id}`) ?? "";
      let byClass = variants.get(id);
      if (!byClass) variants.set(id, (byClass = new Map()));
      const list = byClass.get(cls) ?? [];
      list.push(i);
      byClass.set(cls, list);
    }
  });

  // Global id of each (unit, id): the plain id for the variant that keeps the name, `id@unit` otherwise.
  const globalId = new Map<Key, string>();
  const types = new Map<string, TypeModel>();
  for (const id of [...variants.keys()].sort()) {
    const byClass = variants.get(id) as Map<string, number[]>;
    const ranked = [...byClass.values()].sort((a, b) => b.length - a.length || compare(firstName(units, a), firstName(units, b)));
    ranked.forEach((members, rank) => {
      const owner = members.reduce((best, i) => (compare(units[i]?.name ?? "", units[best]?.name ?? "") < 0 ? i : best));
      const gid = rank === 0 ? id : `${id}@${units[owner]?.name ?? owner}`;
      for (const i of members) globalId.set(`${i} ${id}`, gid);
    });
    if (ranked.length > 1) report(sink, units, id, ranked);
  }

  const rewrite =
    (unit: number) =>
    (t: ValueType): ValueType =>
      t.kind === "type" ? { ...t, id: globalId.get(`${unit} ${t.id}`) ?? t.id } : t;
  units.forEach((u, i) => {
    for (const [id, m] of u.types) {
      const gid = globalId.get(`${i} ${id}`) ?? id;
      if (types.has(gid)) continue;
      const renamed = gid !== id ? { desiredName: `${u.label}${m.desiredName}`, namePriority: Math.max(m.namePriority, 3) } : {};
      types.set(gid, rewriteModel({ ...m, ...renamed, id: gid } as TypeModel, rewrite(i)));
    }
  });
  const clients = units.flatMap((u, i) => u.clients.map((c) => rewriteClient(c, rewrite(i))));
  return { types, clients };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function firstName(units: readonly UnitModel[], members: readonly number[]): string {
  return members.map((i) => units[i]?.name ?? "").sort()[0] ?? "";
}

/** A model's own structure with references as ids; what makes two definitions of one id the same type. */
function shallow(m: TypeModel): string {
  return JSON.stringify(m, (k, v: unknown) => (k === "pos" || k === "doc" || k === "tsName" || k === "inputName" || k === "constName" || k === "key" ? undefined : v));
}

/**
 * Partition refinement: start from (id, own structure), then split classes whose members refer to
 * different classes, until nothing changes. Recursive types are handled because references are compared by
 * class, not by following them.
 */
function refine(units: readonly UnitModel[]): Map<Key, string> {
  const refs = new Map<Key, Key[]>();
  let cls = new Map<Key, string>();
  const intern = new Map<string, string>();
  const name = (sig: string): string => {
    let n = intern.get(sig);
    if (n === undefined) intern.set(sig, (n = String(intern.size)));
    return n;
  };
  units.forEach((u, i) => {
    for (const [id, m] of u.types) {
      const key = `${i} ${id}`;
      cls.set(key, name(`${id}\n${shallow(m)}`));
      refs.set(
        key,
        children(m).flatMap((t) => (t.kind === "type" ? [`${i} ${t.id}`] : [])),
      );
    }
  });
  for (let round = 0; round < 1000; round++) {
    const next = new Map<Key, string>();
    const sizeBefore = new Set(cls.values()).size;
    for (const [key, c] of cls) next.set(key, name(`${c}|${(refs.get(key) ?? []).map((r) => cls.get(r) ?? r).join(",")}`));
    cls = next;
    if (new Set(cls.values()).size === sizeBefore) break;
  }
  return cls;
}

function report(sink: DiagnosticSink, units: readonly UnitModel[], id: string, ranked: readonly number[][]): void {
  const [keep, ...others] = ranked;
  if (!keep) return;
  const keeper = units[keep[0] ?? 0];
  const keptModel = keeper?.types.get(id);
  for (const members of others) {
    const u = units[members[0] ?? 0];
    const m = u?.types.get(id);
    if (!u || !m || !keptModel) continue;
    const kp = keptModel.pos;
    const what = id.startsWith("e:") ? "element" : id.startsWith("t:") ? "type" : "type declared in";
    sink.warn(
      "type-conflict",
      `${what} ${m.qname?.local ?? m.desiredName} differs from the definition at ${kp.file}:${kp.line}:${kp.column} (used by ${keep.length} input${keep.length === 1 ? "" : "s"}); ${u.label}'s variant gets its own name`,
      m.pos,
    );
  }
}

function rewriteField(f: FieldModel, r: (t: ValueType) => ValueType): FieldModel {
  return {
    ...f,
    type: r(f.type),
    ...(f.substitutes ? { substitutes: f.substitutes.map((s) => ({ name: s.name, type: r(s.type) })) } : {}),
    ...(f.alternatives ? { alternatives: f.alternatives.map((a) => rewriteField(a, r)) } : {}),
  };
}

function rewriteModel(m: TypeModel, r: (t: ValueType) => ValueType): TypeModel {
  switch (m.kind) {
    case "struct":
      return {
        ...m,
        base: m.base ? r(m.base) : undefined,
        fields: m.fields.map((f) => rewriteField(f, r)),
        attributes: m.attributes.map((a) => ({ ...a, type: r(a.type) })),
        text: m.text ? r(m.text) : undefined,
      };
    case "array":
      return { ...m, item: rewriteField(m.item, r) };
    case "dictionary":
      return { ...m, key: rewriteField(m.key, r), value: rewriteField(m.value, r) };
    case "list":
      return { ...m, item: r(m.item) };
    case "alias":
      return { ...m, base: r(m.base) };
    case "union":
      return { ...m, members: m.members.map(r) };
    case "enum":
      return { ...m, values: m.values.map((v) => ({ ...v })) };
  }
}

function rewriteBody(b: BodyModel, r: (t: ValueType) => ValueType): BodyModel {
  if (b.kind === "element") return { kind: "element", field: rewriteField(b.field, r) };
  if (b.kind === "parts") {
    const t = r({ kind: "type", id: b.typeId });
    return { kind: "parts", wrapper: b.wrapper, parts: b.parts.map((p) => rewriteField(p, r)), typeId: t.kind === "type" ? t.id : b.typeId };
  }
  return b;
}

function rewriteMessage(m: MessageModel, r: (t: ValueType) => ValueType): MessageModel {
  return { ...m, body: rewriteBody(m.body, r), headers: m.headers.map((h) => rewriteField(h, r)), unwrap: m.unwrap ? rewriteField(m.unwrap, r) : undefined };
}

function rewriteClient(c: ClientModel, r: (t: ValueType) => ValueType): ClientModel {
  const operations: OperationModel[] = c.operations.map((op) => ({
    ...op,
    input: rewriteMessage(op.input, r),
    output: op.output ? rewriteMessage(op.output, r) : undefined,
    faults: op.faults.map((f) => ({ ...f, field: rewriteField(f.field, r) })),
  }));
  return { ...c, operations };
}
