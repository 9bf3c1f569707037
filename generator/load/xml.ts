/**
 * A small namespace-aware XML tree with source positions, built with saxes (which reports line and column and
 * rejects input that is not well-formed). Nothing after the parse stage sees these nodes.
 */
import { SaxesParser, type SaxesTagNS } from "saxes";
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
const XMLNS_NS = "http://www.w3.org/2000/xmlns/";
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
const WHITESPACE = /^[ \t\r\n]*$/;
// Frozen: nothing may add to the shared empty arrays.
const NO_ATTRS = Object.freeze([]) as unknown as XAttr[];
const NO_CHILDREN = Object.freeze([]) as unknown as XElement[];

/**
 * Parses a whole document. Throws XmlSyntaxError (with the position) when the text is not well-formed XML
 * or uses an undeclared prefix.
 */
export function parseXml(text: string, file: string, via?: SourcePos): XElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: Building[] = [];
  // saxes makes a new string for every name it reads; the document's elements share one per distinct name.
  const names = new Map<string, string>();
  const intern = (name: string): string => {
    const known = names.get(name);
    if (known !== undefined) return known;
    names.set(name, name);
    return name;
  };
  // saxes resolves a prefix by looking in the current tag's bindings and then walking every open tag, which is
  // quadratic in the depth. Chaining each tag's bindings (by prototype) to those of its nearest declaring
  // ancestor makes the first lookup find every prefix in scope; the chain only holds declaring elements.
  const saxRoot: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, { "": "", xml: XML_NS, xmlns: XMLNS_NS });
  const saxScopes: { scope: Record<string, string>; depth: number }[] = [];
  let pendingNs: Record<string, string> | undefined;
  let root: Building | undefined;
  let start: SourcePos = { file, line: 1, column: 1 };
  let failure: XmlSyntaxError | undefined;

  // saxes counts column 0 right after a newline; positions are 1-based.
  const at = (line: number, col: number): SourcePos => {
    const column = Math.max(1, col);
    return via ? { file, line, column, via } : { file, line, column };
  };
  parser.on("error", (err) => {
    if (!failure) {
      // saxes prefixes its messages with "line:column: "; we keep our own position instead.
      const message = err.message.replace(/^\d+:\d+: /, "");
      failure = new XmlSyntaxError(message, at(parser.line, parser.column));
    }
    // Stop at the first error: going on after one can only add confusion (and cost).
    throw failure;
  });
  const lines = lineStarts(text);
  parser.on("opentagstart", (tag) => {
    // The parser has just read the tag name (and the character after it); the tag starts at the last `<`.
    const offset = text.lastIndexOf("<", Math.max(0, parser.position - 1));
    start = positionOf(lines, offset, file, via);
    if (tag.ns) {
      Object.setPrototypeOf(tag.ns, saxScopes[saxScopes.length - 1]?.scope ?? saxRoot);
      pendingNs = tag.ns;
    }
  });
  parser.on("opentag", (tag: SaxesTagNS) => {
    const outer = saxScopes[saxScopes.length - 1];
    if (pendingNs && Object.keys(pendingNs).length > 0) {
      const depth = (outer?.depth ?? 0) + 1;
      if (depth > MAX_NAMESPACE_NESTING) {
        failure ??= new XmlSyntaxError(`elements declaring namespaces are nested more than ${MAX_NAMESPACE_NESTING} deep`, start);
        throw failure;
      }
      saxScopes.push({ scope: pendingNs, depth });
    } else saxScopes.push(outer ?? { scope: saxRoot, depth: 0 });
    pendingNs = undefined;
    const parent = stack[stack.length - 1];
    const scope = makeScope(parent?.scope ?? ROOT_SCOPE, tag.ns);
    let attrs: XAttr[] = NO_ATTRS;
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === "xmlns" || (a.prefix === "" && a.local === "xmlns")) continue;
      if (attrs === NO_ATTRS) attrs = [];
      attrs.push({ ns: a.uri ?? "", local: intern(a.local), value: a.value });
    }
    // Arrays grown by push keep spare room (17 slots for one item); a document's elements keep exact-size
    // copies, and the many without attributes or children share one empty array.
    if (attrs !== NO_ATTRS) attrs = attrs.slice();
    const el: Building = { ns: tag.uri ?? "", local: intern(tag.local), attrs, children: NO_CHILDREN, text: "", scope, pos: start };
    if (parent) (parent.children === NO_CHILDREN ? (parent.children = []) : parent.children).push(el);
    else root = el;
    stack.push(el);
    if (TEXT_ELEMENTS.has(el.local)) inDoc++;
  });
  parser.on("closetag", () => {
    const el = stack.pop();
    if (el !== undefined && TEXT_ELEMENTS.has(el.local)) inDoc--;
    if (el !== undefined && el.children !== NO_CHILDREN) el.children = el.children.slice();
    saxScopes.pop();
  });
  // Only documentation and appinfo are read as text (deepText), whitespace included; elsewhere the
  // whitespace between elements is not kept.
  let inDoc = 0;
  const onText = (t: string): void => {
    const top = stack[stack.length - 1];
    if (top && (inDoc > 0 || !WHITESPACE.test(t))) top.text += t;
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("doctype", () => {
    if (!failure) {
      failure = new XmlSyntaxError("DOCTYPE declarations are not accepted in WSDL or XSD documents", at(parser.line, parser.column));
    }
  });

  try {
    parser.write(text).close();
  } catch (e) {
    if (!failure) {
      const message = e instanceof Error ? e.message.replace(/^\d+:\d+: /, "") : String(e);
      failure = new XmlSyntaxError(message, at(parser.line, parser.column));
    }
  }
  if (failure) throw failure;
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

function makeScope(parent: NsScope, declared: Record<string, string>): NsScope {
  const keys = Object.keys(declared);
  if (keys.length === 0) return parent;
  const scope: Record<string, string> = Object.create(parent) as Record<string, string>;
  for (const k of keys) scope[k] = declared[k] ?? "";
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
