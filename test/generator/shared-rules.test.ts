/**
 * Rules the generator (and the wsdlc command) take from the runtime instead of keeping a copy: reading a
 * document's encoding (byte order mark, XML declaration) and which redirects are followed. The same bytes
 * give the same text on both sides.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeDocument } from "../../generator/load/encoding.js";
import { decodeText } from "../../templates/runtime/charset.js";
import { sameOrigin, shownUrl } from "../../templates/runtime/urls.js";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const latin1 = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const utf16le = (s: string, bom: boolean): Uint8Array => {
  const out = new Uint8Array((bom ? 2 : 0) + s.length * 2);
  if (bom) out.set([0xff, 0xfe]);
  for (let i = 0; i < s.length; i++) {
    out[(bom ? 2 : 0) + i * 2] = s.charCodeAt(i) & 0xff;
    out[(bom ? 2 : 0) + i * 2 + 1] = s.charCodeAt(i) >> 8;
  }
  return out;
};

test("generator and runtime read the same bytes as the same text", () => {
  const cases: [string, Uint8Array, string][] = [
    ["UTF-8 with a byte order mark", Uint8Array.from([0xef, 0xbb, 0xbf, ...enc("<a>é</a>")]), "<a>é</a>"],
    ["UTF-16LE with a byte order mark", utf16le("<a>é€</a>", true), "<a>é€</a>"],
    ["declared ISO-8859-1", latin1(`<?xml version="1.0" encoding="ISO-8859-1"?><a>é</a>`), `<?xml version="1.0" encoding="ISO-8859-1"?><a>é</a>`],
    ["declared in single quotes", latin1(`<?xml version='1.0' encoding='latin1'?><a>\xe9</a>`), `<?xml version='1.0' encoding='latin1'?><a>é</a>`],
    ["no declaration: UTF-8", enc("<a>ü</a>"), "<a>ü</a>"],
    // Mismatched quotes are no declaration of an encoding: UTF-8 on both sides.
    ["mismatched quotes", enc(`<?xml version="1.0" encoding="latin1'?><a>ü</a>`), `<?xml version="1.0" encoding="latin1'?><a>ü</a>`],
  ];
  for (const [name, bytes, text] of cases) {
    assert.equal(decodeDocument(bytes, "mem:/a.xml"), text, `generator: ${name}`);
    assert.equal(decodeText(bytes, undefined), text, `runtime: ${name}`);
  }
});

test("an invalid byte names the encoding it came from on both sides", () => {
  const bytes = latin1(`<?xml version="1.0" encoding="utf-8"?><a>\xff</a>`);
  assert.throws(() => decodeDocument(bytes, "mem:/a.xml"), /not valid UTF-8 \(encoding from XML declaration encoding="utf-8"\)/);
  assert.throws(() => decodeText(bytes, undefined), /not valid utf-8/);
});

test("redirects are followed within one origin only; URLs are shown without userinfo, query or fragment", () => {
  assert.equal(sameOrigin("http://h.example/a", "http://h.example:80/b?x"), true);
  assert.equal(sameOrigin("http://h.example/a", "https://h.example/a"), false);
  assert.equal(sameOrigin("http://h.example/a", "http://h.example:8080/a"), false);
  assert.equal(sameOrigin("http://h.example/a", "http://sub.h.example/a"), false);
  assert.equal(sameOrigin("not a url", "http://h.example/"), undefined);
  assert.equal(shownUrl("https://user:secret@h.example:8443/p/q?ticket=7T:abc#frag"), "https://h.example:8443/p/q");
  assert.equal(shownUrl("::"), "(an invalid URL)");
});
