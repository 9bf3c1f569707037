/**
 * Parse stage, XML Schema half: xs:schema elements → IR components (XSD Part 1 §3). QNames are resolved
 * against the prefixes in scope at the element that wrote them, so `type="q1:Foo" xmlns:q1="…"` works.
 */
import type { DiagnosticSink, SourcePos } from "../diagnostics.js";
import type {
  AnyParticle,
  AppInfo,
  AttributeDecl,
  AttributeGroup,
  AttributeItem,
  ComplexContent,
  ComplexType,
  ElementDecl,
  Facets,
  Group,
  GroupRef,
  ModelGroup,
  Occurs,
  Particle,
  SimpleType,
  TypeUse,
} from "../ir.js";
import { NS, type QName } from "../ns.js";
import { patternSource } from "../patterns.js";
import { attr, deepText, resolveQName, type XElement } from "../load/xml.js";

/** What one schema element contributes. */
export interface SchemaComponents {
  readonly elements: ElementDecl[];
  readonly types: (ComplexType | SimpleType)[];
  readonly attributes: AttributeDecl[];
  readonly groups: Group[];
  readonly attributeGroups: AttributeGroup[];
}

interface Ctx {
  readonly tns: string;
  readonly elementQualified: boolean;
  readonly attributeQualified: boolean;
  readonly sink: DiagnosticSink;
  /** How many anonymous types and model groups enclose the construct being parsed (bounded by MAX_NESTING). */
  readonly nesting: { depth: number; reported: boolean };
}

/**
 * Anonymous types and model groups (xs:sequence/choice/all) nested deeper than this, counted together, are an
 * `xsd-too-deep` error at the first construct past the limit (reported once per schema; nothing below it is
 * read): real schemas stay far below (a few dozen), each anonymous level becomes a TypeScript type named after
 * all its enclosing ones, and parser and analysis recurse once per level. Named types are not limited: a
 * reference (type=, base=, ref=) does not nest, and chains of named types are analysed without deep recursion.
 */
export const MAX_NESTING = 300;

/** Runs `parse` one nesting level deeper, or reports `xsd-too-deep` and gives undefined past MAX_NESTING. */
function nested<T>(el: XElement, ctx: Ctx, parse: () => T): T | undefined {
  if (ctx.nesting.depth >= MAX_NESTING) {
    if (!ctx.nesting.reported) {
      ctx.nesting.reported = true;
      ctx.sink.error(
        "xsd-too-deep",
        `anonymous types and model groups are nested more than ${MAX_NESTING} deep here; give inner types names (xs:complexType name=...)`,
        el.pos,
        describe(el),
      );
    }
    return undefined;
  }
  ctx.nesting.depth++;
  try {
    return parse();
  } finally {
    ctx.nesting.depth--;
  }
}

/**
 * Parses one xs:schema element. `tnsOverride` gives a chameleon include (a schema without a
 * targetNamespace included into one with a namespace, XSD Part 1 §4.2.1) its includer's namespace.
 */
export function parseSchema(schema: XElement, sink: DiagnosticSink, tnsOverride?: string): SchemaComponents {
  const ctx: Ctx = {
    tns: attr(schema, "targetNamespace") ?? tnsOverride ?? "",
    elementQualified: attr(schema, "elementFormDefault") === "qualified",
    attributeQualified: attr(schema, "attributeFormDefault") === "qualified",
    sink,
    nesting: { depth: 0, reported: false },
  };
  const out: SchemaComponents = { elements: [], types: [], attributes: [], groups: [], attributeGroups: [] };
  const top = (c: XElement): void => {
    if (c.ns !== NS.xs) return;
    switch (c.local) {
      case "element":
        out.elements.push(parseElementDecl(c, ctx, true));
        break;
      case "complexType":
        out.types.push(parseComplexType(c, ctx, true));
        break;
      case "simpleType":
        out.types.push(parseSimpleType(c, ctx, true));
        break;
      case "attribute":
        out.attributes.push(parseAttributeDecl(c, ctx, true));
        break;
      case "group": {
        const name = attr(c, "name") ?? "";
        out.groups.push({ kind: "group", name: { ns: ctx.tns, local: name }, particle: groupBody(c, ctx), pos: c.pos });
        break;
      }
      case "attributeGroup": {
        const { items, anyAttribute } = parseAttributes(c, ctx);
        out.attributeGroups.push({
          kind: "attributeGroup",
          name: { ns: ctx.tns, local: attr(c, "name") ?? "" },
          attributes: items,
          anyAttribute,
          pos: c.pos,
        });
        break;
      }
      case "redefine":
        // Redefinitions replace the included components; the loader already read the document, and the
        // components given here are added after it, so they win (see SchemaSetBuilder).
        for (const r of c.children) top(r);
        break;
      case "import":
      case "include":
      case "annotation":
      case "notation":
        break;
      default:
        sink.warn("xsd-unknown", `unknown schema component xs:${c.local} ignored`, c.pos, `xs:schema/xs:${c.local}`);
    }
  };
  for (const c of schema.children) top(c);
  return out;
}

