// The wsdlc runtime, copied into the output by the generator. DO NOT EDIT.
/**
 * The base class of generated clients. A call: encode the request, POST it, decode the response, then apply the
 * descriptor's FailureRule. Every call keeps its own state (headers, secrets, redactor), so calls may run
 * concurrently on one client.
 *
 * Outcomes: a SOAP Fault → SoapFaultError (any HTTP status); a non-2xx response without a Fault → HttpError;
 * a 2xx response that is not a complete SOAP envelope → DecodeError; the FailureRule's flag at its failure value
 * → ServiceError. A multipart/related response (MTOM/XOP, SwA) is read as its root part, whose binary values may
 * refer to the other parts (see multipart.ts); a malformed package is a DecodeError (an HttpError when non-2xx).
 * Members are `$`-prefixed (or #private) so they never clash with operation method names.
 */
import type { ClientDescriptor, FailureRule, OperationDescriptor } from "./descriptors.js";
import { decodeResponse, type DecodedResponse } from "./decode.js";
import { encodeRequest } from "./encode.js";
import { DecodeError, EncodeError, HttpError, isDecodeError, isHttpError, isSoapError, isSoapFaultError, isTransportError, ServiceError, SoapError } from "./errors.js";
import type { Features, MultipartFeature } from "./features.js";
import type { ResponseAttachment } from "./multipart.js";
import { authorizationSecrets } from "./auth.js";
import { parseMediaType } from "./charset.js";
import { isSecretHttpHeader, Redactor, redactHttpHeaders, redactUrl, SecretPolicy, urlSecrets } from "./redact.js";
import { isRecord, listedNames, propOf } from "./schema.js";
import { CallDeadline, guarded, open, post, readBody, stopped, unpack, type HttpRequest, type HttpResponse, type RawResponse } from "./transport.js";
import type { StreamItem } from "./stream.js";
import type { XmlElement } from "./xml.js";

export interface RequestEvent {
  readonly operation: string;
  /** The endpoint, with a userinfo password and secret-named query parameters redacted. */
  readonly endpoint: string;
  readonly soapAction: string;
  /** Request HTTP headers; Authorization, Cookie and secret-named headers redacted. */
  readonly httpHeaders: Readonly<Record<string, string>>;
  /** The request envelope, secrets redacted. */
  readonly xml: string;
}

export interface ResponseEvent {
  readonly operation: string;
  readonly endpoint: string;
  readonly status: number;
  readonly httpHeaders: Readonly<Record<string, string>>;
  /** The response body (the root part of a multipart/related response), secrets redacted. */
  readonly xml: string;
  /** From sending the request to having read the whole response. */
  readonly durationMs: number;
  /** multipart/related responses (MTOM/XOP, SwA): the other parts, described (not their contents). */
  readonly attachments?: readonly AttachmentSummary[];
}

/** An attachment as hooks see it. */
export interface AttachmentSummary {
  /** Content-ID without angle brackets ("" when none). */
  readonly id: string;
  readonly contentType: string;
  /** Decoded size in bytes. */
  readonly size: number;
}

export interface ClientHooks {
  /** Awaited before the request is sent; an exception aborts the call. */
  onRequest?(e: RequestEvent): void | Promise<void>;
  /** Awaited once the response is read, before it is decoded; an exception aborts the call. */
  onResponse?(e: ResponseEvent): void | Promise<void>;
  /**
   * Awaited once when a call fails with a runtime error (a SoapError: HttpError, SoapFaultError, TransportError,
   * DecodeError, EncodeError, ServiceError…), already redacted, before it is thrown. An exception from it is
   * ignored: the call still throws the original error (the same object). Not called for exceptions thrown by
   * the other hooks or by a soapHeaders provider.
   */
  onError?(e: SoapError): void | Promise<void>;
}

/**
 * Computes a call's extra SOAP headers when it is made, for headers that must be fresh per message (a
 * UsernameToken's nonce and Created, a WS-Addressing MessageID). An exception aborts the call.
 */
export type SoapHeaderProvider = (call: { readonly operation: string }) => readonly XmlElement[] | Promise<readonly XmlElement[]>;

/**
 * Opt-in retry of failed calls. Only the operations listed (by method name) are retried: a POST that failed on
 * the network may have reached the service, so retrying is only safe for idempotent operations. Retried: a
 * TransportError of kind "network", and an HTTP 502, 503, 504 or 429 without a SOAP Fault (Retry-After in
 * seconds honored, up to `maxBackoffMs`). Never retried: SOAP faults, ServiceError, DecodeError, EncodeError,
 * timeouts and aborts. The call's timeout covers all attempts and the waits between them.
 */
