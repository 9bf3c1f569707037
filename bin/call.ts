/**
 * `wsdlc call`: try an operation from the terminal. The WSDL is compiled by the same generator into a
 * temporary package, transpiled to JavaScript, imported, and the call runs through the generated client and
 * its runtime, exactly as in an application. Prints `{"body": …, "headers": …}` as JSON.
 * Exit codes: 0 success; 1 a SOAP fault, a service failure report or a transport error (JSON error on
 * stdout); 2 bad input (the WSDL, the operation name, the JSON, or values the schema does not accept).
 */
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ts } from "ts-morph";
import { generate, type GeneratedFile } from "../generator/index.js";
import { inputUrl, parseHeaderFlags, readRuntimeTemplates } from "./io.js";
import { printDiagnostics, SourceRecorder } from "./report.js";
import { httpOrigins, makeSecureReader } from "./reader.js";

export interface CallFlags {
  readonly endpoint?: string | undefined;
  readonly headers?: string | undefined;
  readonly body?: string | undefined;
  readonly timeout?: string | undefined;
  readonly port?: string | undefined;
  readonly trace?: boolean | undefined;
  readonly wsdlHeader?: string[] | undefined;
  readonly allowUnresolved?: boolean | undefined;
  readonly allowOutsideRoot?: boolean | undefined;
}

interface Descriptor {
  readonly port: string;
  readonly soap: string;
  readonly types: Readonly<Record<string, { kind: string; base?: string; fields?: readonly Field[]; item?: Field; value?: Field; text?: string }>>;
  readonly operations: Readonly<Record<string, { name: string; input: { body: Body } }>>;
}
interface Field {
  readonly prop?: string;
  readonly name: string;
  readonly type: string;
}
type Body = { kind: "element"; field: Field } | { kind: "parts"; parts: readonly Field[] } | { kind: "empty" };

type ClientClass = (new (options: object) => { $invoke(op: string, input: unknown, options: object): Promise<{ body: unknown; headers: unknown }> }) & {
  readonly descriptor?: Descriptor;
};

