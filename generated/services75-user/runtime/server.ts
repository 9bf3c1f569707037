// The wsdlc runtime, copied into the output by the generator. DO NOT EDIT.
/**
 * The service side of a generated package (`./runtime/server.js`, imported by the generated `<Port>Service.ts`
 * only, so a client bundle never contains it): a fetch-style handler `(Request) => Promise<Response>` that
 * answers SOAP requests for one port with user-written handlers, using the same descriptors as the client.
 *
 * A request: POST body read with a byte limit (`maxRequestBytes`, default 64 MiB, the client's response limit),
 * the operation found by SOAPAction (SOAP 1.1 header, SOAP 1.2 `action` media type parameter) and else by the
 * Body's first element; the envelope decoded by the client's decoder (same tokenizer: no DTD, no entities;
 * same lenient or strict matching), the handler called with the decoded input and request headers, its value
 * encoded by the client's encoder (facets and unknown properties checked unless `validate: false`). The reply uses the request's
 * envelope version (SOAP 1.1 `text/xml`, SOAP 1.2 `application/soap+xml`).
 *
 * Outcomes: a value → 200 with the response envelope (202 and no body for a one-way operation); a thrown
 * `SoapFault` → a SOAP fault (typed detail when it names a declared wsdl:fault); a thrown `ServiceFailure` →
 * a normal response whose headers carry the port's FailureRule (SuperOffice: `Succeeded` = false with
 * `ExceptionInfo`); anything else thrown → a Server/Receiver fault "internal error" (the exception goes to
 * `onError`, never to the peer). Bad requests (not XML, a DOCTYPE, no envelope, no such operation, invalid
 * values, too large) → a Client/Sender fault saying why, with secret-looking values of the request redacted.
 * Status: 500 for SOAP 1.1 faults (SOAP 1.1 §6.2); for SOAP 1.2, 400 for Sender and 500 otherwise (SOAP 1.2
 * Part 2 §7.5.2.2); 413 for a request over the size limit; 405 for a method other than POST (or GET `?wsdl`).
 *
 * The WSDL is served (GET `?wsdl`) only when `ServiceOptions.wsdl` gives it.
 */
import type { ClientDescriptor, FaultDescriptor, OperationDescriptor } from "./descriptors.js";
import { decodeResponse, type DecodedResponse } from "./decode.js";
import { encodeRequest } from "./encode.js";
import { isDecodeError, isEncodeError, isSoapFaultError, type QNameValue } from "./errors.js";
import { CharsetError, charsetParam, decodeText, parseMediaType } from "./charset.js";
import { Redactor, SecretPolicy } from "./redact.js";
import { isRecord, SOAP11_ENC, SOAP11_ENV, SOAP12_ENC, SOAP12_ENV, XSD_NS, XSI_NS } from "./schema.js";
import { ValueWriter } from "./writer.js";
import { END, escapeAttribute, escapeText, START, XmlError, XmlReader, type XmlElement } from "./xml.js";

const BRAND = Symbol.for("wsdlc.runtime.server");
const DEFAULT_MAX_REQUEST_BYTES = 64 * 1024 * 1024;

/** What a handler is told about the call besides its input. */
export interface ServiceCall<H> {
  /** The WSDL operation name. */
  readonly operation: string;
  /** The operation's method name (as on the client). */
  readonly method: string;
  /** The decoded SOAP request headers, keyed by header property (undeclared ones in `extras(headers)`). */
  readonly headers: H;
  /** SOAPAction as received ("" when none). */
  readonly soapAction: string;
  /** Envelope version of the request (the reply uses it too). */
  readonly version: "1.1" | "1.2";
  /** The HTTP request (its body already read). */
  readonly request: Request;
}

/** What a handler returns: the output, or `reply(output, headers)` to set response headers too. */
export type ServiceResult<O, RH> = O | ServiceReply<O, RH> | Promise<O | ServiceReply<O, RH>>;

/** An output with its SOAP response headers (see `reply`). */
export class ServiceReply<O, RH> {
  readonly [BRAND] = "reply";
  readonly body: O;
  readonly headers: RH;
  /** Undeclared SOAP headers, written after the declared ones (as `EncodeOptions.soapHeaders`). */
  readonly soapHeaders: readonly XmlElement[];
  /** Extra HTTP response headers. */
  readonly httpHeaders: Readonly<Record<string, string>>;
  constructor(body: O, headers: RH, options: { readonly soapHeaders?: readonly XmlElement[]; readonly httpHeaders?: Readonly<Record<string, string>> } = {}) {
    this.body = body;
    this.headers = headers;
    this.soapHeaders = options.soapHeaders ?? [];
    this.httpHeaders = options.httpHeaders ?? {};
  }
}