export interface RetryOptions {
  /** Attempts in all, the first included (an integer ≥ 1; 1 = no retry). */
  readonly attempts: number;
  /** Method names of the operations that may be retried; none when omitted. A name the client lacks is a SoapError. */
  readonly operations?: readonly string[];
  /** First wait, in ms (default 100); doubled per retry, with jitter (a random 50–100 % of it). */
  readonly backoffMs?: number;
  /** Longest wait, in ms (default 5000), Retry-After included. */
  readonly maxBackoffMs?: number;
}

export interface ClientOptions<H> {
  /** Overrides the WSDL's soap:address. */
  endpoint?: string;
  /** Default SOAP request headers, sent with every operation that declares them. */
  headers?: H;
  /**
   * SOAP headers the WSDL does not declare (WS-Security, WS-Addressing, vendor tokens), sent with every call
   * after the declared headers; or a function giving them per call. See `EncodeOptions.soapHeaders`.
   */
  soapHeaders?: readonly XmlElement[] | SoapHeaderProvider;
  fetch?: typeof fetch;
  /** Milliseconds; default 60000; 0 = none. */
  timeout?: number;
  /** Default 64 MiB. */
  maxResponseBytes?: number;
  /**
   * Same-origin (scheme, host, port) redirects followed per call, re-sending the request; default 5, 0 = none.
   * A redirect to another origin is never followed (the envelope carries tickets and passwords): it is a
   * TransportError of kind "redirect".
   */
  maxRedirects?: number;
  httpHeaders?: Record<string, string>;
  hooks?: ClientHooks;
  /** Strict decoding: unknown elements, missing required ones, namespace mismatches are DecodeErrors. */
  strict?: boolean;
  /**
   * Lenient decoding tolerates what does not break the generated types (unknown elements, namespace
   * mismatches); a response that does (a required element missing, xsi:nil where not nillable, two alternatives
   * of a choice) is a DecodeError, unless this hook is given: it receives that error, and the call goes on with
   * the value as the response has it. See `DecodeOptions.onDecodeWarning`.
   */
  onDecodeWarning?: (warning: DecodeError) => void;
  /** Extra secret element/property names (whole names, case-insensitive), besides the built-in patterns. */
  secretNames?: readonly string[];
  /**
   * Check request values against the schema's XSD facets (length, pattern, bounds, digits) before sending, and
   * refuse properties the types do not have (a misspelt name); a violation is an EncodeError naming the path.
   * Default true. See `EncodeOptions.validate`.
   */
  validate?: boolean;
  /** Opt-in retry; default none. See `RetryOptions`. */
  retry?: RetryOptions;
  /**
   * Optional runtime parts added to those the generated descriptor names (see features.ts), e.g.
   * `{ multipart }` for a service that answers with MTOM packages although its WSDL has no binary values.
   */
  features?: Features;
}

export interface CallOptions<H> {
  /** Merged over the client's default headers, per header (an explicit `undefined` removes one). */
  headers?: H;
  /** Undeclared SOAP headers for this call, sent after the client's `soapHeaders`. */
  soapHeaders?: readonly XmlElement[];
  /** Aborts the call (sending, reading, or decoding the response). */
  signal?: AbortSignal;
  /** Milliseconds for the whole call, hooks (not onError) and decoding included; overrides the client's. */
  timeout?: number;
  httpHeaders?: Record<string, string>;
  /** Overrides the client's `validate` for this call. */
  validate?: boolean;
  /** Overrides the client's `retry` for this call. */
  retry?: RetryOptions;
}

export interface CallResult<B, H> {
  readonly body: B;
  readonly headers: H;
  readonly status: number;
  readonly httpHeaders: Headers;
  /**
   * multipart/related responses (MTOM/XOP, SwA): every part but the root, in order. Binary values in the body
   * that refer to a part already hold its bytes; this is for the parts nothing refers to by Content-ID.
   */
  readonly attachments?: readonly ResponseAttachment[];
}

export interface OperationTypes {
  input: unknown;
  output: unknown;
  requestHeaders: object;
  responseHeaders: object;
}

/** The operations of a client, keyed by method name (an interface works: no index signature is needed). */
export type OperationMap<Ops> = { [K in keyof Ops]: OperationTypes };

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Default client-level headers: any request header of any operation. */
export type DefaultHeaders<Ops extends OperationMap<Ops>> = Partial<UnionToIntersection<Ops[keyof Ops]["requestHeaders"]>>;

