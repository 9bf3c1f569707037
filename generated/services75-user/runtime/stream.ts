// The wsdlc runtime, copied into the output by the generator. DO NOT EDIT.
/**
 * Streaming a response's repeated element: the items of an operation whose unwrapped result is a list (an
 * array type, or a repeated element) are decoded one at a time as the body arrives, so memory does not grow
 * with the response (see `SoapClient.$stream` and the generated `…Stream` methods).
 *
 * One XmlReader reads the whole document as it arrives (`XmlReader.growing`): every check of a buffered decode
 * applies (well-formedness, namespaces, characters, the envelope's structure, strict matching), the SOAP
 * headers are decoded first and the FailureRule is applied before the first item, a Fault is a SoapFaultError,
 * and the call's timeout and abort keep applying while items are read. The reader is only asked for tokens
 * that are complete in the text received so far: `unitEnd` finds where the next token (or the next whole
 * element, for one decoded at once) ends, and more is read until it is there. Text already read is dropped.
 */
import type { ClientDescriptor, FieldDescriptor, OperationDescriptor, StructDescriptor } from "./descriptors.js";
import { DecodeError, TransportError } from "./errors.js";
import type { StreamFeature } from "./features.js";
import { bomEncoding, charsetParam, declaredEncoding } from "./charset.js";
import { readFault } from "./fault.js";
import { readHeaders } from "./decode.js";
import type { Redactor } from "./redact.js";
import { ValueReader } from "./reader.js";
import { isRepeated, lookupType, matchPlan, minOf, planOf, propOf, SOAP11_ENV, SOAP12_ENV, structInfo, XSI_NS } from "./schema.js";
import { guarded, type HttpRequest, type RawResponse } from "./transport.js";
import { collapse } from "./values.js";
import { END, EOF, START, TEXT, XmlError, XmlReader, type GrowingSource } from "./xml.js";

/** The item type of a list-valued operation result (`(T | null)[] | null | undefined` → `T | null`). */
export type StreamItem<T> = NonNullable<T> extends readonly (infer I)[] ? I : never;

/** Where the items of an operation's response are: the response element, the field holding them, an item. */
export interface StreamPath {
  readonly body: FieldDescriptor;
  readonly struct: StructDescriptor;
  readonly holder: FieldDescriptor;
  readonly item: FieldDescriptor;
  /** The holder is an array type whose elements are the items (else the holder's occurrences are). */
  readonly wrapped: boolean;
}

/** The stream path of an operation, or undefined when its result is not a list that can be streamed. */
export function streamPath(d: ClientDescriptor, op: OperationDescriptor): StreamPath | undefined {
  const out = op.output;
  const b = out?.body;
  if (out === undefined || b?.kind !== "element" || out.unwrap === undefined || out.void === true) return undefined;
  const struct = lookupType(d.types, b.field.type);
  if (struct?.kind !== "struct") return undefined;
  const holder = structInfo(d.types, struct).fields.find((f) => propOf(f) === out.unwrap);
  if (holder === undefined || holder.wildcard === true || holder.alternatives !== undefined || (holder.substitutes?.length ?? 0) > 0) return undefined;
  if (isRepeated(holder)) return { body: b.field, struct, holder, item: holder, wrapped: false };
  const array = lookupType(d.types, holder.type);
  if (array?.kind !== "array" || array.encoded === true || array.item.alternatives !== undefined || (array.item.substitutes?.length ?? 0) > 0) return undefined;
  return { body: b.field, struct, holder, item: array.item, wrapped: true };
}

/**
 * Streamed list results as a runtime feature (features.ts): generated clients with a `<method>Stream` method
 * name it in their descriptor's `features`, so a client without one bundles none of this module.
 */
export const streaming: StreamFeature = {
  path: streamPath,
  items: (raw, req, d, op, path, options) => new ResponseStream(raw, req, d, op, path, options).items(),
};

export interface StreamOptions {
  readonly strict: boolean;
  readonly status: number;
  readonly contentType: string;
  readonly redactor: Redactor;
  /** The call's deadline check (throws its TransportError). */
  readonly check: () => void;
  /** Called with the decoded SOAP headers before the first item; throws to fail the call (FailureRule). */
  readonly onHeaders: (headers: Record<string, unknown>) => void;
  /** As the buffered call: departures from the types go here instead of being thrown (ClientOptions.onDecodeWarning). */
  readonly onDecodeWarning?: ((e: DecodeError) => void) | undefined;
}

