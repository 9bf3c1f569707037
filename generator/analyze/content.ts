/**
 * Content models: a complex type's particles flattened into fields in document order (choices and optional
 * sequences as numbered groups, nested as the schema nests them; a repeated choice of elements as one ordered
 * list), and its attributes through attribute groups.
 */
import type { AttributeItem, ComplexType, ElementDecl, ElementParticle, ModelGroup, Particle } from "../ir.js";
import { NS, qkey, showQName } from "../ns.js";
import type { AttributeModel, ChoiceStep, FieldModel } from "./model.js";
import { pascal } from "./names.js";
import type { SchemaIndex } from "./schema-index.js";
import { ANY_TYPE, placeholderField, STRING, type AnonSite, type TypeContext } from "./type-context.js";

/** What an enclosing content model imposes on the particles inside it. */
export interface FlattenContext {
  /** The particle may be left out as a whole (within the innermost group of `path`, when there is one). */
  readonly optional: boolean;
  readonly repeated: boolean;
  /** The groups (xs:choice alternatives, optional xs:sequences) the particle is inside, outermost first. */
  readonly path: readonly ChoiceStep[];
}

/** No enclosing group. */
export const TOP: FlattenContext = { optional: false, repeated: false, path: [] };

/** A field's group properties for the groups it is inside (see FieldModel.choice and FieldModel.nested). */
function groupProps(path: readonly ChoiceStep[]): Pick<FieldModel, "choice" | "alternative" | "choiceOptional" | "nested"> {
  const [outer, ...inner] = path;
  if (outer === undefined) return { choice: undefined };
  return {
    choice: outer.choice,
    alternative: outer.alternative,
    ...(outer.optional ? { choiceOptional: true } : {}),
    ...(inner.length > 0 ? { nested: inner } : {}),
  };
}

export class ContentBuilder {
  constructor(
    private readonly ctx: TypeContext,
    private readonly index: SchemaIndex,
  ) {}

  /** Model groups being expanded, to catch one that contains itself. */
  private readonly expanding = new Set<string>();

