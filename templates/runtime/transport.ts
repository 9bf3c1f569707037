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
import { sameOrigin, shownUrl } from "./urls.js";

export interface HttpRequest {
  /** An injected fetch; undefined: the platform's transport (node:http(s) on Node, else `fetch`). */
  readonly fetch: typeof fetch | undefined;
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
 *
 * Cheap per call: no AbortController unless something asks for `signal` (an injected or platform fetch), and
 * one timer shared by all calls in flight (armed for the earliest deadline) instead of a timer per call; on
 * Node that timer is not cleared when the last call ends but unreferenced (so it keeps no process alive), and
 * calls made one after another re-reference it instead of arming a timer each. Transports register what
 * stopping means for them (abort the fetch, destroy the socket) with `onStop` (and unregister with `offStop`).
 */
export class CallDeadline {
  #controller: AbortController | undefined;
  readonly #signal: AbortSignal | undefined;
  readonly end: number;
  #onAbort: (() => void) | undefined;
  #stoppers: (() => void)[] | undefined;
  why: "timeout" | "aborted" | undefined;
  readonly timeout: number;
  /** Whether anything can stop the call (a timeout or a signal); when not, transports need not listen. */
  readonly stoppable: boolean;

  constructor(timeout: number, signal: AbortSignal | undefined) {
    this.timeout = timeout;
    this.#signal = signal;
    this.end = timeout > 0 ? performance.now() + timeout : Infinity;
    this.stoppable = timeout > 0 || signal !== undefined;
    if (signal !== undefined) {
      if (signal.aborted) this.stop("aborted");
      else {
        this.#onAbort = (): void => this.stop("aborted");
        signal.addEventListener("abort", this.#onAbort, { once: true });
      }
    }
    if (timeout > 0 && this.why === undefined) watch(this);
  }

  /** Aborted on timeout or on the caller's abort (created on first use). */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.why !== undefined) this.#controller.abort();
    }
    return this.#controller.signal;
  }

  /** The caller's abort reason (for `cause`). */
  get reason(): unknown {
    return this.#signal?.reason;
  }

  /** Runs `fn` when the call stops (at once if it has stopped); `offStop(fn)` unregisters it. */
  onStop(fn: () => void): void {
    if (this.why !== undefined) fn();
    else if (this.stoppable) (this.#stoppers ??= []).push(fn);
  }

  offStop(fn: () => void): void {
    const list = this.#stoppers;
    if (list === undefined) return;
    const i = list.lastIndexOf(fn);
    if (i >= 0) list.splice(i, 1);
  }

  stop(reason: "timeout" | "aborted"): void {
    if (this.why !== undefined) return;
    this.why = reason;
    unwatch(this);
    this.#controller?.abort();
    const list = this.#stoppers;
    this.#stoppers = undefined;
    if (list !== undefined) for (const fn of list) fn();
  }

  /** Whether the call must stop now (checked without waiting for the timer, which cannot fire in synchronous code). */
  expired(): "timeout" | "aborted" | undefined {
    if (this.why === undefined && performance.now() >= this.end) this.stop("timeout");
    if (this.why === undefined && this.#signal?.aborted === true) this.stop("aborted");
    return this.why;
  }

  dispose(): void {
    unwatch(this);
    this.#stoppers = undefined;
    if (this.#onAbort !== undefined) this.#signal?.removeEventListener("abort", this.#onAbort);
  }
}

function noop(): void {}

// One timer for every deadline in flight, armed for the earliest; re-armed when it fires. With no deadline
// left it is unreferenced (Node) or cleared (elsewhere); a timer that fires with nothing due re-arms or ends.
const watched = new Set<CallDeadline>();
let timer: ReturnType<typeof setTimeout> | undefined;
let timerAt = Infinity;
let timerIdle = false;

/** Node's Timeout has ref()/unref(); a browser's timer is a number. */
interface RefTimer {
  ref(): unknown;
  unref(): unknown;
}

function refTimer(t: unknown): RefTimer | undefined {
  return typeof t === "object" && t !== null && typeof Reflect.get(t, "unref") === "function" && typeof Reflect.get(t, "ref") === "function" ? (t as RefTimer) : undefined;
}

function watch(d: CallDeadline): void {
  watched.add(d);
  if (d.end < timerAt) arm(d.end);
  else if (timerIdle) {
    timerIdle = false;
    refTimer(timer)?.ref();
  }
}

function unwatch(d: CallDeadline): void {
  if (!watched.delete(d) || watched.size > 0 || timer === undefined) return;
  const t = refTimer(timer);
  if (t !== undefined) {
    // Left armed (it fires at most once more, finding nothing due), but no longer keeping the process alive.
    t.unref();
    timerIdle = true;
    return;
  }
  clearTimeout(timer);
  timer = undefined;
  timerAt = Infinity;
}

function arm(at: number): void {
  if (timer !== undefined) clearTimeout(timer);
  timerAt = at;
  timerIdle = false;
  timer = setTimeout(fire, Math.max(0, Math.ceil(at - performance.now())));
}

function fire(): void {
  timer = undefined;
  timerAt = Infinity;
  timerIdle = false;
  const now = performance.now();
  for (const d of [...watched]) if (d.end <= now) d.stop("timeout");
  // Stopping may have started other calls (and armed the timer): arm for the earliest of all that remain.
  let next = Infinity;
  for (const d of watched) if (d.end < next) next = d.end;
  if (next < timerAt) arm(next);
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);

/** A response as the transport reads it, whichever way it was fetched (fetch, or node:http on Node). */
export interface RawResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  /** The next chunk of the body; undefined at its end (or once cancelled). */
  read(): Promise<Uint8Array | undefined>;
  /** Stops the download and releases the connection; harmless once the body is read. */
  cancel(): void;
  /** Called once the body has been read to its end (the connection may be reused). */
  done(): void;
}

/** The exchange up to the response headers (redirects followed or refused); the body is still to be read. */
export interface OpenResponse {
  readonly raw: RawResponse;
  readonly contentType: string;
}

export async function post(req: HttpRequest): Promise<HttpResponse> {
  const early = req.deadline.expired();
  if (early !== undefined) throw stopped(req, early, "");
  // One try for the whole exchange (as `open` then `guarded(readBody)`, without a promise per step).
  let raw: RawResponse;
  let contentType: string;
  let bytes: Uint8Array;
  try {
    ({ raw, contentType } = await exchange(req));
    bytes = await readBody(raw, req);
  } catch (e) {
    throw transportError(req, e);
  }
  // A stop while reading ends the body early: what was read is not the answer.
  const why = req.deadline.why;
  if (why !== undefined) throw stopped(req, why, "");
  const body = unpack(bytes, contentType, req.multipart);
  return { status: raw.status, statusText: raw.statusText, headers: raw.headers, contentType, text: body.text, attachments: body.attachments, malformed: body.malformed };
}

/** Sends the request and waits for the answer's headers, following same-origin redirects. */
export async function open(req: HttpRequest): Promise<OpenResponse> {
  const early = req.deadline.expired();
  if (early !== undefined) throw stopped(req, early, "");
  return guarded(req, () => exchange(req));
}

async function exchange(req: HttpRequest): Promise<OpenResponse> {
  const f = req.fetch;
  const send = f === undefined ? await platformSender() : undefined;
  let url = req.url;
  for (let hops = 0; ; hops++) {
    const raw = send === undefined ? await sendFetch(f as typeof fetch, req, url) : await send(req, url);
    const location = REDIRECT.has(raw.status) ? raw.headers.get("location") : null;
    if (location !== null) {
      raw.cancel();
      url = redirectTarget(req, url, location, hops);
      continue;
    }
    return { raw, contentType: raw.headers.get("content-type") ?? "" };
  }
}

/** Runs a step of the exchange; an exception becomes the call's TransportError (timeout, abort, network). */
export async function guarded<T>(req: HttpRequest, step: () => Promise<T>): Promise<T> {
  let v: T;
  try {
    v = await step();
  } catch (e) {
    throw transportError(req, e);
  }
  // A stop while reading ends the body early: what was read is not the answer.
  const why = req.deadline.why;
  if (why !== undefined) throw stopped(req, why, "");
  return v;
}

/** What an exception during the exchange is to the caller: a TransportError (timeout, abort, network). */
function transportError(req: HttpRequest, e: unknown): TransportError {
  if (e instanceof TransportError) return e;
  const why = req.deadline.why;
  if (why !== undefined) return stopped(req, why, "", e);
  return failure(req, "network", e);
}

type Sender = (req: HttpRequest, url: string) => Promise<RawResponse>;

/** A sender over a fetch function (the platform's, or an injected one). */
function fetchSender(f: typeof fetch): Sender {
  return (req, url) => sendFetch(f, req, url);
}

async function sendFetch(f: typeof fetch, req: HttpRequest, url: string): Promise<RawResponse> {
  const deadline = req.deadline;
  const init = new FetchInit(req.headers, req.body, deadline);
  const res = deadline.stoppable ? await untilStopped(f(url, init), deadline) : await f(url, init);
  // A browser's fetch hides a manual redirect's target (an "opaqueredirect" response, status 0).
  if (res.type === "opaqueredirect") throw redirectError(req, `${req.label} answered with a redirect whose target the platform hides; it was not followed`);
  // An injected fetch may have followed redirects itself: an answer from another origin is not accepted.
  if (res.redirected && res.url !== "" && sameOrigin(res.url, url) === false) {
    void res.body?.cancel().catch(() => undefined);
    throw redirectError(req, `the fetch function followed a redirect from ${req.label} to another origin (${shownUrl(res.url)}); its answer was not accepted`);
  }
  const body = res.body;
  if (body === null) return { status: res.status, statusText: res.statusText, headers: res.headers, read: async () => undefined, cancel: noop, done: noop };
  return new FetchResponse(res, body.getReader(), deadline);
}

/**
 * What fetch is given. "manual": a redirect is answered here, never followed by fetch with the envelope
 * (tickets, passwords…). `signal` is an own enumerable getter (a fetch wrapper spreading the init keeps it), so
 * the AbortController is made only if the fetch reads it: one costs more than the rest of a stub call. The
 * getter is one shared descriptor (a getter in an object literal is a new closure per call, ~1 µs).
 */
class FetchInit implements RequestInit {
  readonly method = "POST";
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly redirect = "manual";
  declare readonly signal: AbortSignal;
  readonly #deadline: CallDeadline;

  constructor(headers: Readonly<Record<string, string>>, body: string, deadline: CallDeadline) {
    this.headers = headers;
    this.body = body;
    this.#deadline = deadline;
    Object.defineProperty(this, "signal", FetchInit.#signal);
  }

  static readonly #signal: PropertyDescriptor = {
    get(this: FetchInit): AbortSignal {
      return this.#deadline.signal;
    },
    enumerable: true,
    configurable: true,
  };
}

/** A fetch Response's body read as chunks; a stop cancels the read in progress, whether or not the fetch honours its signal. */
/** The little of a ReadableStreamDefaultReader used here (named structurally: the runtime needs no DOM types). */
interface ChunkReader {
  read(): Promise<{ readonly done: boolean; readonly value?: Uint8Array | undefined }>;
  cancel(): Promise<void>;
}

class FetchResponse implements RawResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly #reader: ChunkReader;
  readonly #deadline: CallDeadline;
  readonly #stop = (): void => void this.#reader.cancel().catch(noop);

  constructor(res: Response, reader: ChunkReader, deadline: CallDeadline) {
    this.status = res.status;
    this.statusText = res.statusText;
    this.headers = res.headers;
    this.#reader = reader;
    this.#deadline = deadline;
    deadline.onStop(this.#stop);
  }

  read(): Promise<Uint8Array | undefined> {
    return this.#reader.read().then(chunkOf);
  }

  cancel(): void {
    this.#deadline.offStop(this.#stop);
    this.#stop();
  }

  done(): void {
    this.#deadline.offStop(this.#stop);
  }
}

function chunkOf(r: { readonly done: boolean; readonly value?: Uint8Array | undefined }): Uint8Array | undefined {
  return r.done ? undefined : r.value;
}

/** Settles with `p`, or rejects as soon as the call stops (whether or not `p` listens to its signal). */
function untilStopped<T>(p: Promise<T>, deadline: CallDeadline): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = (): void => reject(new Error("aborted"));
    deadline.onStop(stop);
    p.then(
      (v) => {
        deadline.offStop(stop);
        resolve(v);
      },
      (e: unknown) => {
        deadline.offStop(stop);
        reject(e);
      },
    );
  });
}

