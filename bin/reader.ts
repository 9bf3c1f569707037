/**
 * Reading input documents from the file system and over http(s), with limits: each document's size
 * (stream-read, aborted once over), a per-document timeout and a total time budget for all fetching.
 * Redirects are followed only within the same origin (at most 5), by the runtime's rule (templates/runtime/urls.ts). `--wsdl-header`
 * headers go only to the origins of the http(s) inputs they were given for.
 */
import { createReadStream } from "node:fs";
import { realpath } from "node:fs/promises";
import { relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ResourceReader } from "../generator/index.js";
import { sameOrigin, shownUrl } from "../templates/runtime/urls.js";

export const DEFAULT_MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;
export const DEFAULT_DOCUMENT_TIMEOUT_MS = 20_000;
export const DEFAULT_TOTAL_TIMEOUT_MS = 60_000;
export const MAX_REDIRECTS = 5;

export interface ReadLimits {
  /** Largest document accepted, in bytes (`--max-document-bytes`). */
  readonly maxDocumentBytes?: number | undefined;
  /** Per document, for reading it whole (`--document-timeout`, milliseconds). */
  readonly documentTimeoutMs?: number | undefined;
  /** For all documents together, from the first read (`--total-timeout`, milliseconds). */
  readonly totalTimeoutMs?: number | undefined;
}

export interface SecureReaderOptions extends ReadLimits {
  /** HTTP headers (e.g. Authorization) for fetching documents... */
  readonly headers?: Readonly<Record<string, string>>;
  /** ...but only from these origins (those of the http(s) inputs); never sent anywhere else. */
  readonly headerOrigins?: readonly string[];
}

