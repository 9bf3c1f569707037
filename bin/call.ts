/**
 * `wsdlc call`: try an operation from the terminal. The WSDL is compiled by the same generator into a
 * package, transpiled to JavaScript, imported, and the call runs through the generated client and its runtime,
 * exactly as in an application. Prints `{"body": …, "headers": …}` as JSON.
 *
 * Start-up: compiling the package needs the TypeScript compiler (2–4 s). The compiled package is cached
 * (see `callcache.ts`), keyed by the SHA-256 of every document read, the options and this wsdlc build: a
 * second call of the same WSDL only reads and hashes the documents and imports the cached JavaScript.
 *
 * Exit codes: 0 success; 1 a SOAP fault, a service failure report or a transport error (JSON error on
 * stdout); 2 bad input (the WSDL, the operation name, the JSON, or values the schema does not accept).
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { DiagnosticSink } from "../generator/diagnostics.js";
import { loadDocuments } from "../generator/load/loader.js";
import type { ClientDescriptor, MessageDescriptor, TypeTable } from "../templates/runtime/descriptors.js";
import { listedNames } from "../templates/runtime/schema.js";
import { encodePrimitive } from "../templates/runtime/values.js";
import { compiledPackage } from "./callcache.js";
import { inputUrl, parseHeaderFlags } from "./io.js";
import { nearestNames, printDiagnostics, SourceRecorder } from "./report.js";
import { httpOrigins, makeSecureReader } from "./reader.js";

export interface CallFlags {
  readonly endpoint?: string | undefined;
  readonly headers?: string | undefined;
  readonly body?: string | undefined;
  readonly timeout?: string | undefined;
  readonly port?: string | undefined;
  readonly trace?: boolean | undefined;
  /** With --trace: the envelopes as sent and received, secrets included (for one's own machine). */
  readonly unredacted?: boolean | undefined;
  readonly httpHeader?: string[] | undefined;
  readonly wsdlHeader?: string[] | undefined;
  readonly allowUnresolved?: boolean | undefined;
  readonly allowOutsideRoot?: boolean | undefined;
  /** false (`--no-cache`): compile the package afresh and keep nothing. */
  readonly cache?: boolean | undefined;
}

type ClientClass = (new (
  options: object,
) => { $invoke(op: string, input: unknown, options: object): Promise<{ body: unknown; headers: unknown }> }) & {
  readonly descriptor?: ClientDescriptor;
};

interface ReviveModule {
  reviveInput(types: TypeTable, message: MessageDescriptor, value: unknown, options: { rejectUnknownKeys: boolean }, path: string): unknown;
  reviveHeaders(types: TypeTable, message: MessageDescriptor, value: unknown, options: { rejectUnknownKeys: boolean }, path: string): unknown;
  ReviveError: new (...args: never[]) => Error;
}

class UsageError extends Error {}

/** The environment variable that turns on unredacted traces, like `--trace --unredacted`. */
export const UNREDACTED_ENV = "WSDLC_DEBUG_UNREDACTED";