/** Text from the text received so far is dropped once this much has been read. */
const COMPACT_AT = 65_536; // 64 KiB (a literal: a bundler drops it with the module when unused)

/** Decodes the items of a 2xx, single-part response as its body arrives. */
export class ResponseStream {
  readonly #raw: RawResponse;
  readonly #req: HttpRequest;
  readonly #op: OperationDescriptor;
  readonly #path: StreamPath;
  readonly #opts: StreamOptions;
  readonly #r: XmlReader & GrowingSource;
  readonly #v: ValueReader;
  #decoder: TextDecoder | undefined;
  #bytes = 0;
  #headersDone = false;
  readonly #headers: Record<string, unknown> = {};

  constructor(raw: RawResponse, req: HttpRequest, client: ClientDescriptor, op: OperationDescriptor, path: StreamPath, opts: StreamOptions) {
    this.#raw = raw;
    this.#req = req;
    this.#op = op;
    this.#path = path;
    this.#opts = opts;
    this.#r = XmlReader.growing({ check: opts.check });
    this.#v = new ValueReader(this.#r, {
      types: client.types,
      strict: opts.strict,
      operation: op.name,
      redactor: opts.redactor,
      multipart: client.features?.multipart,
      encoded: op.encoded === true,
      onMismatch: opts.onDecodeWarning,
    });
  }

  async *items(): AsyncGenerator<unknown, void, undefined> {
    try {
      yield* this.#envelope();
    } catch (e) {
      if (e instanceof XmlError) throw this.#v.syntax(e);
      throw e;
    }
  }

  // ---- reading ----

  /** Reads one more chunk of the body into the reader; false at the end. */
  async #more(): Promise<boolean> {
    const r = this.#r;
    if (r.ended) return false;
    const chunk = await guarded(this.#req, () => this.#raw.read());
    if (chunk === undefined) {
      r.append(this.#decode(new Uint8Array(0), false));
      r.end();
      this.#raw.done();
      return false;
    }
    this.#bytes += chunk.byteLength;
    if (this.#bytes > this.#req.maxResponseBytes) {
      this.#raw.cancel();
      throw tooLarge(this.#req);
    }
    r.append(this.#decode(chunk, true));
    return true;
  }

  #decode(bytes: Uint8Array, stream: boolean): string {
    if (this.#decoder === undefined) {
      const label = bomEncoding(bytes) ?? charsetParam(this.#opts.contentType) ?? declaredEncoding(bytes) ?? "utf-8";
      try {
        this.#decoder = new TextDecoder(label, { fatal: true });
      } catch {
        throw this.#undecodable(`unsupported character encoding ${JSON.stringify(label.slice(0, 40))}`);
      }
    }
    try {
      return this.#decoder.decode(bytes, { stream });
    } catch {
      throw this.#undecodable(`the body is not valid ${this.#decoder.encoding} (invalid byte sequence)`);
    }
  }

  #undecodable(reason: string): DecodeError {
    const message = this.#opts.redactor.text(`${this.#op.name}: cannot decode the response: ${reason}`);
    return new DecodeError(message, { operation: this.#op.name, path: "", line: 0, column: 0 });
  }

  /**
   * Waits until the next unit is complete in the text received: the next token (`whole` false), or the whole
   * element whose start tag is the current token (`whole` true). Reads at least double what is pending
   * before looking again, so a huge unit costs linear time.
   */
  async #ensure(whole: boolean, inRoot = true): Promise<void> {
    const r = this.#r;
    for (;;) {
      const from = whole ? r.tokenStart : r.offset;
      if (unitEnd(r.buffer, from, whole, inRoot) >= 0) return;
      const pending = r.buffer.length - from;
      let more = true;
      while (more && r.buffer.length - from < 2 * pending + 1) more = await this.#more();
      if (!more) return; // the end: the reader reports whatever is missing
    }
  }

  /** Whether the next unit (see #ensure) is already complete: no need to wait. */
  #ready(whole: boolean): boolean {
    const r = this.#r;
    return unitEnd(r.buffer, whole ? r.tokenStart : r.offset, whole) >= 0;
  }

  async #next(): Promise<number> {
    await this.#ensure(false);
    return this.#r.next();
  }

  /** The current START's whole element is here (to decode it at once, or skip it). */
  async #element(): Promise<void> {
    await this.#ensure(true);
  }

  #compact(): void {
    if (this.#r.offset >= COMPACT_AT) this.#r.compact();
  }

  // ---- the document ----

  async *#envelope(): AsyncGenerator<unknown, void, undefined> {
    const r = this.#r;
    const v = this.#v;
    await this.#ensure(false, false);
    r.next();
    if (r.local !== "Envelope" || !isEnvelopeNs(r.ns)) throw v.error(`not a SOAP envelope (the root element is <${r.qname}>)`);
    v.enter("Envelope");
    let sawBody = false;
    for (let k = await this.#next(); k !== END; k = await this.#next()) {
      if (k !== START) continue;
      const name: string = r.local;
      if (name === "Header" && isEnvelopeNs(r.ns)) {
        await this.#element();
        v.enter("Header");
        readHeaders(v, this.#op.output?.headers ?? [], this.#headers);
        v.leave();
      } else if (name === "Body" && isEnvelopeNs(r.ns) && !sawBody) {
        sawBody = true;
        v.enter("Body");
        yield* this.#body();
        v.leave();
      } else {
        await this.#element();
        r.skip();
      }
    }
    v.leave();
    // Reading on to the end makes truncation or trailing garbage an error rather than a silent success.
    while (await this.#more());
    if (r.next() !== EOF) throw v.error("content after the envelope");
    if (!sawBody) throw v.error("the envelope has no Body");
    this.#headersChecked();
  }

  /** The FailureRule, once the headers are known and the Body is not a Fault. */
  #headersChecked(): void {
    if (this.#headersDone) return;
    this.#headersDone = true;
    this.#opts.onHeaders(this.#headers);
  }

  async *#body(): AsyncGenerator<unknown, void, undefined> {
    const r = this.#r;
    const v = this.#v;
    const field = this.#path.body;
    let first = true;
    let found = false;
    for (let k = await this.#next(); k !== END; k = await this.#next()) {
      if (k === TEXT) continue;
      if (first && r.local === "Fault" && isEnvelopeNs(r.ns)) {
        await this.#element();
        throw readFault(v, this.#op, r.ns, this.#opts.status);
      }
      first = false;
      this.#headersChecked();
      if (!found && r.local === field.name && (r.ns === (field.ns ?? "") || !v.strict)) {
        found = true;
        yield* this.#response();
      } else if (v.strict) throw v.error(`unexpected element <${r.qname}> in the Body`);
      else {
        await this.#element();
        r.skip();
      }
    }
    this.#headersChecked();
    if (!found && minOf(field) >= 1) throw v.error(`the Body has no <${field.name}> element`);
  }

  /** The response element: its fields are read (and dropped) but the holder's items are yielded. */
  async *#response(): AsyncGenerator<unknown, void, undefined> {
    const r = this.#r;
    const v = this.#v;
    const path = this.#path;
    v.enter(path.body.name);
    if (isNil(r)) {
      await this.#element();
      r.skip();
      v.leave();
      return;
    }
    const info = structInfo(v.ctx.types, path.struct);
    let n = 0;
    for (let k = await this.#next(); k !== END; k = await this.#next()) {
      if (k === TEXT) {
        if (v.strict && !r.isWhitespace()) throw v.error("unexpected text in element-only content");
        continue;
      }
      const p = matchPlan(info.plans, r.ns, r.local, v.strict) ?? info.wildcardPlan;
      if (p !== undefined && p.f === path.holder) {
        if (path.wrapped) yield* this.#array();
        else {
          await this.#element();
          yield v.planned(p, ++n);
          this.#compact();
        }
      } else if (p !== undefined) {
        await this.#element();
        v.planned(p);
      } else if (v.strict) throw v.error(`unexpected element <${r.qname}>`);
      else {
        await this.#element();
        r.skip();
      }
    }
    v.leave();
  }

  /** The holder's array element: each item decoded and yielded as soon as it is complete. */
  async *#array(): AsyncGenerator<unknown, void, undefined> {
    const r = this.#r;
    const v = this.#v;
    const { holder, item } = this.#path;
    const secret = v.ctx.redactor.policy.isSecretField(holder);
    v.enter(holder.name, 0, secret);
    if (isNil(r)) {
      await this.#element();
      r.skip();
      v.leave();
      return;
    }
    const plan = planOf(item);
    const ns = item.ns ?? "";
    let n = 0;
    // Awaited only when the text received so far does not hold the next unit (most items are already here).
    for (;;) {
      if (!this.#ready(false)) await this.#ensure(false);
      const k = r.next();
      if (k === END) break;
      if (k === TEXT) {
        if (v.strict && !r.isWhitespace()) throw v.error("unexpected text in an array");
        continue;
      }
      if (!this.#ready(true)) await this.#ensure(true);
      if (r.local === item.name && (r.ns === ns || !v.strict)) {
        const value = v.planned(plan, ++n, secret);
        yield value;
        this.#compact();
      } else if (v.strict) throw v.error(`unexpected element <${r.qname}> in an array of ${item.name}`);
      else r.skip();
    }
    v.leave();
  }
}

