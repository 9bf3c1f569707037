/**
 * Errors thrown by the runtime. Every error carries the WSDL `operation` name. Messages never contain secret
 * values: the client redacts them before an error is built (see redact.ts).
 *
 * The guards (`isSoapFaultError(e)` …) also recognise errors thrown by another copy of this runtime (each
 * generated package has its own copy), through a brand registered with `Symbol.for`.
 */
import type { XmlElement } from "./xml.js";

const BRAND = Symbol.for("wsdlc.runtime.error");

export interface SoapErrorOptions {
  readonly operation: string;
  readonly cause?: unknown;
}

/** Base class of every runtime error. */
export class SoapError extends Error {
  override name = "SoapError";
  readonly [BRAND] = true;
  /** The WSDL operation name. */
  readonly operation: string;
  constructor(message: string, options: SoapErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.operation = options.operation;
  }
}

function branded(e: unknown, name?: string): boolean {
  if (!(e instanceof Error)) return false;
  return (e as Error & { readonly [BRAND]?: unknown })[BRAND] === true && (name === undefined || e.name === name);
}

export function isSoapError(e: unknown): e is SoapError {
  return e instanceof SoapError || branded(e);
}

/** A qualified name from the wire (fault codes). */
export interface QNameValue {
  readonly ns: string;
  readonly local: string;
}

export interface SoapFaultInit extends SoapErrorOptions {
  readonly version: "1.1" | "1.2";
  readonly code: QNameValue;
  readonly subcodes: readonly QNameValue[];
  readonly reason: string;
  readonly actor: string | undefined;
  readonly node: string | undefined;
  readonly detail: unknown;
  readonly faultName: string | undefined;
  readonly rawDetail: readonly XmlElement[];
  readonly status: number;
}

/**
 * Data a service sent back is kept on errors for code to read, but not as enumerable properties: logging an
 * error (console.log, util.inspect, JSON.stringify) then shows its redacted message, not a detail or header
 * in which the service may have echoed a ticket or password.
 */
function hide(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: false, writable: false, configurable: true });
}

/** A SOAP Fault (SOAP 1.1 §4.4, SOAP 1.2 Part 1 §5.4), whatever the HTTP status. */
export class SoapFaultError extends SoapError {
  override name = "SoapFaultError";
  /** Envelope version of the fault. */
  readonly version: "1.1" | "1.2";
  /** 1.1 faultcode / 1.2 Code/Value, e.g. { ns: soap-envelope, local: "Client" }. */
  readonly code: QNameValue;
  /** SOAP 1.2 Subcode/Value chain, outermost first (empty for 1.1). */
  readonly subcodes: readonly QNameValue[];
  /** 1.1 faultstring / 1.2 Reason/Text (xml:lang="en" preferred). */
  readonly reason: string;
  /** 1.1 faultactor / 1.2 Role. */
  readonly actor: string | undefined;
  /** SOAP 1.2 Node. */
  readonly node: string | undefined;
  /** The typed detail when a detail element matched one of the operation's declared faults (not enumerable). */
  declare readonly detail: unknown;
  /** The wsdl:fault name of that declared fault. */
  readonly faultName: string | undefined;
  /** Every detail child element, as data (not enumerable). */
  declare readonly rawDetail: readonly XmlElement[];
  /** HTTP status of the response that carried the fault (usually 500). */
  readonly status: number;
  constructor(message: string, init: SoapFaultInit) {
    super(message, init);
    this.version = init.version;
    this.code = init.code;
    this.subcodes = init.subcodes;
    this.reason = init.reason;
    this.actor = init.actor;
    this.node = init.node;
    hide(this, "detail", init.detail);
    this.faultName = init.faultName;
    hide(this, "rawDetail", init.rawDetail);
    this.status = init.status;
  }
}

export function isSoapFaultError(e: unknown): e is SoapFaultError {
  return e instanceof SoapFaultError || branded(e, "SoapFaultError");
}

