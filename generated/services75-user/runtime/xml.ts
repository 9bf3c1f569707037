// The wsdlc runtime, copied into the output by the generator. DO NOT EDIT.
/**
 * A small single-pass XML pull parser (namespace-aware) plus the escaping used to write XML.
 *
 * Scope: what SOAP messages need. No DTDs at all: a DOCTYPE is rejected, so no entity can be declared or
 * expanded (no "billion laughs", no external entities); only the five predefined entities and character
 * references are recognised (XML 1.0 §4.6, §4.1). Malformed input (mismatched tags, undeclared prefixes,
 * truncation, characters outside XML 1.0 §2.2) throws an `XmlError` carrying the line and column.
 *
 * Speed matters (multi-megabyte responses): markup is found with `indexOf`, text is sliced lazily, and line and
 * column numbers are only computed when an error is reported. Nothing is quadratic in an adversary's input:
 * namespace prefixes resolve through a map of per-prefix stacks, duplicate attributes are found with a set.
 * A `check` callback (the call's deadline) runs every `CHECK_EVERY` tokens and attributes and may throw.
 */
import { decodeEntities, firstInvalidChar, normalizeAttribute } from "./xmlchars.js";

export { escapeAttribute, escapeText, firstInvalidChar, isNCName, isXmlText } from "./xmlchars.js";

export const XML_NS = "http://www.w3.org/XML/1998/namespace";
export const XMLNS_NS = "http://www.w3.org/2000/xmlns/";

/** Token kinds returned by `XmlReader.next()`. */
export const EOF = 0;
export const START = 1;
export const END = 2;
export const TEXT = 3;
export type XmlToken = typeof EOF | typeof START | typeof END | typeof TEXT;

/** An attribute: local `name`, namespace URI `ns` ("" when unprefixed, Namespaces in XML 1.0 §6.2). */
export interface XmlAttribute {
  readonly name: string;
  readonly ns: string;
  readonly value: string;
}

/**
 * An element kept as data (xs:anyType values, xs:any wildcards, fault details). `name` is the local name.
 * The value of an `xsi:type` attribute is held in Clark notation (`{namespace}local`), because the prefix it
 * was written with means nothing outside its document; the encoder declares a prefix for it again.
 */
export interface XmlElement {
  readonly name: string;
  readonly ns: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly (XmlElement | string)[];
}

export class XmlError extends Error {
  override name = "XmlError";
  readonly reason: string;
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  constructor(reason: string, offset: number, line: number, column: number) {
    super(`${reason} (line ${line}, column ${column})`);
    this.reason = reason;
    this.offset = offset;
    this.line = line;
    this.column = column;
  }
}

const NO_ATTRS: readonly XmlAttribute[] = Object.freeze([]);

/** Tokens (and attributes) read between two calls of `XmlReaderOptions.check`. */
const CHECK_EVERY = 1024;

/**
 * Elements may nest at most this deep (the root is depth 1), about libxml2's default bound: decoding descends with
 * the document, so a deeper one (a hostile peer's 100,000 nested elements) would overflow the call stack.
 */
export const MAX_DEPTH = 256;

export interface XmlReaderOptions {
  /** Called every CHECK_EVERY tokens and attributes; throws to stop reading (a call's timeout). */
  readonly check?: () => void;
  /** Deepest element nesting accepted (default MAX_DEPTH); deeper is an XmlError. */
  readonly maxDepth?: number;
}

/**
 * A document that arrives in pieces (a streamed response): `append` adds text, `end` says there is no more,
 * `compact` drops what has been read. Whoever drives the reader must only ask for tokens that are complete in
 * the text appended so far (see stream.ts); positions in errors stay those of the whole document.
 */
export interface GrowingSource {
  append(text: string): void;
  end(): void;
  /** Drops the text before the current token; offsets already taken (tokenStart) no longer apply. */
  compact(): void;
  /** The text kept so far (for finding where the next complete unit ends). */
  readonly buffer: string;
  /** Offset in `buffer` of the reader's position. */
  readonly offset: number;
  readonly ended: boolean;
}