function qnameAttr(el: XElement, name: string, ctx: Ctx): QName | undefined {
  const v = attr(el, name);
  if (v === undefined) return undefined;
  const q = resolveQName(el, v);
  if (!q) {
    ctx.sink.error("prefix-undeclared", `${name}="${v}": the prefix is not declared`, el.pos, describe(el));
    return undefined;
  }
  return q;
}

function describe(el: XElement): string {
  const name = attr(el, "name") ?? attr(el, "ref");
  return name ? `xs:${el.local}[${name}]` : `xs:${el.local}`;
}

function parseOccurs(el: XElement, ctx: Ctx): Occurs {
  const minS = attr(el, "minOccurs");
  const maxS = attr(el, "maxOccurs");
  const min = minS === undefined ? 1 : Number.parseInt(minS, 10);
  const max = maxS === undefined ? 1 : maxS.trim() === "unbounded" ? Number.POSITIVE_INFINITY : Number.parseInt(maxS, 10);
  if (!Number.isFinite(min) || Number.isNaN(max) || min < 0 || max < min) {
    ctx.sink.error("xsd-occurs", `invalid occurrence minOccurs="${minS ?? ""}" maxOccurs="${maxS ?? ""}"`, el.pos, describe(el));
    return { min: 0, max: 1 };
  }
  return { min, max };
}

function annotation(el: XElement): { doc: string | undefined; appinfo: AppInfo[] } {
  let doc: string | undefined;
  const appinfo: AppInfo[] = [];
  for (const a of el.children) {
    if (a.ns !== NS.xs || a.local !== "annotation") continue;
    for (const c of a.children) {
      if (c.ns !== NS.xs) continue;
      if (c.local === "documentation") {
        const t = normalizeDoc(deepText(c));
        if (t) doc = doc ? `${doc}\n${t}` : t;
      } else if (c.local === "appinfo") {
        for (const info of c.children) {
          const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
          for (const at of info.attrs) attrs[at.local] = at.value;
          appinfo.push({ name: { ns: info.ns, local: info.local }, attrs, text: deepText(info).trim() });
        }
      }
    }
  }
  return { doc, appinfo };
}

/** Trims and de-indents documentation text; blank lines between paragraphs are kept. */
export function normalizeDoc(text: string): string {
  const lines = text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => l.trim());
  while (lines.length && lines[0] === "") lines.shift();
  while (lines.length && lines[lines.length - 1] === "") lines.pop();
  return lines.join("\n").replace(/\n{3,}/g, "\n\n");
}

function typeUse(el: XElement, ctx: Ctx): TypeUse | undefined {
  const ref = qnameAttr(el, "type", ctx);
  if (ref) return { kind: "ref", name: ref, pos: el.pos };
  for (const c of el.children) {
    if (c.ns !== NS.xs) continue;
    if (c.local === "complexType") return nested(c, ctx, () => ({ kind: "inline", type: parseComplexType(c, ctx, false) }));
    if (c.local === "simpleType") return nested(c, ctx, () => ({ kind: "inline", type: parseSimpleType(c, ctx, false) }));
  }
  return undefined;
}

