/**
 * A canonical form for comparing XML in tests: namespaces resolved (prefix choice and declaration placement
 * do not matter), attributes sorted, namespace declarations dropped, whitespace-only text dropped between
 * elements. QName-valued attributes (xsi:type) are resolved to `{ns}local` by readElement.
 */
import { END, XmlReader, readElement, START, TEXT, type XmlElement } from "../../templates/runtime/xml.js";

export interface CanonicalOptions {
  /**
   * Text and attribute values that are QNames (known to the caller by their shape, e.g. `prefix:qn12`): each is
   * resolved against the namespaces in scope where it appears and compared as `{ns}local`, because the prefix
   * a writer picks for it is as free as an element's.
   */
  readonly qnameValues?: RegExp;
  /**
   * Whitespace-only text holding a line break is indentation, dropped also where it is an element's only
   * content (a pretty-printed `<a>\n  </a>` is the empty `<a/>`); other whitespace is kept as text.
   */
  readonly indentation?: boolean;
}

export function canonical(xml: string, options: CanonicalOptions = {}): string {
  const r = new XmlReader(xml);
  while (r.next() !== START) {
    /* skip prolog */
  }
  return render(options.qnameValues === undefined ? readElement(r) : readResolving(r, options.qnameValues), "", options.indentation === true);
}

/** readElement, with QName-shaped text and attribute values resolved where they occur. */
function readResolving(r: XmlReader, pattern: RegExp): XmlElement {
  const resolve = (v: string): string => {
    if (!pattern.test(v.trim())) return v;
    const q = r.resolveQName(v);
    return q === undefined ? v : `{${q.ns}}${q.local}`;
  };
  const open = (): { name: string; ns: string; attributes: XmlElement["attributes"]; children: (XmlElement | string)[] } => {
    const el = readElementHead(r);
    return { ...el, attributes: el.attributes.map((a) => ({ ...a, value: resolve(a.value) })), children: [] };
  };
  const root = open();
  const stack: { children: (XmlElement | string)[] }[] = [root];
  while (stack.length > 0) {
    const k = r.next();
    const top = stack[stack.length - 1];
    if (top === undefined) break;
    if (k === TEXT) {
      const last = top.children.length - 1;
      const prev = top.children[last];
      if (typeof prev === "string") top.children[last] = prev + r.text;
      else top.children.push(r.text);
    } else if (k === START) {
      const child = open();
      top.children.push(child);
      stack.push(child);
    } else if (k === END) {
      // The element's namespace scope lasts until its END: its text is resolved there, whole.
      top.children = top.children.map((c) => (typeof c === "string" ? resolve(c) : c));
      stack.pop();
    }
  }
  return root;
}

/** The current START's name and attributes (xsi:type resolved as readElement does), without its content. */
function readElementHead(r: XmlReader): XmlElement {
  const attributes = r.attributes.map((a) => {
    if (a.ns !== "http://www.w3.org/2001/XMLSchema-instance" || a.name !== "type") return a;
    const q = r.resolveQName(a.value);
    return q === undefined ? a : { ...a, value: `{${q.ns}}${q.local}` };
  });
  return { name: r.local, ns: r.ns, attributes, children: [] };
}

function render(el: XmlElement, indent: string, indentation: boolean): string {
  const attrs = [...el.attributes]
    .map((a) => `${a.ns ? `{${a.ns}}` : ""}${a.name}=${JSON.stringify(a.value)}`)
    .sort()
    .join(" ");
  const hasElements = el.children.some((c) => typeof c !== "string");
  const kids = el.children
    .filter((c) => !(typeof c === "string" && ((hasElements && /^[ \t\n\r]*$/.test(c)) || (indentation && /^[ \t]*[\n\r][ \t\n\r]*$/.test(c)))))
    .map((c) => (typeof c === "string" ? `${indent}  ${JSON.stringify(c)}` : render(c, `${indent}  `, indentation)));
  const head = `${indent}${el.ns ? `{${el.ns}}` : ""}${el.name}${attrs ? ` [${attrs}]` : ""}`;
  return kids.length === 0 ? head : `${head}\n${kids.join("\n")}`;
}
