// The wsdlc runtime, copied into the output by the generator. DO NOT EDIT.
/**
 * Response bodies as bytes → the envelope's text plus attachments.
 *
 * A `multipart/related` body (RFC 2387) is an MTOM/XOP package (W3C SOAP MTOM; XOP 1.0 §4.1: `type` =
 * "application/xop+xml", `start-info` = the envelope's media type) or a SOAP with Attachments message (W3C Note
 * 2000: `type` = "text/xml"). It is split into its MIME parts (RFC 2046 §5.1.1, CRLF or bare-LF line breaks), each
 * part's Content-Transfer-Encoding is undone (RFC 2045 §6: 7bit/8bit/binary, base64, quoted-printable), the root
 * part (the `start` parameter's Content-ID, else the first part) is decoded as text with its own charset, and the
 * other parts are kept as bytes, found by Content-ID (RFC 2392: `cid:` URLs are percent-encoded, Content-ID
 * headers are `<id>`). Any other body is decoded whole with the Content-Type charset, as text.
 *
 * `type` and `start-info` are not enforced: the root part is read as the envelope whatever they say.
 * Text is decoded strictly in its declared encoding (see charset.ts): invalid bytes are a CharsetError.
 */
import { charsetParam, decodeText, parseMediaType } from "./charset.js";
import type { TypeRef, TypeTable } from "./descriptors.js";
import type { MultipartFeature } from "./features.js";
import type { ValueReader } from "./reader.js";
import { lookupType } from "./schema.js";
import { primitiveOf } from "./values.js";
import { START, TEXT, type XmlReader } from "./xml.js";

// Moved to charset.ts (charsetParam reads parameters with it); still exported from here.
export { parseMediaType, type MediaType } from "./charset.js";

/** A MIME part of a multipart/related response other than the root part: an MTOM/XOP or SwA attachment. */
export interface ResponseAttachment {
  /** The Content-ID without its angle brackets ("" when the part has none). */
  readonly id: string;
  /** The part's Content-Type ("" when it has none). */
  readonly contentType: string;
  /** Every header of the part, names lower-cased (the first of repeated headers). */
  readonly headers: Readonly<Record<string, string>>;
  /** The content, with its Content-Transfer-Encoding undone. */
  readonly bytes: Uint8Array;
}

/** A response body as the client reads it. */
export interface UnpackedBody {
  /** The root part's text for multipart/related, else the whole body's. */
  readonly text: string;
  /** The other parts, in order; undefined when the body is not multipart/related. */
  readonly attachments: readonly ResponseAttachment[] | undefined;
}

/** A multipart/related body that cannot be split (the message says why, without content). */
export class MultipartError extends Error {
  override name = "MultipartError";
}

export const XOP_NS = "http://www.w3.org/2004/08/xop/include";

/**
 * The feature generated clients whose responses may carry attachments name in their descriptor
 * (`features.multipart`), or that ClientOptions.features adds.
 */
export const multipart: MultipartFeature = {
  unpack(body, contentType) {
    try {
      return unpackBody(body, contentType);
    } catch (e) {
      if (!(e instanceof MultipartError)) throw e;
      return { malformed: `malformed multipart/related body: ${e.message}` };
    }
  },
  index: (attachments) => new AttachmentIndex(attachments),
  binaryBase,
  binary,
  isInclude,
  include: includeHref,
  content(v, include, text) {
    const ref = reference(v, include, undefined, text);
    return ref === undefined ? undefined : attachment(v, ref);
  },
};

/** base64Binary or hexBinary when `type` is one of them or a restriction of one (through simple descriptors). */
export function binaryBase(types: TypeTable, type: TypeRef): "base64Binary" | "hexBinary" | undefined {
  let t = type;
  for (let i = 0; i < 32; i++) {
    const prim = primitiveOf(t);
    if (prim !== undefined) return prim === "base64Binary" || prim === "hexBinary" ? prim : undefined;
    const d = lookupType(types, t);
    if (d?.kind !== "simple") return undefined;
    t = d.base;
  }
  return undefined;
}

function isInclude(r: XmlReader): boolean {
  return r.local === "Include" && r.ns === XOP_NS;
}

function isBlankText(s: string): boolean {
  return /^[ \t\n\r]*$/.test(s);
}

const CID = /^[ \t\n\r]*cid:/i;

/**
 * base64Binary/hexBinary content (the reader is on its START; ends on its END): the lexical form, or a
 * reference to an attachment of a multipart response:
 * - MTOM/XOP (XOP 1.0 §3.2): the content is `<xop:Include href="cid:…"/>`;
 * - SwA (SOAP Messages with Attachments §4): an empty element with an unqualified `href="cid:…"`;
 * - the text `cid:…` (WS-I swaRef style; base64 and hex text never contain ':').
 */
