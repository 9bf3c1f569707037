/**
 * Simple types (XSD Part 2 §4.1): restrictions (aliases with facets, or enumerations), lists and unions.
 * An anonymous restriction is not a model of its own: it is its base, with its facets carried along.
 */
import type { Facets, SimpleType, TypeUse } from "../ir.js";
import { showQName } from "../ns.js";
import { primitiveIsNumeric, type Primitive } from "./builtins.js";
import { facetSet, mergeFacets } from "./facet-sets.js";
import type { EnumModel, ListModel, ValueType } from "./model.js";
import { STRING, type AnonSite, type TypeContext } from "./type-context.js";
import { enumerationNumber } from "./wcf.js";

export class SimpleTypeBuilder {
  constructor(private readonly ctx: TypeContext) {}

  /** Simple types whose base is being resolved, to catch a restriction that derives from itself. */
  private readonly deriving = new Set<string>();

  build(st: SimpleType, site: AnonSite): ValueType {
    const ref: ValueType = { kind: "type", id: site.id };
    if (this.ctx.models.has(site.id)) return ref;
    if (this.deriving.has(site.id)) {
      // XSD Part 1 §3.14.6: no type may derive from itself.
      this.ctx.sink.error("xsd-circular", `simple type ${st.name ? showQName(st.name) : site.name} derives from itself`, st.pos);
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
      const base = this.ctx.useType(v.base, { id: `${site.id}#base`, name: `${site.name}Base`, priority: 2 });
      const facets = facetSet(v.facets);
      // An anonymous restriction is its base, with its facets carried where the value is declared.
      if (!st.name) return facets ? { ...base, facets: mergeFacets(base.facets, facets) } : base;
      this.ctx.models.set(site.id, { ...common, kind: "alias", base, facets });
      return ref;
    }
    if (v.kind === "list") {
      const list: ListModel = { ...common, kind: "list", item: STRING };
      this.ctx.models.set(site.id, list);
      list.item = this.ctx.useType(v.item, { id: `${site.id}/item`, name: `${site.name}Item`, priority: 2 });
      const item = list.item.kind === "type" ? this.ctx.models.get(list.item.id) : undefined;
      // A list of an anonymous enumeration (WCF flags): the const object takes the list's name.
      if (item?.kind === "enum" && v.item.kind === "inline") item.constName = "";
      return ref;
    }
    const union = { ...common, kind: "union" as const, members: [] as ValueType[] };
    this.ctx.models.set(site.id, union);
    v.members.forEach((m, i) => union.members.push(this.ctx.useType(m, { id: `${site.id}/${i}`, name: `${site.name}Member${i + 1}`, priority: 2 })));
    return ref;
  }

  private enumeration(st: SimpleType, baseUse: TypeUse, facets: Facets, common: Omit<EnumModel, "kind" | "base" | "values" | "constName">, site: AnonSite): ValueType {
    const baseType = this.ctx.useType(baseUse, { id: `${site.id}#base`, name: `${site.name}Base`, priority: 2 });
    const base = this.primitiveOf(baseType) ?? "string";
    const seen = new Set<string>();
    const values: EnumModel["values"] = [];
    for (const e of facets.enumeration) {
      if (seen.has(e.value)) continue;
      seen.add(e.value);
      values.push({ value: e.value, key: e.value, doc: e.doc, number: enumerationNumber(e.appinfo) });
    }
    if (primitiveIsNumeric(base) && values.some((e) => !/^[+-]?\d+(\.\d+)?$/.test(e.value.trim()))) {
      this.ctx.sink.warn("xsd-enum", `enumeration of ${base} has values that are not numbers`, st.pos);
    }
    this.ctx.models.set(site.id, { ...common, kind: "enum", base, values, constName: "" });
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
      const m = this.ctx.models.get(cur.id);
      if (!m) return undefined;
      if (m.kind === "alias") cur = m.base;
      else if (m.kind === "enum") return m.base;
      else return undefined;
    }
    return undefined;
  }
}