// ---------------------------------------------------------------------------------------------------------
// Node: node:http / node:https, loaded at run time when present (the runtime itself stays free of Node types
// and imports, so that it bundles for browsers). Measured faster than Node's fetch (undici) per call.

/** The little of Node's readable streams used here. */
interface NodeReadable {
  on(event: "data", listener: (chunk: Uint8Array) => void): unknown;
  on(event: "end" | "close", listener: () => void): unknown;
  on(event: "error", listener: (e: unknown) => void): unknown;
  pause(): unknown;
  resume(): unknown;
}

/** The little of node:http's API used here. */
interface NodeIncoming extends NodeReadable {
  readonly statusCode?: number | undefined;
  readonly statusMessage?: string | undefined;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly complete: boolean;
}

/** A node:zlib decompressor. */
interface NodeInflater extends NodeReadable {
  write(chunk: Uint8Array): boolean;
  end(): unknown;
  destroy(): unknown;
  once(event: "drain", listener: () => void): unknown;
}

interface NodeZlib {
  createGunzip(): NodeInflater;
  createInflate(): NodeInflater;
  createInflateRaw(): NodeInflater;
  createBrotliDecompress(): NodeInflater;
}

interface NodeRequest {
  /** Whether the request went out on a kept-alive connection used before. */
  readonly reusedSocket?: boolean;
  on(event: "error", listener: (e: unknown) => void): unknown;
  end(body: Uint8Array): unknown;
  destroy(error?: Error): unknown;
}