const DEFAULT_TIMEOUT = 60_000;
const NO_ELEMENTS: readonly XmlElement[] = [];
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;

export abstract class SoapClient<Ops extends OperationMap<Ops>, H extends object = DefaultHeaders<Ops>> {
  readonly #descriptor: ClientDescriptor;
  readonly #options: ClientOptions<H>;
  readonly #policy: SecretPolicy;
  #endpointSecrets: { readonly endpoint: string; readonly secrets: readonly string[] } | undefined;
  readonly #http = new Map<OperationDescriptor, OperationHttp>();
  #headerNames: Set<string> | undefined;

  protected constructor(descriptor: ClientDescriptor, options: ClientOptions<H> = {}) {
    const extra = options.features;
    this.#descriptor = extra === undefined ? descriptor : { ...descriptor, features: { ...descriptor.features, ...extra } };
    this.#options = options;
    this.#policy = new SecretPolicy(options.secretNames);
  }

  /** Full result: body + typed response headers, per call. */
  async $invoke<K extends keyof Ops & string>(
    operation: K,
    input: Ops[K]["input"],
    options: CallOptions<Ops[K]["requestHeaders"]> = {},
  ): Promise<CallResult<Ops[K]["output"], Ops[K]["responseHeaders"]>> {
    const ctx: AttemptContext = { deadline: undefined, request: undefined };
    try {
      const retry = options.retry ?? this.#options.retry;
      const attempts = retry === undefined ? 1 : retryAttempts(retry, operation, this.#descriptor);
      for (let n = 1; ; n++) {
        try {
          return await this.#attempt(operation, input, options, ctx);
        } catch (e) {
          const wait = n < attempts && retry !== undefined ? retryDelay(e, retry, n) : undefined;
          if (wait === undefined || ctx.request === undefined) throw e;
          await pause(wait, ctx.request);
        }
      }
    } catch (e) {
      const onError = this.#options.hooks?.onError;
      if (onError !== undefined && isSoapError(e)) {
        try {
          await onError(e);
        } catch {
          // The hook's own failure never replaces the call's error.
        }
      }
      throw e;
    } finally {
      ctx.deadline?.dispose();
    }
  }

  async #attempt<K extends keyof Ops & string>(
    operation: K,
    input: Ops[K]["input"],
    options: CallOptions<Ops[K]["requestHeaders"]>,
    ctx: AttemptContext,
  ): Promise<CallResult<Ops[K]["output"], Ops[K]["responseHeaders"]>> {
    const d = this.#descriptor;
    const op = Object.hasOwn(d.operations, operation) ? d.operations[operation] : undefined;
    if (op === undefined) throw new SoapError(`unknown operation "${operation}"`, { operation });
    const o = this.#options;
    const request = await this.#prepare(op, input, options, ctx);
    const redactor = request.redactor;
    const onResponse = o.hooks?.onResponse;
    const started = onResponse === undefined ? 0 : performance.now();
    const res = await post(request);
    const attachments = res.attachments;
    if (onResponse !== undefined) {
      const durationMs = performance.now() - started;
      const summary = attachments?.map((a) => ({ id: redactor.text(a.id), contentType: redactor.text(a.contentType), size: a.bytes.byteLength }));
      const event = {
        operation: op.name,
        endpoint: request.label,
        status: res.status,
        httpHeaders: redactHttpHeaders(headerRecord(res.headers), redactor),
        xml: redactor.xml(res.text),
        durationMs,
        ...(summary === undefined ? {} : { attachments: summary }),
      };
      await within(request.deadline, onResponse(event), () => stopped(request, request.deadline.why ?? "timeout", " (in the onResponse hook)"));
    }
    // Decoding is synchronous: the reader calls this periodically, so the timeout also bounds it.
    const check = decodeCheck(request);
    check();
    const decoded = interpret(d, op, res, redactor, o.strict === true, check, o.onDecodeWarning);
    return {
      body: decoded.body as Ops[K]["output"],
      headers: decoded.headers as Ops[K]["responseHeaders"],
      status: res.status,
      httpHeaders: res.headers,
      ...(attachments === undefined ? {} : { attachments }),
    };
  }