/** The output `body` with SOAP response `headers`. */
export function reply<O, RH>(
  body: O,
  headers: RH,
  options?: { readonly soapHeaders?: readonly XmlElement[]; readonly httpHeaders?: Readonly<Record<string, string>> },
): ServiceReply<O, RH> {
  return new ServiceReply(body, headers, options);
}

export interface SoapFaultOptions {
  /** "Client" (SOAP 1.2 Sender: the request is at fault) or "Server" (Receiver); default "Server". */
  readonly code?: "Client" | "Server";
  /** SOAP 1.2 Subcode values, outermost first (not sent in SOAP 1.1). */
  readonly subcodes?: readonly QNameValue[];
  /** 1.1 faultactor / 1.2 Role. */
  readonly actor?: string;
  /** A declared wsdl:fault of the operation: `detail` is encoded with its detail element's type. */
  readonly faultName?: string;
  readonly detail?: unknown;
}

/** Thrown by a handler: the call is answered with this SOAP fault. */
export class SoapFault extends Error {
  override name = "SoapFault";
  readonly [BRAND] = "fault";
  readonly code: "Client" | "Server";
  readonly reason: string;
  readonly subcodes: readonly QNameValue[];
  readonly actor: string | undefined;
  readonly faultName: string | undefined;
  readonly detail: unknown;
  constructor(reason: string, options: SoapFaultOptions = {}) {
    super(reason);
    this.reason = reason;
    this.code = options.code ?? "Server";
    this.subcodes = options.subcodes ?? [];
    this.actor = options.actor;
    this.faultName = options.faultName;
    this.detail = options.detail;
  }
}

/**
 * Thrown by a handler of a port with a FailureRule (SuperOffice NetServer): the call is answered normally, its
 * response headers holding the rule's flag at its failure value (`Succeeded` = false) and `detail` in the rule's
 * detail header (`ExceptionInfo`), as the service itself reports failure. `headers` are sent too.
 */
export class ServiceFailure extends Error {
  override name = "ServiceFailure";
  readonly [BRAND] = "failure";
  readonly detail: unknown;
  readonly headers: object | undefined;
  constructor(detail: unknown, headers?: object) {
    super("the service reports failure");
    this.detail = detail;
    this.headers = headers;
  }
}

function branded(v: unknown, kind: string): boolean {
  return typeof v === "object" && v !== null && (v as { readonly [BRAND]?: unknown })[BRAND] === kind;
}

export interface ServiceOptions {
  /** Largest request body accepted, in bytes (default 64 MiB); a larger one is answered 413 with a fault. */
  readonly maxRequestBytes?: number;
  /** Strict decoding of requests (unknown elements, missing required ones… are Client faults). Default false. */
  readonly strict?: boolean;
  /** Check response values against their XSD facets, and refuse properties their types do not have, before sending (default true). */
  readonly validate?: boolean;
  /** Extra secret names (whole names, case-insensitive) whose values never appear in faults. */
  readonly secretNames?: readonly string[];
  /**
   * The WSDL served to GET `?wsdl` (its text, or a function giving it, e.g. reading a file). Not served when
   * absent: GET is then 405.
   */
  readonly wsdl?: string | (() => string | Promise<string>);
  /**
   * Called with what a handler threw that is not a SoapFault or ServiceFailure, and with a reply that could not
   * be encoded; the peer only gets "internal error". An exception from it is ignored.
   */
  readonly onError?: (error: unknown, call: { readonly operation: string }) => void;
  /** Called after each handled call, e.g. for recording (the mock). An exception from it is ignored. */
  readonly onCall?: (call: ServiceCallRecord) => void;
}

/** A decoded call, as `onCall` sees it. */
export interface ServiceCallRecord {
  readonly method: string;
  readonly operation: string;
  readonly input: unknown;
  readonly headers: Record<string, unknown>;
}