interface NodeHttp {
  request(url: URL, options: { method: string; headers: Record<string, string> }, callback: (res: NodeIncoming) => void): NodeRequest;
}

interface NodeModules {
  readonly http: NodeHttp;
  readonly https: NodeHttp;
  /** Decodes compressed responses (asked for with Accept-Encoding, as fetch does). */
  readonly zlib: NodeZlib;
}

let nodeModules: NodeModules | null | undefined;
let nodeLoading: Promise<NodeModules | null> | undefined;
let defaultFetchSender: Sender | undefined;

function isNode(): boolean {
  const proc: unknown = Reflect.get(globalThis, "process");
  if (typeof proc !== "object" || proc === null) return false;
  const versions: unknown = Reflect.get(proc, "versions");
  return typeof versions === "object" && versions !== null && typeof Reflect.get(versions, "node") === "string";
}

function asNodeHttp(m: unknown): NodeHttp | undefined {
  if (typeof m !== "object" || m === null) return undefined;
  return typeof Reflect.get(m, "request") === "function" ? (m as NodeHttp) : undefined;
}

async function loadNode(): Promise<NodeModules | null> {
  if (!isNode()) return null;
  // Specifiers in variables: bundlers leave them alone, so a browser bundle never tries to resolve them.
  const names = ["node:http", "node:https", "node:zlib"];
  try {
    const [h, s, z] = await Promise.all(names.map((n) => import(n) as Promise<unknown>));
    const http = asNodeHttp(h);
    const https = asNodeHttp(s);
    const zlib = typeof z === "object" && z !== null && typeof Reflect.get(z, "createGunzip") === "function" ? (z as NodeZlib) : undefined;
    return http === undefined || https === undefined || zlib === undefined ? null : { http, https, zlib };
  } catch {
    return null;
  }
}

