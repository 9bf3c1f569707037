/**
 * HTTP transport over the platform `fetch` (or an injected one): POST, caller's AbortSignal combined with a
 * timeout, response body read as a stream of bytes with a byte limit, then decoded: text with the Content-Type
 * charset, or a multipart/related package (MTOM/XOP, SwA) split into its root part's text and its attachments
 * (see multipart.ts).
 *
 * The timeout and the abort are enforced here, not only through `fetch`'s signal, so that they also hold for an
 * injected `fetch` that ignores signals, and while the body is being read; `CallDeadline` carries them on into
 * decoding.
 *
 * Redirects: fetch is called with `redirect: "manual"`, so the envelope (tickets, passwords) is never re-sent
 * by fetch itself. A 301/302/303/307/308 to the same origin (scheme, host, port) is followed, re-POSTing the
 * envelope, at most `maxRedirects` times; a redirect to another origin, or one more than that, is a
 * TransportError of kind "redirect" naming the target's origin and path (no userinfo, no query).
 */
import { TransportError, type TransportErrorKind } from "./errors.js";
import { CharsetError, charsetParam, decodeLenient, decodeText } from "./charset.js";
import type { MultipartFeature } from "./features.js";
import type { ResponseAttachment } from "./multipart.js";
import { redactCause, type Redactor } from "./redact.js";

export interface HttpRequest {
  readonly fetch: typeof fetch;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Bounds the whole call: the exchange here, and the decoding after it (see `CallDeadline`). */
  readonly deadline: CallDeadline;
  readonly maxResponseBytes: number;
  /** Same-origin redirects followed at most (0 = none); a cross-origin redirect is always refused. */
  readonly maxRedirects: number;
  readonly operation: string;
  /** The endpoint as shown in messages (userinfo removed, secrets redacted). */
  readonly label: string;
  readonly redactor: Redactor;
  /** Reads multipart/related bodies (MTOM/XOP, SwA); without it such a body is `malformed`. */
  readonly multipart?: MultipartFeature | undefined;
}

export interface HttpResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly contentType: string;
  /** The body's text: the root part's for multipart/related. */
  readonly text: string;
  /** multipart/related only: the parts other than the root, in order. */
  readonly attachments: readonly ResponseAttachment[] | undefined;
  /**
   * Why the body could not be read as text (a malformed multipart/related package, bytes that are not valid in
   * the declared encoding, an unsupported charset); `text` then holds the body decoded leniently as UTF-8, for
   * diagnostics only. Undefined when the body was read.
   */
  readonly malformed: string | undefined;
}

/**
 * The time limit and the caller's abort of one call. Started before the request is sent and disposed when the
 * call settles, so that it also bounds decoding: decoding is synchronous, so it calls `check()` periodically,
 * which throws the call's TransportError (kind timeout/aborted) once the time is up.
 */
export class CallDeadline {
  readonly #controller = new AbortController();
  readonly #signal: AbortSignal | undefined;
  readonly #end: number;
  readonly #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #onAbort = (): void => this.stop("aborted");
  why: "timeout" | "aborted" | undefined;
  readonly timeout: number;

  constructor(timeout: number, signal: AbortSignal | undefined) {
    this.timeout = timeout;
    this.#signal = signal;
    this.#end = timeout > 0 ? performance.now() + timeout : Infinity;
    if (signal?.aborted === true) this.stop("aborted");
    else signal?.addEventListener("abort", this.#onAbort, { once: true });
    this.#timer = timeout > 0 && this.why === undefined ? setTimeout(() => this.stop("timeout"), timeout) : undefined;
  }

  /** Aborted on timeout or on the caller's abort. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The caller's abort reason (for `cause`). */
  get reason(): unknown {
    return this.#signal?.reason;
  }

  stop(reason: "timeout" | "aborted"): void {
    if (this.why !== undefined) return;
    this.why = reason;
    this.#controller.abort();
  }

  /** Whether the call must stop now (checked without waiting for the timer, which cannot fire in synchronous code). */
  expired(): "timeout" | "aborted" | undefined {
    if (this.why === undefined && performance.now() >= this.#end) this.stop("timeout");
    if (this.why === undefined && this.#signal?.aborted === true) this.stop("aborted");
    return this.why;
  }

  dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#signal?.removeEventListener("abort", this.#onAbort);
  }
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);

export async function post(req: HttpRequest): Promise<HttpResponse> {
  const deadline = req.deadline;
  const early = deadline.expired();
  if (early !== undefined) throw stopped(req, early, "");
  const signal = deadline.signal;
  try {
    let url = req.url;
    for (let hops = 0; ; hops++) {
      // "manual": a redirect is answered here, never followed by fetch with the envelope (tickets, passwords…).
      const init: RequestInit = { method: "POST", headers: req.headers, body: req.body, signal, redirect: "manual" };
      const res = await abortable(req.fetch(url, init), signal);
      // A browser's fetch hides a manual redirect's target (an "opaqueredirect" response, status 0).
      if (res.type === "opaqueredirect") throw redirectError(req, `${req.label} answered with a redirect whose target the platform hides; it was not followed`);
      // An injected fetch may have followed redirects itself: an answer from another origin is not accepted.
      if (res.redirected && res.url !== "" && sameOrigin(res.url, url) === false) {
        void res.body?.cancel().catch(() => undefined);
        throw redirectError(req, `the fetch function followed a redirect from ${req.label} to another origin (${shownUrl(res.url)}); its answer was not accepted`);
      }
      const location = REDIRECT.has(res.status) ? res.headers.get("location") : null;
      if (location !== null) {
        void res.body?.cancel().catch(() => undefined);
        url = redirectTarget(req, url, location, hops);
        continue;
      }
      const contentType = res.headers.get("content-type") ?? "";
      const bytes = await readBody(res, req, signal);
      return { status: res.status, statusText: res.statusText, headers: res.headers, contentType, ...unpack(bytes, contentType, req.multipart) };
    }
  } catch (e) {
    if (e instanceof TransportError) throw e;
    const why = deadline.why;
    if (why !== undefined) throw stopped(req, why, "", e);
    throw failure(req, "network", e);
  }
}

/** The next URL of a redirect, or the TransportError (kind "redirect") refusing it. */
function redirectTarget(req: HttpRequest, from: string, location: string, hops: number): string {
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    throw redirectError(req, `${req.label} answered with a redirect to an invalid URL`);
  }
  const shown = shownUrl(target.href);
  if (target.origin !== new URL(from).origin) {
    throw redirectError(req, `${req.label} redirected to another origin (${shown}); the request was not sent there`);
  }
  if (hops >= req.maxRedirects) {
    throw redirectError(req, `${req.label} redirected to ${shown}; more than maxRedirects (${req.maxRedirects}) redirects`);
  }
  return target.href;
}

/** A URL as messages show it: origin and path only (no userinfo, query or fragment). */
function shownUrl(href: string): string {
  try {
    const u = new URL(href);
    return `${u.origin}${u.pathname}`;
  } catch {
    return "(an invalid URL)";
  }
}

function sameOrigin(a: string, b: string): boolean | undefined {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return undefined;
  }
}