export interface HttpErrorInit extends SoapErrorOptions {
  readonly status: number;
  readonly statusText: string;
  readonly contentType: string;
  readonly excerpt: string;
}

/** A non-2xx HTTP response that is not a SOAP fault (a proxy's HTML 502 page, a 404…). */
export class HttpError extends SoapError {
  override name = "HttpError";
  readonly status: number;
  readonly statusText: string;
  readonly contentType: string;
  /** At most 500 characters of the body, whitespace collapsed, HTML reduced to text, secrets redacted. */
  readonly excerpt: string;
  constructor(message: string, init: HttpErrorInit) {
    super(message, init);
    this.status = init.status;
    this.statusText = init.statusText;
    this.contentType = init.contentType;
    this.excerpt = init.excerpt;
  }
}

export function isHttpError(e: unknown): e is HttpError {
  return e instanceof HttpError || branded(e, "HttpError");
}

export type TransportErrorKind = "network" | "timeout" | "aborted" | "too-large" | "redirect";

/**
 * The exchange did not complete: network failure, timeout (sending, reading or decoding), caller's abort, a
 * response over the size limit, or a refused redirect (to another origin, or more than `maxRedirects`).
 */
export class TransportError extends SoapError {
  override name = "TransportError";
  readonly kind: TransportErrorKind;
  constructor(message: string, init: SoapErrorOptions & { readonly kind: TransportErrorKind }) {
    super(message, init);
    this.kind = init.kind;
  }
}

export function isTransportError(e: unknown): e is TransportError {
  return e instanceof TransportError || branded(e, "TransportError");
}

/** The response could not be decoded: not XML, not a SOAP envelope, truncated, or not matching the schema. */
export class DecodeError extends SoapError {
  override name = "DecodeError";
  /** Element path, e.g. `Envelope/Body/GetResponse/Items[2]/ValidFrom` (XPath-like, 1-based indexes). */
  readonly path: string;
  /** Position in the response XML; 0 (with `column`) when the error is not in the XML (a malformed multipart body). */
  readonly line: number;
  readonly column: number;
  constructor(message: string, init: SoapErrorOptions & { readonly path: string; readonly line: number; readonly column: number }) {
    super(message, init);
    this.path = init.path;
    this.line = init.line;
    this.column = init.column;
  }
}

export function isDecodeError(e: unknown): e is DecodeError {
  return e instanceof DecodeError || branded(e, "DecodeError");
}

/** The input does not fit the operation's schema (missing required value, wrong type, invalid character…). */
export class EncodeError extends SoapError {
  override name = "EncodeError";
  /** Property path in the input, e.g. `SaveUntrustedCredentials.Credentials.ValidFrom` (0-based indexes). */
  readonly path: string;
  constructor(message: string, init: SoapErrorOptions & { readonly path: string }) {
    super(message, init);
    this.path = init.path;
  }
}

export function isEncodeError(e: unknown): e is EncodeError {
  return e instanceof EncodeError || branded(e, "EncodeError");
}

export interface ServiceErrorInit extends SoapErrorOptions {
  readonly headers: object;
  readonly detail: unknown;
  readonly status: number;
}

/**
 * The service reported failure inside a normal response, through its response headers (a `FailureRule`, e.g.
 * SuperOffice `Succeeded` = false with `ExceptionInfo`). The detail of its cause (the rule's `inner`, SuperOffice's
 * InnerException) becomes the `cause`.
 */
export class ServiceError extends SoapError {
  override name = "ServiceError";
  /** The decoded response headers (not enumerable). */
  declare readonly headers: object;
  /** The failure detail: the FailureRule's `detail` header, or its `inner` detail for a cause (not enumerable). */
  declare readonly detail: unknown;
  readonly status: number;
  constructor(message: string, init: ServiceErrorInit) {
    super(message, init);
    hide(this, "headers", init.headers);
    hide(this, "detail", init.detail);
    this.status = init.status;
  }
}

export function isServiceError(e: unknown): e is ServiceError {
  return e instanceof ServiceError || branded(e, "ServiceError");
}