function binary(v: ValueReader, prim: "base64Binary" | "hexBinary"): unknown {
  const r = v.r;
  const href = r.attributes.find((a) => a.name === "href" && a.ns === "")?.value;
  let text = "";
  let include: string | undefined;
  for (;;) {
    const k = r.next();
    if (k === TEXT) text += r.text;
    else if (k === START) {
      if (include === undefined && isInclude(r)) include = includeHref(v);
      else {
        if (v.strict) throw v.error(`unexpected element <${r.qname}> in simple content`);
        r.skip();
      }
    } else break;
  }
  const ref = reference(v, include, href, text);
  return ref === undefined ? v.primitive(prim, text) : attachment(v, ref);
}

/** The attachment a binary value refers to, if it refers to one. */
function reference(v: ValueReader, include: string | undefined, href: string | undefined, text: string): string | undefined {
  if (include !== undefined) {
    if (!isBlankText(text)) throw v.error("character content beside xop:Include", v.elementStart);
    return include;
  }
  if (href !== undefined && CID.test(href) && isBlankText(text)) return href;
  return CID.test(text) ? text.trim() : undefined;
}

/** On the START of an xop:Include: its href; the reader ends on its END (children are ignored, XOP §3.2). */
function includeHref(v: ValueReader): string {
  const r = v.r;
  const href = r.attributes.find((a) => a.name === "href" && a.ns === "")?.value;
  if (href === undefined) throw v.error("xop:Include without an href attribute");
  r.skip();
  return href;
}

/** The bytes of the attachment a `cid:` URL names (RFC 2392). */
function attachment(v: ValueReader, ref: string): Uint8Array {
  const url = ref.trim();
  if (!CID.test(url)) throw v.error(`the attachment reference ${JSON.stringify(url)} is not a cid: URL`, v.elementStart);
  const all = v.ctx.attachments;
  const bytes = all?.get(url);
  if (bytes !== undefined) return bytes;
  const why = all === undefined ? "the response has no attachments (it is not multipart/related)" : `no attachment has Content-ID <${all.id(url)}>`;
  throw v.error(`attachment ${url} not found: ${why}`, v.elementStart);
}

/**
 * The body's text (and attachments, for multipart/related). Throws MultipartError for a malformed package.
 * A body labelled otherwise that starts with a MIME boundary line is read as multipart/related too: some
 * servers send an MTOM package as `text/xml` (the envelope is then its first part).
 */
export function unpackBody(body: Uint8Array, contentType: string): UnpackedBody {
  const media = parseMediaType(contentType);
  const sniffed = media.type === "multipart/related" ? undefined : sniffBoundary(body);
  if (media.type !== "multipart/related" && sniffed === undefined) return { text: decodeText(body, charsetParam(contentType)), attachments: undefined };
  const boundary = sniffed ?? media.params.get("boundary");
  if (boundary === undefined || boundary === "") throw new MultipartError("multipart/related without a boundary parameter");
  const parts = splitParts(body, boundary).map((raw, i) => parsePart(raw, i + 1));
  const start = media.params.get("start");
  let root = 0;
  if (start !== undefined && start.trim() !== "") {
    const ids = new AttachmentIndex(parts.map((p, i) => [p.id, i] as const));
    const found = ids.get(start);
    if (found === undefined) throw new MultipartError(`no part has the Content-ID of the start parameter (${JSON.stringify(start)})`);
    root = found;
  }
  const rootPart = parts[root];
  if (rootPart === undefined) throw new MultipartError("the multipart/related body has no parts");
  const charset = parseMediaType(rootPart.contentType).params.get("charset") ?? media.params.get("charset");
  const text = decodeText(rootPart.bytes, charset);
  return { text, attachments: parts.filter((_p, i) => i !== root) };
}

/**
 * Content-IDs as keys: a `cid:` URL, `<id>` or a bare id all name the same part. A reference is tried
 * percent-decoded first (RFC 2392), then as written, against ids both as written and percent-decoded — services
 * disagree about which side carries the encoding.
 */
export class AttachmentIndex<T> {
  private readonly byId = new Map<string, T>();

  constructor(entries: Iterable<readonly [string, T]>) {
    const decoded: (readonly [string, T])[] = [];
    for (const [key, value] of entries) {
      const id = stripId(key);
      if (id === "") continue;
      if (!this.byId.has(id)) this.byId.set(id, value);
      decoded.push([percentDecode(id), value]);
    }
    for (const [id, value] of decoded) if (!this.byId.has(id)) this.byId.set(id, value);
  }

