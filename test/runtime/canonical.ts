/**
 * A canonical form for comparing XML in tests: namespaces resolved (prefix choice and declaration placement
 * do not matter), attributes sorted, namespace declarations dropped, whitespace-only text dropped between
 * elements. QName-valued attributes (xsi:type) are resolved to `{ns}local` by readElement.
 */
import { XmlReader, readElement, START, type XmlElement } from "../../templates/runtime/xml.js";

export function canonical(xml: string): string {
  const r = new XmlReader(xml);
  while (r.next() !== START) {
    /* skip prolog */
  }
  return render(readElement(r), "");
}

function render(el: XmlElement, indent: string): string {
  const attrs = [...el.attributes]
    .map((a) => `${a.ns ? `{${a.ns}}` : ""}${a.name}=${JSON.stringify(a.value)}`)
    .sort()
    .join(" ");
  const hasElements = el.children.some((c) => typeof c !== "string");
  const kids = el.children
    .filter((c) => !(hasElements && typeof c === "string" && /^[ \t\n\r]*$/.test(c)))
    .map((c) => (typeof c === "string" ? `${indent}  ${JSON.stringify(c)}` : render(c, indent + "  ")));
  const head = `${indent}${el.ns ? `{${el.ns}}` : ""}${el.name}${attrs ? ` [${attrs}]` : ""}`;
  return kids.length === 0 ? head : `${head}\n${kids.join("\n")}`;
}
