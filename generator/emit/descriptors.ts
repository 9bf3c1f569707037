/**
 * Descriptor data for the runtime: the type table (schema.ts) and the per-client descriptors. The values are
 * built with the runtime's own descriptor types (templates/runtime/descriptors.ts, imported as types only:
 * the contract is checked when the generator compiles) and then only printed. Defaults are left out: `ns`
 * "", `min` 1, `max` 1, `nillable` false, `prop` equal to `name`.
 */
import type {
  AttributeDescriptor,
  BodyDescriptor,
  ClientDescriptor,
  FacetsDescriptor,
  FailureRule,
  FieldDescriptor,
  MaxOccurs,
  MessageDescriptor,
  OperationDescriptor,
  SubstituteDescriptor,
  TypeDescriptor,
  TypeRef,
  TypeTable,
} from "../../templates/runtime/descriptors.js";
import type { Features } from "../../templates/runtime/features.js";
import type { AttributeModel, BodyModel, ClientModel, FacetSet, FieldModel, MessageModel, OperationModel, TypeModel, ValueType } from "../analyze/model.js";
import type { QName } from "../ns.js";
import { fixedOf } from "../analyze/usage.js";
import { patternFacets } from "../patterns.js";
import { Code, literal } from "./literal.js";

/** Namespace URI → constant name (`nsServices75`…, chosen by the analysis: see analyze/namespaces.ts). */
export class NamespaceTable {
  private readonly used = new Set<string>();

  constructor(private readonly names: ReadonlyMap<string, string>) {}

  ref(uri: string): Code {
    const n = this.names.get(uri);
    if (!n) throw new Error(`namespace not in table: ${uri}`);
    this.used.add(uri);
    return new Code(n);
  }

  /** `const nsX = "…";` for the namespaces referenced since the last call, in name order. */
  takeDeclarations(): { name: string; uri: string }[] {
    const out = [...this.used].map((uri) => ({ name: this.names.get(uri) ?? "", uri }));
    this.used.clear();
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

/** `{ [key]: value }`, or nothing when the value is undefined (optional properties are left out, not undefined). */
function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]: V });
}

type MutableFacets = { -readonly [K in keyof FacetsDescriptor]: FacetsDescriptor[K] };
const NUMERIC_FACETS = ["length", "minLength", "maxLength", "totalDigits", "fractionDigits"] as const;
const LEXICAL_FACETS = ["minInclusive", "maxInclusive", "minExclusive", "maxExclusive"] as const;

function isNumericFacet(k: string): k is (typeof NUMERIC_FACETS)[number] {
  return (NUMERIC_FACETS as readonly string[]).includes(k);
}
function isLexicalFacet(k: string): k is (typeof LEXICAL_FACETS)[number] {
  return (LEXICAL_FACETS as readonly string[]).includes(k);
}

/**
 * Facet sets as descriptor data, outermost restriction first: other facets of an outer step override the
 * inner's (a restriction may only narrow them), and each step's patterns stay a separate step (AND-ed).
 * Facets keep the order the schema wrote them in.
 */
function facets(...steps: (FacetSet | undefined)[]): FacetsDescriptor | undefined {
  const present = steps.filter((f): f is FacetSet => f !== undefined);
  if (present.length === 0) return undefined;
  const out: MutableFacets = {};
  for (const f of [...present].reverse()) {
    for (const k of Object.keys(f)) {
      if (isNumericFacet(k)) {
        const v = f[k];
        if (v !== undefined) out[k] = v;
      } else if (isLexicalFacet(k)) {
        const v = f[k];
        if (v !== undefined) out[k] = v;
      }
    }
  }
  const patternSteps = present.map((f) => f.patterns ?? []).filter((p) => p.length > 0);
  Object.assign(out, patternFacets(patternSteps));
  return out;
}

/**
 * A value that stands for a constant of the generated code (a client's type table, a runtime feature object):
 * only its identity matters, the printer writes the constant's name given for it in `SharedValues`.
 */
export function placeholder<T extends object>(): T {
  return Object.freeze({}) as T;
}