class UsageError extends Error {}

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

  const cwd = process.cwd();
  const wsdlHeaders = parseHeaderFlags(flags.wsdlHeader);
  if (typeof wsdlHeaders === "string") throw new UsageError(wsdlHeaders);
  const input = inputUrl(wsdl, cwd);
  const sources = new SourceRecorder(makeSecureReader(cwd, { headers: wsdlHeaders, headerOrigins: httpOrigins([input]) }));
  const result = await generate([input], {
    reader: sources,
    runtime: await readRuntimeTemplates(root),
    allowUnresolved: flags.allowUnresolved === true,
    allowOutsideRoot: flags.allowOutsideRoot === true,
  });
  await printDiagnostics(result.diagnostics, { errorsOnly: true, sources, inputs: [input], allowUnresolvedFlag: flags.allowUnresolved !== true, allowOutsideRoot: flags.allowOutsideRoot === true });
  if (result.diagnostics.some((d) => d.severity === "error")) return 2;

  const dir = await mkdtemp(join(tmpdir(), "wsdlc-call-"));
  try {
    const mod = await importPackage(dir, result.files);
    const { Client, method, descriptor } = findOperation(mod, operation, flags.port);
    const client = new Client({
      ...(flags.endpoint ? { endpoint: flags.endpoint } : {}),
      ...(timeout !== undefined ? { timeout } : {}),
      ...(flags.trace ? { hooks: traceHooks() } : {}),
    });
    const input = body === undefined ? undefined : reviveInput(body, descriptor.operations[method]?.input.body, descriptor);
    let out: { body: unknown; headers: unknown };
    try {
      out = await client.$invoke(method, input, headers === undefined ? {} : { headers });
    } catch (e) {
      const name = e instanceof Error ? e.name : "Error";
      if (name === "EncodeError") throw new UsageError(e instanceof Error ? e.message : String(e));
      if (e instanceof Error && isSoapError(mod, e)) {
        process.stdout.write(`${toJson({ error: errorJson(e) })}\n`);
        return 1;
      }
      throw e;
    }
    process.stdout.write(`${toJson({ body: out.body ?? null, headers: out.headers })}\n`);
    return 0;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
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
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UsageError(`${flag} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Writes the package, transpiled to JavaScript (imports already end in `.js`), and imports its index. */
async function importPackage(dir: string, files: readonly GeneratedFile[]): Promise<Record<string, unknown>> {
  await writeFile(join(dir, "package.json"), '{ "type": "module" }\n');
  for (const f of files) {
    const js = ts.transpileModule(f.text, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      fileName: f.path,
    }).outputText;
    const path = join(dir, f.path.replace(/\.ts$/, ".js"));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, js);
  }
  return (await import(pathToFileURL(join(dir, "index.js")).href)) as Record<string, unknown>;
}

/** The client class and method for a WSDL operation name (or a method name). */
function findOperation(mod: Record<string, unknown>, operation: string, port: string | undefined): { Client: ClientClass; method: string; descriptor: Descriptor } {
  const clients = Object.values(mod).filter((v): v is ClientClass => typeof v === "function" && !!(v as ClientClass).descriptor);
  const candidates: { Client: ClientClass; method: string; descriptor: Descriptor }[] = [];
  for (const Client of clients) {
    const d = Client.descriptor as Descriptor;
    if (port && d.port !== port) continue;
    for (const [method, op] of Object.entries(d.operations)) {
      if (op.name === operation || method === operation) candidates.push({ Client, method, descriptor: d });
    }
  }
  const first = candidates[0];
  if (!first) {
    const ports = clients.map((c) => c.descriptor?.port ?? "?");
    const names = clients.flatMap((c) => Object.values(c.descriptor?.operations ?? {}).map((o) => o.name));
    const known = [...new Set(names)].sort();
    const where = port ? `port ${port}` : `the WSDL (ports: ${ports.join(", ")})`;
    throw new UsageError(`no operation "${operation}" in ${where}; operations: ${known.join(", ")}`);
  }
  return first;
}

/**
 * JSON has no bytes: base64Binary and hexBinary values given as strings (base64 / hex) become Uint8Array.
 * Everything else is already a valid input (dateTime, decimal and long accept strings).
 */
function reviveInput(value: unknown, body: Body | undefined, d: Descriptor): unknown {
  if (!body || body.kind === "empty") return value;
  if (body.kind === "element") return revive(value, body.field.type, d, 0);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = { ...value };
  for (const p of body.parts) {
    const key = p.prop ?? p.name;
    if (key in out) out[key] = revive(out[key], p.type, d, 0);
  }
  return out;
}

function revive(value: unknown, type: string, d: Descriptor, depth: number): unknown {
  if (value === null || value === undefined || depth > 64) return value;
  if (Array.isArray(value)) return value.map((v) => revive(v, type, d, depth + 1));
  if (type === "xs:base64Binary" && typeof value === "string") return Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
  if (type === "xs:hexBinary" && typeof value === "string") return Uint8Array.from(value.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
  const t = d.types[type];
  if (!t) return value;
  if (t.kind === "array" && t.item) return Array.isArray(value) ? value.map((v) => revive(v, t.item?.type ?? "", d, depth + 1)) : value;
  if (t.kind === "dictionary" && t.value && isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v, t.value?.type ?? "", d, depth + 1)]));
  }
  if (t.kind === "struct" && isObject(value)) {
    const out: Record<string, unknown> = { ...value };
    for (let s: typeof t | undefined = t; s; s = s.base ? d.types[s.base] : undefined) {
      for (const f of s.fields ?? []) {
        const key = f.prop ?? f.name;
        if (key in out) out[key] = revive(out[key], f.type, d, depth + 1);
      }
    }
    return out;
  }
  return value;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
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

/** JSON with bigint as a string (lossless) and bytes as base64. */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_k, v: unknown) => {
      if (typeof v === "bigint") return v.toString();
      if (v instanceof Uint8Array) return btoa(String.fromCharCode(...v));
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

function traceHooks(): object {
  return {
    onRequest(e: { endpoint: string; soapAction: string; xml: string }): void {
      process.stderr.write(`--> POST ${e.endpoint}\n    SOAPAction: ${e.soapAction}\n${e.xml}\n`);
    },
    onResponse(e: { status: number; durationMs: number; xml: string }): void {
      process.stderr.write(`<-- ${e.status} (${Math.round(e.durationMs)} ms)\n${e.xml}\n`);
    },
  };
}