/** The default transport: node:http(s) on Node, else the platform's fetch. */
async function platformSender(): Promise<Sender> {
  if (nodeModules === undefined) nodeModules = await (nodeLoading ??= loadNode());
  if (nodeModules !== null) return nodeSender(nodeModules);
  return (defaultFetchSender ??= fetchSender((url, init) => globalThis.fetch(url, init)));
}

const encoder = new TextEncoder();
const senders = new WeakMap<NodeModules, Sender>();

function nodeSender(mods: NodeModules): Sender {
  let s = senders.get(mods);
  if (s === undefined) {
    s = (req, url) => sendNode(mods, req, url);
    senders.set(mods, s);
  }
  return s;
}

async function sendNode(mods: NodeModules, req: HttpRequest, url: string): Promise<RawResponse> {
  try {
    return await sendNodeOnce(mods, req, url);
  } catch (e) {
    // A kept-alive connection the server closed while idle (its FIN not yet seen, e.g. after the event loop
    // was busy decoding): the request never reached the service. Node's documented remedy is to send again once.
    if (!(e instanceof StaleSocket) || req.deadline.why !== undefined) throw e instanceof StaleSocket ? e.cause : e;
    return sendNodeOnce(mods, req, url, false);
  }
}

class StaleSocket extends Error {}

