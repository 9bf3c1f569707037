/**
 * Parse stage entry: turns the documents reachable from one input (its closure) into one `Definitions`.
 * Components are keyed by QName; a second definition of the same QName is accepted when it is structurally
 * identical (the same schema reached twice), and reported otherwise.
 */
import type { DiagnosticSink } from "../diagnostics.js";
import type { AttributeDecl, AttributeGroup, Binding, ComplexType, Definitions, ElementDecl, Group, Message, PortType, Service, SimpleType } from "../ir.js";
import type { DocumentSet, LoadedDocument } from "../load/loader.js";
import { NS, qkey, showQName, type QName } from "../ns.js";
import { attr, type XElement } from "../load/xml.js";
import { parseSchema, type SchemaComponents } from "./xsd.js";
import { parseWsdl, type WsdlComponents } from "./wsdl.js";

/** Every document reachable from `root` through imports and includes, in breadth-first order. */
export function closure(set: DocumentSet, root: string): LoadedDocument[] {
  const out: LoadedDocument[] = [];
  const seen = new Set<string>([root]);
  const queue = [root];
  while (queue.length) {
    const url = queue.shift() as string;
    const doc = set.byUrl.get(url);
    if (!doc) continue;
    out.push(doc);
    for (const r of doc.refs) {
      if (!seen.has(r.url)) {
        seen.add(r.url);
        queue.push(r.url);
      }
    }
  }
  return out;
}

interface Named {
  readonly name: QName | undefined;
  readonly pos: { readonly file: string; readonly line: number; readonly column: number };
}

class Registry<T extends Named> {
  readonly map = new Map<string, T>();
  constructor(
    private readonly what: string,
    private readonly sink: DiagnosticSink,
  ) {}

  add(item: T): void {
    if (!item.name) return;
    const key = qkey(item.name);
    const prev = this.map.get(key);
    if (!prev) {
      this.map.set(key, item);
      return;
    }
    if (prev.pos.file === item.pos.file && prev.pos.line === item.pos.line && prev.pos.column === item.pos.column) return;
    if (structure(prev) === structure(item)) return;
    const p = prev.pos;
    this.sink.warn(
      "duplicate-definition",
      `${this.what} ${showQName(item.name)} is defined again with a different structure (first at ${p.file}:${p.line}:${p.column}); the first definition is used`,
      item.pos,
    );
  }
}

/** A canonical text of a component without source positions, to compare two definitions. */
function structure(v: unknown): string {
  return JSON.stringify(v, (k, val: unknown) => (k === "pos" ? undefined : val));
}

/**
 * An import whose namespace differs from the imported document's targetNamespace (XSD Part 1 §4.2.3) leaves
 * every reference into it unresolved; say so where the import is written, since the errors that follow name
 * only the missing types.
 */
function checkImportNamespaces(docs: readonly LoadedDocument[], sink: DiagnosticSink): void {
  const byUrl = new Map(docs.map((d) => [d.url, d]));
  for (const doc of docs) {
    for (const r of doc.refs) {
      if (r.how !== "import" && r.how !== "wsdl-import") continue;
      const target = byUrl.get(r.url);
      if (!target || r.namespace === undefined) continue;
      const tns = attr(target.root, "targetNamespace") ?? "";
      if (tns !== r.namespace) {
        sink.warn("import-namespace", `imports namespace ${r.namespace || "(none)"} from ${target.display}, whose targetNamespace is ${tns || "(none)"}`, r.pos, r.construct);
      }
    }
  }
}

// Several inputs may import the same documents (a family of services sharing schema files): each document is
// parsed once per run, which also reports its problems once. Keyed by the parsed element, so nothing outlives
// the run that loaded it.
const schemaCache = new WeakMap<XElement, Map<string, SchemaComponents>>();
const wsdlCache = new WeakMap<XElement, WsdlComponents>();

function parsedSchema(el: XElement, sink: DiagnosticSink, tns: string): SchemaComponents {
  let byTns = schemaCache.get(el);
  if (!byTns) schemaCache.set(el, (byTns = new Map()));
  let comps = byTns.get(tns);
  if (!comps) byTns.set(tns, (comps = parseSchema(el, sink, tns)));
  return comps;
}

function parsedWsdl(root: XElement, sink: DiagnosticSink): WsdlComponents {
  let w = wsdlCache.get(root);
  if (!w) wsdlCache.set(root, (w = parseWsdl(root, sink)));
  return w;
}