// ASCII name characters (XML 1.0 §2.3), for telling where a name ends. Non-ASCII characters are accepted as
// name characters: the exact Unicode ranges cost time and protect nothing here.
const NAME_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58;
  NAME_CHAR[c] = letter || (c >= 48 && c <= 57) || c === 45 || c === 46 ? 1 : 0;
}

// XML 1.0 §2.3 Name, with every non-ASCII character accepted (see above).
const NAME = /[A-Za-z_:\u0080-\uFFFF][\w.:\-\u0080-\uFFFF]*/y;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** Namespace-aware pull parser over a whole document held in a string. */
export class XmlReader {
  /** Kind of the current token. */
  kind: XmlToken = EOF;
  /** START/END: local name, namespace URI and qualified name of the element. */
  local = "";
  ns = "";
  qname = "";
  /** START: the element's attributes, namespace declarations excluded. */
  attributes: readonly XmlAttribute[] = NO_ATTRS;
  /** Offset of the current token's first character (for positions and `rewind`). */
  tokenStart = 0;

  #src: string;
  #pos: number;
  #docStart: number;
  readonly #names: string[] = [];
  readonly #locals: string[] = [];
  readonly #nss: string[] = [];
  readonly #marks: number[] = [];
  // In-scope namespace bindings: the prefixes declared, in order (undone on pop down to an element's mark), and
  // for each prefix the stack of its URIs, innermost last; "" is the default namespace (initially none).
  readonly #bindPrefix: string[] = ["xml", "xmlns", ""];
  #bindTop = 3;
  readonly #scopes = new Map<string, string[]>([
    ["xml", [XML_NS]],
    ["xmlns", [XMLNS_NS]],
    ["", [""]],
  ]);
  readonly #check: (() => void) | undefined;
  readonly #maxDepth: number;
  #budget = CHECK_EVERY;
  #pendingPop = false;
  #pendingEnd = false;
  #rootSeen = false;
  #textStart = 0;
  #textEnd = 0;
  #textValue: string | undefined;
  #nextAmp = -1;
  #nextCdEnd = -1;

  // Streaming (see GrowingSource): offset and line of src[0] in the whole document; a CR held back.
  #base = 0;
  #baseLine = 1;
  #baseColumn = 1;
  #complete = true;
  #heldCR = false;

  /** A reader over a document that will arrive in pieces (see GrowingSource). */
  static growing(options: XmlReaderOptions = {}): XmlReader & GrowingSource {
    const r = new XmlReader("", options);
    r.#complete = false;
    return r;
  }

  /** Growing source: the text not yet dropped by `compact`. */
  get buffer(): string {
    return this.#src;
  }

  /** Growing source: the reader's position in `buffer`. */
  get offset(): number {
    return this.#pos;
  }

  /** Growing source: whether `end` was called (always true for a reader over a whole document). */
  get ended(): boolean {
    return this.#complete;
  }

  /** Growing source: appends text (CRLF handled across pieces; characters checked). */
  append(text: string): void {
    let t = this.#heldCR ? `\r${text}` : text;
    this.#heldCR = t.endsWith("\r");
    if (this.#heldCR) t = t.slice(0, -1);
    if (t.indexOf("\r") >= 0) t = t.replace(/\r\n?/g, "\n");
    const bad = firstInvalidChar(t);
    const at = this.#src.length;
    this.#src = at === 0 ? t : this.#src + t;
    if (this.#src.charCodeAt(0) === 0xfeff && this.#base === 0 && this.#docStart === 0 && this.#pos === 0) {
      this.#docStart = 1;
      this.#pos = 1;
    }
    // Cached "next occurrence" offsets may have been "none in the text so far".
    this.#nextAmp = -1;
    this.#nextCdEnd = -1;
    if (bad >= 0) this.fail("character not allowed in XML (XML 1.0 §2.2)", at + bad);
  }

  /** Growing source: no more text will come. */
  end(): void {
    if (this.#heldCR) {
      this.#heldCR = false;
      this.#src += "\n";
    }
    this.#complete = true;
  }

  /** Growing source: drops the text before the current token (earlier offsets no longer apply). */
  compact(): void {
    const cut = this.#pendingEnd || this.#pendingPop ? this.#pos : Math.min(this.#pos, this.tokenStart);
    if (cut <= 0) return;
    const { line, column } = this.position(cut);
    this.#baseLine = line;
    this.#baseColumn = column;
    this.#base += cut;
    this.#src = this.#src.slice(cut);
    this.#pos -= cut;
    this.tokenStart -= cut;
    this.#textStart -= cut;
    this.#textEnd -= cut;
    this.#docStart = -1;
    this.#nextAmp = -1;
    this.#nextCdEnd = -1;
  }

  constructor(source: string, options: XmlReaderOptions = {}) {
    this.#check = options.check;
    this.#maxDepth = options.maxDepth ?? MAX_DEPTH;
    // XML 1.0 §2.11: CRLF and lone CR become LF before parsing. Line numbers are unchanged by this.
    this.#src = source.indexOf("\r") >= 0 ? source.replace(/\r\n?/g, "\n") : source;
    this.#docStart = this.#src.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.#pos = this.#docStart;
    const bad = firstInvalidChar(this.#src);
    if (bad >= 0) this.fail("character not allowed in XML (XML 1.0 §2.2)", bad);
  }

  /** START/END: the element's prefix ("" when none); computed on demand. */
  get prefix(): string {
    const colon = this.qname.indexOf(":");
    return colon < 0 ? "" : this.qname.slice(0, colon);
  }

  /** Number of open elements (the current START counts; after END, it is the element's parent depth + 1). */
  get depth(): number {
    return this.#names.length;
  }

  /** TEXT: the character data, entities and character references expanded. */
  get text(): string {
    return this.#textValue ?? this.#src.slice(this.#textStart, this.#textEnd);
  }

  /** TEXT: whether the text is only XML whitespace (checked without copying). */
  isWhitespace(): boolean {
    if (this.#textValue !== undefined) return /^[ \t\n\r]*$/.test(this.#textValue);
    for (let i = this.#textStart; i < this.#textEnd; i++) if (!isSpace(this.#src.charCodeAt(i))) return false;
    return true;
  }

  next(): XmlToken {
    if (this.#check !== undefined && --this.#budget <= 0) this.#tick();
    if (this.#pendingPop) this.#pop();
    if (this.#pendingEnd) {
      this.#pendingEnd = false;
      this.#pendingPop = true;
      return (this.kind = END);
    }
    const src = this.#src;
    for (;;) {
      const pos = this.#pos;
      if (pos >= src.length) {
        if (!this.#complete) throw new Error("XmlReader: read past the text received so far (the driver must wait for more)");
        return this.#finish();
      }
      if (src.charCodeAt(pos) === 60 /* < */) {
        const c = src.charCodeAt(pos + 1);
        if (c === 47 /* / */) return this.#endTag(pos);
        if (c === 63 /* ? */) this.#instruction(pos);
        else if (c !== 33 /* ! */) return this.#startTag(pos);
        else if (this.#markupDeclaration(pos)) return (this.kind = TEXT);
        continue;
      }
      let lt = src.indexOf("<", pos);
      if (lt < 0) lt = src.length;
      this.tokenStart = pos;
      this.#pos = lt;
      if (this.#names.length === 0) {
        this.#outsideRoot(pos, lt);
        continue;
      }
      this.#setText(pos, lt);
      return (this.kind = TEXT);
    }
  }

  #tick(): void {
    this.#budget = CHECK_EVERY;
    this.#check?.();
  }

  /** Resolves a prefix ("" = default namespace) in the current scope; undefined when undeclared. */
  lookup(prefix: string): string | undefined {
    const stack = this.#scopes.get(prefix);
    return stack === undefined ? undefined : stack[stack.length - 1];
  }

  /** START: the namespaces the element itself declares, as [prefix, URI] ("" is the default namespace). */
  declarations(): [string, string][] {
    const out: [string, string][] = [];
    for (let i = this.#marks[this.#marks.length - 1] ?? this.#bindTop; i < this.#bindTop; i++) {
      const prefix = this.#bindPrefix[i] ?? "";
      out.push([prefix, this.lookup(prefix) ?? ""]);
    }
    return out;
  }

  /** Resolves a QName-valued text (e.g. `xsi:type`, `faultcode`) in the current scope. */
  resolveQName(value: string): { readonly ns: string; readonly local: string } | undefined {
    const q = value.trim();
    const colon = q.indexOf(":");
    const ns = this.lookup(colon < 0 ? "" : q.slice(0, colon));
    return ns === undefined ? undefined : { ns, local: q.slice(colon + 1) };
  }

  /** START: skips the element's content; the reader is left on its END. */
  skip(): void {
    const depth = this.#names.length;
    for (;;) {
      const k = this.next();
      if (k === END && this.#names.length === depth) return;
    }
  }

  /** START: the text of the element; child elements are skipped (their text is ignored). Ends on END. */
  readText(): string {
    let out = "";
    for (;;) {
      const k = this.next();
      if (k === TEXT) out += this.text;
      else if (k === START) this.skip();
      else return out;
    }
  }

  /** START: a mark to pass to `rewind` once the element has been read up to its END. */
  mark(): number {
    return this.tokenStart;
  }

  /** On the END of the element whose START gave `mark`: moves back so that `next()` returns that START again. */
  rewind(mark: number): void {
    if (this.#pendingPop) this.#pop();
    this.#pendingEnd = false;
    this.#pos = mark;
    this.#nextAmp = -1;
    this.#nextCdEnd = -1;
  }

  /** 1-based line and column (in UTF-16 code units) of an offset; computed on demand. */
  position(offset: number = this.tokenStart): { line: number; column: number } {
    let line = this.#baseLine;
    let lineStart = -1;
    for (let i = this.#src.indexOf("\n"); i >= 0 && i < offset; i = this.#src.indexOf("\n", i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return { line, column: lineStart < 0 ? this.#baseColumn + offset : offset - lineStart + 1 };
  }

  fail(reason: string, offset: number = this.tokenStart): never {
    const at = Math.min(offset, this.#src.length);
    const { line, column } = this.position(at);
    throw new XmlError(reason, at, line, column);
  }

  #finish(): XmlToken {
    const open = this.#names[this.#names.length - 1];
    if (open !== undefined) this.fail(`unexpected end of document: <${open}> is not closed`, this.#src.length);
    if (!this.#rootSeen) this.fail("no root element", this.#src.length);
    return (this.kind = EOF);
  }

  /** XML 1.0 §2.1: only whitespace (Misc) may surround the root element. */
  #outsideRoot(start: number, end: number): void {
    for (let i = start; i < end; i++) if (!isSpace(this.#src.charCodeAt(i))) this.fail("text outside the root element", i);
  }

  #setText(start: number, end: number): void {
    this.#textStart = start;
    this.#textEnd = end;
    this.#textValue = undefined;
    const src = this.#src;
    // Cached "next occurrence" offsets keep these checks linear over the whole document.
    if (this.#nextCdEnd < start) this.#nextCdEnd = indexOr(src, "]]>", start);
    if (this.#nextCdEnd < end) this.fail("']]>' is not allowed in text (XML 1.0 §2.4)", this.#nextCdEnd);
    if (this.#nextAmp < start) this.#nextAmp = indexOr(src, "&", start);
    if (this.#nextAmp < end) this.#textValue = this.#expand(start, end);
  }

  #expand(start: number, end: number): string {
    const r = decodeEntities(this.#src, start, end);
    if (typeof r === "number") this.fail("malformed or undefined entity or character reference", r);
    return r;
  }

  #startTag(pos: number): XmlToken {
    const src = this.#src;
    if (this.#names.length === 0 && this.#rootSeen) this.fail("content after the root element", pos);
    this.tokenStart = pos;
    let i = this.#scanName(pos + 1);
    const qname = src.slice(pos + 1, i);
    const c = src.charCodeAt(i);
    if (c === 62 /* > */) {
      this.#pos = i + 1;
      this.#openElement(qname, undefined, undefined);
    } else if (c === 47 /* / */ && src.charCodeAt(i + 1) === 62) {
      this.#pos = i + 2;
      this.#pendingEnd = true;
      this.#openElement(qname, undefined, undefined);
    } else {
      // Attributes (or whitespace) follow: the less common, slower path, kept apart so the hot path stays small.
      const names: string[] = [];
      const values: string[] = [];
      i = this.#attributeList(i, names, values);
      this.#pos = i;
      this.#openElement(qname, names, values);
    }
    return (this.kind = START);
  }

  /** Parses `(S Attribute)* S? ('>' | '/>')` from `i`; returns the offset after the tag. */
  #attributeList(start: number, names: string[], values: string[]): number {
    const src = this.#src;
    let i = start;
    for (;;) {
      let c = src.charCodeAt(i);
      if (c === 62 /* > */) return i + 1;
      if (c === 47 /* / */ && src.charCodeAt(i + 1) === 62) {
        this.#pendingEnd = true;
        return i + 2;
      }
      if (!isSpace(c)) this.fail(i >= src.length ? "unexpected end of document in a start tag" : "malformed start tag", i);
      while (isSpace(c)) c = src.charCodeAt(++i);
      if (c === 62 || c === 47) continue;
      const nameStart = i;
      i = this.#scanName(i);
      const name = src.slice(nameStart, i);
      while (isSpace(src.charCodeAt(i))) i++;
      if (src.charCodeAt(i) !== 61 /* = */) this.fail(`expected '=' after attribute ${name}`, i);
      do i++;
      while (isSpace(src.charCodeAt(i)));
      const q = src.charCodeAt(i);
      if (q !== 34 && q !== 39) this.fail(`attribute ${name}: value must be quoted`, i);
      const close = src.indexOf(q === 34 ? '"' : "'", i + 1);
      if (close < 0) this.fail("unexpected end of document in an attribute value", src.length);
      names.push(name);
      values.push(this.#attributeValue(i + 1, close));
      if (this.#check !== undefined && --this.#budget <= 0) this.#tick();
      i = close + 1;
    }
  }

  #attributeValue(start: number, end: number): string {
    const raw = this.#src.slice(start, end);
    const lt = raw.indexOf("<");
    if (lt >= 0) this.fail("'<' is not allowed in an attribute value", start + lt);
    const r = normalizeAttribute(raw);
    if (typeof r === "number") this.fail("malformed or undefined entity or character reference", start + r);
    return r;
  }

  #openElement(qname: string, rawNames: string[] | undefined, rawValues: string[] | undefined): void {
    if (this.#names.length >= this.#maxDepth) this.fail(`elements nested deeper than ${this.#maxDepth} levels`);
    this.#marks.push(this.#bindTop);
    let attrs = NO_ATTRS;
    if (rawNames !== undefined && rawValues !== undefined && rawNames.length > 0) {
      // Declarations first: they apply to the element's own name and attributes (Namespaces in XML §6.1).
      const seen = rawNames.length > 8 ? new Set<string>() : undefined;
      for (let k = 0; k < rawNames.length; k++) {
        const name = rawNames[k] ?? "";
        if (seen !== undefined && name.startsWith("xmlns")) {
          if (seen.has(name)) this.fail(`duplicate attribute ${name}`);
          seen.add(name);
        } else if (seen === undefined && name.startsWith("xmlns") && rawNames.indexOf(name) !== k) this.fail(`duplicate attribute ${name}`);
        this.#declare(name, rawValues[k] ?? "");
      }
      attrs = this.#resolveAttributes(rawNames, rawValues);
    }
    const colon = qname.indexOf(":");
    const prefix = colon < 0 ? "" : qname.slice(0, colon);
    const ns = this.lookup(prefix);
    if (ns === undefined) this.fail(`undeclared namespace prefix '${prefix}'`);
    this.#checkQName(qname, colon);
    this.qname = qname;
    this.local = colon < 0 ? qname : qname.slice(colon + 1);
    this.ns = ns;
    this.attributes = attrs;
    this.#names.push(qname);
    this.#locals.push(this.local);
    this.#nss.push(ns);
    this.#rootSeen = true;
  }

  #declare(name: string, value: string): void {
    let prefix: string;
    if (name === "xmlns") prefix = "";
    else if (name.startsWith("xmlns:")) prefix = name.slice(6);
    else return;
    if (prefix === "xmlns" || (prefix === "xml") !== (value === XML_NS) || value === XMLNS_NS) {
      this.fail(`illegal namespace declaration ${name}="${value}"`);
    }
    if (prefix !== "" && value === "") this.fail(`prefix '${prefix}' cannot be undeclared in XML 1.0 namespaces`);
    this.#bindPrefix[this.#bindTop] = prefix;
    this.#bindTop++;
    const stack = this.#scopes.get(prefix);
    if (stack === undefined) this.#scopes.set(prefix, [value]);
    else stack.push(value);
  }

  #resolveAttributes(rawNames: string[], rawValues: string[]): readonly XmlAttribute[] {
    const out: XmlAttribute[] = [];
    // Few attributes: a scan is cheaper than a set; many (an adversary's 100,000): the set keeps it linear.
    const seen = rawNames.length > 8 ? new Set<string>() : undefined;
    for (let k = 0; k < rawNames.length; k++) {
      const name = rawNames[k] ?? "";
      if (name === "xmlns" || name.startsWith("xmlns:")) continue;
      const colon = name.indexOf(":");
      this.#checkQName(name, colon);
      let ns = "";
      if (colon >= 0) {
        const bound = this.lookup(name.slice(0, colon));
        if (bound === undefined) this.fail(`undeclared namespace prefix '${name.slice(0, colon)}'`);
        ns = bound;
      }
      const local = colon < 0 ? name : name.slice(colon + 1);
      if (seen === undefined) {
        for (const a of out) if (a.name === local && a.ns === ns) this.fail(`duplicate attribute ${name}`);
      } else {
        const key = `${ns}\u0000${local}`;
        if (seen.has(key)) this.fail(`duplicate attribute ${name}`);
        seen.add(key);
      }
      out.push({ name: local, ns, value: rawValues[k] ?? "" });
    }
    return out.length === 0 ? NO_ATTRS : out;
  }

  #checkQName(name: string, colon: number): void {
    if (colon === 0 || colon === name.length - 1 || (colon > 0 && name.indexOf(":", colon + 1) >= 0)) {
      this.fail(`invalid qualified name '${name}'`);
    }
  }

  #endTag(pos: number): XmlToken {
    const src = this.#src;
    const open = this.#names[this.#names.length - 1];
    this.tokenStart = pos;
    let i = pos + 2;
    if (open === undefined || !src.startsWith(open, i) || this.#isNameChar(i + open.length)) {
      const found = src.slice(i, this.#scanName(i));
      this.fail(open === undefined ? `unexpected end tag </${found}>` : `mismatched end tag: expected </${open}>, found </${found}>`);
    }
    i += open.length;
    while (isSpace(src.charCodeAt(i))) i++;
    if (src.charCodeAt(i) !== 62) this.fail(i >= src.length ? "unexpected end of document in an end tag" : "malformed end tag", i);
    this.#pos = i + 1;
    this.#pendingPop = true;
    this.qname = open;
    this.local = this.#locals[this.#locals.length - 1] ?? "";
    this.ns = this.#nss[this.#nss.length - 1] ?? "";
    this.attributes = NO_ATTRS;
    return (this.kind = END);
  }

  /** Pops the element whose END was the last token; its namespace scope lasted until now (for QName values). */
  #pop(): void {
    this.#pendingPop = false;
    this.#names.pop();
    this.#locals.pop();
    this.#nss.pop();
    const mark = this.#marks.pop() ?? 3;
    for (let i = this.#bindTop - 1; i >= mark; i--) this.#scopes.get(this.#bindPrefix[i] ?? "")?.pop();
    this.#bindTop = mark;
  }

  /** `<!`: comment (skipped, returns false), CDATA (a TEXT token, returns true); DOCTYPE is refused. */
  #markupDeclaration(pos: number): boolean {
    const src = this.#src;
    if (src.startsWith("<!--", pos)) {
      const end = src.indexOf("-->", pos + 4);
      if (end < 0) this.fail("unexpected end of document in a comment", src.length);
      if (src.indexOf("--", pos + 4) < end) this.fail("'--' is not allowed inside a comment (XML 1.0 §2.5)", pos);
      this.#pos = end + 3;
      return false;
    }
    if (src.startsWith("<![CDATA[", pos)) {
      if (this.#names.length === 0) this.fail("CDATA section outside the root element", pos);
      const end = src.indexOf("]]>", pos + 9);
      if (end < 0) this.fail("unexpected end of document in a CDATA section", src.length);
      this.tokenStart = pos;
      this.#textStart = pos + 9;
      this.#textEnd = end;
      this.#textValue = undefined;
      this.#pos = end + 3;
      return true;
    }
    if (src.startsWith("<!DOCTYPE", pos)) this.fail("DOCTYPE is not allowed (no DTDs, no entity declarations)", pos);
    return this.fail("malformed markup declaration", pos);
  }

  /** `<?`: processing instructions are skipped; the XML declaration is only allowed at the very start. */
  #instruction(pos: number): void {
    const src = this.#src;
    const end = src.indexOf("?>", pos + 2);
    if (end < 0) this.fail("unexpected end of document in a processing instruction", src.length);
    const targetEnd = this.#scanName(pos + 2);
    const target = src.slice(pos + 2, targetEnd);
    if (target.toLowerCase() === "xml") {
      if (pos !== this.#docStart) this.fail("XML declaration is only allowed at the start of the document", pos);
      // XML 1.0 §2.8 XMLDecl: version, then optional encoding and standalone.
      const decl = src.slice(pos, end + 2);
      if (!/^<\?xml\s+version\s*=\s*(["'])1\.\d+\1(\s+encoding\s*=\s*(["'])[A-Za-z][\w.-]*\3)?(\s+standalone\s*=\s*(["'])(yes|no)\5)?\s*\?>$/.test(decl)) {
        this.fail("malformed XML declaration", pos);
      }
    } else if (targetEnd < end && !isSpace(src.charCodeAt(targetEnd))) {
      this.fail("malformed processing instruction", targetEnd);
    }
    this.#pos = end + 2;
  }

  #isNameChar(i: number): boolean {
    if (i >= this.#src.length) return false;
    const c = this.#src.charCodeAt(i);
    return c < 128 ? NAME_CHAR[c] === 1 : true;
  }

  /** Returns the offset just past the name starting at `start`; fails when no valid name starts there. */
  #scanName(start: number): number {
    // A sticky regular expression runs as native code, which matters before the JIT has warmed up.
    NAME.lastIndex = start;
    if (!NAME.test(this.#src)) this.fail(start >= this.#src.length ? "unexpected end of document" : "invalid name", start);
    return NAME.lastIndex;
  }
}

function indexOr(src: string, needle: string, from: number): number {
  const i = src.indexOf(needle, from);
  return i < 0 ? Infinity : i;
}

/**
 * Reads the current element (the reader is on its START) with all its content into an `XmlElement`.
 * Iterative, so deep nesting cannot overflow the call stack. Whitespace-only text is kept.
 */
export function readElement(r: XmlReader): XmlElement {
  const root = snapshot(r);
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
      const child = snapshot(r);
      top.children.push(child);
      stack.push(child);
    } else {
      stack.pop();
    }
  }
  return root;
}

const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

function snapshot(r: XmlReader): { name: string; ns: string; attributes: XmlAttribute[]; children: (XmlElement | string)[] } {
  const attributes: XmlAttribute[] = [];
  for (const a of r.attributes) {
    if (a.ns === XSI_NS && a.name === "type") {
      const q = r.resolveQName(a.value);
      attributes.push(q === undefined ? a : { name: a.name, ns: a.ns, value: `{${q.ns}}${q.local}` });
    } else attributes.push(a);
  }
  return { name: r.local, ns: r.ns, attributes, children: [] };
}
