/**
 * The naming pass: allocates every TypeScript name of the output once, before emitting. One module-level
 * scope (unique ignoring case) holds types, input variants, client classes, descriptor constants, operation
 * maps and header types; each client has its own method scope; each struct its own property scope (seeded
 * with its base's properties).
 */
import type { ClientModel, FieldModel, MessageModel, StructModel, TypeModel } from "./model.js";
import { camel, JS_OBJECT_NAMES, NameScope, RESERVED_GLOBALS, RESERVED_WORDS, typeIdentifier, type NameRequest } from "./names.js";
import type { Usage } from "./usage.js";

/**
 * Names the emitted modules declare themselves besides the allocated ones. The names they import from the
 * runtime come in `reserved`: the runtime's own exports (analyze/runtime-exports.ts).
 */
export const GENERATED_NAMES: readonly string[] = ["typeTable"];

/**
 * `reserved`: further names the output uses (the runtime's exports, the namespace constants `nsServices75`…), which
 * no allocated name may take.
 */
export function assignNames(types: ReadonlyMap<string, TypeModel>, clients: readonly ClientModel[], usage: ReadonlyMap<string, Usage>, reserved: readonly string[]): void {
  // Type names are type-table keys and module exports: `__proto__` as a key sets the prototype, a module
  // exporting `then` is a thenable (`await import()` of the package would call it), and TypeScript types a
  // table entry keyed `constructor`/`toString`/… by Object's member instead of the table's value type.
  const scope = new NameScope([...RESERVED_WORDS, ...RESERVED_GLOBALS, ...GENERATED_NAMES, ...JS_OBJECT_NAMES, ...reserved]);
  const requests: NameRequest[] = [];

  for (const m of types.values()) {
    const desired = typeIdentifier(m.desiredName);
    requests.push({
      desired,
      priority: m.namePriority,
      key: m.id,
      ...(m.namePriority === 1 ? { clashSuffix: "Element" } : {}),
      assign: (n) => (m.tsName = n),
    });
    const u = usage.get(m.id);
    if (u?.differs && u.input && u.output) {
      requests.push({ desired: `${desired}Input`, priority: 4, key: `${m.id}#input`, assign: (n) => (m.inputName = n) });
    }
    if (u?.polymorphicInput && m.kind === "struct") {
      requests.push({ desired: `${desired}OrSubtype`, priority: 4, key: `${m.id}#poly`, assign: (n) => (m.polyName = n) });
    }
    if (u?.polymorphicOutput && m.kind === "struct") {
      // Responses get their own union (of the output shapes, `$type` optional only on the base itself); when
      // requests have none, it takes the `…OrSubtype` name.
      const own = u.polymorphicInput ? `${desired}OrSubtypeOutput` : `${desired}OrSubtype`;
      requests.push({ desired: own, priority: 4, key: `${m.id}#polyOut`, assign: (n) => (m.polyOutName = n) });
    }
  }

  for (const c of clients) {
    const key = `client:${c.service}/${c.port}`;
    requests.push({ desired: `${c.desiredBase}Client`, priority: 0, key, assign: (n) => (c.className = n) });
    requests.push({ desired: `${camel(c.desiredBase)}Descriptor`, priority: 0, key, assign: (n) => (c.descriptorName = n) });
    requests.push({ desired: `${c.desiredBase}Operations`, priority: 0, key, assign: (n) => (c.operationsName = n) });
    if (c.operations.some((op) => op.faults.length > 0)) {
      requests.push({ desired: `${c.desiredBase}Faults`, priority: 0, key, assign: (n) => (c.faultsName = n) });
      requests.push({ desired: `is${c.desiredBase}Fault`, priority: 0, key, assign: (n) => (c.faultGuardName = n) });
    }
    headerTypeRequests(c, "input", "RequestHeaders", requests);
    headerTypeRequests(c, "output", "ResponseHeaders", requests);
  }

  scope.allocate(requests);

  for (const m of types.values()) {
    if (!m.inputName && (usage.get(m.id)?.input ?? false)) m.inputName = m.tsName;
    if (m.kind === "enum") m.constName = m.tsName;
  }
  // A flags list of an anonymous enumeration: the values' const object is named after the list.
  for (const m of types.values()) {
    if (m.kind !== "list" || m.item.kind !== "type") continue;
    const item = types.get(m.item.id);
    if (item?.kind === "enum" && item.id === `${m.id}/item`) item.constName = m.tsName;
  }

  for (const c of clients) {
    c.fileName = c.className;
    // Methods live on the client object: never a name JavaScript calls on its own (`then` → `then_2`), nor the
    // base class's members.
    const methods = new NameScope([...JS_OBJECT_NAMES, "$invoke", "$call"]);
    methods.allocate(c.operations.map((op, i) => ({ desired: camel(op.name), priority: 0, key: pad(i), assign: (n) => (op.method = n) })));
    for (const op of c.operations) {
      for (const msg of [op.input, op.output]) if (msg) allocateProps(msg.headers, []);
    }
  }

  const done = new Set<string>();
  for (const m of types.values()) {
    if (m.kind === "struct") structProps(m, types, done);
    if (m.kind === "enum") enumKeys(m);
    // The keys of a choice list's items: one per alternative.
    for (const f of m.kind === "struct" ? m.fields : m.kind === "array" ? [m.item] : []) if (f.alternatives) allocateProps(f.alternatives, []);
  }
  // An unwrapped output returns the one field of the body element's struct: take that field's allocated name.
  for (const c of clients) {
    for (const op of c.operations) {
      const out = op.output;
      if (!out?.unwrap || out.body.kind !== "element" || out.body.field.type.kind !== "type") continue;
      const m = types.get(out.body.field.type.id);
      const only = m?.kind === "struct" ? m.fields[0] : undefined;
      if (only) out.unwrap.prop = only.prop;
    }
  }
}

