/**
 * A small namespace-aware XML tree with source positions, built with the runtime's XML reader
 * (templates/runtime/xml.ts: well-formedness, namespaces, no DTDs; docs/decisions/0007). Nothing after the
 * parse stage sees these nodes.
 */
import { END, EOF, START, XmlError, XmlReader } from "../../templates/runtime/xml.js";
import type { SourcePos } from "../diagnostics.js";

export interface XAttr {
  readonly ns: string;
  readonly local: string;
  readonly value: string;
}

/** Prefix → namespace URI bindings in scope at an element; "" is the default namespace. */
export type NsScope = Readonly<Record<string, string>>;

export interface XElement {
  readonly ns: string;
  readonly local: string;
  readonly attrs: readonly XAttr[];
  readonly children: readonly XElement[];
  /**
   * Character data directly inside this element (not in children), concatenated. Outside documentation and
   * appinfo elements, text of nothing but whitespace is left out.
   */
  text: string;
  readonly scope: NsScope;
  readonly pos: SourcePos;
}

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: SourcePos,
  ) {
    super(message);
    this.name = "XmlSyntaxError";
  }
}

const XML_NS = "http://www.w3.org/XML/1998/namespace";
/**
 * Elements that declare namespaces may nest at most this deep: prefix lookups walk the declaring ancestors,
 * so the bound keeps parsing linear however deep the document is.
 */
export const MAX_NAMESPACE_NESTING = 256;
// A null-prototype object, so that a prefix such as "constructor" never resolves to an inherited property.
const ROOT_SCOPE: NsScope = Object.freeze(Object.assign(Object.create(null) as Record<string, string>, { xml: XML_NS }));

/** An element while its document is parsed: its children are added as they are read. */
type Building = Omit<XElement, "children"> & { children: XElement[] };
/** Elements whose text (with that of their descendants) the parse stage reads, in any namespace. */
const TEXT_ELEMENTS: ReadonlySet<string> = new Set(["documentation", "appinfo"]);
// Frozen: nothing may add to the shared empty arrays.
const NO_ATTRS = Object.freeze([]) as unknown as XAttr[];
const NO_CHILDREN = Object.freeze([]) as unknown as XElement[];

/**
 * Parses a whole document. Throws XmlSyntaxError (with the position) when the text is not well-formed XML
 * or uses an undeclared prefix.
 */
