import { test } from "node:test";
import assert from "node:assert/strict";
import { END, EOF, escapeAttribute, escapeText, isXmlText, readElement, START, TEXT, XML_NS, XmlError, XmlReader } from "../../templates/runtime/xml.js";
import { canonical } from "./canonical.js";

/** Flattens a document into readable tokens: `<{ns}local a=v>`, `</local>`, `"text"`. */
function tokens(xml: string): string[] {
  const r = new XmlReader(xml);
  const out: string[] = [];
  for (let k = r.next(); k !== EOF; k = r.next()) {
    if (k === START) {
      const attrs = r.attributes.map((a) => ` ${a.ns ? `{${a.ns}}` : ""}${a.name}=${a.value}`).join("");
      out.push(`<{${r.ns}}${r.local}${attrs}>`);
    } else if (k === END) out.push(`</${r.local}>`);
    else if (k === TEXT) out.push(JSON.stringify(r.text));
  }
  return out;
}

function errorOf(xml: string): XmlError {
  try {
    tokens(xml);
  } catch (e) {
    assert.ok(e instanceof XmlError, `expected XmlError, got ${String(e)}`);
    return e;
  }
  assert.fail(`no error for ${JSON.stringify(xml)}`);
}

test("namespaces: inner declarations, default namespace, rebinding, undeclaring, xml prefix", () => {
  const xml = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<a:root xmlns:a="urn:a" xmlns="urn:default">`,
    `<child xml:lang="en"><a:x xmlns:a="urn:rebound" a:attr="1" plain="2"/></child>`,
    `<inner xmlns=""><b:y xmlns:b="urn:b"/></inner>`,
    `<a:z/>`,
    `</a:root>`,
  ].join("");
  assert.deepEqual(tokens(xml), [
    "<{urn:a}root>",
    `<{urn:default}child {${XML_NS}}lang=en>`,
    "<{urn:rebound}x {urn:rebound}attr=1 plain=2>",
    "</x>",
    "</child>",
    "<{}inner>",
    "<{urn:b}y>",
    "</y>",
    "</inner>",
    "<{urn:a}z>",
    "</z>",
    "</root>",
  ]);
});

test("text: predefined entities, character references, CDATA, comments and PIs skipped, CRLF", () => {
  const xml = `\uFEFF<?xml version="1.0"?><!-- c --><r>a &lt;&gt;&amp;&quot;&apos; &#65;&#x42;&#x1F600;<!-- x -->b<?pi data?><![CDATA[<&]]]]><![CDATA[>]]>\r\nz\rq</r><!-- after -->\n`;
  assert.deepEqual(tokens(xml), ["<{}r>", JSON.stringify(`a <>&"' AB\u{1F600}`), '"b"', '"<&]]"', '">"', '"\\nz\\nq"', "</r>"]);
});

test("attribute values: references expanded, literal TAB/LF normalised to spaces, references kept", () => {
  assert.deepEqual(tokens(`<r a="x&#9;y\tz&#10;w\nv" b='&lt;"&amp;'/>`), [`<{}r a=x\ty z\nw v b=<"&>`, "</r>"]);
});

test("readElement keeps structure and resolves xsi:type to Clark notation", () => {
  const r = new XmlReader(`<r xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:q="urn:q"><v xsi:type="q:T" k="1">t<w/>u</v></r>`);
  r.next();
  r.next();
  assert.deepEqual(readElement(r), {
    name: "v",
    ns: "",
    attributes: [
      { name: "type", ns: "http://www.w3.org/2001/XMLSchema-instance", value: "{urn:q}T" },
      { name: "k", ns: "", value: "1" },
    ],
    children: ["t", { name: "w", ns: "", attributes: [], children: [] }, "u"],
  });
  assert.equal(r.kind, END);
  assert.equal(r.next(), END);
  assert.equal(r.next(), EOF);
});

test("rewind re-reads an element with the same namespace scope", () => {
  const r = new XmlReader(`<r xmlns:p="urn:p"><p:a x="1"><p:b>t&amp;</p:b></p:a><c/></r>`);
  r.next();
  r.next();
  const mark = r.mark();
  const first = readElement(r);
  r.rewind(mark);
  assert.equal(r.next(), START);
  assert.deepEqual(readElement(r), first);
  assert.equal(r.next(), START);
  assert.equal(r.local, "c");
});

test("QName values resolve in the element's scope, also on its END token", () => {
  const r = new XmlReader(`<r><code xmlns:s="urn:s">s:Client</code></r>`);
  r.next();
  r.next();
  const text = r.readText();
  assert.equal(r.kind, END);
  assert.deepEqual(r.resolveQName(text), { ns: "urn:s", local: "Client" });
  assert.equal(r.resolveQName("nope:x"), undefined);
});