function mib(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/** The origins (scheme://host:port) of the http(s) URLs among `urls`. */
export function httpOrigins(urls: readonly string[]): string[] {
  return [...new Set(urls.filter((u) => /^https?:/i.test(u)).map((u) => new URL(u).origin))];
}

export function makeSecureReader(cwd: string, options: SecureReaderOptions = {}): ResourceReader {
  const maxBytes = options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  const perDoc = options.documentTimeoutMs ?? DEFAULT_DOCUMENT_TIMEOUT_MS;
  const total = options.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS;
  const headerOrigins = new Set(options.headerOrigins ?? []);
  let budget: AbortSignal | undefined;
  const tooBig = (): Error => new Error(`larger than ${mib(maxBytes)} (limit: --max-document-bytes)`);

  /** Reads the body chunk by chunk, stopping as soon as it is over the limit. */
  const collect = async (chunks: AsyncIterable<Uint8Array>, abort: () => void): Promise<Uint8Array> => {
    const parts: Uint8Array[] = [];
    let size = 0;
    for await (const c of chunks) {
      size += c.byteLength;
      if (size > maxBytes) {
        abort();
        throw tooBig();
      }
      parts.push(c);
    }
    return Buffer.concat(parts, size);
  };

  const timing = (): { signal: AbortSignal; why: (e: unknown) => Error } => {
    budget ??= AbortSignal.timeout(total);
    const mine = AbortSignal.timeout(perDoc);
    const signal = AbortSignal.any([mine, budget]);
    const why = (e: unknown): Error => {
      if (budget?.aborted) return new Error(`timed out: all fetching together took longer than ${seconds(total)} (limit: --total-timeout)`);
      if (mine.aborted) return new Error(`timed out after ${seconds(perDoc)} (limit: --document-timeout)`);
      if (e instanceof Error && e.message.startsWith("larger than")) return e;
      const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : e instanceof Error ? `: ${e.message}` : "";
      return new Error(`request failed${cause}`);
    };
    return { signal, why };
  };

  const readFileLimited = async (url: string): Promise<Uint8Array> => {
    const path = fileURLToPath(url);
    const { signal, why } = timing();
    const stream = createReadStream(path, { signal, highWaterMark: 64 * 1024 });
    try {
      return await collect(stream, () => stream.destroy());
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT") throw new Error("no such file");
      if (code === "EISDIR") throw new Error("is a directory");
      if (code === "ABORT_ERR" || signal.aborted) throw why(e);
      if (e instanceof Error && e.message.startsWith("larger than")) throw e;
      throw new Error(`cannot read (${code ?? "error"})`);
    } finally {
      stream.destroy();
    }
  };

  const fetchLimited = async (url: string): Promise<Uint8Array> => {
    const { signal, why } = timing();
    let current = url;
    try {
      for (let hop = 0; ; hop++) {
        const origin = new URL(current).origin;
        const headers = headerOrigins.has(origin) ? { ...options.headers } : {};
        const res = await fetch(current, { signal, redirect: "manual", headers });
        if (res.status >= 300 && res.status < 400 && res.headers.has("location")) {
          await res.body?.cancel();
          const next = new URL(res.headers.get("location") ?? "", current);
          if (sameOrigin(next.href, current) !== true) {
            throw new Error(`redirected (HTTP ${res.status}) to another origin, ${shownUrl(next.href)}; wsdlc follows redirects only within the same origin`);
          }
          if (hop + 1 > MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`);
          current = next.href;
          continue;
        }
        if (!res.ok) {
          await res.body?.cancel();
          // A protected WSDL: say how to send credentials, or that the ones given were not accepted.
          const hint =
            res.status !== 401 && res.status !== 403
              ? ""
              : Object.keys(headers).length === 0
                ? '; send credentials with --wsdl-header "Authorization: …"'
                : " with the --wsdl-header values given";
          throw new Error(`${`HTTP ${res.status} ${res.statusText}`.trim()}${hint}`);
        }
        const declared = Number(res.headers.get("content-length") ?? "NaN");
        if (declared > maxBytes) {
          await res.body?.cancel();
          throw tooBig();
        }
        if (!res.body) return new Uint8Array();
        const body = res.body.getReader();
        async function* chunks(): AsyncIterable<Uint8Array> {
          for (;;) {
            const { done, value } = await body.read();
            if (done) return;
            yield value;
          }
        }
        return await collect(chunks(), () => void body.cancel().catch(() => undefined));
      }
    } catch (e) {
      if (e instanceof Error && /^(redirected|more than|HTTP |larger than)/.test(e.message)) throw e;
      throw why(e);
    }
  };

  return {
    async read(url: string): Promise<Uint8Array> {
      if (url.startsWith("file:")) return readFileLimited(url);
      if (!/^https?:/i.test(url)) throw new Error("unsupported URL scheme");
      return fetchLimited(url);
    },
    async realUrl(url: string): Promise<string | undefined> {
      try {
        return pathToFileURL(await realpath(fileURLToPath(url))).href;
      } catch {
        return undefined;
      }
    },
    display(url: string): string {
      if (!url.startsWith("file:")) return url;
      const rel = relative(cwd, fileURLToPath(url));
      return rel.split(sep).join("/");
    },
  };
}

/** The limit flags as given on the command line (strings from commander). */
export interface LimitFlags {
  readonly maxDocumentBytes?: string | undefined;
  readonly documentTimeout?: string | undefined;
  readonly totalTimeout?: string | undefined;
}

/** Parses the limit flags; an error message for a value that is not a positive whole number. */
export function parseLimitFlags(flags: LimitFlags): ReadLimits | string {
  const num = (v: string | undefined, flag: string): number | undefined | string => {
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v.trim()) || Number(v) <= 0) return `${flag} "${v}": expected a positive whole number`;
    return Number(v);
  };
  const maxDocumentBytes = num(flags.maxDocumentBytes, "--max-document-bytes");
  const documentTimeoutMs = num(flags.documentTimeout, "--document-timeout");
  const totalTimeoutMs = num(flags.totalTimeout, "--total-timeout");
  for (const v of [maxDocumentBytes, documentTimeoutMs, totalTimeoutMs]) if (typeof v === "string") return v;
  return {
    maxDocumentBytes: maxDocumentBytes as number | undefined,
    documentTimeoutMs: documentTimeoutMs as number | undefined,
    totalTimeoutMs: totalTimeoutMs as number | undefined,
  };
}