export function parseElementDecl(el: XElement, ctx: Ctx, global: boolean): ElementDecl {
  const form = attr(el, "form");
  const qualified = global || (form ? form === "qualified" : ctx.elementQualified);
  const { doc, appinfo } = annotation(el);
  return {
    kind: "element",
    name: { ns: qualified ? ctx.tns : "", local: attr(el, "name") ?? "" },
    type: typeUse(el, ctx),
    nillable: attr(el, "nillable") === "true",
    abstract: attr(el, "abstract") === "true",
    substitutionGroup: qnameAttr(el, "substitutionGroup", ctx),
    default: attr(el, "default"),
    fixed: attr(el, "fixed"),
    global,
    doc,
    appinfo,
    pos: el.pos,
  };
}

function parseAttributeDecl(el: XElement, ctx: Ctx, global: boolean): AttributeDecl {
  const form = attr(el, "form");
  const qualified = global || (form ? form === "qualified" : ctx.attributeQualified);
  const { doc, appinfo } = annotation(el);
  return {
    kind: "attribute",
    name: { ns: qualified ? ctx.tns : "", local: attr(el, "name") ?? "" },
    type: typeUse(el, ctx),
    default: attr(el, "default"),
    fixed: attr(el, "fixed"),
    doc,
    appinfo,
    pos: el.pos,
  };
}

function parseParticle(el: XElement, ctx: Ctx): Particle | undefined {
  switch (el.local) {
    case "element": {
      const occurs = parseOccurs(el, ctx);
      const ref = qnameAttr(el, "ref", ctx);
      if (ref) return { kind: "element", occurs, decl: { kind: "elementRef", ref, pos: el.pos }, pos: el.pos };
      return { kind: "element", occurs, decl: parseElementDecl(el, ctx, false), pos: el.pos };
    }
    case "sequence":
    case "choice":
    case "all":
      return parseModelGroup(el, ctx);
    case "group": {
      const ref = qnameAttr(el, "ref", ctx);
      if (!ref) {
        ctx.sink.error("xsd-group", "xs:group inside a content model needs ref=", el.pos, describe(el));
        return undefined;
      }
      const g: GroupRef = { kind: "groupRef", ref, occurs: parseOccurs(el, ctx), pos: el.pos };
      return g;
    }
    case "any": {
      const pc = attr(el, "processContents");
      const a: AnyParticle = {
        kind: "any",
        occurs: parseOccurs(el, ctx),
        namespace: attr(el, "namespace") ?? "##any",
        processContents: pc === "lax" || pc === "skip" ? pc : "strict",
        pos: el.pos,
      };
      return a;
    }
    case "annotation":
      return undefined;
    default:
      ctx.sink.warn("xsd-unknown", `unexpected xs:${el.local} in a content model ignored`, el.pos, describe(el));
      return undefined;
  }
}

function parseModelGroup(el: XElement, ctx: Ctx): ModelGroup {
  const particles: Particle[] = [];
  for (const c of el.children) {
    if (c.ns !== NS.xs) continue;
    const p = nested(c, ctx, () => parseParticle(c, ctx));
    if (p) particles.push(p);
  }
  return { kind: el.local as ModelGroup["kind"], occurs: parseOccurs(el, ctx), particles, pos: el.pos };
}

/** The single model group inside xs:group / xs:complexType / xs:extension. */
function groupBody(el: XElement, ctx: Ctx): ModelGroup | undefined {
  for (const c of el.children) {
    if (c.ns === NS.xs && (c.local === "sequence" || c.local === "choice" || c.local === "all")) return parseModelGroup(c, ctx);
  }
  return undefined;
}

function contentParticle(el: XElement, ctx: Ctx): ModelGroup | GroupRef | undefined {
  for (const c of el.children) {
    if (c.ns !== NS.xs) continue;
    if (c.local === "sequence" || c.local === "choice" || c.local === "all") return parseModelGroup(c, ctx);
    if (c.local === "group") {
      const p = parseParticle(c, ctx);
      if (p && p.kind === "groupRef") return p;
    }
  }
  return undefined;
}

function parseAttributes(el: XElement, ctx: Ctx): { items: AttributeItem[]; anyAttribute: boolean } {
  const items: AttributeItem[] = [];
  let anyAttribute = false;
  for (const c of el.children) {
    if (c.ns !== NS.xs) continue;
    if (c.local === "attribute") {
      const useS = attr(c, "use");
      const use = useS === "required" || useS === "prohibited" ? useS : "optional";
      const ref = qnameAttr(c, "ref", ctx);
      items.push({
        kind: "attributeUse",
        use,
        decl: ref ? { kind: "attributeRef", ref, pos: c.pos } : parseAttributeDecl(c, ctx, false),
        pos: c.pos,
      });
    } else if (c.local === "attributeGroup") {
      const ref = qnameAttr(c, "ref", ctx);
      if (ref) items.push({ kind: "attributeGroupRef", ref, pos: c.pos });
    } else if (c.local === "anyAttribute") {
      anyAttribute = true;
    }
  }
  return { items, anyAttribute };
}