const malformed: [name: string, xml: string, message: RegExp, line?: number, column?: number][] = [
  ["DOCTYPE", `<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x "y">]><r>&x;</r>`, /DOCTYPE is not allowed/, 2, 1],
  ["mismatched end tag", `<a>\n  <b></c></a>`, /expected <\/b>, found <\/c>/, 2, 6],
  ["end tag that is a longer name", `<a></ab>`, /mismatched end tag/],
  ["undeclared element prefix", `<r>\n<p:x/></r>`, /undeclared namespace prefix 'p'/, 2, 1],
  ["undeclared attribute prefix", `<r p:a="1"/>`, /undeclared namespace prefix 'p'/],
  ["truncated in content", `<a><b>text`, /<b> is not closed/],
  ["truncated in a tag", `<a><b x="1"`, /end of document/],
  ["truncated in an end tag", `<a></a`, /end of document/],
  ["truncated comment", `<a><!-- x`, /end of document in a comment/],
  ["empty document", ``, /no root element/],
  ["control character", `<a>\n x\u0001</a>`, /not allowed in XML/, 2, 3],
  ["lone surrogate", `<a>\uD800</a>`, /not allowed in XML/],
  ["undefined entity", `<a>&nbsp;</a>`, /entity/],
  ["reference to NUL", `<a>&#0;</a>`, /reference/],
  ["unterminated reference", `<a>&amp</a>`, /reference/],
  ["]]> in text", `<a>x]]>y</a>`, /']]>' is not allowed/],
  ["duplicate attribute", `<a x="1" x="2"/>`, /duplicate attribute/],
  ["duplicate after namespace resolution", `<a xmlns:p="u" xmlns:q="u" p:x="1" q:x="2"/>`, /duplicate attribute/],
  ["missing whitespace between attributes", `<a x="1"y="2"/>`, /malformed start tag/],
  ["unquoted attribute", `<a x=1/>`, /must be quoted/],
  ["< in attribute", `<a x="<"/>`, /'<' is not allowed/],
  ["text after the root", `<a/>x`, /text outside the root/],
  ["second root", `<a/><b/>`, /content after the root/],
  ["XML declaration not at the start", ` <?xml version="1.0"?><a/>`, /only allowed at the start/],
  ["double hyphen in comment", `<a><!-- a -- b --></a>`, /'--' is not allowed/],
  ["prefix bound to empty", `<a xmlns:p=""/>`, /cannot be undeclared/],
  ["rebinding xml", `<a xmlns:xml="urn:x"/>`, /illegal namespace declaration/],
  ["bad name", `<1a/>`, /invalid name/],
];

for (const [name, xml, message, line, column] of malformed) {
  test(`rejects malformed input: ${name}`, () => {
    const e = errorOf(xml);
    assert.match(e.message, message);
    assert.match(e.message, /\(line \d+, column \d+\)$/);
    if (line !== undefined) assert.equal(e.line, line);
    if (column !== undefined) assert.equal(e.column, column);
  });
}

test("escapeText and escapeAttribute", () => {
  assert.equal(escapeText(`a & b < c > d ]]> "q" 'a'\r\n\tü`), `a &amp; b &lt; c &gt; d ]]&gt; "q" 'a'&#13;\n\tü`);
  assert.equal(escapeAttribute(`a&<>"'\t\n\r`), `a&amp;&lt;&gt;&quot;'&#9;&#10;&#13;`);
  assert.equal(escapeText("plain"), "plain");
  // Escaped values parse back to the original (attribute-value normalisation cannot touch references).
  const value = `x & <y> "z"\t\n\r ]]> ü \u{1F600}`;
  const r = new XmlReader(`<a v="${escapeAttribute(value)}">${escapeText(value)}</a>`);
  r.next();
  assert.equal(r.attributes[0]?.value, value);
  assert.equal(r.readText(), value);
});

test("isXmlText follows XML 1.0 §2.2", () => {
  for (const ok of ["", "abc", "\t\n\r", "\uD7FF\uE000\uFFFD", "\u{10000}\u{10FFFF}", "\u0085\u007F"]) {
    assert.equal(isXmlText(ok), true, JSON.stringify(ok));
  }
  for (const bad of ["\u0000", "\u0008", "\u000B", "\u000C", "\u001F", "\uFFFE", "\uFFFF", "a\uD800", "\uDC00b", "\uDBFF\uDBFF"]) {
    assert.equal(isXmlText(bad), false, JSON.stringify(bad));
  }
});

test("canonical form ignores prefixes, declaration placement and attribute order", () => {
  const a = `<p:r xmlns:p="urn:x" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><p:c b="2" a="1" xsi:type="p:T"/>\n</p:r>`;
  const b = `<r xmlns="urn:x"><c xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns:z="urn:x" a="1" i:type="z:T" b="2"></c></r>`;
  assert.equal(canonical(a), canonical(b));
  assert.notEqual(canonical(a), canonical(b.replace('b="2"', 'b="3"')));
});
