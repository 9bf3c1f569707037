/**
 * Analysis, types half: turns the schema components that operations reach into type models. Models are
 * built on demand (so only reachable types are emitted) and registered before their members are filled
 * in, so recursive types (SoExceptionInfo.InnerException) terminate. This module resolves type names and
 * builds complex types; content models are content.ts, simple types simple-types.ts, schema-wide indexes
 * schema-index.ts.
 */
import type { DiagnosticSink, SourcePos } from "../diagnostics.js";
import type { ComplexType, Definitions, ElementDecl, TypeUse } from "../ir.js";
import { NS, qkey, showQName, type QName } from "../ns.js";
import { builtinPrimitive, type Primitive } from "./builtins.js";
import { ContentBuilder, TOP } from "./content.js";
import type { DictionaryModel, FieldModel, StructModel, TypeModel, ValueType } from "./model.js";
import { pascal } from "./names.js";
import { SchemaIndex } from "./schema-index.js";
import { SimpleTypeBuilder } from "./simple-types.js";
import { ANY_TYPE, placeholderField, type AnonSite, type TypeContext } from "./type-context.js";
import { arrayOfShape, dictionaryShape } from "./wcf.js";

export { describeFacets } from "./facet-sets.js";

/** See TypeBuilder.depth. */
const DEFER_DEPTH = 32;

export class TypeBuilder implements TypeContext {
  readonly models = new Map<string, TypeModel>();
  private readonly index: SchemaIndex;
  private readonly content: ContentBuilder;
  private readonly simple: SimpleTypeBuilder;
  /** Elements whose type stands in for a type= that named them, to stop `<element name="X" type="X"/>`. */
  private readonly viaElement = new Set<ElementDecl>();

  constructor(
    readonly defs: Definitions,
    readonly sink: DiagnosticSink,
  ) {
    this.index = new SchemaIndex(defs);
    this.content = new ContentBuilder(this, this.index);
    this.simple = new SimpleTypeBuilder(this);
  }

  /**
   * The elements that may stand for `head` (XSD Part 1 §3.3.6): members of its substitution group and of
   * theirs, not abstract ones, in qualified-name order.
   */
  substitutionMembers(head: ElementDecl): ElementDecl[] {
    return this.index.substitutionMembers(head);
  }

  /** Named complex types deriving (by extension or restriction) from one of `baseKeys`, to decode `xsi:type`. */
  subtypesOf(baseKeys: ReadonlySet<string>): ComplexType[] {
    return this.index.subtypesOf(baseKeys);
  }

  /** The primitive a simple type finally restricts (through aliases and enumerations). */
  primitiveOf(t: ValueType): Primitive | undefined {
    return this.simple.primitiveOf(t);
  }

  fieldType(decl: ElementDecl, site: AnonSite): ValueType {
    return this.deferred(decl.type) ?? this.declType(decl, site);
  }

  /** A global element by name; reports `missing-element` when there is none. */
  globalElement(q: QName, pos: SourcePos, construct?: string): ElementDecl | undefined {
    const el = this.defs.schema.elements.get(qkey(q));
    if (!el)
      this.sink.unresolved(
        "missing-element",
        `element ${showQName(q)} is not defined in any loaded schema${this.namespaceHint(q.ns)}`,
        "its content is kept as XML (XmlElement)",
        pos,
        construct,
      );
    return el;
  }

  /** The type of a global element's value. */
  elementType(decl: ElementDecl): ValueType {
    return this.declType(decl, { id: `e:${qkey(decl.name)}`, name: decl.name.local, priority: 1 });
  }

  private declType(decl: ElementDecl, site: AnonSite): ValueType {
    if (decl.type) return this.useType(decl.type, site);
    if (decl.substitutionGroup) {
      // XSD Part 1 §3.3.2: with no type, a member of a substitution group takes the head's type.
      let head = this.defs.schema.elements.get(qkey(decl.substitutionGroup));
      const seen = new Set<ElementDecl>([decl]);
      while (head && !head.type && head.substitutionGroup && !seen.has(head)) {
        seen.add(head);
        head = this.defs.schema.elements.get(qkey(head.substitutionGroup));
      }
      if (head && !seen.has(head)) return this.elementType(head);
    }
    return ANY_TYPE;
  }

  useType(use: TypeUse | undefined, site: AnonSite): ValueType {
    if (!use) return ANY_TYPE;
    if (use.kind === "ref") return this.namedType(use.name, use.pos);
    return use.type.kind === "complexType" ? this.complexType(use.type, site) : this.simple.build(use.type, site);
  }