  /** The Content-ID a reference names. */
  id(ref: string): string {
    return stripId(ref);
  }

  /** The entry for a `cid:` URL, `<id>` or id. */
  get(ref: string): T | undefined {
    const id = stripId(ref);
    return this.byId.get(percentDecode(id)) ?? this.byId.get(id);
  }
}

/** `cid:x`, `<x>`, ` x ` → `x` (no percent-decoding). */
export function stripId(ref: string): string {
  let s = ref.trim();
  if (/^cid:/i.test(s)) s = s.slice(4).trim();
  if (s.startsWith("<") && s.endsWith(">")) s = s.slice(1, -1).trim();
  return s;
}

function percentDecode(s: string): string {
  if (s.indexOf("%") < 0) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/%([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
}

/** The attachments keyed by Content-ID (parts without one are left out; the first of a repeated id wins). */
export function attachmentMap(list: readonly ResponseAttachment[]): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const a of list) if (a.id !== "" && !out.has(a.id)) out.set(a.id, a.bytes);
  return out;
}

const CR = 13;
const LF = 10;
const DASH = 45;

function isBlank(c: number | undefined): boolean {
  return c === 32 || c === 9;
}

function ascii(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** Index of `needle` in `hay` at or after `from`, or -1. */
function indexOfBytes(hay: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0] ?? 0;
  const last = hay.length - needle.length;
  for (let i = hay.indexOf(first, from); i >= 0 && i <= last; i = hay.indexOf(first, i + 1)) {
    let k = 1;
    while (k < needle.length && hay[i + k] === needle[k]) k++;
    if (k === needle.length) return i;
  }
  return -1;
}

interface Delimiter {
  /** Where the content before it ends (its line break belongs to the delimiter). */
  readonly contentEnd: number;
  /** Where the next part starts. */
  readonly next: number;
  readonly close: boolean;
}

/**
 * The next delimiter line (RFC 2046 §5.1.1: `--boundary` at the start of a line, then `--` for the close
 * delimiter, or transport padding (spaces, tabs) and the line break). A line that merely starts with the
 * delimiter and goes on with other characters is content.
 */
function findDelimiter(body: Uint8Array, dash: Uint8Array, from: number): Delimiter | undefined {
  for (let i = indexOfBytes(body, dash, from); i >= 0; i = indexOfBytes(body, dash, i + 1)) {
    if (i > 0 && body[i - 1] !== LF) continue;
    // The line break before the delimiter belongs to it: CRLF, or a bare LF (so content sent with bare-LF line
    // breaks that ends in a CR loses that CR; RFC 2046 senders use CRLF).
    let contentEnd = i === 0 ? 0 : i - 1;
    if (contentEnd > from && body[contentEnd - 1] === CR) contentEnd--;
    contentEnd = Math.max(contentEnd, from);
    let j = i + dash.length;
    if (body[j] === DASH && body[j + 1] === DASH) return { contentEnd, next: body.length, close: true };
    while (isBlank(body[j])) j++;
    if (body[j] === CR && body[j + 1] === LF) return { contentEnd, next: j + 2, close: false };
    if (body[j] === LF) return { contentEnd, next: j + 1, close: false };
    if (j >= body.length) return undefined;
  }
  return undefined;
}

/**
 * The boundary of a body that starts (after blank lines) with a delimiter line `--<boundary>` whose boundary
 * is a valid one (RFC 2046 §5.1.1: 1–70 of its characters, not ending in a space) and is followed by a part
 * header line; undefined otherwise. XML never starts with `--`.
 */
function sniffBoundary(body: Uint8Array): string | undefined {
  let i = 0;
  while (i < body.length && (body[i] === CR || body[i] === LF || isBlank(body[i]))) i++;
  if (body[i] !== DASH || body[i + 1] !== DASH) return undefined;
  const lf = body.indexOf(LF, i);
  if (lf < 0) return undefined;
  const line = new TextDecoder("utf-8").decode(body.subarray(i + 2, lf)).replace(/[ \t\r]+$/, "");
  if (!/^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/.test(line)) return undefined;
  const next = new TextDecoder("utf-8").decode(body.subarray(lf + 1, Math.min(body.length, lf + 200)));
  return /^[A-Za-z][A-Za-z0-9-]*:/.test(next) ? line : undefined;
}

function splitParts(body: Uint8Array, boundary: string): Uint8Array[] {
  const dash = ascii(`--${boundary}`);
  let at = findDelimiter(body, dash, 0);
  if (at === undefined) throw new MultipartError(`the body has no boundary line "--${boundary}"`);
  const parts: Uint8Array[] = [];
  while (!at.close) {
    const next: Delimiter | undefined = findDelimiter(body, dash, at.next);
    if (next === undefined) throw new MultipartError(`the body is truncated: no closing boundary "--${boundary}--" after part ${parts.length + 1}`);
    parts.push(body.subarray(at.next, next.contentEnd));
    at = next;
  }
  return parts;
}