function isEnvelopeNs(ns: string): boolean {
  return ns === SOAP11_ENV || ns === SOAP12_ENV;
}

function isNil(r: XmlReader): boolean {
  return r.attributes.some((a) => a.ns === XSI_NS && a.name === "nil" && (collapse(a.value) === "true" || collapse(a.value) === "1"));
}

function tooLarge(req: HttpRequest): TransportError {
  return new TransportError(`${req.operation}: the response from ${req.label} is larger than maxResponseBytes (${req.maxResponseBytes} bytes)`, {
    operation: req.operation,
    kind: "too-large",
  });
}

/** Offset just past the tag starting at `lt` ('>' outside quoted attribute values), or -1. */
function tagEnd(src: string, lt: number): number {
  const gt = src.indexOf(">", lt);
  if (gt < 0) return -1;
  let j = lt + 1;
  while (j < gt && src.charCodeAt(j) !== 34 && src.charCodeAt(j) !== 39) j++;
  if (j === gt) return gt + 1;
  // A quoted attribute value may hold '>': scan the rest quote by quote.
  let q = 0;
  for (; j < src.length; j++) {
    const c = src.charCodeAt(j);
    if (q !== 0) {
      if (c === q) q = 0;
    } else if (c === 34 || c === 39) q = c;
    else if (c === 62) return j + 1;
  }
  return -1;
}