/** The fetch-style entry point of a service; also `(request) => service.fetch(request)` in any runtime. */
export interface SoapService {
  readonly fetch: (request: Request) => Promise<Response>;
  readonly descriptor: ClientDescriptor;
  /**
   * The request size limit the service was made with (ServiceOptions.maxRequestBytes); toNodeListener reads no
   * more. Optional, so that a hand-made `{ fetch, descriptor }` still fits (the default 64 MiB then).
   */
  readonly maxRequestBytes?: number;
}

type Handler = (input: unknown, call: ServiceCall<unknown>) => unknown;

interface Outcome {
  readonly status: number;
  readonly body: string;
  readonly version: "1.1" | "1.2";
  readonly headers?: Readonly<Record<string, string>>;
}

/** Request-side view of an operation for the decoder, response-side view for the encoder (cached). */
const requestViews = new WeakMap<OperationDescriptor, OperationDescriptor>();
const responseViews = new WeakMap<OperationDescriptor, OperationDescriptor>();

function requestView(op: OperationDescriptor): OperationDescriptor {
  let v = requestViews.get(op);
  if (v === undefined) {
    // The decoder reads `output`; a request message has no unwrap/void, so the body value is decoded as sent.
    v = { ...op, output: op.input };
    requestViews.set(op, v);
  }
  return v;
}

function responseView(op: OperationDescriptor): OperationDescriptor {
  let v = responseViews.get(op);
  if (v === undefined) {
    v = { ...op, input: op.output ?? { body: { kind: "empty" } } };
    responseViews.set(op, v);
  }
  return v;
}

/**
 * The service for one port: `handlers` keyed by method name (a class instance works: methods may live on its
 * prototype). An operation without a handler is answered with a Server fault naming it.
 */