export function parseComplexType(el: XElement, ctx: Ctx, global: boolean): ComplexType {
  const { doc, appinfo } = annotation(el);
  const name = global ? { ns: ctx.tns, local: attr(el, "name") ?? "" } : undefined;
  let mixed = attr(el, "mixed") === "true";
  let content: ComplexContent = { kind: "complex", derivation: undefined, particle: contentParticle(el, ctx) };
  let attrs = parseAttributes(el, ctx);
  let soapArrayType: QName | undefined;

  for (const c of el.children) {
    if (c.ns !== NS.xs || (c.local !== "complexContent" && c.local !== "simpleContent")) continue;
    if (attr(c, "mixed") === "true") mixed = true;
    const der = c.children.find((d) => d.ns === NS.xs && (d.local === "extension" || d.local === "restriction"));
    if (!der) {
      ctx.sink.error("xsd-content", `xs:${c.local} needs xs:extension or xs:restriction`, c.pos, describe(el));
      break;
    }
    const method = der.local as "extension" | "restriction";
    const base = qnameAttr(der, "base", ctx);
    attrs = parseAttributes(der, ctx);
    if (c.local === "complexContent") {
      if (!base) {
        ctx.sink.error("xsd-content", `xs:${method} needs base=`, der.pos, describe(el));
        break;
      }
      content = { kind: "complex", derivation: { method, base, pos: der.pos }, particle: contentParticle(der, ctx) };
      soapArrayType = soapEncArrayType(der, ctx);
    } else {
      let baseUse: TypeUse | undefined = base ? { kind: "ref", name: base, pos: der.pos } : undefined;
      const inline = der.children.find((d) => d.ns === NS.xs && d.local === "simpleType");
      if (inline) baseUse = { kind: "inline", type: parseSimpleType(inline, ctx, false) };
      if (!baseUse) {
        ctx.sink.error("xsd-content", `xs:simpleContent/xs:${method} needs base=`, der.pos, describe(el));
        break;
      }
      content = { kind: "simple", method, base: baseUse, facets: method === "restriction" ? parseFacets(der, ctx) : undefined };
    }
    break;
  }

  return {
    kind: "complexType",
    name,
    abstract: attr(el, "abstract") === "true",
    mixed,
    content,
    attributes: attrs.items,
    anyAttribute: attrs.anyAttribute,
    soapArrayType,
    doc,
    appinfo,
    pos: el.pos,
  };
}

/**
 * SOAP-encoded arrays (SOAP 1.1 §5.4.2, WSDL 1.1 §5.1): `<xs:restriction base="soapenc:Array">` with an
 * attribute `wsdl:arrayType="tns:Item[]"` on a soapenc:arrayType attribute use.
 */
function soapEncArrayType(der: XElement, ctx: Ctx): QName | undefined {
  for (const a of der.children) {
    if (a.ns !== NS.xs || a.local !== "attribute") continue;
    for (const at of a.attrs) {
      if (at.ns === NS.wsdl && at.local === "arrayType") {
        const v = at.value.trim().replace(/(\[[\d,]*\])+$/, "");
        const q = resolveQName(a, v);
        if (!q) ctx.sink.error("prefix-undeclared", `wsdl:arrayType="${at.value}": the prefix is not declared`, a.pos, "wsdl:arrayType");
        return q;
      }
    }
  }
  return undefined;
}

