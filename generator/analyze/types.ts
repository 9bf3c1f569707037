/**
 * Analysis, types half: turns the schema components that operations reach into type models. Models are
 * built on demand (so only reachable types are emitted) and registered before their members are filled
 * in, so recursive types (SoExceptionInfo.InnerException) terminate.
 */
import type { DiagnosticSink, SourcePos } from "../diagnostics.js";
import type {
  AttributeItem,
  ComplexType,
  Definitions,
  ElementDecl,
  ElementParticle,
  Facets,
  ModelGroup,
  Particle,
  SimpleType,
  TypeUse,
} from "../ir.js";
import { NS, qkey, showQName, type QName } from "../ns.js";
import { builtinPrimitive, primitiveIsNumeric, type Primitive } from "./builtins.js";
import type {
  AttributeModel,
  DictionaryModel,
  FacetSet,
  EnumModel,
  FieldModel,
  ListModel,
  StructModel,
  TypeModel,
  ValueType,
} from "./model.js";
import { dictionaryShape, arrayOfShape, enumerationNumber } from "./wcf.js";
import { pascal } from "./names.js";

const ANY_TYPE: ValueType = { kind: "prim", prim: "anyType" };
const STRING: ValueType = { kind: "prim", prim: "string" };

/** What an enclosing content model imposes on the particles inside it. */
interface FlattenContext {
  readonly optional: boolean;
  readonly repeated: boolean;
  readonly choice: number | undefined;
  /** The 1-based alternative of `choice` the particle belongs to. */
  readonly alternative: number | undefined;
  /** `choice` may be left out altogether. */
  readonly choiceOptional?: boolean;
}

/** Where an anonymous type sits: its id and the name it would like. */
interface AnonSite {
  readonly id: string;
  readonly name: string;
  readonly priority: number;
}

/** See TypeBuilder.depth. */
const DEFER_DEPTH = 32;

export class TypeBuilder {
  readonly models = new Map<string, TypeModel>();

  constructor(
    private readonly defs: Definitions,
    private readonly sink: DiagnosticSink,
  ) {}

  private substitutionIndex: Map<string, ElementDecl[]> | undefined;

  /**
   * The elements that may stand for `head` (XSD Part 1 §3.3.6): members of its substitution group and of
   * theirs, not abstract ones, in qualified-name order.
   */
  substitutionMembers(head: ElementDecl): ElementDecl[] {
    if (!this.substitutionIndex) {
      this.substitutionIndex = new Map();
      for (const e of this.defs.schema.elements.values()) {
        if (!e.substitutionGroup) continue;
        const key = qkey(e.substitutionGroup);
        const list = this.substitutionIndex.get(key) ?? [];
        list.push(e);
        this.substitutionIndex.set(key, list);
      }
    }
    const out: ElementDecl[] = [];
    const seen = new Set<string>([qkey(head.name)]);
    const visit = (h: ElementDecl): void => {
      for (const m of this.substitutionIndex?.get(qkey(h.name)) ?? []) {
        if (seen.has(qkey(m.name))) continue;
        seen.add(qkey(m.name));
        if (!m.abstract) out.push(m);
        visit(m);
      }
    };
    visit(head);
    return out.sort((a, b) => (qkey(a.name) < qkey(b.name) ? -1 : qkey(a.name) > qkey(b.name) ? 1 : 0));
  }

  /** A global element by name; reports `missing-element` when there is none. */
  globalElement(q: QName, pos: SourcePos, construct?: string): ElementDecl | undefined {
    const el = this.defs.schema.elements.get(qkey(q));
    if (!el) this.sink.unresolved("missing-element", `element ${showQName(q)} is not defined in any loaded schema${this.namespaceHint(q.ns)}`, "its content is kept as XML (XmlElement)", pos, construct);
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
    return use.type.kind === "complexType" ? this.complexType(use.type, site) : this.simpleType(use.type, site);
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
    return t.kind === "complexType" ? this.complexType(t, site) : this.simpleType(t, site);
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
      model.key = this.elementField(dict.key, entrySite, undefined, dict.keyMin, 1);
      model.value = this.elementField(dict.value, entrySite, undefined, dict.valueMin, 1);
      return ref;
    }

