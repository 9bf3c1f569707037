/**
 * Response decoding: one pass over the response text, driven by the operation's output descriptors.
 *
 * Decision: both SOAP 1.1 and SOAP 1.2 envelope namespaces are accepted on responses whatever the binding's
 * version — real services (SuperOffice NetServer examples) answer with the 1.2 namespace over a 1.1 binding.
 *
 * Envelope (SOAP 1.1 §4, SOAP 1.2 Part 1 §5): Header entries matching the output header fields are decoded by
 * `prop`; others are kept as XML in the headers' `extras` (even in strict mode); the Body is decoded per its `BodyDescriptor` and then `unwrap`
 * is applied. A Body whose first child is a Fault becomes a SoapFaultError (see fault.ts).
 *
 * Attachments (MTOM/XOP, SwA): a base64Binary or hexBinary value may refer to an attachment of a multipart
 * response instead of holding its bytes; see `ValueReader.binary` for the forms, and multipart.ts for the package.
 */
import type { BodyDescriptor, ClientDescriptor, FieldDescriptor, OperationDescriptor, StructDescriptor } from "./descriptors.js";
import { DecodeError } from "./errors.js";
import { readFault } from "./fault.js";
import { Redactor, SecretPolicy } from "./redact.js";
import { extrasOf, ValueReader, setProp } from "./reader.js";
import { isRecord, isRepeated, matchField, minOf, propOf, SOAP11_ENV, SOAP12_ENV, structInfo } from "./schema.js";
import { END, EOF, readElement, START, TEXT, XmlError, XmlReader } from "./xml.js";

export interface DecodeOptions {
  /** Strict schema matching (see reader.ts). Default false. */
  readonly strict?: boolean;
  /** HTTP status, recorded on a SoapFaultError. Default 200. */
  readonly status?: number;
  /** Redacts secrets from error messages (default: names only, no known values). */
  readonly redactor?: Redactor;
  /**
   * The attachments of a multipart/related response (MTOM/XOP, SwA), keyed by Content-ID (`id`, `<id>` or
   * `cid:id`), read through the descriptor's `features.multipart`. A base64Binary/hexBinary element holding `<xop:Include href="cid:id"/>` (or SwA's `href="cid:id"`
   * attribute, or the text `cid:id`) decodes to these bytes; an unknown id is a DecodeError.
   */
  readonly attachments?: ReadonlyMap<string, Uint8Array>;
  /** Called periodically while reading (every ~1,000 tokens); throws to stop decoding (the call's timeout). */
  readonly checkDeadline?: () => void;
  /**
   * Lenient decoding only: a response that breaks the generated types (a required element or attribute
   * missing, xsi:nil on an element that is not nillable, two alternatives of an xs:choice or none of a required
   * one, an abstract type without xsi:type) is a DecodeError by default; with this hook, the hook is given that
   * error and decoding goes on, leaving the value as the response has it (absent, or null).
   */
  readonly onDecodeWarning?: (warning: DecodeError) => void;
}

export interface DecodedResponse {
  /** The body value (after `unwrap`); undefined for an empty body or a one-way operation. */
  readonly body: unknown;
  /** Decoded response headers, keyed by header `prop`. */
  readonly headers: Record<string, unknown>;
}

const DEFAULT_REDACTOR = new Redactor(new SecretPolicy());

/** Decodes a response envelope. Throws SoapFaultError for a Fault and DecodeError for anything unreadable. */
export function decodeResponse(client: ClientDescriptor, op: OperationDescriptor, xml: string, options: DecodeOptions = {}): DecodedResponse {
  const ctx = {
    types: client.types,
    strict: options.strict === true,
    operation: op.name,
    redactor: options.redactor ?? DEFAULT_REDACTOR,
    multipart: client.features?.multipart,
    attachments: options.attachments === undefined ? undefined : client.features?.multipart?.index(options.attachments),
    encoded: op.encoded === true,
    onMismatch: options.onDecodeWarning,
  };
  let r: XmlReader;
  try {
    // rpc/encoded answers may point at multi-reference values placed after the response element.
    const refs = client.features?.multiRef;
    const text = op.encoded === true && refs !== undefined && refs.has(xml) ? refs.inline(xml) : xml;
    r = new XmlReader(text, options.checkDeadline === undefined ? {} : { check: options.checkDeadline });
  } catch (e) {
    if (!(e instanceof XmlError)) throw e;
    const message = ctx.redactor.text(`${op.name}: cannot decode the response (line ${e.line}, column ${e.column}): malformed XML: ${e.reason}`);
    throw new DecodeError(message, { operation: op.name, path: "", line: e.line, column: e.column, cause: new XmlError(ctx.redactor.text(e.reason), e.offset, e.line, e.column) });
  }
  const v = new ValueReader(r, ctx);
  try {
    return readEnvelope(v, op, options.status ?? 200);
  } catch (e) {
    if (e instanceof XmlError) throw v.syntax(e);
    throw e;
  }
}

function isEnvelopeNs(ns: string): boolean {
  return ns === SOAP11_ENV || ns === SOAP12_ENV;
}