export function createSoapService(descriptor: ClientDescriptor, handlers: object, options: ServiceOptions = {}): SoapService {
  const policy = new SecretPolicy(options.secretNames);
  const methods = Object.keys(descriptor.operations);
  const handle = async (request: Request): Promise<Response> => {
    const method = request.method.toUpperCase();
    if (method === "GET" || method === "HEAD") {
      const url = new URL(request.url, "http://localhost/");
      const wantsWsdl = /^\?(?:[^#]*&)?wsdl(?:[=&]|$)/i.test(url.search);
      if (wantsWsdl && options.wsdl !== undefined) {
        let text: string;
        try {
          text = typeof options.wsdl === "function" ? await options.wsdl() : options.wsdl;
        } catch (e) {
          // As a handler's exception: to onError, never to the peer.
          safely(() => options.onError?.(e, { operation: "" }));
          return new Response("the WSDL cannot be served\n", { status: 500, headers: { "Content-Type": "text/plain; charset=utf-8" } });
        }
        return new Response(method === "HEAD" ? null : text, { status: 200, headers: { "Content-Type": "text/xml; charset=utf-8" } });
      }
      return new Response(`${method} is not supported: POST a SOAP envelope${options.wsdl === undefined ? "" : " (or GET ?wsdl)"}\n`, {
        status: 405,
        headers: { Allow: options.wsdl === undefined ? "POST" : "GET, POST", "Content-Type": "text/plain; charset=utf-8" },
      });
    }
    if (method !== "POST") {
      return new Response(`${method} is not supported: POST a SOAP envelope\n`, { status: 405, headers: { Allow: "POST", "Content-Type": "text/plain; charset=utf-8" } });
    }
    let out: Outcome;
    try {
      out = await answer(request, descriptor, handlers, methods, policy, options);
    } catch (e) {
      // A failure of the service itself (never of the handler: that is answered above): still a SOAP answer.
      safely(() => options.onError?.(e, { operation: "" }));
      out = fault(descriptor.soap, { code: "Server", reason: "internal error" });
    }
    if (out.status === 202 && out.body === "") return new Response(null, { status: 202 });
    const contentType = out.version === "1.2" ? "application/soap+xml; charset=utf-8" : "text/xml; charset=utf-8";
    return new Response(out.body, { status: out.status, headers: { ...out.headers, "Content-Type": contentType } });
  };
  return { fetch: handle, descriptor, maxRequestBytes: options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES };
}

async function answer(request: Request, d: ClientDescriptor, handlers: object, methods: readonly string[], policy: SecretPolicy, o: ServiceOptions): Promise<Outcome> {
  const contentType = request.headers.get("content-type") ?? "";
  const hinted: "1.1" | "1.2" = /application\/soap\+xml/i.test(contentType) ? "1.2" : d.soap;
  const media = contentType === "" ? "" : parseMediaType(contentType).type;
  if (/^multipart\//i.test(media)) return fault(hinted, { code: "Client", reason: "multipart requests (MTOM, SwA) are not supported" }, 415);
  if (media !== "" && !/^(text\/xml|application\/soap\+xml|application\/xml)$/i.test(media)) {
    return fault(
      hinted,
      { code: "Client", reason: `unsupported media type ${JSON.stringify(media.slice(0, 60))}: send text/xml (SOAP 1.1) or application/soap+xml (SOAP 1.2)` },
      415,
    );
  }
  const limit = o.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  // A compressed request (Content-Encoding gzip or deflate) is read through the platform's DecompressionStream,
  // its limit counted after decompression (a small bomb stops at it).
  const coding = (request.headers.get("content-encoding") ?? "").trim().toLowerCase();
  let body: ReadableStream<Uint8Array> | null = request.body;
  let declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (coding !== "" && coding !== "identity") {
    const format = coding === "gzip" || coding === "x-gzip" ? "gzip" : coding === "deflate" ? "deflate" : undefined;
    const Decompression = Reflect.get(globalThis, "DecompressionStream") as (new (format: string) => TransformStream<Uint8Array, Uint8Array>) | undefined;
    if (format === undefined || Decompression === undefined) {
      void body?.cancel().catch(() => undefined);
      return fault(hinted, { code: "Client", reason: `Content-Encoding ${JSON.stringify(coding.slice(0, 30))} is not supported: send gzip, deflate or no encoding` }, 415);
    }
    body = body === null ? null : body.pipeThrough(new Decompression(format));
    declared = Number.NaN;
  }
  const bytes = await readLimited(body, declared, limit).catch(() => null);
  if (bytes === null) return fault(hinted, { code: "Client", reason: `the request body is not ${coding === "" ? "readable" : `valid ${coding}`}` });
  if (bytes === undefined) return fault(hinted, { code: "Client", reason: `the request is larger than ${limit} bytes` }, 413);
  let xml: string;
  try {
    xml = decodeText(bytes, charsetParam(contentType));
  } catch (e) {
    if (!(e instanceof CharsetError)) throw e;
    return fault(hinted, { code: "Client", reason: `cannot read the request: ${e.message}` });
  }
  // Secret-looking values of the request never reach a fault (a message may quote what it could not read).
  // Built only when a fault is written (scanning the request costs time on the normal path).
  let redactor: Redactor | undefined;
  const redact = (text: string): string => (redactor ??= new Redactor(policy, requestSecrets(xml, policy))).text(text);
  const soapAction = soapActionOf(request, contentType);
  let target: Target;
  try {
    target = findOperation(d, methods, xml, soapAction);
  } catch (e) {
    if (e instanceof BadRequest) return fault(e.version ?? hinted, { code: "Client", reason: redact(e.message) });
    throw e;
  }
  const { op, method, version } = target;
  let decoded: DecodedResponse;
  try {
    // Secret-named elements' text is kept out of the decoder's messages by name; values are redacted below.
    decoded = decodeResponse(d, requestView(op), xml, { strict: o.strict === true, redactor: new Redactor(policy) });
  } catch (e) {
    if (isDecodeError(e)) return fault(version, { code: "Client", reason: redact(e.message.replace(": cannot decode the response", ": cannot decode the request")) });
    if (isSoapFaultError(e)) return fault(version, { code: "Client", reason: `${op.name}: a request Body cannot hold a Fault` });
    throw e;
  }
  const fn = (handlers as Record<string, unknown>)[method];
  const call: ServiceCall<unknown> = { operation: op.name, method, headers: decoded.headers, soapAction, version, request };
  safely(() => o.onCall?.({ method, operation: op.name, input: decoded.body, headers: decoded.headers }));
  if (typeof fn !== "function") return fault(version, { code: "Server", reason: `${op.name}: no handler for operation ${method}` });
  let result: unknown;
  try {
    result = await (fn as Handler).call(handlers, decoded.body, call);
  } catch (e) {
    return thrown(e, d, op, version, o);
  }
  if (op.output === undefined) return { status: 202, body: "", version };
  const r = branded(result, "reply") ? (result as ServiceReply<unknown, unknown>) : undefined;
  return encodeReply(d, op, version, r === undefined ? result : r.body, r === undefined ? {} : r.headers, r?.soapHeaders ?? [], r?.httpHeaders ?? {}, o);
}

function encodeReply(
  d: ClientDescriptor,
  op: OperationDescriptor,
  version: "1.1" | "1.2",
  body: unknown,
  headers: unknown,
  soapHeaders: readonly XmlElement[],
  httpHeaders: Readonly<Record<string, string>>,
  o: ServiceOptions,
): Outcome {
  const out = op.output;
  // The client returns an unwrapped value, or undefined for a void wrapper: wrap it again.
  let value = body;
  if (out?.void === true) value = {};
  else if (out?.unwrap !== undefined) value = body === undefined ? {} : { [out.unwrap]: body };
  try {
    const text = encodeRequest(version === d.soap ? d : { ...d, soap: version }, responseView(op), value, isRecord(headers) ? headers : {}, {
      validate: o.validate ?? true,
      soapHeaders,
    });
    return { status: 200, body: text, version, headers: httpHeaders };
  } catch (e) {
    safely(() => o.onError?.(e, { operation: op.name }));
    const why = isEncodeError(e) ? `: the reply does not fit the schema (${e.message.replace(": cannot encode ", ": ")})` : "";
    return fault(version, { code: "Server", reason: `${op.name}: internal error${why}` });
  }
}

function thrown(e: unknown, d: ClientDescriptor, op: OperationDescriptor, version: "1.1" | "1.2", o: ServiceOptions): Outcome {
  if (branded(e, "failure")) {
    const f = e as ServiceFailure;
    const rule = d.failure;
    if (rule === undefined) {
      safely(() => o.onError?.(e, { operation: op.name }));
      return fault(version, { code: "Server", reason: `${op.name}: internal error (a ServiceFailure on a port without a failure rule)` });
    }
    const headers: Record<string, unknown> = { ...(isRecord(f.headers) ? f.headers : {}), [rule.flag]: rule.failureValue };
    if (rule.detail !== undefined) headers[rule.detail] = f.detail;
    return encodeReply(d, op, version, undefined, headers, [], {}, o);
  }
  if (branded(e, "fault")) {
    const f = e as SoapFault;
    let detail = "";
    if (f.faultName !== undefined) {
      const declared: FaultDescriptor | undefined = op.faults?.find((x) => x.name === f.faultName);
      if (declared === undefined) {
        safely(() => o.onError?.(e, { operation: op.name }));
        return fault(version, { code: "Server", reason: `${op.name}: internal error (fault ${JSON.stringify(f.faultName)} is not declared by the operation)` });
      }
      try {
        detail = encodeDetail(d, op, declared, f.detail, version, o);
      } catch (err) {
        safely(() => o.onError?.(err, { operation: op.name }));
        return fault(version, { code: "Server", reason: `${op.name}: internal error (the fault detail does not fit the schema)` });
      }
    }
    return fault(version, { code: f.code, reason: f.reason, subcodes: f.subcodes, actor: f.actor, detail });
  }
  safely(() => o.onError?.(e, { operation: op.name }));
  return fault(version, { code: "Server", reason: `${op.name}: internal error` });
}

/** The detail element of a declared fault, with its namespace declarations on it (self-contained). */
function encodeDetail(d: ClientDescriptor, op: OperationDescriptor, f: FaultDescriptor, value: unknown, version: "1.1" | "1.2", o: ServiceOptions): string {
  const w = new ValueWriter({
    types: d.types,
    operation: op.name,
    encoded: op.encoded === true,
    encodingNs: version === "1.2" ? SOAP12_ENC : SOAP11_ENC,
    policy: new SecretPolicy(o.secretNames),
    secrets: undefined,
    validate: o.validate ?? true,
  });
  w.prefixes.set(version === "1.2" ? SOAP12_ENV : SOAP11_ENV, "soap");
  const text = w.field(f.field, value, f.name, false);
  let decls = "";
  for (const [uri, p] of w.prefixes) if (p !== "soap" && p !== "xml") decls += ` xmlns:${p}="${escapeAttribute(uri)}"`;
  // Declarations go on the first start tag (the detail element itself).
  return text.replace(/^<([^\s/>]+)/, (m) => `${m}${decls}`);
}

interface FaultSpec {
  readonly code: "Client" | "Server";
  readonly reason: string;
  readonly subcodes?: readonly QNameValue[];
  readonly actor?: string | undefined;
  /** Detail content, already XML. */
  readonly detail?: string;
}

/** A SOAP fault envelope (SOAP 1.1 §4.4, SOAP 1.2 Part 1 §5.4), status per the module comment. */
function fault(version: "1.1" | "1.2", f: FaultSpec, status?: number): Outcome {
  const detail = f.detail ?? "";
  if (version === "1.1") {
    const body =
      `<faultcode>soap:${f.code}</faultcode><faultstring>${escapeText(f.reason)}</faultstring>` +
      (f.actor === undefined ? "" : `<faultactor>${escapeText(f.actor)}</faultactor>`) +
      (detail === "" ? "" : `<detail>${detail}</detail>`);
    return { status: status ?? 500, body: envelope(SOAP11_ENV, "", `<soap:Fault>${body}</soap:Fault>`), version };
  }
  const value = f.code === "Client" ? "Sender" : "Receiver";
  let decls = "";
  let subcodes = "";
  const prefixes = new Map<string, string>();
  for (const s of f.subcodes ?? []) {
    let p = s.ns === "" ? "" : (prefixes.get(s.ns) ?? "");
    if (s.ns !== "" && p === "") {
      p = `sc${prefixes.size + 1}`;
      prefixes.set(s.ns, p);
      decls += ` xmlns:${p}="${escapeAttribute(s.ns)}"`;
    }
    subcodes += `<soap:Subcode><soap:Value>${p === "" ? "" : `${p}:`}${escapeText(s.local)}</soap:Value>`;
  }
  subcodes += "</soap:Subcode>".repeat(f.subcodes?.length ?? 0);
  const body =
    `<soap:Code><soap:Value>soap:${value}</soap:Value>${subcodes}</soap:Code>` +
    `<soap:Reason><soap:Text xml:lang="en">${escapeText(f.reason)}</soap:Text></soap:Reason>` +
    (f.actor === undefined ? "" : `<soap:Role>${escapeText(f.actor)}</soap:Role>`) +
    (detail === "" ? "" : `<soap:Detail>${detail}</soap:Detail>`);
  return { status: status ?? (value === "Sender" ? 400 : 500), body: envelope(SOAP12_ENV, decls, `<soap:Fault>${body}</soap:Fault>`), version };
}

function envelope(ns: string, decls: string, body: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${ns}" xmlns:xsi="${XSI_NS}" xmlns:xsd="${XSD_NS}"${decls}><soap:Body>${body}</soap:Body></soap:Envelope>`;
}

class BadRequest extends Error {
  readonly version: "1.1" | "1.2" | undefined;
  constructor(message: string, version?: "1.1" | "1.2") {
    super(message);
    this.version = version;
  }
}

interface Target {
  readonly op: OperationDescriptor;
  readonly method: string;
  readonly version: "1.1" | "1.2";
}

/**
 * The operation of a request: the one whose SOAPAction it names, when exactly one does; else the one whose
 * Body element (rpc: wrapper; document: first part) its Body's first element is.
 */
function findOperation(d: ClientDescriptor, methods: readonly string[], xml: string, soapAction: string): Target {
  const first = firstBodyElement(xml);
  const byAction = soapAction === "" ? [] : methods.filter((m) => d.operations[m]?.action === soapAction);
  const byBody = first.element === undefined ? [] : methods.filter((m) => bodyMatches(d.operations[m], first.element?.ns ?? "", first.element?.local ?? ""));
  const both = byAction.filter((m) => byBody.includes(m));
  const pick = byAction.length === 1 ? byAction : both.length > 0 ? both : byBody;
  const method = pick[0];
  const op = method === undefined ? undefined : d.operations[method];
  const what = first.element === undefined ? "an empty Body" : `Body element {${first.element.ns}}${first.element.local}`;
  const action = soapAction === "" ? "no SOAPAction" : `SOAPAction ${JSON.stringify(soapAction)}`;
  if (method === undefined || op === undefined) throw new BadRequest(`no operation of port ${d.port} matches the request (${action}, ${what})`, first.version);
  // Found by its SOAPAction: the Body must still hold the operation's element (name and namespace).
  const expected = bodyElement(op);
  if (expected !== undefined && first.element !== undefined && !bodyMatches(op, first.element.ns, first.element.local)) {
    throw new BadRequest(`${op.name}: the Body holds ${what}, not the operation's {${expected.ns ?? ""}}${expected.name}`, first.version);
  }
  return { op, method, version: first.version };
}

function bodyElement(op: OperationDescriptor): { readonly name: string; readonly ns?: string } | undefined {
  const b = op.input.body;
  return b.kind === "element" ? b.field : b.kind === "parts" ? b.wrapper : undefined;
}

function bodyMatches(op: OperationDescriptor | undefined, ns: string, local: string): boolean {
  const b = op?.input.body;
  if (b === undefined) return false;
  if (b.kind === "element") return b.field.name === local && (b.field.ns ?? "") === ns;
  if (b.kind === "parts") {
    if (b.wrapper !== undefined) return b.wrapper.name === local && (b.wrapper.ns ?? "") === ns;
    const p = b.parts[0];
    return p !== undefined && p.name === local && (p.ns ?? "") === ns;
  }
  return false;
}

/** The envelope's version and the Body's first element; BadRequest for malformed XML or a non-envelope. */
function firstBodyElement(xml: string): { version: "1.1" | "1.2"; element: { ns: string; local: string } | undefined } {
  let version: "1.1" | "1.2" | undefined;
  try {
    const r = new XmlReader(xml);
    if (r.next() !== START) throw new BadRequest("the request is not a SOAP envelope (no root element)");
    if (r.local !== "Envelope" || (r.ns !== SOAP11_ENV && r.ns !== SOAP12_ENV)) {
      throw new BadRequest(`the request is not a SOAP envelope (the root element is {${r.ns}}${r.local})`);
    }
    version = r.ns === SOAP12_ENV ? "1.2" : "1.1";
    const envNs = r.ns;
    for (let k = r.next(); k !== END; k = r.next()) {
      if (k !== START) continue;
      if ((r.local as string) === "Body" && r.ns === envNs) {
        for (let j = r.next(); j !== END; j = r.next()) {
          if (j === START) return { version, element: { ns: r.ns, local: r.local } };
        }
        return { version, element: undefined };
      }
      r.skip();
    }
    throw new BadRequest("the envelope has no Body", version);
  } catch (e) {
    if (e instanceof XmlError) throw new BadRequest(`the request is not well-formed XML (line ${e.line}, column ${e.column}): ${e.reason}`, version);
    throw e;
  }
}

function soapActionOf(request: Request, contentType: string): string {
  const header = request.headers.get("soapaction");
  if (header !== null) return unquote(header.trim());
  const m = /;\s*action\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]+)/i.exec(contentType);
  return m?.[1] === undefined ? "" : unquote(m[1]);
}

function unquote(s: string): string {
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1).replace(/\\(.)/g, "$1") : s;
}