  /** A type by QName: a primitive, or a model built from the schema type of that name. */
  namedType(q: QName, pos: SourcePos): ValueType {
    const prim = builtinPrimitive(q);
    if (prim) return { kind: "prim", prim };
    const id = `t:${qkey(q)}`;
    if (this.models.has(id)) return { kind: "type", id };
    if ((q.ns === NS.soapEnc11 || q.ns === NS.soapEnc12) && q.local === "Array") return this.soapArray(id, q, ANY_TYPE, pos);
    const t = this.defs.schema.types.get(qkey(q));
    if (!t) {
      // A common mistake in published schemas: type= naming an element. Its type is what was meant.
      const el = q.ns === NS.xs ? undefined : this.defs.schema.elements.get(qkey(q));
      if (el && !this.viaElement.has(el)) {
        this.sink.warn("type-is-element", `type=${showQName(q)} names an element, not a type; the element's type is used`, pos);
        this.viaElement.add(el);
        try {
          return this.elementType(el);
        } finally {
          this.viaElement.delete(el);
        }
      }
      const message = q.ns === NS.xs ? `${showQName(q)} is not an XSD built-in type` : `type ${showQName(q)} is not defined in any loaded schema${this.namespaceHint(q.ns)}`;
      this.sink.unresolved("missing-type", message, "values of it are kept as XML (XmlElement)", pos);
      return ANY_TYPE;
    }
    const site = { id, name: q.local, priority: 0 };
    return t.kind === "complexType" ? this.complexType(t, site) : this.simple.build(t, site);
  }

  /** Why a namespace may have no types: no schema with that targetNamespace was loaded. */
  private namespaceHint(ns: string): string {
    return this.defs.schema.namespaces.has(ns) ? "" : ` (no loaded schema has the targetNamespace ${ns || "(none)"})`;
  }

  // ---------------------------------------------------------------------------------------------------
  // Complex types

  /**
   * How many complex types are being built inside each other. Past DEFER_DEPTH, a field whose type is a named
   * complex type not built yet only records the reference and queues the type; the queue is drained once the
   * outermost type is done, so a chain of any length of named types containing the next is built with bounded
   * recursion (and exactly as it would be built recursively: a field needs only its type's id).
   */
  private depth = 0;
  private readonly pending: { q: QName; pos: SourcePos }[] = [];
  private draining = false;

  private complexType(ct: ComplexType, site: AnonSite): ValueType {
    const ref: ValueType = { kind: "type", id: site.id };
    if (this.models.has(site.id)) return ref;
    this.depth++;
    try {
      return this.complexTypeBody(ct, site, ref);
    } finally {
      this.depth--;
      if (this.depth === 0 && !this.draining) this.drain();
    }
  }

  private drain(): void {
    this.draining = true;
    try {
      for (let next = this.pending.pop(); next; next = this.pending.pop()) this.namedType(next.q, next.pos);
    } finally {
      this.draining = false;
    }
  }

  /** A field's named complex type, queued instead of built when the builder is already deep. */
  private deferred(use: TypeUse | undefined): ValueType | undefined {
    if (this.depth < DEFER_DEPTH || use?.kind !== "ref") return undefined;
    const id = `t:${qkey(use.name)}`;
    if (this.models.has(id) || this.defs.schema.types.get(qkey(use.name))?.kind !== "complexType") return undefined;
    if (builtinPrimitive(use.name) || use.name.ns === NS.soapEnc11 || use.name.ns === NS.soapEnc12) return undefined;
    this.pending.push({ q: use.name, pos: use.pos });
    return { kind: "type", id };
  }

  private complexTypeBody(ct: ComplexType, site: AnonSite, ref: ValueType): ValueType {
    const common = { id: site.id, qname: ct.name, desiredName: site.name, namePriority: site.priority, tsName: "", inputName: undefined, doc: ct.doc, pos: ct.pos };

    const arrayItem = ct.soapArrayType ?? (ct.content.kind === "complex" && isSoapEncArray(ct.content.derivation?.base) ? null : undefined);
    if (arrayItem !== undefined) {
      const item = arrayItem ? this.namedType(arrayItem, ct.pos) : ANY_TYPE;
      return this.soapArray(site.id, ct.name, item, ct.pos, common.desiredName, common.namePriority, ct.doc);
    }

    const dict = dictionaryShape(ct);
    if (dict) {
      const model: DictionaryModel = { ...common, kind: "dictionary", entry: dict.entry.name, key: placeholderField(ct.pos), value: placeholderField(ct.pos) };
      this.models.set(site.id, model);
      const entrySite = { id: `${site.id}/${dict.entry.name.local}`, name: `${site.name}${pascal(dict.entry.name.local)}`, priority: 2 };
      model.key = this.content.elementField(dict.key, entrySite, undefined, dict.keyMin, 1);
      model.value = this.content.elementField(dict.value, entrySite, undefined, dict.valueMin, 1);
      return ref;
    }

    const choices = this.content.choiceArrayShape(ct);
    if (choices) {
      const model: TypeModel = { ...common, kind: "array", item: placeholderField(ct.pos), encoded: false };
      this.models.set(site.id, model);
      model.item = this.content.choiceList(choices, site, false, false) ?? model.item;
      return ref;
    }

    const arrayOf = arrayOfShape(ct);
    if (arrayOf) {
      const model: TypeModel = { ...common, kind: "array", item: placeholderField(ct.pos), encoded: false };
      this.models.set(site.id, model);
      model.item = this.content.elementField(arrayOf.decl, site, undefined, arrayOf.min, Number.POSITIVE_INFINITY);
      return ref;
    }

    const struct: StructModel = {
      ...common,
      kind: "struct",
      base: undefined,
      abstract: ct.abstract,
      fields: [],
      attributes: [],
      text: undefined,
      textProp: "value",
    };
    this.models.set(site.id, struct);
    this.fillStruct(struct, ct, site);
    return ref;
  }