/** The constant names of shared descriptor values, by identity: the printer writes the name instead. */
export type SharedValues = ReadonlyMap<object, string>;

/**
 * Writes a descriptor value as TypeScript: every `ns` property and the namespace of every `qname` through the
 * namespace table, shared values (header field lists, type tables, runtime features) as their constants.
 */
export function printDescriptor(value: TypeTable | TypeDescriptor | ClientDescriptor | readonly FieldDescriptor[], ns: NamespaceTable, shared: SharedValues = new Map()): string {
  return literal(value, {
    replace: (v, key, parentKey) => {
      if (typeof v === "object" && v !== null) {
        const name = shared.get(v);
        return name === undefined ? undefined : new Code(name);
      }
      if (typeof v === "string" && (key === "ns" || (parentKey === "qname" && key === 0)) && v !== "") return ns.ref(v);
      return undefined;
    },
  });
}

export class DescriptorWriter {
  constructor(
    private readonly types: ReadonlyMap<string, TypeModel>,
    readonly ns: NamespaceTable,
  ) {}

  typeRef(t: ValueType): TypeRef {
    if (t.kind === "prim") return `xs:${t.prim}`;
    return this.types.get(t.id)?.tsName ?? "xs:anyType";
  }

  private qname(q: QName | undefined): readonly [ns: string, local: string] | undefined {
    return q ? [q.ns, q.local] : undefined;
  }

  field(f: FieldModel): FieldDescriptor {
    return {
      ...opt("prop", f.prop !== f.name.local ? f.prop : undefined),
      name: f.name.local,
      ...opt("ns", f.name.ns || undefined),
      type: this.typeRef(f.type),
      ...opt("min", f.min !== 1 ? f.min : undefined),
      ...opt<"max", MaxOccurs>("max", f.max !== 1 ? (Number.isFinite(f.max) ? f.max : "unbounded") : undefined),
      ...opt("nillable", f.nillable || undefined),
      ...opt("wildcard", f.wildcard || undefined),
      ...opt("choice", f.choice),
      ...opt("alternative", f.choice !== undefined ? f.alternative : undefined),
      ...opt("choiceOptional", f.choice !== undefined && f.choiceOptional ? true : undefined),
      ...opt("nested", f.choice !== undefined && f.nested?.length ? f.nested.map((n) => [n.choice, n.alternative, n.optional] as const) : undefined),
      ...opt("facets", facets(f.type.facets)),
      ...opt(
        "substitutes",
        f.substitutes?.length
          ? f.substitutes.map((x): SubstituteDescriptor => ({ name: x.name.local, ...opt("ns", x.name.ns || undefined), type: this.typeRef(x.type) }))
          : undefined,
      ),
      ...opt(
        "alternatives",
        f.alternatives?.map((a) => this.field(a)),
      ),
      ...opt("fixed", fixedOf(f, this.types)),
    };
  }

  private attribute(a: AttributeModel): AttributeDescriptor {
    return {
      ...opt("prop", a.prop !== a.name.local ? a.prop : undefined),
      name: a.name.local,
      ...opt("ns", a.name.ns || undefined),
      type: this.typeRef(a.type),
      ...opt("required", a.required || undefined),
      ...opt("facets", facets(a.type.facets)),
      ...opt("fixed", a.fixed),
    };
  }