function redirectError(req: HttpRequest, what: string): TransportError {
  return new TransportError(req.redactor.text(`${req.operation}: ${what}`), { operation: req.operation, kind: "redirect" });
}

/** The TransportError for a call stopped by its timeout or its caller's abort; `during` says where, if not sending. */
export function stopped(req: Pick<HttpRequest, "operation" | "label" | "redactor" | "deadline">, why: "timeout" | "aborted", during: string, e?: unknown): TransportError {
  const d = req.deadline;
  const what = why === "timeout" ? `timed out after ${d.timeout} ms` : "was aborted";
  const cause = why === "aborted" ? (d.reason ?? e) : e;
  const message = req.redactor.text(`${req.operation}: the request to ${req.label} ${what}${during}`);
  return new TransportError(message, { operation: req.operation, kind: why, cause: cause === undefined ? undefined : redactCause(cause, req.redactor) });
}

/** Settles with `p`, or rejects as soon as `signal` aborts (whether or not `p` listens to it). */
function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error("aborted"));
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

async function readBody(res: Response, req: HttpRequest, signal: AbortSignal): Promise<Uint8Array> {
  const declared = Number(res.headers.get("content-length") ?? Number.NaN);
  const body = res.body;
  if (declared > req.maxResponseBytes) {
    void body?.cancel().catch(() => undefined);
    throw tooLarge(req);
  }
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const chunk = await abortable(reader.read(), signal);
      if (chunk.done) break;
      total += chunk.value.byteLength;
      if (total > req.maxResponseBytes) throw tooLarge(req);
      chunks.push(chunk.value);
    }
  } catch (e) {
    // Stop the download (and release the connection) whatever went wrong.
    void reader.cancel().catch(() => undefined);
    throw e;
  }
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

const MULTIPART = /^\s*multipart\/related\s*(;|$)/i;

function unpack(bytes: Uint8Array, contentType: string, multipart: MultipartFeature | undefined): Pick<HttpResponse, "text" | "attachments" | "malformed"> {
  try {
    if (multipart === undefined) {
      if (MULTIPART.test(contentType)) {
        const malformed = "a multipart/related body (MTOM/XOP or SwA), which this client does not read: its WSDL has no binary values (add `features: { multipart }` to the ClientOptions)";
        return { text: decodeLenient(bytes), attachments: undefined, malformed };
      }
      return { text: decodeText(bytes, charsetParam(contentType)), attachments: undefined, malformed: undefined };
    }
    const r = multipart.unpack(bytes, contentType);
    if ("malformed" in r) return { text: decodeLenient(bytes), attachments: undefined, malformed: r.malformed };
    return { ...r, malformed: undefined };
  } catch (e) {
    if (e instanceof CharsetError) return { text: decodeLenient(bytes), attachments: undefined, malformed: e.message };
    throw e;
  }
}

function tooLarge(req: HttpRequest): TransportError {
  return new TransportError(`${req.operation}: the response from ${req.label} is larger than maxResponseBytes (${req.maxResponseBytes} bytes)`, {
    operation: req.operation,
    kind: "too-large",
  });
}

function failure(req: HttpRequest, kind: TransportErrorKind, cause: unknown): TransportError {
  const message = req.redactor.text(`${req.operation}: the request to ${req.label} failed: ${innermostMessage(cause)}`);
  return new TransportError(message, { operation: req.operation, kind, cause: redactCause(cause, req.redactor) });
}

/** fetch reports "fetch failed" with the useful reason (ECONNREFUSED…) in its cause chain. */
function innermostMessage(e: unknown): string {
  let message = "unknown error";
  for (let cur = e, i = 0; cur instanceof Error && i < 4; cur = cur.cause, i++) message = cur.message;
  return message;
}