/** Returns the exit code. */
export async function runCall(wsdl: string, operation: string, flags: CallFlags, root: string): Promise<number> {
  try {
    return await call(wsdl, operation, flags, root);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`wsdlc: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

async function call(wsdl: string, operation: string, flags: CallFlags, root: string): Promise<number> {
  const headers = await parseJsonFlag("--headers", flags.headers);
  const body = await parseJsonFlag("--body", flags.body);
  const timeout = flags.timeout === undefined ? undefined : Number(flags.timeout);
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 0)) throw new UsageError(`--timeout must be a whole number of milliseconds, not "${flags.timeout}"`);
  const httpHeaders = parseHeaderFlags(flags.httpHeader, "--http-header");
  if (typeof httpHeaders === "string") throw new UsageError(httpHeaders);
  const unredacted = flags.trace === true && (flags.unredacted === true || process.env[UNREDACTED_ENV] === "1");
  if (flags.unredacted === true && flags.trace !== true) throw new UsageError("--unredacted needs --trace");
  // Everything printed on failure or in a trace is scrubbed of the --http-header values.
  const scrub = scrubber(Object.values(httpHeaders));

  const cwd = process.cwd();
  const wsdlHeaders = parseHeaderFlags(flags.wsdlHeader);
  if (typeof wsdlHeaders === "string") throw new UsageError(wsdlHeaders);
  const input = inputUrl(wsdl, cwd);
  const sources = new SourceRecorder(makeSecureReader(cwd, { headers: wsdlHeaders, headerOrigins: httpOrigins([input]) }));
  const report = { errorsOnly: true, sources, inputs: [input], allowUnresolvedFlag: flags.allowUnresolved !== true, allowOutsideRoot: flags.allowOutsideRoot === true };
  const sink = new DiagnosticSink(flags.allowUnresolved === true);
  const set = await loadDocuments([input], sources, sink, { allowOutsideRoot: flags.allowOutsideRoot === true });
  if (sink.hasErrors) {
    await printDiagnostics(sink.sorted(), report);
    return 2;
  }
  const pkg = await compiledPackage(root, [input], set.documents, {
    reader: sources,
    allowUnresolved: flags.allowUnresolved === true,
    allowOutsideRoot: flags.allowOutsideRoot === true,
    cache: flags.cache !== false,
    onDiagnostics: (d) => printDiagnostics(d, report),
  });
  if (pkg === undefined) return 2;
  try {
    const mod = (await import(pathToFileURL(pkg.index).href)) as Record<string, unknown>;
    const revive = (await import(pathToFileURL(pkg.revive).href)) as ReviveModule;
    const { Client, method, descriptor, others } = findOperation(mod, operation, flags.port);
    const op = descriptor.operations[method];
    if (op === undefined) throw new UsageError(`no operation "${operation}"`);
    process.stderr.write(
      `wsdlc: port ${descriptor.port} (SOAP ${descriptor.soap}${others.length ? `; also in ${others.join(", ")}: choose with --port` : ""}) at ${showEndpoint(flags.endpoint ?? descriptor.endpoint)}\n`,
    );
    let callInput: unknown;
    let callHeaders: unknown;
    try {
      callInput = body === undefined ? undefined : revive.reviveInput(descriptor.types, op.input, body, { rejectUnknownKeys: true }, "body");
      callHeaders = headers === undefined ? undefined : revive.reviveHeaders(descriptor.types, op.input, headers, { rejectUnknownKeys: true }, "headers");
    } catch (e) {
      if (e instanceof revive.ReviveError) throw new UsageError(`${e.message.startsWith("headers") ? "--headers" : "--body"}: ${e.message}`);
      throw e;
    }
    if (unredacted) process.stderr.write(unredactedWarning());
    const client = new Client({
      ...(flags.endpoint ? { endpoint: flags.endpoint } : {}),
      ...(timeout !== undefined ? { timeout } : {}),
      ...(Object.keys(httpHeaders).length ? { httpHeaders } : {}),
      ...(flags.trace && !unredacted ? { hooks: traceHooks(scrub) } : {}),
      ...(unredacted ? { fetch: tracingFetch() } : {}),
    });
    let out: { body: unknown; headers: unknown };
    try {
      out = await client.$invoke(method, callInput, callHeaders === undefined ? {} : { headers: callHeaders });
    } catch (e) {
      const name = e instanceof Error ? e.name : "Error";
      if (name === "EncodeError") throw new UsageError(scrub(e instanceof Error ? e.message : String(e)));
      if (e instanceof Error && isSoapError(mod, e)) {
        process.stdout.write(`${scrub(toJson({ error: errorJson(e) }))}\n`);
        return 1;
      }
      throw e;
    }
    process.stdout.write(`${toJson({ body: out.body ?? null, headers: out.headers })}\n`);
    return 0;
  } finally {
    await pkg.dispose();
  }
}

/** An endpoint for messages: scheme, host, port and path only (no userinfo, no query: they may carry secrets). */
function showEndpoint(url: string): string {
  if (url === "") return "(no endpoint in the WSDL: give --endpoint)";
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return "(an invalid URL)";
  }
}

/** Replaces each of `secrets` (and its URL-encoded form) with [redacted]. */
function scrubber(secrets: readonly string[]): (text: string) => string {
  const list = [...new Set(secrets.flatMap((s) => [s, encodeURIComponent(s), JSON.stringify(s).slice(1, -1)]).filter((s) => s.length >= 3))].sort((a, b) => b.length - a.length);
  return (text) => list.reduce((t, s) => t.split(s).join("[redacted]"), text);
}

async function parseJsonFlag(flag: string, value: string | undefined): Promise<unknown> {
  if (value === undefined) return undefined;
  let text = value;
  if (value.startsWith("@")) {
    try {
      text = await readFile(resolve(value.slice(1)), "utf8");
    } catch {
      throw new UsageError(`${flag}: cannot read ${value.slice(1)}`);
    }
  }
  try {
    return JSON.parse(exactNumbers(text)) as unknown;
  } catch (e) {
    // Reported as parsing the text as given says it (positions in the user's text, not in the one with quoted numbers).
    let reason = e instanceof Error ? e.message : String(e);
    try {
      JSON.parse(text);
    } catch (original) {
      if (original instanceof Error) reason = original.message;
    }
    throw new UsageError(`${flag} is not valid JSON: ${jsonSyntaxReason(reason, text)}`);
  }
}

/**
 * JSON.parse's reason without the excerpt of the input V8 quotes (`Unexpected token 'h', ..."Value": hunter2-ve"...
 * is not valid JSON`): the input is the user's body or headers, secrets included. A position becomes line:column.
 */
export function jsonSyntaxReason(message: string, text: string): string {
  const reason = message.replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, "");
  const at = / in JSON at position (\d+)/.exec(reason);
  if (at === null) return reason;
  const before = text.slice(0, Number(at[1]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return `${reason.slice(0, at.index)} (line ${line}, column ${column})`;
}

// A JSON number token (RFC 8259 §6), found where a value may start.
const JSON_NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/**
 * The JSON text with every number a double cannot hold exactly (9007199254740993, 12345678901234567890.12,
 * 1e400) turned into a string of its digits, so that an xs:long or xs:decimal gets the value as written rather
 * than a rounded one (the encoder takes strings for both; revive turns such a string back into a number for
 * float and double). Text inside strings is left alone; invalid JSON is left for JSON.parse to report.
 */
export function exactNumbers(text: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92 /* \ */) i++;
      continue;
    }
    if (c !== 45 /* - */ && (c < 48 || c > 57)) continue;
    JSON_NUMBER.lastIndex = i;
    const m = JSON_NUMBER.exec(text);
    if (m === null) continue;
    const literal = m[0];
    if (!sameDecimal(literal, String(Number(literal)))) {
      out += `${text.slice(from, i)}"${literal}"`;
      from = i + literal.length;
    }
    i += literal.length - 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Whether two decimal literals (optionally with exponents) denote the same number, compared as digits. */
function sameDecimal(a: string, b: string): boolean {
  const norm = (s: string): string | undefined => {
    const m = /^(-?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(s);
    if (m === null) return undefined;
    const digits = `${m[2] ?? ""}${m[3] ?? ""}`;
    const lead = digits.length - digits.replace(/^0+/, "").length;
    const significant = digits.slice(lead).replace(/0+$/, "");
    if (significant === "") return "0";
    // The position of the first significant digit relative to the decimal point identifies the magnitude.
    const exponent = Number(m[4] ?? "0") + (m[2] ?? "").length - lead;
    return `${m[1]}${significant}e${exponent}`;
  };
  const x = norm(a);
  return x !== undefined && x === norm(b);
}

/**
 * The client and method for a WSDL operation name (or a method name). The port rule: `--port` when given;
 * otherwise, of the ports that have the operation, a SOAP 1.1 port before a SOAP 1.2 one, and among ports of
 * the same SOAP version the first by port name. `others` are the ports passed over.
 */
export function findOperation(
  mod: Record<string, unknown>,
  operation: string,
  port: string | undefined,
): { Client: ClientClass; method: string; descriptor: ClientDescriptor; others: string[] } {
  const clients = Object.values(mod).filter((v): v is ClientClass => typeof v === "function" && !!(v as ClientClass).descriptor);
  const candidates: { Client: ClientClass; method: string; descriptor: ClientDescriptor }[] = [];
  for (const Client of clients) {
    const d = Client.descriptor as ClientDescriptor;
    if (port && d.port !== port) continue;
    for (const [method, op] of Object.entries(d.operations)) {
      if (op.name === operation || method === operation) candidates.push({ Client, method, descriptor: d });
    }
  }
  candidates.sort((a, b) =>
    a.descriptor.soap === b.descriptor.soap ? (a.descriptor.port < b.descriptor.port ? -1 : a.descriptor.port > b.descriptor.port ? 1 : 0) : a.descriptor.soap === "1.1" ? -1 : 1,
  );
  const first = candidates[0];
  if (!first) {
    const ports = clients.map((c) => c.descriptor?.port ?? "?");
    if (port && !ports.includes(port)) throw new UsageError(`no port "${port}" in the WSDL; ports: ${ports.join(", ")}`);
    const names = clients.flatMap((c) => Object.values(c.descriptor?.operations ?? {}).map((o) => o.name));
    const known = [...new Set(names)].sort();
    const where = port ? `port ${port}` : `the WSDL (ports: ${ports.join(", ")})`;
    const near = nearestNames(operation, known);
    const guess = near.length > 0 ? `; did you mean ${near.join(", ")}? All operations: ` : "; operations: ";
    throw new UsageError(`no operation "${operation}" in ${where}${guess}${listedNames(known, 30)}`);
  }
  return { ...first, others: [...new Set(candidates.slice(1).map((c) => c.descriptor.port))] };
}

function isSoapError(mod: Record<string, unknown>, e: Error): boolean {
  const guard = mod["isSoapError"];
  return typeof guard === "function" && (guard as (x: unknown) => boolean)(e);
}

/** An error as JSON: its name, message, own fields, and the messages of its cause chain. */
function errorJson(e: Error): Record<string, unknown> {
  const out: Record<string, unknown> = { name: e.name, message: e.message };
  for (const [k, v] of Object.entries(e)) if (k !== "cause" && k !== "stack") out[k] = v;
  const causes: string[] = [];
  for (let c = e.cause; c instanceof Error && causes.length < 16; c = c.cause) causes.push(`${c.name}: ${c.message}`);
  if (causes.length) out["causes"] = causes;
  return out;
}

/**
 * JSON with bigint as a string (lossless), bytes as base64 (by the runtime's encoder: any size), and the numbers
 * JSON has not as their XSD text ("INF", "-INF", "NaN"; JSON.stringify would print null).
 */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_k, v: unknown) => {
      if (typeof v === "bigint") return v.toString();
      if (typeof v === "number" && !Number.isFinite(v)) return encodePrimitive("double", v);
      if (v instanceof Uint8Array) return encodePrimitive("base64Binary", v);
      if (v instanceof Headers) {
        const h: Record<string, string> = {};
        v.forEach((val, key) => (h[key] = val));
        return h;
      }
      return v;
    },
    2,
  );
}

function traceHooks(scrub: (text: string) => string): object {
  return {
    onRequest(e: { endpoint: string; soapAction: string; xml: string }): void {
      process.stderr.write(scrub(`--> POST ${e.endpoint}\n    SOAPAction: ${e.soapAction}\n${e.xml}\n`));
    },
    onResponse(e: { status: number; durationMs: number; xml: string }): void {
      process.stderr.write(scrub(`<-- ${e.status} (${Math.round(e.durationMs)} ms)\n${e.xml}\n`));
    },
  };
}

/** The loud line before an unredacted trace. */
export function unredactedWarning(): string {
  return "wsdlc: WARNING: unredacted trace (--unredacted or WSDLC_DEBUG_UNREDACTED=1): passwords, tickets, tokens and HTTP headers below are shown in clear text; do not paste this output anywhere\n";
}

/** A fetch that prints each request and response exactly as sent and received (HTTP headers included). */
function tracingFetch(): typeof fetch {
  return async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(init?.headers);
    const lines = [`--> ${init?.method ?? "GET"} ${String(url)}`];
    headers.forEach((v, k) => lines.push(`    ${k}: ${v}`));
    const body = init?.body;
    lines.push(typeof body === "string" ? body : body instanceof Uint8Array ? new TextDecoder().decode(body) : body == null ? "" : "(body not shown: a stream)");
    process.stderr.write(`${lines.join("\n")}\n`);
    const started = performance.now();
    const res = await fetch(url, init);
    const text = await res.clone().text();
    const head = [`<-- ${res.status} (${Math.round(performance.now() - started)} ms)`];
    res.headers.forEach((v, k) => head.push(`    ${k}: ${v}`));
    process.stderr.write(`${head.join("\n")}\n${text}\n`);
    return res;
  };
}