  /**
   * With validation on, a SOAP header name none of the client's operations declares (a misspelt `Credential`) is
   * an EncodeError: left out unseen, a missing ticket would only show as the service's "not authenticated".
   */
  #checkHeaderNames(op: OperationDescriptor, headers: Readonly<Record<string, unknown>>): void {
    for (const k of Object.keys(headers)) {
      if (headers[k] === undefined) continue;
      const known = (this.#headerNames ??= new Set(Object.values(this.#descriptor.operations).flatMap((o) => (o.input.headers ?? []).map(propOf))));
      if (!known.has(k)) {
        const names = known.size === 0 ? "the client declares no request headers" : `the client's request headers are ${listedNames([...known])}`;
        throw new EncodeError(`${op.name}: cannot encode header ${k}: unknown SOAP header; ${names}`, { operation: op.name, path: k });
      }
    }
  }

  /**
   * Everything a call sends, made once per attempt: the envelope, the HTTP headers, the secrets to redact (the
   * Redactor compiles them only if something is redacted) and the onRequest hook awaited. What depends only on
   * the operation (Content-Type, SOAPAction, whether those are secret) is worked out once per client.
   */
  async #prepare<K extends keyof Ops & string>(
    op: OperationDescriptor,
    input: Ops[K]["input"],
    options: CallOptions<Ops[K]["requestHeaders"]>,
    ctx: AttemptContext,
  ): Promise<CallRequest> {
    const d = this.#descriptor;
    const o = this.#options;
    // One deadline for the whole call, started before the first attempt is prepared (the soapHeaders function and
    // the onRequest hook are in the call's time), kept across retries.
    const deadline = (ctx.deadline ??= new CallDeadline(atLeastZero(op.name, "timeout", options.timeout ?? o.timeout ?? DEFAULT_TIMEOUT), options.signal));
    const secrets = new Set<string>();
    // The client's defaults as they are when no per-call headers are given (encoding only reads them).
    const defaults: object | undefined = o.headers;
    const perCall: object | undefined = options.headers;
    const headers = (perCall === undefined ? defaults : { ...defaults, ...perCall }) as Readonly<Record<string, unknown>> | undefined;
    const endpoint = o.endpoint ?? d.endpoint;
    const clientHeaders =
      typeof o.soapHeaders === "function"
        ? await within(deadline, o.soapHeaders({ operation: op.name }), () => {
            const r = new Redactor(this.#policy, new Set(this.#urlSecrets(endpoint)));
            return stopped({ operation: op.name, label: redactUrl(endpoint, r), redactor: r, deadline }, deadline.why ?? "timeout", " (in the soapHeaders function)");
          })
        : o.soapHeaders;
    if (clientHeaders !== undefined && !Array.isArray(clientHeaders)) {
      throw new SoapError(`${op.name}: ClientOptions.soapHeaders must be (or give) an array of XmlElements`, { operation: op.name });
    }
    const extra = options.soapHeaders;
    const soapHeaders: readonly XmlElement[] = extra === undefined || extra.length === 0 ? (clientHeaders ?? NO_ELEMENTS) : [...(clientHeaders ?? []), ...extra];
    const validate = options.validate ?? o.validate ?? true;
    if (validate && headers !== undefined) this.#checkHeaderNames(op, headers);
    const xml = encodeRequest(d, op, input, headers, { policy: this.#policy, secrets, soapHeaders, validate });
    for (const v of this.#urlSecrets(endpoint)) secrets.add(v);
    const base = this.#soapHttp(op);
    const clientHttp = o.httpHeaders;
    const callHttp = options.httpHeaders;
    let httpHeaders: Record<string, string>;
    if (clientHttp === undefined && callHttp === undefined) {
      // A copy: an injected fetch may change the headers it is given.
      httpHeaders = { ...base.headers };
      for (const s of base.secrets) secrets.add(s);
    } else {
      httpHeaders = { ...base.headers, ...clientHttp, ...callHttp };
      for (const k in httpHeaders) {
        if (isSecretHttpHeader(k) || this.#policy.isSecretName(k)) for (const s of authorizationSecrets(httpHeaders[k] ?? "")) secrets.add(s);
      }
    }
    const redactor = new Redactor(this.#policy, secrets);
    if (endpoint === "") throw new SoapError(`${op.name}: no endpoint (the WSDL gives none; set ClientOptions.endpoint)`, { operation: op.name });
    const onRequest = o.hooks?.onRequest;
    let label: string | undefined;
    if (onRequest !== undefined) {
      const shown = redactUrl(endpoint, redactor);
      label = shown;
      const event = { operation: op.name, endpoint: shown, soapAction: op.action, httpHeaders: redactHttpHeaders(httpHeaders, redactor), xml: redactor.xml(xml) };
      await within(deadline, onRequest(event), () => stopped({ operation: op.name, label: shown, redactor, deadline }, deadline.why ?? "timeout", " (in the onRequest hook)"));
    }
    const request = new CallRequest(
      op.name,
      endpoint,
      label,
      redactor,
      deadline,
      o.fetch,
      httpHeaders,
      xml,
      atLeastZero(op.name, "maxResponseBytes", o.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES),
      atLeastZero(op.name, "maxRedirects", o.maxRedirects ?? DEFAULT_MAX_REDIRECTS),
      d.features?.multipart,
    );
    ctx.request = request;
    return request;
  }

  /** An operation's SOAP HTTP headers (Content-Type, SOAPAction) and the secrets among them, made once. */
  #soapHttp(op: OperationDescriptor): OperationHttp {
    let cached = this.#http.get(op);
    if (cached === undefined) {
      const headers = soapHttpHeaders(this.#descriptor.soap, op.action);
      const secrets: string[] = [];
      for (const k in headers) {
        if (isSecretHttpHeader(k) || this.#policy.isSecretName(k)) secrets.push(...authorizationSecrets(headers[k] ?? ""));
      }
      cached = { headers, secrets };
      this.#http.set(op, cached);
    }
    return cached;
  }

  /** The user name and password of the endpoint's userinfo (cached: the endpoint rarely changes). */
  #urlSecrets(endpoint: string): readonly string[] {
    const cached = this.#endpointSecrets;
    if (cached !== undefined && cached.endpoint === endpoint) return cached.secrets;
    const secrets = urlSecrets(endpoint);
    this.#endpointSecrets = { endpoint, secrets };
    return secrets;
  }

  /**
   * The items of a list-valued operation (its unwrapped result is an array, or a repeated element), decoded
   * one at a time as the response arrives: memory does not grow with the response. Everything a call does
   * still applies: the request hooks (onRequest, onError; onResponse is not called, there is no whole body to
   * show), the SOAP headers and the FailureRule (checked before the first item), a Fault, HTTP errors,
   * maxResponseBytes, and the timeout and abort, which cover the whole iteration. Not retried. Breaking out of
   * the loop releases the connection. A non-2xx or multipart/related response is read whole first.
   */
  protected $stream<K extends keyof Ops & string>(
    operation: K,
    input: Ops[K]["input"],
    options: CallOptions<Ops[K]["requestHeaders"]> = {},
  ): AsyncIterable<StreamItem<Ops[K]["output"]>> {
    return { [Symbol.asyncIterator]: () => this.#iterate(operation, input, options) as AsyncIterator<StreamItem<Ops[K]["output"]>> };
  }

  async *#iterate<K extends keyof Ops & string>(operation: K, input: Ops[K]["input"], options: CallOptions<Ops[K]["requestHeaders"]>): AsyncGenerator<unknown, void, undefined> {
    const ctx: AttemptContext = { deadline: undefined, request: undefined };
    let raw: RawResponse | undefined;
    try {
      const d = this.#descriptor;
      const op = Object.hasOwn(d.operations, operation) ? d.operations[operation] : undefined;
      if (op === undefined) throw new SoapError(`unknown operation "${operation}"`, { operation });
      const streaming = d.features?.streaming;
      if (streaming === undefined) {
        throw new SoapError(`${op.name}: this client cannot stream (its descriptor has no streaming feature; add it with ClientOptions.features: { streaming })`, {
          operation: op.name,
        });
      }
      const path = streaming.path(d, op);
      if (path === undefined) throw new SoapError(`${op.name}: the result is not a list; it cannot be streamed`, { operation: op.name });
      const request = await this.#prepare(op, input, options, ctx);
      const redactor = request.redactor;
      const opened = await open(request);
      raw = opened.raw;
      const { status } = raw;
      const strict = this.#options.strict === true;
      const check = decodeCheck(request);
      if (status < 200 || status >= 300 || /^\s*(multipart\/|text\/html\b|application\/json\b)/i.test(opened.contentType)) {
        // Errors, packages and pages that are no XML (a proxy's login page) are read whole, then interpreted as by
        // a buffered call.
        const current = raw;
        const bytes = await guarded(request, () => readBody(current, request));
        const res: HttpResponse = {
          status,
          statusText: raw.statusText,
          headers: raw.headers,
          contentType: opened.contentType,
          ...unpack(bytes, opened.contentType, request.multipart),
        };
        check();
        const body = interpret(d, op, res, redactor, strict, check, this.#options.onDecodeWarning).body;
        if (Array.isArray(body)) yield* body;
        return;
      }
      yield* streaming.items(raw, request, d, op, path, {
        strict,
        status,
        contentType: opened.contentType,
        redactor,
        check,
        onHeaders: (headers) => checkFailureRule(d, op, headers, status, redactor),
        onDecodeWarning: this.#options.onDecodeWarning,
      });
    } catch (e) {
      const onError = this.#options.hooks?.onError;
      if (onError !== undefined && isSoapError(e)) {
        try {
          await onError(e);
        } catch {
          // The hook's own failure never replaces the call's error.
        }
      }
      throw e;
    } finally {
      // Released at once when the loop ends early (a kept-alive connection that was read to its end is kept).
      raw?.cancel();
      ctx.deadline?.dispose();
    }
  }

  /** Body only; what the generated methods return. */
  protected async $call<K extends keyof Ops & string>(operation: K, input: Ops[K]["input"], options?: CallOptions<Ops[K]["requestHeaders"]>): Promise<Ops[K]["output"]> {
    return (await this.$invoke(operation, input, options)).body;
  }
}

/** What an operation sends in every call's HTTP headers. */
interface OperationHttp {
  readonly headers: Readonly<Record<string, string>>;
  /** Values among them to redact (none unless a header is secret-named). */
  readonly secrets: readonly string[];
}

/** One attempt's request; the endpoint as shown in messages is made when first needed. */
class CallRequest implements HttpRequest {
  readonly operation: string;
  readonly url: string;
  readonly redactor: Redactor;
  readonly deadline: CallDeadline;
  readonly fetch: typeof globalThis.fetch | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly maxResponseBytes: number;
  readonly maxRedirects: number;
  readonly multipart: MultipartFeature | undefined;
  #label: string | undefined;

  constructor(
    operation: string,
    url: string,
    label: string | undefined,
    redactor: Redactor,
    deadline: CallDeadline,
    fetch: typeof globalThis.fetch | undefined,
    headers: Readonly<Record<string, string>>,
    body: string,
    maxResponseBytes: number,
    maxRedirects: number,
    multipart: MultipartFeature | undefined,
  ) {
    this.operation = operation;
    this.url = url;
    this.#label = label;
    this.redactor = redactor;
    this.deadline = deadline;
    this.fetch = fetch;
    this.headers = headers;
    this.body = body;
    this.maxResponseBytes = maxResponseBytes;
    this.maxRedirects = maxRedirects;
    this.multipart = multipart;
  }

  get label(): string {
    return (this.#label ??= redactUrl(this.url, this.redactor));
  }
}

interface AttemptContext {
  deadline: CallDeadline | undefined;
  request: HttpRequest | undefined;
}

/**
 * A hook's (or the soapHeaders function's) result, awaited no longer than the call may last: when the call's
 * timeout or abort comes first, the error `stop()` makes is thrown and the hook's promise is left to settle alone.
 */
async function within<T>(deadline: CallDeadline, value: T | PromiseLike<T>, stop: () => Error): Promise<T> {
  if (!deadline.stoppable || typeof (value as { then?: unknown } | null)?.then !== "function") return value;
  let onStop: (() => void) | undefined;
  try {
    return await Promise.race([value, new Promise<never>((_, reject) => deadline.onStop((onStop = () => reject(stop()))))]);
  } finally {
    if (onStop !== undefined) deadline.offStop(onStop);
  }
}

/** The check decoding calls periodically: throws the call's TransportError once it is stopped or out of time. */
function decodeCheck(request: HttpRequest): () => void {
  return () => {
    const why = request.deadline.expired();
    if (why !== undefined) throw stopped(request, why, " (while decoding the response)");
  };
}

const DEFAULT_BACKOFF = 100;
const DEFAULT_MAX_BACKOFF = 5000;
const RETRY_STATUS = new Set([429, 502, 503, 504]);
/** Retry-After (seconds) of HttpErrors, for retry. */
const retryAfter = new WeakMap<HttpError, number>();

/** A numeric option as given, when it is a number ≥ 0 (a negative or NaN one would silently mean "none"). */
function atLeastZero(operation: string, name: string, value: number): number {
  if (typeof value !== "number" || !(value >= 0)) throw new SoapError(`${operation}: ${name} must be a number ≥ 0 (got ${String(value)})`, { operation });
  return value;
}

function retryAttempts(retry: RetryOptions, operation: string, d: ClientDescriptor): number {
  const { attempts } = retry;
  if (!Number.isInteger(attempts) || attempts < 1) throw new SoapError(`${operation}: retry.attempts must be an integer ≥ 1 (got ${String(attempts)})`, { operation });
  // A misspelt method would leave its calls unretried, unseen.
  const unknown = retry.operations?.find((m) => !Object.hasOwn(d.operations, m));
  if (unknown !== undefined) {
    throw new SoapError(`${operation}: retry.operations: ${JSON.stringify(unknown)} is not a method of this client (its methods: ${listedNames(Object.keys(d.operations))})`, {
      operation,
    });
  }
  return retry.operations?.includes(operation) === true ? attempts : 1;
}

/** The wait before retry `n` (1 = after the first attempt), or undefined when `e` is not retried. */
function retryDelay(e: unknown, retry: RetryOptions, n: number): number | undefined {
  const max = Math.max(0, retry.maxBackoffMs ?? DEFAULT_MAX_BACKOFF);
  if (isHttpError(e) && RETRY_STATUS.has(e.status)) {
    const after = retryAfter.get(e);
    if (after !== undefined) return Math.min(after * 1000, max);
  } else if (!(isTransportError(e) && e.kind === "network")) return undefined;
  const base = Math.min(max, Math.max(0, retry.backoffMs ?? DEFAULT_BACKOFF) * 2 ** (n - 1));
  return base / 2 + Math.random() * (base / 2);
}

/** Waits `ms`; the call's abort or timeout ends the wait at once with its TransportError. */
function pause(ms: number, request: NonNullable<AttemptContext["request"]>): Promise<void> {
  const { deadline } = request;
  const signal = deadline.signal;
  return new Promise<void>((resolve, reject) => {
    const fail = (): void => {
      clearTimeout(timer);
      reject(stopped(request, deadline.why ?? "aborted", " (while waiting to retry)"));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", fail);
      const why = deadline.expired();
      if (why === undefined) resolve();
      else reject(stopped(request, why, " (while waiting to retry)"));
    }, ms);
    if (signal.aborted || deadline.expired() !== undefined) fail();
    else signal.addEventListener("abort", fail, { once: true });
  });
}

/** SOAP 1.1 §6.1.1 (text/xml + quoted SOAPAction); SOAP 1.2 Part 2 §7.1.4 (action parameter of the media type). */
function soapHttpHeaders(version: "1.1" | "1.2", action: string): Record<string, string> {
  if (version === "1.1") return { "Content-Type": "text/xml; charset=utf-8", SOAPAction: `"${action.replace(/"/g, '\\"')}"` };
  const param = action === "" ? "" : `; action="${action.replace(/"/g, '\\"')}"`;
  return { "Content-Type": `application/soap+xml; charset=utf-8${param}` };
}

function headerRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

function interpret(
  d: ClientDescriptor,
  op: OperationDescriptor,
  res: HttpResponse,
  redactor: Redactor,
  strict: boolean,
  checkDeadline: () => void,
  onDecodeWarning: ((w: DecodeError) => void) | undefined,
): DecodedResponse {
  const ok = res.status >= 200 && res.status < 300;
  // One-way operations: an empty 2xx (typically 202 Accepted) is the normal answer.
  if (ok && op.output === undefined && res.text.trim() === "") return { body: undefined, headers: {} };
  let decoded: DecodedResponse;
  try {
    if (res.malformed !== undefined) throw malformedPackage(op, res.malformed, redactor);
    const attachments = res.attachments === undefined ? {} : { attachments: attachmentMap(res.attachments) };
    const warn = onDecodeWarning === undefined ? {} : { onDecodeWarning };
    decoded = decodeResponse(d, op, res.text, { strict, status: res.status, redactor, checkDeadline, ...attachments, ...warn });
  } catch (e) {
    if (isSoapFaultError(e) || isTransportError(e)) throw e;
    if (!ok) throw httpError(op, res, redactor);
    if (op.output === undefined && isDecodeError(e)) return { body: undefined, headers: {} };
    if (isDecodeError(e) && e.path === "") throw notAnEnvelope(op, res, redactor, e);
    throw e;
  }
  if (!ok) throw httpError(op, res, redactor);
  checkFailureRule(d, op, decoded.headers, res.status, redactor);
  return decoded;
}

/** The descriptor's FailureRule: a ServiceError when the response headers hold its flag at the failure value. */
function checkFailureRule(d: ClientDescriptor, op: OperationDescriptor, headers: Record<string, unknown>, status: number, redactor: Redactor): void {
  const rule = d.failure;
  if (rule !== undefined && Object.hasOwn(headers, rule.flag)) {
    const flag = headers[rule.flag];
    if (flag === rule.failureValue || (flag !== undefined && flag !== null && String(flag) === String(rule.failureValue))) {
      const detail = rule.detail === undefined ? undefined : headers[rule.detail];
      throw serviceError(op.name, rule, headers, detail, status, redactor);
    }
  }
}

/** The attachments keyed by Content-ID (parts without one are left out; the first of a repeated id wins). */
function attachmentMap(list: readonly ResponseAttachment[]): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const a of list) if (a.id !== "" && !out.has(a.id)) out.set(a.id, a.bytes);
  return out;
}

function malformedPackage(op: OperationDescriptor, reason: string, redactor: Redactor): DecodeError {
  const message = redactor.text(`${op.name}: cannot decode the response: ${reason}`);
  return new DecodeError(message, { operation: op.name, path: "", line: 0, column: 0 });
}

/** `: <the body's text, shortened>` for a message, or "" (redacted; markup of an HTML page left out). */
function shownExcerpt(res: HttpResponse, redactor: Redactor): { readonly excerpt: string; readonly shown: string } {
  const excerpt = redactor.excerpt(res.text, res.contentType);
  return { excerpt, shown: excerpt === "" ? "" : `: ${excerpt.length > 200 ? `${excerpt.slice(0, 199)}…` : excerpt}` };
}

/**
 * A 2xx answer that cannot be read as XML at all: when it is empty or not XML by its Content-Type (a login page
 * of a proxy, a JSON error), the DecodeError says so after the XML reason, with the start of the body's text.
 */
function notAnEnvelope(op: OperationDescriptor, res: HttpResponse, redactor: Redactor, e: DecodeError): DecodeError {
  const { type } = parseMediaType(res.contentType);
  let hint: string;
  if (res.text.trim() === "") hint = `the body of the HTTP ${res.status} response is empty`;
  else if (type !== "" && !type.includes("xml") && type !== "multipart/related") hint = `the HTTP ${res.status} response is ${type}${shownExcerpt(res, redactor).shown}`;
  else return e;
  return new DecodeError(redactor.text(`${e.message}; ${hint}`), { operation: op.name, path: e.path, line: e.line, column: e.column, cause: e.cause });
}

function httpError(op: OperationDescriptor, res: HttpResponse, redactor: Redactor): HttpError {
  const { excerpt, shown } = shownExcerpt(res, redactor);
  const statusText = redactor.text(res.statusText);
  const error = new HttpError(redactor.text(`${op.name}: HTTP ${res.status}${statusText === "" ? "" : ` ${statusText}`}${shown}`), {
    operation: op.name,
    status: res.status,
    statusText,
    contentType: redactor.text(res.contentType),
    excerpt,
  });
  const after = res.headers.get("retry-after");
  if (after !== null && /^\s*\d+\s*$/.test(after)) retryAfter.set(error, Number(after));
  return error;
}

/** The failure detail and its chain of causes (the rule's `inner`), as a chain of ServiceErrors linked by `cause`. */
function serviceError(operation: string, rule: FailureRule, headers: object, detail: unknown, status: number, redactor: Redactor): ServiceError {
  const chain: unknown[] = [];
  const inner = rule.inner;
  for (let cur = detail; isRecord(cur) && chain.length < 32; cur = inner === undefined ? undefined : cur[inner]) chain.push(cur);
  let error: ServiceError | undefined;
  for (let i = chain.length - 1; i >= 0; i--) {
    const info = chain[i];
    error = new ServiceError(redactor.text(failureMessage(operation, rule, info)), { operation, headers, detail: info, status, cause: error });
  }
  return error ?? new ServiceError(`${operation}: the service reported failure`, { operation, headers, detail, status });
}

function failureMessage(operation: string, rule: FailureRule, info: unknown): string {
  const text = (key: string | undefined): string => {
    const v = key !== undefined && isRecord(info) ? info[key] : undefined;
    return typeof v === "string" ? v : "";
  };
  const shown = [text(rule.type), text(rule.message)].filter((s) => s !== "").join(": ");
  return `${operation}: ${shown === "" ? "the service reported failure" : shown}`;
}