function readEnvelope(v: ValueReader, op: OperationDescriptor, status: number): DecodedResponse {
  const r = v.r;
  r.next();
  if (r.local !== "Envelope" || !isEnvelopeNs(r.ns)) throw v.error(`not a SOAP envelope (the root element is <${r.qname}>)`);
  v.enter("Envelope");
  const headers: Record<string, unknown> = {};
  let body: unknown;
  let sawBody = false;
  for (let k = r.next(); k !== END; k = r.next()) {
    if (k !== START) continue;
    const name: string = r.local;
    if (name === "Header" && isEnvelopeNs(r.ns)) {
      v.enter("Header");
      readHeaders(v, op.output?.headers ?? [], headers);
      v.leave();
    } else if (name === "Body" && isEnvelopeNs(r.ns) && !sawBody) {
      v.enter("Body");
      body = readBody(v, op, status);
      sawBody = true;
      v.leave();
    } else r.skip();
  }
  v.leave();
  // Reading on to the end makes truncation or trailing garbage an error rather than a silent success.
  if (r.next() !== EOF) throw v.error("content after the envelope");
  if (!sawBody) throw v.error("the envelope has no Body");
  return { body, headers };
}

/** Reads the Header's entries into `out` (by prop; undeclared ones into its extras). */
export function readHeaders(v: ValueReader, fields: readonly FieldDescriptor[], out: Record<string, unknown>): void {
  const r = v.r;
  const index = fieldIndex(fields);
  for (let k = r.next(); k !== END; k = r.next()) {
    if (k !== START) continue;
    const f = matchField(index, r.ns, r.local, v.strict);
    // A header entry the operation does not declare (WS-Addressing, a session token…) is kept, not dropped.
    if (f === undefined) extrasOf(out).elements.push(readElement(r));
    else if (isRepeated(f)) {
      const prop = propOf(f);
      const list = Array.isArray(out[prop]) ? (out[prop] as unknown[]) : [];
      list.push(v.field(f, list.length + 1));
      setProp(out, prop, list);
    } else setProp(out, propOf(f), v.field(f));
  }
}

function readBody(v: ValueReader, op: OperationDescriptor, status: number): unknown {
  const r = v.r;
  const b: BodyDescriptor = op.output?.body ?? { kind: "empty" };
  if (b.kind === "parts" && b.wrapper === undefined) return unwrap(op, readLooseParts(v, op, b.parts, status));
  let first = true;
  let found = false;
  let result: unknown;
  for (let k = r.next(); k !== END; k = r.next()) {
    if (k === TEXT) continue;
    if (first && r.local === "Fault" && isEnvelopeNs(r.ns)) throw readFault(v, op, r.ns, status);
    first = false;
    if (!found && b.kind === "element" && r.local === b.field.name && (r.ns === (b.field.ns ?? "") || !v.strict)) {
      result = v.field(b.field);
      found = true;
    } else if (!found && b.kind === "parts" && (r.local === b.wrapper?.name || !v.strict)) {
      // rpc: the wrapper's name is conventionally the operation name + "Response"; only strict mode checks it.
      v.enter(r.local);
      result = v.struct(partsStruct(b.parts));
      v.leave();
      found = true;
    } else if (v.strict && b.kind !== "empty") throw v.error(`unexpected element <${r.qname}> in the Body`);
    else r.skip();
  }
  if (!found && b.kind === "element" && minOf(b.field) >= 1) throw v.error(`the Body has no <${b.field.name}> element`);
  if (!found && b.kind === "parts") throw v.error(`the Body has no <${b.wrapper?.name ?? ""}> element`);
  return unwrap(op, result);
}

/** Document-style parts directly in the Body (no wrapper); the first child may still be a Fault. */
function readLooseParts(v: ValueReader, op: OperationDescriptor, parts: readonly FieldDescriptor[], status: number): unknown {
  const r = v.r;
  let first = true;
  return v.struct(partsStruct(parts), undefined, () => {
    if (first && r.local === "Fault" && isEnvelopeNs(r.ns)) throw readFault(v, op, r.ns, status);
    first = false;
    return false;
  });
}

function unwrap(op: OperationDescriptor, result: unknown): unknown {
  if (op.output?.void) return undefined;
  const prop = op.output?.unwrap;
  if (prop === undefined) return result;
  return isRecord(result) && Object.hasOwn(result, prop) ? result[prop] : undefined;
}

const partsCache = new WeakMap<readonly FieldDescriptor[], StructDescriptor>();

/** Parts read like the fields of an anonymous struct. */
function partsStruct(parts: readonly FieldDescriptor[]): StructDescriptor {
  let d = partsCache.get(parts);
  if (d === undefined) {
    d = { kind: "struct", fields: parts };
    partsCache.set(parts, d);
  }
  return d;
}

function fieldIndex(fields: readonly FieldDescriptor[]): ReadonlyMap<string, readonly FieldDescriptor[]> {
  return structInfo({}, partsStruct(fields)).byLocal;
}
