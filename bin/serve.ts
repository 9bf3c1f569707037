/**
 * `wsdlc serve`: stand up a port of a WSDL as a local SOAP service, to try a client against it. The WSDL is
 * compiled by the same generator into a temporary package, transpiled to JavaScript and imported (as `wsdlc
 * call` does); the port's generated service answers with the handlers of `--handlers` (a module whose default
 * export is an object of handlers keyed by method or WSDL operation name), and every other operation with a
 * SOAP fault naming it. GET `?wsdl` serves the input WSDL only with `--serve-wsdl`. Runs until SIGINT/SIGTERM.
 * Exit codes: 0 after a signal; 2 bad input (the WSDL, the port, the handlers module, `--listen`).
 */
import { createServer } from "node:http";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ts } from "ts-morph";
import { formatDiagnostic } from "../generator/diagnostics.js";
import { generate, type GeneratedFile } from "../generator/index.js";
import { inputUrl, readRuntimeTemplates } from "./io.js";
import { httpOrigins, makeSecureReader } from "./reader.js";

export interface ServeFlags {
  readonly handlers?: string | undefined;
  readonly listen?: string | undefined;
  readonly port?: string | undefined;
  readonly serveWsdl?: boolean | undefined;
  readonly allowUnresolved?: boolean | undefined;
  readonly allowOutsideRoot?: boolean | undefined;
}

interface Service {
  readonly fetch: (request: Request) => Promise<Response>;
  readonly descriptor: { readonly port: string; readonly operations: Readonly<Record<string, { readonly name: string }>> };
}
type Factory = (handlers: object, options?: object) => Service;
type Listener = (service: Service, options?: object) => Parameters<typeof createServer>[1];

class UsageError extends Error {}