/** The body's bytes, or undefined when it is larger than `limit` (reading stops there). */
async function readLimited(body: ReadableStream<Uint8Array> | null, declared: number, limit: number): Promise<Uint8Array | undefined> {
  if (declared > limit) {
    void body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    total += chunk.value.byteLength;
    if (total > limit) {
      void reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(chunk.value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

const SECRET_TEXT = /<(?:[A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)(?:\s[^<>]*)?>([^<]+)/g;
const SECRET_ATTR = /(?:[A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)\s*=\s*("[^"]*"|'[^']*')/g;

/** Text of secret-named elements and values of secret-named attributes, read tolerantly (even from bad XML). */
function requestSecrets(xml: string, policy: SecretPolicy): string[] {
  const out: string[] = [];
  const add = (raw: string): void => {
    const t = raw.trim();
    if (t === "") return;
    out.push(t, raw);
    const decoded = t.replace(/&(lt|gt|amp|quot|apos);/g, (_m, n: string) => ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" })[n] ?? "");
    if (decoded !== t) out.push(decoded);
  };
  for (const m of xml.matchAll(SECRET_TEXT)) if (policy.isSecretName(m[1] ?? "")) add(m[2] ?? "");
  for (const m of xml.matchAll(SECRET_ATTR)) if (policy.isSecretName(m[1] ?? "")) add((m[2] ?? "").slice(1, -1));
  return out;
}

function safely(f: () => void): void {
  try {
    f();
  } catch {
    // Observers never change the answer.
  }
}

/** A recorded call of a mock service. */
export interface MockCall extends ServiceCallRecord {
  /** Whether the test gave a handler for it (else the client got a fault saying so). */
  readonly handled: boolean;
}

/** A service answering in memory: pass `fetch` as the generated client's `fetch` option (no port, no network). */
export interface SoapMock<Handlers> {
  readonly fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** The calls received, in order, decoded. */
  readonly calls: MockCall[];
  /** The handlers in use; assign to add or replace one during a test. */
  readonly handlers: Partial<Handlers>;
  readonly service: SoapService;
}

/**
 * A mock of one port for tests: `handlers` for the operations the test uses; a call of any other is answered
 * with a Server fault "<name>: operation <method> is not implemented by this mock" (so the client's call
 * rejects with a SoapFaultError saying which handler to add).
 */
export function createSoapMock<Handlers extends object>(
  name: string,
  descriptor: ClientDescriptor,
  handlers: Partial<Handlers> = {},
  options: ServiceOptions = {},
): SoapMock<Handlers> {
  const calls: MockCall[] = [];
  const live: Partial<Handlers> = { ...handlers };
  const table: Record<string, Handler> = {};
  for (const method of Object.keys(descriptor.operations)) {
    const op = descriptor.operations[method];
    table[method] = (input, call) => {
      const h = (live as Record<string, unknown>)[method];
      if (typeof h !== "function") {
        calls.push({ method, operation: op?.name ?? method, input, headers: call.headers as Record<string, unknown>, handled: false });
        throw new SoapFault(`${name}: operation ${method} (${op?.name ?? method}) is not implemented by this mock; pass ${name}({ ${method}: async (input) => … })`);
      }
      calls.push({ method, operation: op?.name ?? method, input, headers: call.headers as Record<string, unknown>, handled: true });
      return (h as Handler).call(live, input, call);
    };
  }
  const service = createSoapService(descriptor, table, options);
  const fetchLike = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => service.fetch(new Request(input, init));
  return { fetch: fetchLike, calls, handlers: live, service };
}

/** The parts of Node's `http.IncomingMessage` the adapter uses (typed here: the runtime has no Node types). */
export interface NodeRequestLike {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  on(event: "data", listener: (chunk: Uint8Array) => void): unknown;
  on(event: "end", listener: () => void): unknown;
  on(event: "error", listener: (error: unknown) => void): unknown;
}

/** The parts of Node's `http.ServerResponse` the adapter uses. */
export interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: Uint8Array): unknown;
}

/**
 * A Node `http` request listener for a service: `http.createServer(toNodeListener(userService(handlers)))`.
 * The body is read up to `maxRequestBytes` (default: the service's own, ServiceOptions.maxRequestBytes) and the
 * rest dropped, so an oversized request gets the service's 413 fault without being held in memory.
 */
export function toNodeListener(service: SoapService, options: { readonly maxRequestBytes?: number } = {}): (req: NodeRequestLike, res: NodeResponseLike) => void {
  const limit = options.maxRequestBytes ?? service.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  return (req, res) => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const fail = (): void => {
      try {
        res.statusCode = 500;
        res.end();
      } catch {
        // The connection is gone.
      }
    };
    req.on("data", (chunk) => {
      if (total > limit) return;
      const room = limit + 1 - total;
      const part = chunk.byteLength > room ? chunk.subarray(0, room) : chunk;
      chunks.push(part);
      total += part.byteLength;
    });
    req.on("error", fail);
    req.on("end", () => {
      let request: Request;
      try {
        request = nodeRequest(req, chunks, total, total > limit);
      } catch {
        res.statusCode = 400;
        res.end();
        return;
      }
      service
        .fetch(request)
        .then(async (r) => {
          res.statusCode = r.status;
          r.headers.forEach((value, key) => {
            res.setHeader(key, value);
          });
          res.end(new Uint8Array(await r.arrayBuffer()));
        })
        .catch(fail);
    });
  };
}

function nodeRequest(req: NodeRequestLike, chunks: readonly Uint8Array[], total: number, cut: boolean): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined || k.startsWith(":") || k.toLowerCase() === "content-length") continue;
    // A body cut at the limit is too large already: passed on as what it is, not as a compressed body to inflate.
    if (cut && k.toLowerCase() === "content-encoding") continue;
    headers.set(k, typeof v === "string" ? v : v.join(", "));
  }
  const host = headers.get("host") ?? "localhost";
  const method = (req.method ?? "GET").toUpperCase();
  const body = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return new Request(`http://${host}${req.url ?? "/"}`, { method, headers, ...(method === "GET" || method === "HEAD" ? {} : { body }) });
}