export function parseXml(text: string, file: string, via?: SourcePos): XElement {
  const at = (line: number, column: number): SourcePos => (via ? { file, line, column, via } : { file, line, column });
  const stack: Building[] = [];
  // Depth of the innermost open element that declares namespaces, counted in declaring elements.
  const declaring: number[] = [];
  // The document's elements share one string per distinct name.
  const names = new Map<string, string>();
  const intern = (name: string): string => {
    const known = names.get(name);
    if (known !== undefined) return known;
    names.set(name, name);
    return name;
  };
  let root: Building | undefined;
  // Only documentation and appinfo are read as text (deepText), whitespace included; elsewhere the
  // whitespace between elements is not kept.
  let inDoc = 0;
  try {
    // Any depth: the parse stage bounds its own nesting (xsd-too-deep), and this loop is iterative.
    const r = new XmlReader(text, { maxDepth: Number.POSITIVE_INFINITY });
    // The reader holds the text with CR LF and lone CR read as LF (XML 1.0 §2.11); its offsets are into that.
    const lines = lineStarts(r.buffer);
    for (let k = r.next(); k !== EOF; k = r.next()) {
      if (k === START) {
        const pos = positionOf(lines, r.tokenStart, file, via);
        const declared = r.declarations();
        const outer = declaring[declaring.length - 1] ?? 0;
        if (declared.length > 0 && outer + 1 > MAX_NAMESPACE_NESTING) {
          throw new XmlSyntaxError(`elements declaring namespaces are nested more than ${MAX_NAMESPACE_NESTING} deep`, pos);
        }
        declaring.push(declared.length > 0 ? outer + 1 : outer);
        const parent = stack[stack.length - 1];
        const scope = makeScope(parent?.scope ?? ROOT_SCOPE, declared);
        let attrs: XAttr[] = NO_ATTRS;
        if (r.attributes.length > 0) attrs = r.attributes.map((a) => ({ ns: a.ns, local: intern(a.name), value: a.value }));
        const el: Building = { ns: r.ns, local: intern(r.local), attrs, children: NO_CHILDREN, text: "", scope, pos };
        if (parent) (parent.children === NO_CHILDREN ? (parent.children = []) : parent.children).push(el);
        else root = el;
        stack.push(el);
        if (TEXT_ELEMENTS.has(el.local)) inDoc++;
      } else if (k === END) {
        const el = stack.pop();
        declaring.pop();
        if (el !== undefined && TEXT_ELEMENTS.has(el.local)) inDoc--;
        // Arrays grown by push keep spare room; a document's elements keep exact-size copies, and the many
        // without children share one empty array.
        if (el !== undefined && el.children !== NO_CHILDREN) el.children = el.children.slice();
      } else {
        const top = stack[stack.length - 1];
        if (top && (inDoc > 0 || !r.isWhitespace())) top.text += r.text;
      }
    }
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw e;
    if (e instanceof XmlError) {
      const reason = /^DOCTYPE/.test(e.reason) ? "DOCTYPE declarations are not accepted in WSDL or XSD documents" : e.reason;
      throw new XmlSyntaxError(reason, at(e.line, e.column));
    }
    throw e;
  }
  if (!root) throw new XmlSyntaxError("document has no root element", at(1, 1));
  return root;
}

/** Offsets at which each line starts (after LF; CR LF counts as one line break). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of a character offset (columns count UTF-16 code units). */
function positionOf(starts: readonly number[], offset: number, file: string, via: SourcePos | undefined): SourcePos {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  const line = lo + 1;
  const column = offset - (starts[lo] ?? 0) + 1;
  return via ? { file, line, column, via } : { file, line, column };
}

function makeScope(parent: NsScope, declared: readonly (readonly [string, string])[]): NsScope {
  if (declared.length === 0) return parent;
  const scope: Record<string, string> = Object.create(parent) as Record<string, string>;
  for (const [prefix, uri] of declared) scope[prefix] = uri;
  return scope;
}

/** Value of an attribute without a namespace (the usual WSDL/XSD attribute). */
export function attr(el: XElement, local: string): string | undefined {
  for (const a of el.attrs) if (a.local === local && a.ns === "") return a.value;
  return undefined;
}

/** Value of a namespace-qualified attribute. */
export function attrNS(el: XElement, ns: string, local: string): string | undefined {
  for (const a of el.attrs) if (a.local === local && a.ns === ns) return a.value;
  return undefined;
}

/** All character data of an element and its descendants, in document order. */
export function deepText(el: XElement): string {
  // Iterative, in document order: a deep document must not overflow the stack.
  let out = "";
  const todo: XElement[] = [el];
  for (let next = todo.pop(); next; next = todo.pop()) {
    out += next.text;
    for (let i = next.children.length - 1; i >= 0; i--) {
      const c = next.children[i];
      if (c) todo.push(c);
    }
  }
  return out;
}

/**
 * Resolves a QName-valued attribute (`type="q1:Foo"`) against the prefixes in scope at the element, per
 * Namespaces in XML §4. Returns undefined when the prefix is not declared.
 * An unprefixed name takes the default namespace (XSD Part 1 §3.15.3, QName resolution).
 */
export function resolveQName(el: XElement, value: string): { ns: string; local: string } | undefined {
  const v = value.trim();
  const colon = v.indexOf(":");
  if (colon < 0) return { ns: el.scope[""] ?? "", local: v };
  const prefix = v.slice(0, colon);
  const ns = el.scope[prefix];
  if (ns === undefined) return undefined;
  return { ns, local: v.slice(colon + 1) };
}