/**
 * An XSD component directly under wsdl:types, outside any xs:schema (WS-I Basic Profile R2003 allows only
 * xs:schema there). An xs:import or xs:include is still followed (see the loader), with a warning that says
 * how to fix the WSDL; anything else is ignored, with a warning.
 */
function misplacedSchemaChild(el: XElement, sink: DiagnosticSink): void {
  const loc = attr(el, "schemaLocation");
  const ns = attr(el, "namespace");
  const construct = `wsdl:types/xs:${el.local}`;
  if ((el.local === "import" || el.local === "include") && loc !== undefined) {
    sink.warn(
      "wsdl-types-import",
      `xs:${el.local}${ns !== undefined ? ` of namespace ${ns || "(none)"}` : ""} from ${JSON.stringify(loc)} is directly under wsdl:types, outside any xs:schema (WS-I BP R2003); it is loaded anyway: move it into an <xs:schema> element (one with xs:import for each namespace it uses)`,
      el.pos,
      construct,
    );
  } else {
    sink.warn("wsdl-types-import", `xs:${el.local} directly under wsdl:types, outside any xs:schema, is ignored: move it into an <xs:schema> element`, el.pos, construct);
  }
}

export function buildDefinitions(docs: readonly LoadedDocument[], sink: DiagnosticSink): Definitions {
  const elements = new Registry<ElementDecl>("element", sink);
  const types = new Registry<ComplexType | SimpleType>("type", sink);
  const attributes = new Registry<AttributeDecl>("attribute", sink);
  const groups = new Registry<Group>("group", sink);
  const attributeGroups = new Registry<AttributeGroup>("attribute group", sink);
  const messages = new Registry<Message>("message", sink);
  const portTypes = new Registry<PortType>("portType", sink);
  const bindings = new Registry<Binding>("binding", sink);
  const services: Service[] = [];
  const namespaces = new Set<string>();

  // Chameleon includes (XSD Part 1 §4.2.1): a schema document without a targetNamespace takes the namespace
  // of each schema that includes it.
  const includedInto = new Map<string, Set<string>>();
  const noteIncludes = (schema: XElement, doc: LoadedDocument): void => {
    const tns = attr(schema, "targetNamespace") ?? "";
    for (const r of doc.refs) {
      if (r.how !== "include" && r.how !== "redefine") continue;
      let s = includedInto.get(r.url);
      if (!s) includedInto.set(r.url, (s = new Set()));
      s.add(tns);
    }
  };

  const schemaRoots: { el: XElement; doc: LoadedDocument }[] = [];
  for (const doc of docs) {
    if (doc.kind === "schema") {
      schemaRoots.push({ el: doc.root, doc });
    } else {
      for (const c of doc.root.children) {
        if (c.ns !== NS.wsdl || c.local !== "types") continue;
        for (const s of c.children) if (s.ns === NS.xs && s.local === "schema") schemaRoots.push({ el: s, doc });
        for (const s of c.children) if (s.ns === NS.xs && s.local !== "schema") misplacedSchemaChild(s, sink);
      }
    }
  }
  for (const { el, doc } of schemaRoots) noteIncludes(el, doc);
  checkImportNamespaces(docs, sink);

  for (const { el, doc } of schemaRoots) {
    const own = attr(el, "targetNamespace");
    const tnsList = own !== undefined || doc.kind === "wsdl" ? [own ?? ""] : [...(includedInto.get(doc.url) ?? new Set([""]))].sort();
    for (const tns of tnsList) {
      namespaces.add(tns);
      const comps = parsedSchema(el, sink, tns);
      comps.elements.forEach((c) => elements.add(c));
      comps.types.forEach((c) => types.add(c));
      comps.attributes.forEach((c) => attributes.add(c));
      comps.groups.forEach((c) => groups.add(c));
      comps.attributeGroups.forEach((c) => attributeGroups.add(c));
    }
  }

  for (const doc of docs) {
    if (doc.kind !== "wsdl") continue;
    const w = parsedWsdl(doc.root, sink);
    w.messages.forEach((m) => messages.add(m));
    w.portTypes.forEach((p) => portTypes.add(p));
    w.bindings.forEach((b) => bindings.add(b));
    services.push(...w.services);
  }

  return {
    schema: {
      elements: elements.map,
      types: types.map,
      attributes: attributes.map,
      groups: groups.map,
      attributeGroups: attributeGroups.map,
      namespaces,
    },
    wsdl: { messages: messages.map, portTypes: portTypes.map, bindings: bindings.map, services },
  };
}