  private soapArray(
    id: string,
    qname: QName | undefined,
    item: ValueType,
    pos: SourcePos,
    desiredName = qname?.local ?? "Array",
    namePriority = 0,
    doc: string | undefined = undefined,
  ): ValueType {
    const field: FieldModel = {
      prop: "item",
      name: { ns: "", local: "item" },
      type: item,
      min: 0,
      max: Number.POSITIVE_INFINITY,
      nillable: true,
      doc: undefined,
      wildcard: false,
      choice: undefined,
      pos,
    };
    this.models.set(id, { id, qname, desiredName, namePriority, tsName: "", inputName: undefined, doc, pos, kind: "array", item: field, encoded: true });
    return { kind: "type", id };
  }

  private fillStruct(struct: StructModel, ct: ComplexType, site: AnonSite): void {
    const content = ct.content;
    if (content.kind === "simple") {
      const base = this.useType(content.base, { id: `${site.id}#text`, name: `${site.name}Value`, priority: 2 });
      const baseModel = base.kind === "type" ? this.models.get(base.id) : undefined;
      if (baseModel?.kind === "struct" && this.derivesFrom(baseModel, struct.id)) {
        this.sink.error("xsd-circular", `complex type ${struct.qname ? showQName(struct.qname) : struct.desiredName} derives from itself`, ct.pos);
      } else if (baseModel?.kind === "struct") {
        struct.base = base;
        struct.text = this.textOf(baseModel);
      } else {
        struct.text = base;
      }
    } else {
      const der = content.derivation;
      if (der && der.method === "extension") {
        const base = this.namedType(der.base, der.pos);
        const baseModel = base.kind === "type" ? this.models.get(base.id) : undefined;
        if (baseModel?.kind === "struct" && this.derivesFrom(baseModel, struct.id)) {
          this.sink.error("xsd-circular", `complex type ${struct.qname ? showQName(struct.qname) : struct.desiredName} derives from itself`, der.pos);
        } else if (baseModel?.kind === "struct") {
          struct.base = base;
          struct.text = baseModel.text;
        } else if (!(base.kind === "prim" && base.prim === "anyType")) {
          this.sink.warn(
            "xsd-extension",
            `${showQName(der.base)} is not a complex type with element content; its content is not inherited`,
            der.pos,
            struct.qname ? `xs:complexType[${struct.qname.local}]` : undefined,
          );
        }
      }
      if (content.particle) {
        // Group numbers go on from the base's, so that the runtime, which lays base fields first, never
        // mistakes a base choice and an own choice for one.
        const groups = { next: this.lastChoiceGroup(struct.base) };
        this.content.flatten(content.particle, TOP, struct.fields, site, groups);
      }
    }
    this.content.collectAttributes(ct.attributes, struct.attributes, site, new Set());
    if (ct.anyAttribute) {
      // Attribute wildcards are accepted on decode and not modelled as properties.
    }
  }

  /** The highest xs:choice group number along a base chain (0 when none). */
  private lastChoiceGroup(base: ValueType | undefined): number {
    let max = 0;
    const seen = new Set<string>();
    for (let t = base; t?.kind === "type" && !seen.has(t.id); ) {
      seen.add(t.id);
      const m = this.models.get(t.id);
      if (m?.kind !== "struct") break;
      for (const f of m.fields) max = Math.max(max, f.choice ?? 0, ...(f.nested ?? []).map((s) => s.choice));
      t = m.base;
    }
    return max;
  }

  /** Whether `m` or a type in its base chain is `id` (the chain is followed as far as it is built). */
  private derivesFrom(m: StructModel, id: string): boolean {
    const seen = new Set<string>();
    for (let cur: TypeModel | undefined = m; cur?.kind === "struct"; cur = cur.base?.kind === "type" ? this.models.get(cur.base.id) : undefined) {
      if (cur.id === id) return true;
      if (seen.has(cur.id)) return false;
      seen.add(cur.id);
    }
    return false;
  }

  private textOf(m: StructModel): ValueType | undefined {
    if (m.text) return m.text;
    const b = m.base?.kind === "type" ? this.models.get(m.base.id) : undefined;
    return b?.kind === "struct" ? this.textOf(b) : undefined;
  }
}

function isSoapEncArray(q: QName | undefined): boolean {
  return !!q && (q.ns === NS.soapEnc11 || q.ns === NS.soapEnc12) && q.local === "Array";
}