function sendNodeOnce(mods: NodeModules, req: HttpRequest, url: string, mayRetry = true): Promise<RawResponse> {
  return new Promise<RawResponse>((resolve, reject) => {
    const target = new URL(url);
    // As fetch does: credentials in the URL are refused, never turned into an Authorization header.
    if (target.username !== "" || target.password !== "") throw new TypeError("Request cannot be constructed from a URL that includes credentials");
    const mod = target.protocol === "https:" ? mods.https : target.protocol === "http:" ? mods.http : undefined;
    if (mod === undefined) throw new TypeError(`unsupported URL scheme ${target.protocol}`);
    const body = encoder.encode(req.body);
    const headers: Record<string, string> = { ...req.headers, "Content-Length": String(body.byteLength) };
    // Compressed answers, as fetch asks for them (unless the caller set its own Accept-Encoding).
    if (!Object.keys(headers).some((k) => k.toLowerCase() === "accept-encoding")) headers["Accept-Encoding"] = "gzip, deflate";
    const deadline = req.deadline;
    const r = mod.request(target, { method: "POST", headers }, (res) => resolve(new NodeResponse(res, r, unregister, mods.zlib)));
    const stop = (): void => {
      r.destroy(new Error("aborted"));
      reject(new Error("aborted"));
    };
    const unregister = (): void => deadline.offStop(stop);
    deadline.onStop(stop);
    r.on("error", (e) => {
      unregister();
      const code = typeof e === "object" && e !== null ? Reflect.get(e, "code") : undefined;
      if (mayRetry && r.reusedSocket === true && (code === "ECONNRESET" || code === "EPIPE")) reject(new StaleSocket("stale connection", { cause: e }));
      else reject(e);
    });
    r.end(body);
  });
}

/** A node:http response read as chunks, with backpressure (the socket pauses while chunks wait). */
class NodeResponse implements RawResponse {
  readonly status: number;
  readonly statusText: string;
  readonly #res: NodeIncoming;
  /** Where the body's chunks come from: the response, or its decompressor. */
  #source: NodeReadable;
  #inflater: NodeInflater | undefined;
  readonly #req: NodeRequest;
  readonly #unregister: () => void;
  readonly #chunks: Uint8Array[] = [];
  #headers: Headers | undefined;
  #ended = false;
  #error: unknown;
  #wake: (() => void) | undefined;

