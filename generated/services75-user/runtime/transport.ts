// The wsdlc runtime, copied into the output by the generator. DO NOT EDIT.
/**
 * HTTP transport over the platform `fetch` (or an injected one): POST, caller's AbortSignal combined with a
 * timeout, response body read as a stream of bytes with a byte limit, then decoded: text with the Content-Type
 * charset, or a multipart/related package (MTOM/XOP, SwA) split into its root part's text and its attachments
 * (see multipart.ts).
 *
 * The timeout and the abort are enforced here, not only through `fetch`'s signal, so that they also hold for an
 * injected `fetch` that ignores signals, and while the body is being read.
 */
import { TransportError, type TransportErrorKind } from "./errors.js";
import { MultipartError, textDecoder, unpackBody, type ResponseAttachment } from "./multipart.js";
import type { Redactor } from "./redact.js";

export interface HttpRequest {
  readonly fetch: typeof fetch;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly signal: AbortSignal | undefined;
  /** Milliseconds; 0 = none. */
  readonly timeout: number;
  readonly maxResponseBytes: number;
  readonly operation: string;
  /** The endpoint as shown in messages (secrets redacted). */
  readonly label: string;
  readonly redactor: Redactor;
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
   * Why a multipart/related body could not be split (`text` then holds the whole body as UTF-8, for
   * diagnostics); undefined when the body was read.
   */
  readonly malformed: string | undefined;
}

export async function post(req: HttpRequest): Promise<HttpResponse> {
  if (req.signal?.aborted === true) throw failure(req, "aborted", req.signal.reason);
  const controller = new AbortController();
  let why: "timeout" | "aborted" | undefined;
  const stop = (reason: "timeout" | "aborted"): void => {
    if (why !== undefined) return;
    why = reason;
    controller.abort();
  };
  const onAbort = (): void => stop("aborted");
  req.signal?.addEventListener("abort", onAbort, { once: true });
  const timer = req.timeout > 0 ? setTimeout(() => stop("timeout"), req.timeout) : undefined;
  try {
    const init: RequestInit = { method: "POST", headers: req.headers, body: req.body, signal: controller.signal };
    const res = await abortable(req.fetch(req.url, init), controller.signal);
    const contentType = res.headers.get("content-type") ?? "";
    const bytes = await readBody(res, req, controller.signal);
    return { status: res.status, statusText: res.statusText, headers: res.headers, contentType, ...unpack(bytes, contentType) };
  } catch (e) {
    if (e instanceof TransportError) throw e;
    if (why !== undefined) throw failure(req, why, why === "aborted" ? (req.signal?.reason ?? e) : e);
    throw failure(req, "network", e);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    req.signal?.removeEventListener("abort", onAbort);
  }
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

function unpack(bytes: Uint8Array, contentType: string): Pick<HttpResponse, "text" | "attachments" | "malformed"> {
  try {
    return { ...unpackBody(bytes, contentType), malformed: undefined };
  } catch (e) {
    if (!(e instanceof MultipartError)) throw e;
    return { text: textDecoder("").decode(bytes), attachments: undefined, malformed: e.message };
  }
}

function tooLarge(req: HttpRequest): TransportError {
  return new TransportError(`${req.operation}: the response from ${req.label} is larger than maxResponseBytes (${req.maxResponseBytes} bytes)`, {
    operation: req.operation,
    kind: "too-large",
  });
}

function failure(req: HttpRequest, kind: TransportErrorKind, cause: unknown): TransportError {
  const what =
    kind === "timeout" ? `timed out after ${req.timeout} ms` : kind === "aborted" ? "was aborted" : `failed: ${innermostMessage(cause)}`;
  return new TransportError(req.redactor.text(`${req.operation}: the request to ${req.label} ${what}`), { operation: req.operation, kind, cause });
}

/** fetch reports "fetch failed" with the useful reason (ECONNREFUSED…) in its cause chain. */
function innermostMessage(e: unknown): string {
  let message = "unknown error";
  for (let cur = e, i = 0; cur instanceof Error && i < 4; cur = cur.cause, i++) message = cur.message;
  return message;
}