/**
 * Where the next unit of `src` from `from` ends, or -1 when it is not complete yet: with `whole`, the element
 * whose start tag begins at `from` (through its end tag); else the next token the reader would return (a text
 * inside the root ends at the next '<'; comments and processing instructions are passed over, as the reader
 * passes over them).
 */
export function unitEnd(src: string, from: number, whole: boolean, inRoot = true): number {
  let depth = 0;
  let i = from;
  for (;;) {
    const lt = src.indexOf("<", i);
    if (lt < 0) return -1;
    if (!whole && inRoot && lt > i) return lt;
    if (lt + 1 >= src.length) return -1;
    const c = src.charCodeAt(lt + 1);
    let end: number;
    let token = true;
    if (c === 33 /* ! */) {
      if (src.length - lt < 9) return -1;
      if (src.startsWith("<!--", lt)) {
        const e = src.indexOf("-->", lt + 4);
        if (e < 0) return -1;
        end = e + 3;
        token = false;
      } else if (src.startsWith("<![CDATA[", lt)) {
        const e = src.indexOf("]]>", lt + 9);
        if (e < 0) return -1;
        end = e + 3;
      } else {
        end = tagEnd(src, lt);
        if (end < 0) return -1;
      }
    } else if (c === 63 /* ? */) {
      const e = src.indexOf("?>", lt + 2);
      if (e < 0) return -1;
      end = e + 2;
      token = false;
    } else {
      end = tagEnd(src, lt);
      if (end < 0) return -1;
      if (c === 47 /* / */) depth--;
      else if (src.charCodeAt(end - 2) !== 47) depth++;
    }
    if (whole ? depth <= 0 : token) return end;
    i = end;
  }
}