/** Header lines longer than this in total mean the blank line after the headers is missing. */
const MAX_HEADER_BYTES = 65536;

function parsePart(raw: Uint8Array, n: number): ResponseAttachment {
  const lines: string[] = [];
  const text = new TextDecoder("utf-8");
  let pos = 0;
  let bodyStart = -1;
  while (pos < raw.length && pos <= MAX_HEADER_BYTES) {
    const lf = raw.indexOf(LF, pos);
    if (lf < 0) break;
    const end = lf > pos && raw[lf - 1] === CR ? lf - 1 : lf;
    if (end === pos) {
      bodyStart = lf + 1;
      break;
    }
    const line = text.decode(raw.subarray(pos, end));
    // RFC 5322 §2.2.3: a line starting with white space continues the previous header (unfolding).
    const prev = lines.length - 1;
    if (isBlank(raw[pos]) && prev >= 0) lines[prev] += line;
    else lines.push(line);
    pos = lf + 1;
  }
  if (bodyStart < 0) {
    if (raw.length === 0) bodyStart = 0;
    else throw new MultipartError(`part ${n} has no blank line after its headers`);
  }
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new MultipartError(`part ${n} has a malformed header line`);
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!Object.hasOwn(headers, name)) Object.defineProperty(headers, name, { value: line.slice(colon + 1).trim(), enumerable: true, writable: true, configurable: true });
  }
  const encoding = (headers["content-transfer-encoding"] ?? "").trim().toLowerCase();
  const content = raw.subarray(Math.min(bodyStart, raw.length));
  let bytes: Uint8Array;
  if (encoding === "" || encoding === "binary" || encoding === "8bit" || encoding === "7bit") bytes = content.slice();
  else if (encoding === "base64") bytes = base64Bytes(content);
  else if (encoding === "quoted-printable") bytes = quotedPrintableBytes(content);
  else throw new MultipartError(`part ${n} has an unsupported Content-Transfer-Encoding ${JSON.stringify(encoding)}`);
  return { id: stripId(headers["content-id"] ?? ""), contentType: headers["content-type"] ?? "", headers, bytes };
}

// Built by a call marked pure, so that a bundle that does not use multipart.ts leaves it out.
const B64 = /* @__PURE__ */ base64Table();

function base64Table(): Int8Array {
  const table = new Int8Array(256).fill(-1);
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".split("").forEach((c, i) => {
    table[c.charCodeAt(0)] = i;
  });
  return table;
}

/**
 * RFC 2045 §6.8: characters outside the alphabet (line breaks) are ignored; `=` ends the data. A final group
 * of fewer than four characters yields the bytes it holds whole.
 */
function base64Bytes(src: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil((src.length * 3) / 4));
  let n = 0;
  let acc = 0;
  let bits = 0;
  for (const c of src) {
    if (c === 61 /* = */) break;
    const v = B64[c] ?? -1;
    if (v < 0) continue;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.slice(0, n);
}

function hexValue(c: number | undefined): number {
  if (c === undefined) return -1;
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** Index just past a line break at `i` (CRLF or LF), or -1 when there is none. */
function lineBreakEnd(src: Uint8Array, i: number): number {
  if (src[i] === CR && src[i + 1] === LF) return i + 2;
  if (src[i] === LF) return i + 1;
  return -1;
}

/**
 * RFC 2045 §6.7: `=XX` is a byte, `=` before a line break is a soft line break (removed), white space before a
 * line break was added in transport (removed). Hard line breaks are kept as sent. A malformed `=` is kept as is.
 */
function quotedPrintableBytes(src: Uint8Array): Uint8Array {
  const out = new Uint8Array(src.length);
  let n = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i] ?? 0;
    if (c === 61 /* = */) {
      let j = i + 1;
      while (isBlank(src[j])) j++;
      const br = j >= src.length ? j : lineBreakEnd(src, j);
      if (br >= 0) {
        i = br - 1;
        continue;
      }
      const hi = hexValue(src[i + 1]);
      const lo = hexValue(src[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out[n++] = hi * 16 + lo;
        i += 2;
      } else out[n++] = c;
    } else if (isBlank(c)) {
      let j = i;
      while (isBlank(src[j])) j++;
      if (j < src.length && lineBreakEnd(src, j) < 0) for (let k = i; k < j; k++) out[n++] = src[k] ?? 0;
      i = j - 1;
    } else out[n++] = c;
  }
  return out.slice(0, n);
}