/** Returns the exit code (after the server stopped). */
export async function runServe(wsdl: string, flags: ServeFlags, root: string): Promise<number> {
  try {
    return await serve(wsdl, flags, root);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`wsdlc: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

async function serve(wsdl: string, flags: ServeFlags, root: string): Promise<number> {
  const { host, port } = parseListen(flags.listen ?? "127.0.0.1:8080");
  const cwd = process.cwd();
  const input = inputUrl(wsdl, cwd);
  const result = await generate([input], {
    reader: makeSecureReader(cwd, { headerOrigins: httpOrigins([input]) }),
    runtime: await readRuntimeTemplates(root),
    allowUnresolved: flags.allowUnresolved === true,
    allowOutsideRoot: flags.allowOutsideRoot === true,
  });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  for (const d of errors) process.stderr.write(`${formatDiagnostic(d)}\n`);
  if (errors.length) return 2;
  const wsdlText = flags.serveWsdl === true ? await readWsdl(wsdl, input) : undefined;

  const dir = await mkdtemp(join(tmpdir(), "wsdlc-serve-"));
  try {
    const services = await importServices(dir, result.files);
    const chosen = flags.port === undefined ? services : services.filter((s) => s.factory({}).descriptor.port === flags.port);
    const ports = services.map((s) => s.factory({}).descriptor.port);
    if (chosen.length !== 1 || chosen[0] === undefined) {
      throw new UsageError(
        flags.port === undefined
          ? `the WSDL has ${services.length} ports (${ports.join(", ")}): choose one with --port`
          : `no port "${flags.port}" in the WSDL; ports: ${ports.join(", ")}`,
      );
    }
    const { factory, listener } = chosen[0];
    const descriptor = factory({}).descriptor;
    const handlers = flags.handlers === undefined ? {} : await loadHandlers(flags.handlers, dir, descriptor);
    const service = factory(handlers, {
      ...(wsdlText === undefined ? {} : { wsdl: wsdlText }),
      onError: (e: unknown, call: { operation: string }) => process.stderr.write(`wsdlc serve: ${call.operation}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`),
    });
    const server = createServer(listener(service));
    await new Promise<void>((ok, fail) => {
      server.once("error", (e) => fail(new UsageError(`cannot listen on ${host}:${port}: ${e.message}`)));
      server.listen(port, host, ok);
    });
    const address = server.address();
    const actual = typeof address === "object" && address !== null ? address.port : port;
    const implemented = Object.entries(descriptor.operations).filter(
      ([m, op]) => typeof (handlers as Record<string, unknown>)[m] === "function" || typeof (handlers as Record<string, unknown>)[op.name] === "function",
    );
    process.stdout.write(
      `wsdlc serve: port ${descriptor.port} listening on http://${host}:${actual}/ (${implemented.length} of ${Object.keys(descriptor.operations).length} operations implemented${wsdlText === undefined ? "" : "; WSDL at ?wsdl"})\n`,
    );
    await new Promise<void>((ok) => {
      const stop = (): void => {
        server.close(() => ok());
        server.closeAllConnections();
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    return 0;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function parseListen(value: string): { host: string; port: number } {
  const m = /^(?:([^:]+|\[[^\]]+\]):)?(\d{1,5})$/.exec(value);
  const port = m?.[2] === undefined ? Number.NaN : Number(m[2]);
  if (m === null || !(port >= 0 && port <= 65535)) throw new UsageError(`--listen must be [host:]port, not "${value}"`);
  return { host: m[1] ?? "127.0.0.1", port };
}

async function readWsdl(wsdl: string, url: string): Promise<string> {
  if (!url.startsWith("file:")) throw new UsageError("--serve-wsdl serves a local WSDL file; save the WSDL first");
  return readFile(resolve(wsdl), "utf8");
}

function transpile(text: string, fileName: string): string {
  return ts.transpileModule(text, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    fileName,
  }).outputText;
}

/** Writes the package as JavaScript and imports every port's service module. */
async function importServices(dir: string, files: readonly GeneratedFile[]): Promise<{ factory: Factory; listener: Listener }[]> {
  await writeFile(join(dir, "package.json"), '{ "type": "module" }\n');
  for (const f of files) {
    const path = join(dir, f.path.replace(/\.ts$/, ".js"));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, transpile(f.text, f.path));
  }
  const out: { factory: Factory; listener: Listener }[] = [];
  for (const f of files.filter((x) => /^[^/]+Service\.ts$/.test(x.path))) {
    const mod = (await import(pathToFileURL(join(dir, f.path.replace(/\.ts$/, ".js"))).href)) as Record<string, unknown>;
    const factory = Object.entries(mod).find(([k, v]) => /Service$/.test(k) && !k.startsWith("mock") && typeof v === "function")?.[1] as Factory | undefined;
    const listener = mod["toNodeListener"] as Listener | undefined;
    if (factory !== undefined && listener !== undefined) out.push({ factory, listener });
  }
  return out;
}

/** The handlers module's default export, keyed by method name (WSDL operation names are accepted too). */
async function loadHandlers(file: string, dir: string, descriptor: Service["descriptor"]): Promise<object> {
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new UsageError(`--handlers: cannot read ${file}`);
  }
  // A .ts module is transpiled on its own (its own relative imports are not): write handlers as one file.
  const url = /\.[cm]?ts$/.test(path) ? await writeTranspiled(dir, path, text) : pathToFileURL(path).href;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url)) as Record<string, unknown>;
  } catch (e) {
    throw new UsageError(`--handlers: cannot load ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const value = mod["default"];
  if (typeof value !== "object" || value === null) throw new UsageError(`--handlers: ${file} must export default an object of handlers (keyed by method name)`);
  const handlers = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const known = new Set<string>();
  for (const [method, op] of Object.entries(descriptor.operations)) {
    known.add(method).add(op.name);
    const h = typeof handlers[method] === "function" ? handlers[method] : handlers[op.name];
    if (typeof h === "function") out[method] = h;
  }
  const unknown = Object.keys(handlers).filter((k) => !known.has(k));
  if (unknown.length > 0)
    throw new UsageError(
      `--handlers: no operation ${unknown.map((k) => `"${k}"`).join(", ")} in port ${descriptor.port}; operations: ${Object.keys(descriptor.operations).join(", ")}`,
    );
  return out;
}

async function writeTranspiled(dir: string, path: string, text: string): Promise<string> {
  const out = join(dir, "handlers.mjs");
  await writeFile(out, transpile(text, path));
  return pathToFileURL(out).href;
}