/**
 * Header types: when every operation of a client that has headers in this direction has the same ones,
 * they share `<Client>RequestHeaders`; otherwise each operation gets `<Operation>RequestHeaders`.
 */
function headerTypeRequests(c: ClientModel, dir: "input" | "output", suffix: string, out: NameRequest[]): void {
  const msgs = c.operations.map((op) => (dir === "input" ? op.input : op.output)).filter((m): m is MessageModel => !!m && m.headers.length > 0);
  if (msgs.length === 0) return;
  const signature = (m: MessageModel): string => m.headers.map((h) => `${h.prop}=${h.name.ns}|${h.name.local}|${h.type.kind === "type" ? h.type.id : h.type.prim}`).join(";");
  const sigs = new Set(msgs.map(signature));
  const key = `client:${c.service}/${c.port}#${suffix}`;
  if (sigs.size === 1) {
    const targets = msgs;
    out.push({ desired: `${c.desiredBase}${suffix}`, priority: 0, key, assign: (n) => targets.forEach((m) => (m.headersType = n)) });
    if (targets.length > 1) {
      const desired = `${camel(c.desiredBase)}${suffix.replace(/s$/, "")}Fields`;
      out.push({ desired, priority: 0, key, assign: (n) => targets.forEach((m) => (m.headersConst = n)) });
    }
    return;
  }
  for (const op of c.operations) {
    const m = dir === "input" ? op.input : op.output;
    if (!m || m.headers.length === 0) continue;
    out.push({ desired: `${typeIdentifier(op.name)}${suffix}`, priority: 1, key: `${key}/${op.name}`, assign: (n) => (m.headersType = n) });
  }
}

function pad(i: number): string {
  return String(i).padStart(6, "0");
}

/** Property names of fields (and attributes) in one object, case-sensitive, in declaration order. */
function allocateProps(fields: FieldModel[], taken: readonly string[], attributes: { prop: string }[] = [], text?: { prop: string }): void {
  const scope = new CaseSensitiveScope(taken);
  const reqs: { desired: string; priority: number; key: string; assign: (n: string) => void }[] = [];
  fields.forEach((f, i) => reqs.push({ desired: f.prop || "_", priority: 0, key: pad(i), assign: (n) => (f.prop = n) }));
  attributes.forEach((a, i) => reqs.push({ desired: a.prop || "_", priority: 1, key: pad(i), assign: (n) => (a.prop = n) }));
  if (text) reqs.push({ desired: text.prop, priority: 2, key: "", assign: (n) => (text.prop = n) });
  scope.allocate(reqs);
}

function structProps(m: StructModel, types: ReadonlyMap<string, TypeModel>, done: Set<string>): string[] {
  const base = m.base?.kind === "type" ? types.get(m.base.id) : undefined;
  const inherited = base?.kind === "struct" ? structProps(base, types, done) : [];
  const own = (): string[] => [...m.fields.map((f) => f.prop), ...m.attributes.map((a) => a.prop), ...(m.text ? [m.textProp] : [])];
  if (done.has(m.id)) return [...inherited, ...own()];
  done.add(m.id);
  const textHolder = m.text && !(base?.kind === "struct" && base.text) ? { prop: m.textProp } : undefined;
  allocateProps(m.fields, inherited, m.attributes, textHolder);
  if (textHolder) m.textProp = textHolder.prop;
  else if (base?.kind === "struct") m.textProp = base.textProp;
  return [...inherited, ...own()];
}

/** Keys of an enum's const object: identifiers derived from the values, unique. */
function enumKeys(m: Extract<TypeModel, { kind: "enum" }>): void {
  const scope = new CaseSensitiveScope([]);
  scope.allocate(
    m.values.map((v, i) => ({
      desired: enumKey(v.value),
      priority: 0,
      key: pad(i),
      assign: (n: string) => (v.key = n),
    })),
  );
}

/** `Front Wheel Drive` → `FrontWheelDrive`; `` → `Empty`; `1` → `_1`; keeps values that are identifiers. */
export function enumKey(value: string): string {
  if (value === "") return "Empty";
  const id = typeIdentifier(value.replace(/\s+(\S)/g, (_, c: string) => c.toUpperCase()));
  return id;
}

/** Like NameScope but case-sensitive: properties `id` and `ID` may coexist in one object. */
class CaseSensitiveScope {
  private readonly taken: Set<string>;
  constructor(taken: readonly string[]) {
    // A property `__proto__` cannot be written in an object literal by the user (it sets the prototype).
    this.taken = new Set(["__proto__", ...taken]);
  }
  allocate(reqs: { desired: string; priority: number; key: string; assign: (n: string) => void }[]): void {
    const sorted = [...reqs].sort((a, b) => a.priority - b.priority || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const losers: typeof reqs = [];
    for (const r of sorted) {
      if (this.taken.has(r.desired)) losers.push(r);
      else {
        this.taken.add(r.desired);
        r.assign(r.desired);
      }
    }
    for (const r of losers) {
      let i = 2;
      while (this.taken.has(`${r.desired}_${i}`)) i++;
      this.taken.add(`${r.desired}_${i}`);
      r.assign(`${r.desired}_${i}`);
    }
  }
}