  constructor(res: NodeIncoming, req: NodeRequest, unregister: () => void, zlib: NodeZlib) {
    this.#res = res;
    this.#source = res;
    this.#req = req;
    this.#unregister = unregister;
    this.status = res.statusCode ?? 0;
    this.statusText = res.statusMessage ?? "";
    const coding = String(res.headers["content-encoding"] ?? "")
      .trim()
      .toLowerCase();
    if (coding === "gzip" || coding === "x-gzip" || coding === "deflate" || coding === "br") {
      // The body goes through a decompressor (made at the first chunk: "deflate" may be zlib-wrapped or raw);
      // its output is what is read, counted against maxResponseBytes, so a small bomb cannot fill memory.
      res.on("data", (chunk) => {
        let z = this.#inflater;
        if (z === undefined) {
          z =
            coding === "br"
              ? zlib.createBrotliDecompress()
              : coding !== "deflate"
                ? zlib.createGunzip()
                : ((chunk[0] ?? 0) & 0x0f) === 8
                  ? zlib.createInflate()
                  : zlib.createInflateRaw();
          this.#inflater = z;
          this.#source = z;
          this.#listen(z);
        }
        if (!z.write(chunk)) {
          res.pause();
          z.once("drain", () => res.resume());
        }
      });
      res.on("end", () => {
        if (this.#inflater === undefined) this.#finish();
        else this.#inflater.end();
      });
      res.on("error", (e) => this.#fail(e));
    } else this.#listen(res);
    res.on("close", () => {
      if (!res.complete) this.#fail(new Error("the connection closed before the response ended"));
      else if (this.#inflater === undefined) this.#finish();
    });
  }

  #listen(source: NodeReadable): void {
    source.on("data", (chunk) => {
      this.#chunks.push(chunk);
      if (this.#chunks.length >= 16) source.pause();
      this.#signal();
    });
    source.on("end", () => this.#finish());
    source.on("error", (e) => this.#fail(e));
  }

  #finish(): void {
    this.#ended = true;
    this.#signal();
  }

  #fail(e: unknown): void {
    this.#error ??= e;
    this.#ended = true;
    this.#signal();
  }

  get headers(): Headers {
    if (this.#headers === undefined) {
      const h = new Headers();
      for (const [k, v] of Object.entries(this.#res.headers)) {
        if (typeof v === "string") h.append(k, v);
        else if (v !== undefined) for (const x of v) h.append(k, x);
      }
      this.#headers = h;
    }
    return this.#headers;
  }

  #signal(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  async read(): Promise<Uint8Array | undefined> {
    for (;;) {
      const chunk = this.#chunks.shift();
      if (chunk !== undefined) {
        if (this.#chunks.length === 0 && !this.#ended) this.#source.resume();
        return chunk;
      }
      if (this.#error !== undefined) throw this.#error;
      if (this.#ended) return undefined;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  cancel(): void {
    this.#unregister();
    if (!this.#ended) this.#req.destroy();
    this.#inflater?.destroy();
    this.#ended = true;
  }

  done(): void {
    this.#unregister();
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
  if (sameOrigin(target.href, from) !== true) {
    throw redirectError(req, `${req.label} redirected to another origin (${shown}); the request was not sent there`);
  }
  if (hops >= req.maxRedirects) {
    throw redirectError(req, `${req.label} redirected to ${shown}; more than maxRedirects (${req.maxRedirects}) redirects`);
  }
  return target.href;
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

/** Reads a whole body (at most maxResponseBytes). */
export async function readBody(raw: RawResponse, req: HttpRequest): Promise<Uint8Array> {
  const declared = Number(raw.headers.get("content-length") ?? Number.NaN);
  const max = req.maxResponseBytes;
  if (declared > max) {
    raw.cancel();
    throw tooLarge(req);
  }
  // One buffer of the declared size, filled as chunks arrive (no list of chunks beside a joined copy).
  let out = new Uint8Array(declared >= 0 ? declared : 0);
  let total = 0;
  let single: Uint8Array | undefined;
  try {
    for (let chunk = await raw.read(); chunk !== undefined; chunk = await raw.read()) {
      const n = chunk.byteLength;
      if (total + n > max) throw tooLarge(req);
      if (total === 0 && single === undefined && !(declared >= 0)) {
        single = chunk;
        total = n;
        continue;
      }
      if (total + n > out.byteLength) {
        const grown = new Uint8Array(Math.min(max, Math.max(2 * out.byteLength, total + n, 64 * 1024)));
        grown.set(single ?? out.subarray(0, total));
        out = grown;
        single = undefined;
      } else if (single !== undefined) {
        out.set(single);
        single = undefined;
      }
      out.set(chunk, total);
      total += n;
    }
  } catch (e) {
    // Stop the download (and release the connection) whatever went wrong.
    raw.cancel();
    throw e;
  }
  raw.done();
  return single ?? (total === out.byteLength ? out : out.subarray(0, total));
}

const MULTIPART = /^\s*multipart\/related\s*(;|$)/i;

/** A body's text (and attachments, with the multipart feature), or why it could not be read (`malformed`). */
export function unpack(bytes: Uint8Array, contentType: string, multipart: MultipartFeature | undefined): Pick<HttpResponse, "text" | "attachments" | "malformed"> {
  try {
    if (multipart === undefined) {
      if (MULTIPART.test(contentType)) {
        const malformed =
          "a multipart/related body (MTOM/XOP or SwA), which this client does not read: its WSDL has no binary values (add `features: { multipart }` to the ClientOptions)";
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