  /** Flattens a content model into fields, in document order (the order the runtime writes them). */
  flatten(p: Particle, ctx: FlattenContext, out: FieldModel[], site: AnonSite, groups: { next: number }): void {
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
          ...groupProps(ctx.path),
          pos: p.pos,
        });
        return;
      case "groupRef": {
        const key = qkey(p.ref);
        const g = this.ctx.defs.schema.groups.get(key);
        if (!g) {
          this.ctx.sink.unresolved("missing-group", `group ${showQName(p.ref)} is not defined in any loaded schema`, "its elements are left out", p.pos);
          return;
        }
        if (this.expanding.has(key)) {
          // XSD Part 1 §3.8.6: a model group may not contain itself.
          this.ctx.sink.error("xsd-circular", `group ${showQName(p.ref)} contains itself`, p.pos);
          return;
        }
        this.expanding.add(key);
        if (g.particle) this.flatten(g.particle, { ...ctx, optional, repeated }, out, site, groups);
        this.expanding.delete(key);
        return;
      }
      case "sequence":
      case "all":
        // An optional sequence whose members go together (Exchange's TimeZoneType: BaseOffset, then Standard
        // and Daylight): a group of one alternative (numbered 0) that may be left out, so that the types, the
        // encoder and the decoder all say "its required members, or none of it". Repeated, it stays flattened
        // (each repetition would be a group of its own).
        if (optional && !repeated && this.together(p)) {
          const step: ChoiceStep = { choice: ++groups.next, alternative: 0, optional: true };
          for (const c of p.particles) this.flatten(c, { optional: false, repeated: false, path: [...ctx.path, step] }, out, site, groups);
          return;
        }
        for (const c of p.particles) this.flatten(c, { ...ctx, optional, repeated }, out, site, groups);
        return;
      case "choice": {
        // A repeated choice of elements is one ordered list of tagged items (see FieldModel.alternatives); inside
        // a choice's alternative it stays members of that alternative.
        const list = p.occurs.max > 1 ? this.choiceList(p, site, optional, ctx.repeated) : undefined;
        if (list) {
          out.push({ ...list, ...groupProps(ctx.path) });
          return;
        }
        // Every alternative of a choice is optional on its own. Members share a group number and carry the
        // index of their alternative, so that the runtime and the docs know that only one alternative is
        // sent, though all members of that alternative (a sequence) may be. A choice inside a group (an
        // alternative, an optional sequence) is a group within it (FieldModel.nested), unless it repeats: then
        // its repetitions may take different alternatives, and its members stay optional members of the
        // enclosing alternative (never stricter than the schema).
        const several = p.particles.length > 1;
        if (several && (ctx.path.length === 0 || !repeated)) {
          // Members' occurrences count within their alternative; whether the whole choice may be absent is
          // the group's own property (its minOccurs, an optional context, or an alternative that can be empty).
          const choice = ++groups.next;
          const choiceOptional = optional || p.particles.some((c) => this.index.emptiable(c, new Set()));
          p.particles.forEach((c, k) => {
            const step: ChoiceStep = { choice, alternative: k + 1, optional: choiceOptional };
            this.flatten(c, { optional: false, repeated, path: [...ctx.path, step] }, out, site, groups);
          });
          return;
        }
        p.particles.forEach((c) => this.flatten(c, { ...ctx, optional: optional || several, repeated }, out, site, groups));
        return;
      }
    }
  }

  /**
   * Whether an optional sequence binds its members: it has more than one particle and member, and present it
   * needs at least one of them (its content is not emptiable), so some members without the others are not valid.
   */
  private together(p: ModelGroup): boolean {
    // A sequence of one particle is that particle, optional (an optional choice is a group of its own).
    return p.particles.length > 1 && !this.index.emptiable({ ...p, occurs: { min: 1, max: 1 } }, new Set()) && this.memberCount(p, new Set()) >= 2;
  }

  /** How many fields a particle flattens into (a repeated choice of elements is one list). */
  private memberCount(p: Particle, seen: Set<string>): number {
    switch (p.kind) {
      case "element":
      case "any":
        return 1;
      case "groupRef": {
        const key = qkey(p.ref);
        const g = this.ctx.defs.schema.groups.get(key);
        if (!g?.particle || seen.has(key) || this.expanding.has(key)) return 0;
        seen.add(key);
        return this.memberCount(g.particle, seen);
      }
      case "choice":
        if (p.occurs.max > 1 && this.choiceElements(p)) return 1;
        return p.particles.reduce((n, c) => n + this.memberCount(c, seen), 0);
      case "sequence":
      case "all":
        return p.particles.reduce((n, c) => n + this.memberCount(c, seen), 0);
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
          const g = this.ctx.defs.schema.groups.get(key);
          if (!g?.particle || seen.has(key) || this.expanding.has(key)) return false;
          seen.add(key);
          return collect(g.particle);
        }
      }
    };
    return p.particles.every(collect) && elements.length >= 2 ? elements : undefined;
  }

  /** A repeated choice of elements as one list field (see FieldModel.alternatives); undefined when it is not one. */
  choiceList(p: ModelGroup, site: AnonSite, optional: boolean, repeated: boolean): FieldModel | undefined {
    const elements = this.choiceElements(p);
    if (!elements) return undefined;
    // Each item is one occurrence of one alternative's element.
    const alternatives = elements.map((e) => this.particleField({ ...e, occurs: { min: 1, max: 1 } }, site, TOP));
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
  choiceArrayShape(ct: ComplexType): ModelGroup | undefined {
    if (!ct.name || ct.attributes.length > 0 || ct.anyAttribute || ct.content.kind !== "complex" || ct.content.derivation) return undefined;
    const top = ct.content.particle;
    const p: Particle | undefined = top?.kind === "sequence" && top.occurs.max === 1 && top.occurs.min === 1 && top.particles.length === 1 ? top.particles[0] : top;
    if (p?.kind !== "choice" || p.occurs.max <= 1 || !this.choiceElements(p)) return undefined;
    return this.index.hasDerivedTypes(ct.name) ? undefined : p;
  }

  private particleField(p: ElementParticle, site: AnonSite, ctx: FlattenContext): FieldModel {
    const min = ctx.optional ? 0 : p.occurs.min;
    const max = ctx.repeated && p.occurs.max > 0 ? Number.POSITIVE_INFINITY : p.occurs.max;
    if (p.decl.kind === "elementRef") {
      const g = this.ctx.globalElement(p.decl.ref, p.decl.pos, `xs:element[ref=${p.decl.ref.local}]`);
      if (!g) return { ...placeholderField(p.pos), prop: p.decl.ref.local, name: p.decl.ref, min, max };
      const members = this.index.substitutionMembers(g);
      return {
        prop: g.name.local,
        name: g.name,
        type: this.ctx.elementType(g),
        min,
        max,
        nillable: g.nillable,
        doc: g.doc,
        wildcard: false,
        ...groupProps(ctx.path),
        ...(members.length ? { substitutes: members.map((m) => ({ name: m.name, type: this.ctx.elementType(m) })) } : {}),
        ...(g.fixed !== undefined ? { fixed: g.fixed } : {}),
        pos: p.pos,
      };
    }
    return { ...this.elementField(p.decl, site, undefined, min, max), ...groupProps(ctx.path) };
  }

  /** A field for a local element declaration. */
  elementField(decl: ElementDecl, parent: AnonSite, choice: number | undefined, min: number, max: number): FieldModel {
    const site = { id: `${parent.id}/${decl.name.local}`, name: `${parent.name}${pascal(decl.name.local)}`, priority: 2 };
    return {
      prop: decl.name.local,
      name: decl.name,
      type: this.ctx.fieldType(decl, site),
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
  collectAttributes(items: readonly AttributeItem[], out: AttributeModel[], site: AnonSite, seenGroups: Set<string>, active: Set<string> = new Set()): void {
    for (const item of items) {
      if (item.kind === "attributeGroupRef") {
        const key = qkey(item.ref);
        if (active.has(key)) {
          // XSD Part 1 §3.6.6 (Schema Component Constraint: Attribute Group Definition Properties Correct, 3).
          this.ctx.sink.error(
            "xsd-circular",
            `attribute group ${showQName(item.ref)} refers to itself (through its own xs:attributeGroup references)`,
            item.pos,
            `xs:attributeGroup[${item.ref.local}]`,
          );
          continue;
        }
        if (seenGroups.has(key)) continue;
        seenGroups.add(key);
        const g = this.ctx.defs.schema.attributeGroups.get(key);
        if (!g) {
          this.ctx.sink.unresolved(
            "missing-attribute-group",
            `attribute group ${showQName(item.ref)} is not defined in any loaded schema`,
            "its attributes are left out",
            item.pos,
          );
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
        const g = this.ctx.defs.schema.attributes.get(qkey(ref));
        if (!g) {
          // soapenc:arrayType and friends are handled by the array models; other misses are errors.
          if (ref.ns !== NS.soapEnc11 && ref.ns !== NS.soapEnc12) {
            this.ctx.sink.unresolved("missing-attribute", `attribute ${showQName(ref)} is not defined in any loaded schema`, "it is left out", item.pos);
          }
          continue;
        }
        decl = g;
      }
      const type = this.ctx.useType(decl.type, { id: `${site.id}@${decl.name.local}`, name: `${site.name}${pascal(decl.name.local)}`, priority: 2 });
      if (type.kind === "type" && this.ctx.models.get(type.id)?.kind === "struct") {
        this.ctx.sink.error("xsd-attribute-type", `attribute ${decl.name.local} has a complex type`, decl.pos);
        continue;
      }
      out.push({
        prop: decl.name.local,
        name: decl.name,
        type: type.kind === "prim" && type.prim === "anyType" ? STRING : type,
        required: item.use === "required",
        doc: decl.doc,
        ...(decl.fixed !== undefined ? { fixed: decl.fixed } : {}),
        pos: item.pos,
      });
    }
  }
}