  type(m: TypeModel): TypeDescriptor {
    const qname = opt("qname", this.qname(m.qname));
    switch (m.kind) {
      case "struct":
        return {
          kind: "struct",
          ...qname,
          ...opt("base", m.base ? this.typeRef(m.base) : undefined),
          ...opt("abstract", m.abstract || undefined),
          fields: m.fields.map((f) => this.field(f)),
          ...opt("attributes", m.attributes.length ? m.attributes.map((a) => this.attribute(a)) : undefined),
          ...opt("text", m.text ? this.typeRef(m.text) : undefined),
          ...opt("textProp", m.text && m.textProp !== "value" ? m.textProp : undefined),
        };
      case "enum":
        return { kind: "enum", ...qname, base: `xs:${m.base}`, values: m.values.map((v) => v.value) };
      case "list":
        return { kind: "list", ...qname, item: this.typeRef(m.item) };
      case "alias":
        return { kind: "simple", ...qname, base: this.typeRef(m.base), ...opt("facets", facets(m.facets, m.base.facets)) };
      case "union":
        return { kind: "union", ...qname, members: m.members.map((x) => this.typeRef(x)) };
      case "array":
        return { kind: "array", ...qname, item: this.field(m.item), ...opt("encoded", m.encoded || undefined) };
      case "dictionary":
        return {
          kind: "dictionary",
          ...qname,
          entry: { name: m.entry.local, ...opt("ns", m.entry.ns || undefined) },
          key: this.field(m.key),
          value: this.field(m.value),
        };
    }
  }

  body(b: BodyModel): BodyDescriptor {
    switch (b.kind) {
      case "element":
        // The body element's value is the method's argument: no property name is involved.
        return { kind: "element", field: this.field({ ...b.field, prop: b.field.name.local }) };
      case "empty":
        return { kind: "empty" };
      case "parts":
        return {
          kind: "parts",
          ...opt("wrapper", b.wrapper ? { name: b.wrapper.local, ...opt("ns", b.wrapper.ns || undefined) } : undefined),
          parts: b.parts.map((p) => this.field(p)),
        };
    }
  }

  message(m: MessageModel, headers: readonly FieldDescriptor[] | undefined): MessageDescriptor {
    return {
      body: this.body(m.body),
      ...opt("headers", headers),
      ...opt("unwrap", m.unwrap?.prop),
      ...opt("void", m.void || undefined),
    };
  }

  operation(op: OperationModel, headers: { input?: readonly FieldDescriptor[] | undefined; output?: readonly FieldDescriptor[] | undefined }): OperationDescriptor {
    return {
      name: op.name,
      action: op.action,
      ...opt("style", op.style === "rpc" ? ("rpc" as const) : undefined),
      ...opt("encoded", op.encoded || undefined),
      input: this.message(op.input, headers.input),
      ...opt("output", op.output ? this.message(op.output, headers.output) : undefined),
      ...opt("faults", op.faults.length ? op.faults.map((f) => ({ name: f.name, field: this.field(f.field) })) : undefined),
    };
  }

  /**
   * The client's descriptor, and the header field lists that several operations share (each a constant:
   * `shared` maps the list to its name, for printing). `parts`: its type table (a placeholder the printer
   * writes as the client's table constant), failure rule (emit/failure.ts) and runtime features.
   */
  client(
    c: ClientModel,
    parts: { readonly types: TypeTable; readonly failure: FailureRule | undefined; readonly features: Features | undefined },
  ): { descriptor: ClientDescriptor; headerConsts: { name: string; fields: readonly FieldDescriptor[] }[]; shared: SharedValues } {
    const consts = new Map<string, readonly FieldDescriptor[]>();
    const headers = (m: MessageModel | undefined): readonly FieldDescriptor[] | undefined => {
      if (!m || m.headers.length === 0) return undefined;
      if (!m.headersConst) return m.headers.map((h) => this.field(h));
      let fields = consts.get(m.headersConst);
      if (!fields) consts.set(m.headersConst, (fields = m.headers.map((h) => this.field(h))));
      return fields;
    };
    const operations: Record<string, OperationDescriptor> = Object.create(null) as Record<string, OperationDescriptor>;
    for (const op of c.operations) operations[op.method] = this.operation(op, { input: headers(op.input), output: headers(op.output) });
    const descriptor: ClientDescriptor = {
      port: c.port,
      soap: c.soap,
      endpoint: c.endpoint,
      types: parts.types,
      ...opt("failure", parts.failure),
      operations,
      ...opt("features", parts.features),
    };
    const headerConsts = [...consts].map(([name, fields]) => ({ name, fields }));
    return { descriptor, headerConsts, shared: new Map(headerConsts.map((h) => [h.fields, h.name])) };
  }
}