    const choices = this.choiceArrayShape(ct);
    if (choices) {
      const model: TypeModel = { ...common, kind: "array", item: placeholderField(ct.pos), encoded: false };
      this.models.set(site.id, model);
      model.item = this.choiceList(choices, site, false, false) ?? model.item;
      return ref;
    }

    const arrayOf = arrayOfShape(ct);
    if (arrayOf) {
      const model: TypeModel = { ...common, kind: "array", item: placeholderField(ct.pos), encoded: false };
      this.models.set(site.id, model);
      model.item = this.elementField(arrayOf.decl, site, undefined, arrayOf.min, Number.POSITIVE_INFINITY);
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
        this.flatten(content.particle, { optional: false, repeated: false, choice: undefined, alternative: undefined }, struct.fields, site, groups);
      }
    }
    this.collectAttributes(ct.attributes, struct.attributes, site, new Set());
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
      for (const f of m.fields) max = Math.max(max, f.choice ?? 0);
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

  /** Flattens a content model into fields, in document order (the order the runtime writes them). */
  private flatten(
    p: Particle,
    ctx: FlattenContext,
    out: FieldModel[],
    site: AnonSite,
    groups: { next: number },
  ): void {
    const optional = ctx.optional || p.occurs.min === 0;
    const repeated = ctx.repeated || p.occurs.max > 1;
    switch (p.kind) {
      case "element":
        // A repeated enclosing group makes the element repeat without bound; its own maxOccurs stands otherwise.
        out.push(this.particleField(p, site, { ...ctx, optional, repeated: ctx.repeated }));
        return;
      case "any":
        out.push({
          prop: "any",
          name: { ns: "", local: "any" },
          type: ANY_TYPE,
          min: optional ? 0 : p.occurs.min,
          max: repeated ? Number.POSITIVE_INFINITY : p.occurs.max,
          nillable: false,
          doc: undefined,
          wildcard: true,
          choice: ctx.choice,
          alternative: ctx.alternative,
          ...(ctx.choice !== undefined && ctx.choiceOptional ? { choiceOptional: true } : {}),
          pos: p.pos,
        });
        return;
      case "groupRef": {
        const key = qkey(p.ref);
        const g = this.defs.schema.groups.get(key);
        if (!g) {
          this.sink.unresolved("missing-group", `group ${showQName(p.ref)} is not defined in any loaded schema`, "its elements are left out", p.pos);
          return;
        }
        if (this.expanding.has(key)) {
          // XSD Part 1 §3.8.6: a model group may not contain itself.
          this.sink.error("xsd-circular", `group ${showQName(p.ref)} contains itself`, p.pos);
          return;
        }
        this.expanding.add(key);
        if (g.particle) this.flatten(g.particle, { ...ctx, optional, repeated }, out, site, groups);
        this.expanding.delete(key);
        return;
      }
      case "sequence":
      case "all":
        for (const c of p.particles) this.flatten(c, { ...ctx, optional, repeated }, out, site, groups);
        return;
      case "choice": {
        // A repeated choice of elements is one ordered list of tagged items (see FieldModel.alternatives).
        const list = p.occurs.max > 1 && ctx.choice === undefined ? this.choiceList(p, site, optional, ctx.repeated) : undefined;
        if (list) {
          out.push(list);
          return;
        }
        // Every alternative of a choice is optional on its own. Members share a group number and carry the
        // index of their alternative, so that the runtime and the docs know that only one alternative is
        // sent, though all members of that alternative (a sequence) may be. A choice inside a choice keeps the
        // outer group and alternative: never stricter than the schema.
        const several = p.particles.length > 1;
        const fresh = ctx.choice === undefined && several;
        if (fresh) {
          // Members' occurrences count within their alternative; whether the whole choice may be absent is
          // the group's own property (its minOccurs, an optional context, or an alternative that can be empty).
          const choice = ++groups.next;
          const choiceOptional = optional || p.particles.some((c) => this.emptiable(c, new Set()));
          p.particles.forEach((c, k) => {
            this.flatten(c, { optional: false, repeated, choice, alternative: k + 1, choiceOptional }, out, site, groups);
          });
          return;
        }
        p.particles.forEach((c) => this.flatten(c, { ...ctx, optional: optional || several, repeated }, out, site, groups));
        return;
      }
    }
  }

  /**
   * The elements of a choice whose alternatives are single elements (through group references, nested
   * choices and one-element sequences); undefined when an alternative is anything else, or when there is only
   * one element (a repeated choice of one element is simply a repeated element).
   */
  private choiceElements(p: ModelGroup): ElementParticle[] | undefined {
    const elements: ElementParticle[] = [];
    const seen = new Set<string>();
    const collect = (q: Particle): boolean => {
      switch (q.kind) {
        case "element":
          elements.push(q);
          return true;
        case "any":
          return false;
        case "choice":
          return q.particles.every(collect);
        case "sequence":
        case "all": {
          const [only] = q.particles;
          return q.particles.length === 1 && only !== undefined && collect(only);
        }
        case "groupRef": {
          const key = qkey(q.ref);
          const g = this.defs.schema.groups.get(key);
          if (!g?.particle || seen.has(key) || this.expanding.has(key)) return false;
          seen.add(key);
          return collect(g.particle);
        }
      }
    };
    return p.particles.every(collect) && elements.length >= 2 ? elements : undefined;
  }

  /** A repeated choice of elements as one list field (see FieldModel.alternatives); undefined when it is not one. */
  private choiceList(p: ModelGroup, site: AnonSite, optional: boolean, repeated: boolean): FieldModel | undefined {
    const elements = this.choiceElements(p);
    if (!elements) return undefined;
    // Each item is one occurrence of one alternative's element.
    const alternatives = elements.map((e) =>
      this.particleField({ ...e, occurs: { min: 1, max: 1 } }, site, { optional: false, repeated: false, choice: undefined, alternative: undefined }),
    );
    const perPass = elements.reduce((m, e) => Math.max(m, e.occurs.max), 1);
    const unbounded = repeated || !Number.isFinite(p.occurs.max) || !Number.isFinite(perPass);
    return {
      prop: "Items",
      name: { ns: "", local: "Items" },
      type: ANY_TYPE,
      min: optional || elements.some((e) => e.occurs.min === 0) ? 0 : p.occurs.min,
      max: unbounded ? Number.POSITIVE_INFINITY : p.occurs.max * perPass,
      nillable: false,
      doc: undefined,
      wildcard: false,
      choice: undefined,
      alternatives,
      pos: p.pos,
    };
  }

  /**
   * A named complex type whose whole content is one repeated choice of elements (Exchange's
   * `NonEmptyArrayOfFoldersType`: Folder | CalendarFolder | …, any number, in any order), with no attributes
   * and no type derived from it: unwrapped to the array of its items, as `ArrayOfX` is. Returns the choice.
   */
  private choiceArrayShape(ct: ComplexType): ModelGroup | undefined {
    if (!ct.name || ct.attributes.length > 0 || ct.anyAttribute || ct.content.kind !== "complex" || ct.content.derivation) return undefined;
    const top = ct.content.particle;
    const p: Particle | undefined = top?.kind === "sequence" && top.occurs.max === 1 && top.occurs.min === 1 && top.particles.length === 1 ? top.particles[0] : top;
    if (p?.kind !== "choice" || p.occurs.max <= 1 || !this.choiceElements(p)) return undefined;
    return this.hasDerivedTypes(ct.name) ? undefined : p;
  }

  private derivedBases: Set<string> | undefined;

  /** Whether some loaded complex type extends or restricts the type named `q`. */
  private hasDerivedTypes(q: QName): boolean {
    if (!this.derivedBases) {
      this.derivedBases = new Set();
      for (const t of this.defs.schema.types.values()) {
        if (t.kind === "complexType" && t.content.kind === "complex" && t.content.derivation) this.derivedBases.add(qkey(t.content.derivation.base));
        if (t.kind === "complexType" && t.content.kind === "simple" && t.content.base.kind === "ref") this.derivedBases.add(qkey(t.content.base.name));
      }
    }
    return this.derivedBases.has(qkey(q));
  }

  /** Whether a particle may match nothing (XSD Part 1 §3.9.6, emptiable). */
  private emptiable(p: Particle, seen: Set<string>): boolean {
    if (p.occurs.min === 0) return true;
    switch (p.kind) {
      case "element":
      case "any":
        return false;
      case "sequence":
      case "all":
        return p.particles.every((c) => this.emptiable(c, seen));
      case "choice":
        return p.particles.some((c) => this.emptiable(c, seen));
      case "groupRef": {
        const key = qkey(p.ref);
        const g = this.defs.schema.groups.get(key);
        if (!g?.particle || seen.has(key)) return false;
        seen.add(key);
        return this.emptiable(g.particle, seen);
      }
    }
  }

  private particleField(p: ElementParticle, site: AnonSite, ctx: FlattenContext): FieldModel {
    const min = ctx.optional ? 0 : p.occurs.min;
    const max = ctx.repeated && p.occurs.max > 0 ? Number.POSITIVE_INFINITY : p.occurs.max;
    if (p.decl.kind === "elementRef") {
      const g = this.globalElement(p.decl.ref, p.decl.pos, `xs:element[ref=${p.decl.ref.local}]`);
      if (!g) return { ...placeholderField(p.pos), prop: p.decl.ref.local, name: p.decl.ref, min, max };
      const members = this.substitutionMembers(g);
      return {
        prop: g.name.local,
        name: g.name,
        type: this.elementType(g),
        min,
        max,
        nillable: g.nillable,
        doc: g.doc,
        wildcard: false,
        choice: ctx.choice,
        alternative: ctx.alternative,
        ...(ctx.choice !== undefined && ctx.choiceOptional ? { choiceOptional: true } : {}),
        ...(members.length ? { substitutes: members.map((m) => ({ name: m.name, type: this.elementType(m) })) } : {}),
        ...(g.fixed !== undefined ? { fixed: g.fixed } : {}),
        pos: p.pos,
      };
    }
    return {
      ...this.elementField(p.decl, site, ctx.choice, min, max),
      alternative: ctx.alternative,
      ...(ctx.choice !== undefined && ctx.choiceOptional ? { choiceOptional: true } : {}),
    };
  }

  /** A field for a local element declaration. */
  private elementField(decl: ElementDecl, parent: AnonSite, choice: number | undefined, min: number, max: number): FieldModel {
    const site = { id: `${parent.id}/${decl.name.local}`, name: `${parent.name}${pascal(decl.name.local)}`, priority: 2 };
    return {
      prop: decl.name.local,
      name: decl.name,
      type: this.deferred(decl.type) ?? this.declType(decl, site),
      min,
      max,
      nillable: decl.nillable,
      doc: decl.doc,
      wildcard: false,
      choice,
      ...(decl.fixed !== undefined ? { fixed: decl.fixed } : {}),
      pos: decl.pos,
    };
  }

  /** `active`: the attribute groups being expanded around `items`; one of them referenced again is a cycle. */
  private collectAttributes(items: readonly AttributeItem[], out: AttributeModel[], site: AnonSite, seenGroups: Set<string>, active: Set<string> = new Set()): void {
    for (const item of items) {
      if (item.kind === "attributeGroupRef") {
        const key = qkey(item.ref);
        if (active.has(key)) {
          // XSD Part 1 §3.6.6 (Schema Component Constraint: Attribute Group Definition Properties Correct, 3).
          this.sink.error("xsd-circular", `attribute group ${showQName(item.ref)} refers to itself (through its own xs:attributeGroup references)`, item.pos, `xs:attributeGroup[${item.ref.local}]`);
          continue;
        }
        if (seenGroups.has(key)) continue;
        seenGroups.add(key);
        const g = this.defs.schema.attributeGroups.get(key);
        if (!g) {
          this.sink.unresolved("missing-attribute-group", `attribute group ${showQName(item.ref)} is not defined in any loaded schema`, "its attributes are left out", item.pos);
          continue;
        }
        active.add(key);
        this.collectAttributes(g.attributes, out, site, seenGroups, active);
        active.delete(key);
        continue;
      }
      if (item.use === "prohibited") continue;
      let decl = item.decl;
      if (decl.kind === "attributeRef") {
        const ref = decl.ref;
        if (ref.ns === NS.xml) {
          // xml:lang, xml:space… (Namespaces in XML §3): plain strings.
          out.push({ prop: ref.local, name: ref, type: STRING, required: item.use === "required", doc: undefined, pos: item.pos });
          continue;
        }
        const g = this.defs.schema.attributes.get(qkey(ref));
        if (!g) {
          // soapenc:arrayType and friends are handled by the array models; other misses are errors.
          if (ref.ns !== NS.soapEnc11 && ref.ns !== NS.soapEnc12) {
            this.sink.unresolved("missing-attribute", `attribute ${showQName(ref)} is not defined in any loaded schema`, "it is left out", item.pos);
          }
          continue;
        }
        decl = g;
      }
      const type = this.useType(decl.type, { id: `${site.id}@${decl.name.local}`, name: `${site.name}${pascal(decl.name.local)}`, priority: 2 });
      if (type.kind === "type" && this.models.get(type.id)?.kind === "struct") {
        this.sink.error("xsd-attribute-type", `attribute ${decl.name.local} has a complex type`, decl.pos);
        continue;
      }
      out.push({ prop: decl.name.local, name: decl.name, type: type.kind === "prim" && type.prim === "anyType" ? STRING : type, required: item.use === "required", doc: decl.doc, ...(decl.fixed !== undefined ? { fixed: decl.fixed } : {}), pos: item.pos });
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Simple types (XSD Part 2 §4.1)

  /** Elements whose type stands in for a type= that named them, to stop `<element name="X" type="X"/>`. */
  private readonly viaElement = new Set<ElementDecl>();

  /** Model groups being expanded, to catch one that contains itself. */
  private readonly expanding = new Set<string>();

  /** Simple types whose base is being resolved, to catch a restriction that derives from itself. */
  private readonly deriving = new Set<string>();

  private simpleType(st: SimpleType, site: AnonSite): ValueType {
    const ref: ValueType = { kind: "type", id: site.id };
    if (this.models.has(site.id)) return ref;
    if (this.deriving.has(site.id)) {
      // XSD Part 1 §3.14.6: no type may derive from itself.
      this.sink.error("xsd-circular", `simple type ${st.name ? showQName(st.name) : site.name} derives from itself`, st.pos);
      return STRING;
    }
    this.deriving.add(site.id);
    try {
      return this.simpleTypeBody(st, site, ref);
    } finally {
      this.deriving.delete(site.id);
    }
  }

  private simpleTypeBody(st: SimpleType, site: AnonSite, ref: ValueType): ValueType {
    const common = { id: site.id, qname: st.name, desiredName: site.name, namePriority: site.priority, tsName: "", inputName: undefined, doc: st.doc, pos: st.pos };
    const v = st.variety;
    if (v.kind === "restriction") {
      if (v.facets.enumeration.length > 0) return this.enumeration(st, v.base, v.facets, common, site);
      const base = this.useType(v.base, { id: `${site.id}#base`, name: `${site.name}Base`, priority: 2 });
      const facets = facetSet(v.facets);
      // An anonymous restriction is its base, with its facets carried where the value is declared.
      if (!st.name) return facets ? { ...base, facets: mergeFacets(base.facets, facets) } : base;
      this.models.set(site.id, { ...common, kind: "alias", base, facets });
      return ref;
    }
    if (v.kind === "list") {
      const list: ListModel = { ...common, kind: "list", item: STRING };
      this.models.set(site.id, list);
      list.item = this.useType(v.item, { id: `${site.id}/item`, name: `${site.name}Item`, priority: 2 });
      const item = list.item.kind === "type" ? this.models.get(list.item.id) : undefined;
      // A list of an anonymous enumeration (WCF flags): the const object takes the list's name.
      if (item?.kind === "enum" && v.item.kind === "inline") item.constName = "";
      return ref;
    }
    const union = { ...common, kind: "union" as const, members: [] as ValueType[] };
    this.models.set(site.id, union);
    v.members.forEach((m, i) => union.members.push(this.useType(m, { id: `${site.id}/${i}`, name: `${site.name}Member${i + 1}`, priority: 2 })));
    return ref;
  }

  private enumeration(
    st: SimpleType,
    baseUse: TypeUse,
    facets: Facets,
    common: Omit<EnumModel, "kind" | "base" | "values" | "constName">,
    site: AnonSite,
  ): ValueType {
    const baseType = this.useType(baseUse, { id: `${site.id}#base`, name: `${site.name}Base`, priority: 2 });
    const base = this.primitiveOf(baseType) ?? "string";
    const seen = new Set<string>();
    const values: EnumModel["values"] = [];
    for (const e of facets.enumeration) {
      if (seen.has(e.value)) continue;
      seen.add(e.value);
      values.push({ value: e.value, key: e.value, doc: e.doc, number: enumerationNumber(e.appinfo) });
    }
    if (primitiveIsNumeric(base) && values.some((e) => !/^[+-]?\d+(\.\d+)?$/.test(e.value.trim()))) {
      this.sink.warn("xsd-enum", `enumeration of ${base} has values that are not numbers`, st.pos);
    }
    this.models.set(site.id, { ...common, kind: "enum", base, values, constName: "" });
    return { kind: "type", id: site.id };
  }

  /** The primitive a simple type finally restricts (through aliases and enumerations). */
  primitiveOf(t: ValueType): Primitive | undefined {
    const seen = new Set<string>();
    let cur: ValueType | undefined = t;
    while (cur) {
      if (cur.kind === "prim") return cur.prim;
      if (seen.has(cur.id)) return undefined;
      seen.add(cur.id);
      const m = this.models.get(cur.id);
      if (!m) return undefined;
      if (m.kind === "alias") cur = m.base;
      else if (m.kind === "enum") return m.base;
      else return undefined;
    }
    return undefined;
  }

  /** Named complex types deriving (by extension or restriction) from `baseId`, to decode `xsi:type`. */
  subtypesOf(baseKeys: ReadonlySet<string>): ComplexType[] {
    const out: ComplexType[] = [];
    for (const t of this.defs.schema.types.values()) {
      if (t.kind !== "complexType" || !t.name) continue;
      const base = t.content.kind === "complex" ? t.content.derivation?.base : t.content.base.kind === "ref" ? t.content.base.name : undefined;
      if (base && baseKeys.has(qkey(base))) out.push(t);
    }
    return out;
  }
}

function isSoapEncArray(q: QName | undefined): boolean {
  return !!q && (q.ns === NS.soapEnc11 || q.ns === NS.soapEnc12) && q.local === "Array";
}

function placeholderField(pos: SourcePos): FieldModel {
  return { prop: "", name: { ns: "", local: "" }, type: ANY_TYPE, min: 0, max: 1, nillable: false, doc: undefined, wildcard: false, choice: undefined, pos };
}

const FACET_KEYS = ["length", "minLength", "maxLength", "minInclusive", "maxInclusive", "minExclusive", "maxExclusive", "totalDigits", "fractionDigits"] as const;

/** The constraining facets of a restriction, or undefined when it has none besides enumerations. */
function facetSet(f: Facets): FacetSet | undefined {
  const out: Record<string, unknown> = {};
  for (const k of FACET_KEYS) if (f[k] !== undefined) out[k] = f[k];
  if (f.pattern.length) out["patterns"] = [...f.pattern];
  return Object.keys(out).length ? (out as FacetSet) : undefined;
}

/**
 * An anonymous restriction of an anonymous restriction (rare): the inner bounds are kept unless restated;
 * patterns of the two steps would need AND-ing, so the outer step's patterns replace them (never stricter).
 */
function mergeFacets(inner: FacetSet | undefined, outer: FacetSet): FacetSet {
  return inner ? { ...inner, ...outer } : outer;
}

/** For documentation: `maxLength 35; pattern [A-Z]{2}`. */
export function describeFacets(f: FacetSet | undefined): string[] {
  if (!f) return [];
  const out: string[] = [];
  for (const k of FACET_KEYS) if (f[k] !== undefined) out.push(`${k} ${String(f[k])}`);
  for (const p of f.patterns ?? []) out.push(`pattern ${p}`);
  return out;
}