function parseFacets(el: XElement, ctx: Ctx): Facets {
  const enumeration: { value: string; doc?: string | undefined; appinfo: AppInfo[] }[] = [];
  const pattern: string[] = [];
  const f: Record<string, string | number | undefined> = {};
  for (const c of el.children) {
    if (c.ns !== NS.xs) continue;
    const v = attr(c, "value");
    switch (c.local) {
      case "enumeration": {
        const { doc, appinfo } = annotation(c);
        enumeration.push({ value: v ?? "", doc, appinfo });
        break;
      }
      case "pattern":
        if (v !== undefined) {
          pattern.push(v);
          // Translated when the descriptors are written (emit/descriptors.ts); one that cannot be is said here.
          if (patternSource(v) === undefined) {
            ctx.sink.warn(
              "xsd-pattern-unsupported",
              `xs:pattern ${JSON.stringify(v)} cannot be translated to a JavaScript regular expression (character class subtraction, \\p{Is…} blocks and syntax outside XSD Part 2 Appendix F are not supported); values are not checked against this restriction step's patterns`,
              c.pos,
              describe(el),
            );
          }
        }
        break;
      case "length":
      case "minLength":
      case "maxLength":
      case "totalDigits":
      case "fractionDigits":
        f[c.local] = v === undefined ? undefined : Number.parseInt(v, 10);
        break;
      case "minInclusive":
      case "maxInclusive":
      case "minExclusive":
      case "maxExclusive":
      case "whiteSpace":
        f[c.local] = v;
        break;
      case "annotation":
      case "simpleType":
      case "attribute":
      case "attributeGroup":
      case "anyAttribute":
      case "sequence":
      case "choice":
      case "all":
      case "group":
        break;
      default:
        ctx.sink.warn("xsd-unknown", `unknown facet xs:${c.local} ignored`, c.pos, describe(el));
    }
  }
  return { enumeration, pattern, ...(f as Partial<Facets>) };
}

export function parseSimpleType(el: XElement, ctx: Ctx, global: boolean): SimpleType {
  const { doc, appinfo } = annotation(el);
  const name = global ? { ns: ctx.tns, local: attr(el, "name") ?? "" } : undefined;
  const pos: SourcePos = el.pos;
  for (const c of el.children) {
    if (c.ns !== NS.xs) continue;
    if (c.local === "restriction") {
      const base = qnameAttr(c, "base", ctx);
      const inline = c.children.find((d) => d.ns === NS.xs && d.local === "simpleType");
      const baseUse: TypeUse | undefined = base
        ? { kind: "ref", name: base, pos: c.pos }
        : inline
          ? nested<TypeUse>(inline, ctx, () => ({ kind: "inline", type: parseSimpleType(inline, ctx, false) }))
          : undefined;
      if (!baseUse) break;
      return { kind: "simpleType", name, variety: { kind: "restriction", base: baseUse, facets: parseFacets(c, ctx) }, doc, appinfo, pos };
    }
    if (c.local === "list") {
      const itemRef = qnameAttr(c, "itemType", ctx);
      const inline = c.children.find((d) => d.ns === NS.xs && d.local === "simpleType");
      const item: TypeUse | undefined = itemRef
        ? { kind: "ref", name: itemRef, pos: c.pos }
        : inline
          ? nested<TypeUse>(inline, ctx, () => ({ kind: "inline", type: parseSimpleType(inline, ctx, false) }))
          : undefined;
      if (!item) break;
      return { kind: "simpleType", name, variety: { kind: "list", item }, doc, appinfo, pos };
    }
    if (c.local === "union") {
      const members: TypeUse[] = [];
      for (const m of (attr(c, "memberTypes") ?? "").split(/\s+/).filter(Boolean)) {
        const q = resolveQName(c, m);
        if (q) members.push({ kind: "ref", name: q, pos: c.pos });
        else ctx.sink.error("prefix-undeclared", `memberTypes "${m}": the prefix is not declared`, c.pos, describe(el));
      }
      for (const d of c.children) {
        if (d.ns !== NS.xs || d.local !== "simpleType") continue;
        const member = nested<TypeUse>(d, ctx, () => ({ kind: "inline", type: parseSimpleType(d, ctx, false) }));
        if (member) members.push(member);
      }
      return { kind: "simpleType", name, variety: { kind: "union", members }, doc, appinfo, pos };
    }
  }
  ctx.sink.error("xsd-simpletype", "xs:simpleType needs xs:restriction, xs:list or xs:union", el.pos, describe(el));
  return {
    kind: "simpleType",
    name,
    variety: { kind: "restriction", base: { kind: "ref", name: { ns: NS.xs, local: "string" }, pos }, facets: { enumeration: [], pattern: [] } },
    doc,
    appinfo,
    pos,
  };
}
