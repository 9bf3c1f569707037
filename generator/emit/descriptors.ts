/**
 * Descriptor data for the runtime (see templates/runtime/descriptors.ts for the format): the type table
 * (schema.ts) and the per-client operation tables. Defaults are left out: `ns` "" , `min` 1, `max` 1,
 * `nillable` false, `prop` equal to `name`.
 */
import type { AttributeModel, BodyModel, FacetSet, FieldModel, MessageModel, OperationModel, TypeModel, ValueType } from "../analyze/model.js";
import type { QName } from "../ns.js";
import { fixedOf } from "../analyze/usage.js";
import { Code, type Literal } from "./literal.js";
import { patternFacets } from "../patterns.js";

/** Namespace URI → constant name (`ns1`…), numbered in URI order over the whole output. */
export class NamespaceTable {
  private readonly names = new Map<string, string>();
  private readonly used = new Set<string>();

  constructor(uris: Iterable<string>) {
    [...new Set(uris)]
      .filter((u) => u !== "")
      .sort()
      .forEach((u, i) => this.names.set(u, `ns${i + 1}`));
  }

  ref(uri: string): Code {
    const n = this.names.get(uri);
    if (!n) throw new Error(`namespace not in table: ${uri}`);
    this.used.add(uri);
    return new Code(n);
  }

  /** `const nsN = "…";` for the namespaces referenced since the last call, in number order. */
  takeDeclarations(): { name: string; uri: string }[] {
    const out = [...this.used].map((uri) => ({ name: this.names.get(uri) ?? "", uri }));
    this.used.clear();
    return out.sort((a, b) => Number(a.name.slice(2)) - Number(b.name.slice(2)));
  }
}

/**
 * Facet sets as descriptor data, outermost restriction first: other facets of an outer step override the
 * inner's (a restriction may only narrow them), and each step's patterns stay a separate step (AND-ed).
 */
function facetsLiteral(...steps: (FacetSet | undefined)[]): Literal | undefined {
  const present = steps.filter((f): f is FacetSet => f !== undefined);
  if (present.length === 0) return undefined;
  const out: Record<string, Literal | undefined> = {};
  for (const f of [...present].reverse()) {
    const { patterns, ...rest } = f;
    void patterns;
    for (const [k, v] of Object.entries(rest)) if (v !== undefined) out[k] = v;
  }
  const patternSteps = present.map((f) => f.patterns ?? []).filter((p) => p.length > 0);
  Object.assign(out, patternFacets(patternSteps));
  return out;
}

export class DescriptorWriter {
  constructor(
    private readonly types: ReadonlyMap<string, TypeModel>,
    readonly ns: NamespaceTable,
  ) {}

  typeRef(t: ValueType): string {
    if (t.kind === "prim") return `xs:${t.prim}`;
    return this.types.get(t.id)?.tsName ?? "xs:anyType";
  }

  private qname(q: QName | undefined): Literal | undefined {
    return q ? [q.ns ? this.ns.ref(q.ns) : "", q.local] : undefined;
  }

  field(f: FieldModel): Literal {
    return {
      ...(f.prop !== f.name.local ? { prop: f.prop } : {}),
      name: f.name.local,
      ns: f.name.ns ? this.ns.ref(f.name.ns) : undefined,
      type: this.typeRef(f.type),
      min: f.min !== 1 ? f.min : undefined,
      max: f.max !== 1 ? f.max : undefined,
      nillable: f.nillable || undefined,
      wildcard: f.wildcard || undefined,
      choice: f.choice,
      alternative: f.choice !== undefined ? f.alternative : undefined,
      choiceOptional: f.choice !== undefined && f.choiceOptional ? true : undefined,
      facets: facetsLiteral(f.type.facets),
      substitutes: f.substitutes?.length
        ? f.substitutes.map((s) => ({ name: s.name.local, ns: s.name.ns ? this.ns.ref(s.name.ns) : undefined, type: this.typeRef(s.type) }))
        : undefined,
      alternatives: f.alternatives?.map((a) => this.field(a)),
      fixed: fixedOf(f, this.types),
    };
  }

  private attribute(a: AttributeModel): Literal {
    return {
      ...(a.prop !== a.name.local ? { prop: a.prop } : {}),
      name: a.name.local,
      ns: a.name.ns ? this.ns.ref(a.name.ns) : undefined,
      type: this.typeRef(a.type),
      required: a.required || undefined,
      facets: facetsLiteral(a.type.facets),
      fixed: a.fixed,
    };
  }

  type(m: TypeModel): Literal {
    const qname = this.qname(m.qname);
    switch (m.kind) {
      case "struct":
        return {
          kind: "struct",
          qname,
          base: m.base ? this.typeRef(m.base) : undefined,
          abstract: m.abstract || undefined,
          fields: m.fields.map((f) => this.field(f)),
          attributes: m.attributes.length ? m.attributes.map((a) => this.attribute(a)) : undefined,
          text: m.text ? this.typeRef(m.text) : undefined,
          textProp: m.text && m.textProp !== "value" ? m.textProp : undefined,
        };
      case "enum":
        return { kind: "enum", qname, base: `xs:${m.base}`, values: m.values.map((v) => v.value) };
      case "list":
        return { kind: "list", qname, item: this.typeRef(m.item) };
      case "alias":
        return { kind: "simple", qname, base: this.typeRef(m.base), facets: facetsLiteral(m.facets, m.base.facets) };
      case "union":
        return { kind: "union", qname, members: m.members.map((x) => this.typeRef(x)) };
      case "array":
        return { kind: "array", qname, item: this.field(m.item), encoded: m.encoded || undefined };
      case "dictionary":
        return {
          kind: "dictionary",
          qname,
          entry: { name: m.entry.local, ns: m.entry.ns ? this.ns.ref(m.entry.ns) : undefined },
          key: this.field(m.key),
          value: this.field(m.value),
        };
    }
  }

  body(b: BodyModel): Literal {
    switch (b.kind) {
      case "element":
        // The body element's value is the method's argument: no property name is involved.
        return { kind: "element", field: this.field({ ...b.field, prop: b.field.name.local }) };
      case "empty":
        return { kind: "empty" };
      case "parts":
        return {
          kind: "parts",
          wrapper: b.wrapper ? { name: b.wrapper.local, ns: b.wrapper.ns ? this.ns.ref(b.wrapper.ns) : undefined } : undefined,
          parts: b.parts.map((p) => this.field(p)),
        };
    }
  }

  message(m: MessageModel, headers: Literal | undefined): Literal {
    return {
      body: this.body(m.body),
      headers,
      unwrap: m.unwrap?.prop,
      void: m.void || undefined,
    };
  }

  operation(op: OperationModel, headerRefs: { input?: Literal | undefined; output?: Literal | undefined }): Literal {
    return {
      name: op.name,
      action: op.action,
      style: op.style === "rpc" ? "rpc" : undefined,
      encoded: op.encoded || undefined,
      input: this.message(op.input, headerRefs.input),
      output: op.output ? this.message(op.output, headerRefs.output) : undefined,
      faults: op.faults.length ? op.faults.map((f) => ({ name: f.name, field: this.field(f.field) })) : undefined,
    };
  }
}
