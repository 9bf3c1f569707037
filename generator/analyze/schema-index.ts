/**
 * Questions about the loaded schema as a whole, answered from lazily built indexes: substitution groups,
 * derived types, whether a particle may be empty. Nothing here builds models.
 */
import type { ComplexType, Definitions, ElementDecl, Particle } from "../ir.js";
import { qkey, type QName } from "../ns.js";

export class SchemaIndex {
  constructor(private readonly defs: Definitions) {}

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

  private derivedBases: Set<string> | undefined;

  /** Whether some loaded complex type extends or restricts the type named `q`. */
  hasDerivedTypes(q: QName): boolean {
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
  emptiable(p: Particle, seen: Set<string>): boolean {
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
