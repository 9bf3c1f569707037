// The wsdlc runtime, copied into the output by the generator. DO NOT EDIT.
/**
 * Character-level XML helpers: the XML 1.0 character check (§2.2), reference expansion (§4.1, §4.6),
 * attribute-value normalisation (§3.3.3) and escaping for output.
 */

// XML 1.0 §2.2 Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
// One native scan finds C0 controls, U+FFFE/U+FFFF and surrogates; a surrogate is fine when it is the high
// half of a pair, so the scan resumes after the pair.
const SUSPECT = /[\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/g;

/** Index of the first character not allowed in an XML 1.0 document, or -1. */
export function firstInvalidChar(s: string): number {
  SUSPECT.lastIndex = 0;
  for (let m = SUSPECT.exec(s); m !== null; m = SUSPECT.exec(s)) {
    const i = m.index;
    const c = s.charCodeAt(i);
    const next = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      SUSPECT.lastIndex = i + 2;
      continue;
    }
    SUSPECT.lastIndex = 0;
    return i;
  }
  return -1;
}

/** Whether every character of `s` is allowed in XML 1.0 (§2.2). */
export function isXmlText(s: string): boolean {
  return firstInvalidChar(s) < 0;
}

function isXmlCodePoint(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/**
 * Expands references in `src[start, end)`. Returns the text, or the offset of a malformed or undefined reference
 * (there are no DTDs, so only the five predefined entities exist).
 */
export function decodeEntities(src: string, start: number, end: number): string | number {
  let out = "";
  let from = start;
  for (let amp = src.indexOf("&", start); amp >= 0 && amp < end; amp = src.indexOf("&", from)) {
    const semi = src.indexOf(";", amp + 1);
    if (semi < 0 || semi >= end || semi - amp > 12) return amp;
    const ref = src.slice(amp + 1, semi);
    let ch: string | undefined;
    if (ref.charCodeAt(0) === 35 /* # */) {
      const hex = ref.charCodeAt(1) === 120; /* x */
      const digits = ref.slice(hex ? 2 : 1);
      if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return amp;
      const cp = parseInt(digits, hex ? 16 : 10);
      if (!isXmlCodePoint(cp)) return amp;
      ch = String.fromCodePoint(cp);
    } else {
      ch = Object.hasOwn(PREDEFINED, ref) ? PREDEFINED[ref] : undefined;
      if (ch === undefined) return amp;
    }
    out += src.slice(from, amp) + ch;
    from = semi + 1;
  }
  return out + src.slice(from, end);
}

/**
 * Attribute-value normalisation for CDATA attributes (XML 1.0 §3.3.3): each literal TAB or LF becomes a space
 * (CR is already gone, §2.11); characters written as references are kept. Returns the value, or the offset
 * (relative to `raw`) of a bad reference.
 */
export function normalizeAttribute(raw: string): string | number {
  if (!/[\t\n&]/.test(raw)) return raw;
  return decodeEntities(raw.replace(/[\t\n]/g, " "), 0, raw.length);
}

const TEXT_SPECIAL = /[&<>\r]/;
const ATTR_SPECIAL = /[&<>"\t\n\r]/;

function escapeChar(c: string): string {
  switch (c) {
    case "&":
      return "&amp;";
    case "<":
      return "&lt;";
    case ">":
      return "&gt;";
    case '"':
      return "&quot;";
    case "\t":
      return "&#9;";
    case "\n":
      return "&#10;";
    default:
      return "&#13;";
  }
}

/**
 * Escapes character data: `&`, `<`, `>` (so `]]>` can never appear), and CR as `&#13;` because a literal CR
 * would be turned into LF by the receiver's line-end normalisation (XML 1.0 §2.11).
 */
export function escapeText(s: string): string {
  return TEXT_SPECIAL.test(s) ? s.replace(/[&<>\r]/g, escapeChar) : s;
}

/**
 * Escapes an attribute value for double quotes: also `"`, and TAB/LF/CR as character references, which survive
 * attribute-value normalisation (XML 1.0 §3.3.3) where the literal characters would become spaces.
 */
export function escapeAttribute(s: string): string {
  return ATTR_SPECIAL.test(s) ? s.replace(/[&<>"\t\n\r]/g, escapeChar) : s;
}

// Namespaces in XML 1.0 §4 NCName, every non-ASCII character accepted (as the reader does).
const NCNAME = /^[A-Za-z_\u0080-\uFFFF][\w.\-\u0080-\uFFFF]*$/;

/** Whether `s` can be written as an element's or attribute's local name (no prefix, no space, no markup). */
export function isNCName(s: string): boolean {
  return NCNAME.test(s);
}
