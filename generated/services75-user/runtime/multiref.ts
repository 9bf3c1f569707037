// The wsdlc runtime, copied into the output by the generator. DO NOT EDIT.
/**
 * SOAP-encoded multi-reference values (SOAP 1.1 §5.4.1 `href="#id"` / `id`; SOAP 1.2 Part 2 §3.1.5.1
 * `enc:ref` / `enc:id`): rpc/encoded servers such as Apache Axis 1 answer with accessors that point at
 * independent elements (`<multiRef id="id0">`) placed after the response element. The one-pass decoder reads
 * forwards only, so such a response is first rewritten with every reference replaced by the value it points at.
 */
import { escapeAttribute, escapeText } from "./xmlchars.js";
import type { MultiRefFeature } from "./features.js";
import { readElement, XmlReader, type XmlAttribute, type XmlElement } from "./xml.js";

const ENC12 = "http://www.w3.org/2003/05/soap-encoding";
const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const XML_NS = "http://www.w3.org/XML/1998/namespace";
const MAX_DEPTH = 64;

/** The feature generated clients of rpc/encoded operations name in their descriptor (`features.multiRef`). */
export const multiRef: MultiRefFeature = { has: (xml) => hasReferences(xml), inline: (xml) => inlineReferences(xml) };

/** Whether a response may hold references worth resolving (a cheap text test before any parsing). */
export function hasReferences(xml: string): boolean {
  return /\shref\s*=\s*["']#/.test(xml) || /:ref\s*=\s*["']/.test(xml);
}

/** The response with references inlined and the referenced independent elements removed from the Body. */
export function inlineReferences(xml: string): string {
  const r = new XmlReader(xml);
  r.next();
  const root = readElement(r);
  const ids = new Map<string, XmlElement>();
  collectIds(root, ids);
  if (ids.size === 0) return xml;
  const used = new Set<XmlElement>();
  const resolved = resolve(root, ids, used, 0, new Set());
  return serialize(dropIndependent(resolved, used), "");
}

function idOf(e: XmlElement): string | undefined {
  for (const a of e.attributes) if ((a.name === "id" && a.ns === "") || (a.name === "id" && a.ns === ENC12)) return a.value;
  return undefined;
}

function refOf(e: XmlElement): string | undefined {
  for (const a of e.attributes) {
    if (a.name === "href" && a.ns === "" && a.value.startsWith("#")) return a.value.slice(1);
    if (a.name === "ref" && a.ns === ENC12) return a.value;
  }
  return undefined;
}

function collectIds(e: XmlElement, out: Map<string, XmlElement>): void {
  const id = idOf(e);
  if (id !== undefined && !out.has(id)) out.set(id, e);
  for (const c of e.children) if (typeof c !== "string") collectIds(c, out);
}

/** Replaces each reference by the referenced value's attributes and content; a reference cycle is left as is. */
function resolve(e: XmlElement, ids: ReadonlyMap<string, XmlElement>, used: Set<XmlElement>, depth: number, path: Set<string>): XmlElement {
  const ref = refOf(e);
  const target = ref === undefined ? undefined : ids.get(ref);
  if (ref !== undefined && target !== undefined && !path.has(ref) && depth < MAX_DEPTH) {
    used.add(target);
    const inner = new Set(path).add(ref);
    const attrs = [...e.attributes.filter((a) => !isRefAttr(a)), ...target.attributes.filter((a) => !isRefAttr(a) && !isIdAttr(a) && !isRootAttr(a))];
    return { name: e.name, ns: e.ns, attributes: attrs, children: target.children.map((c) => (typeof c === "string" ? c : resolve(c, ids, used, depth + 1, inner))) };
  }
  return { ...e, children: e.children.map((c) => (typeof c === "string" ? c : resolve(c, ids, used, depth + 1, path))) };
}

function isRefAttr(a: XmlAttribute): boolean {
  return (a.name === "href" && a.ns === "") || (a.name === "ref" && a.ns === ENC12);
}
function isIdAttr(a: XmlAttribute): boolean {
  return a.name === "id" && (a.ns === "" || a.ns === ENC12);
}
function isRootAttr(a: XmlAttribute): boolean {
  return a.name === "root";
}

/** Removes referenced independent elements (children of the Body other than the first) after inlining. */
function dropIndependent(envelope: XmlElement, used: ReadonlySet<XmlElement>): XmlElement {
  const referenced = new Set([...used].map(idOf).filter((x): x is string => x !== undefined));
  const children = envelope.children.map((c) => {
    if (typeof c === "string" || c.name !== "Body") return c;
    let first = true;
    const kept = c.children.filter((b) => {
      if (typeof b === "string") return true;
      const keep = first || !referenced.has(idOf(b) ?? "\u0000");
      first = false;
      return keep;
    });
    return { ...c, children: kept };
  });
  return { ...envelope, children };
}

/**
 * Writes a tree back as XML: each element in its namespace through a default-namespace declaration where it
 * changes, namespaced attributes and `{ns}local` xsi:type values through prefixes declared on the element.
 */
function serialize(e: XmlElement, inheritedDefault: string): string {
  const decls: string[] = [];
  if (e.ns !== inheritedDefault) decls.push(` xmlns="${escapeAttribute(e.ns)}"`);
  const prefixes = new Map<string, string>();
  const prefix = (ns: string): string => {
    if (ns === XML_NS) return "xml";
    let p = prefixes.get(ns);
    if (p === undefined) {
      p = `a${prefixes.size}`;
      prefixes.set(ns, p);
      decls.push(` xmlns:${p}="${escapeAttribute(ns)}"`);
    }
    return p;
  };
  let attrs = "";
  for (const a of e.attributes) {
    let value = a.value;
    const q = a.ns === XSI && a.name === "type" ? /^\{([^}]*)\}(.*)$/.exec(value) : null;
    if (q) value = q[1] === "" ? (q[2] ?? "") : `${prefix(q[1] ?? "")}:${q[2] ?? ""}`;
    attrs += ` ${a.ns === "" ? a.name : `${prefix(a.ns)}:${a.name}`}="${escapeAttribute(value)}"`;
  }
  let content = "";
  for (const c of e.children) content += typeof c === "string" ? escapeText(c) : serialize(c, e.ns);
  return `<${e.name}${decls.join("")}${attrs}>${content}</${e.name}>`;
}
