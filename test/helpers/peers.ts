/**
 * Shared helpers for the interop tests (test/interop/*.test.ts), which run generated clients against real SOAP
 * stacks (node-soap's server, PHP's SoapServer): the corpus User WSDL, free ports, waiting for a server, PHP
 * availability, facts read from the WSDL itself (sequence order), inspection of raw request XML, and per-operation
 * sample inputs derived from a generated client's descriptors.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import type { ClientDescriptor, TypeTable } from "../../templates/runtime/descriptors.js";
import { readElement, START, XmlReader, type XmlElement } from "../../templates/runtime/xml.js";
import { CORPUS } from "./shared.js";

export const USER_WSDL = join(CORPUS, "superoffice", "wsdl", "Services75-User.wsdl");
export const SO_NS = "http://www.superoffice.net/ws/crm/NetServer/Services75";
export const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
export const XS_NS = "http://www.w3.org/2001/XMLSchema";
export const SOAP11_ENV = "http://schemas.xmlsoap.org/soap/envelope/";

/** A TCP port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Polls `url` with GET until it answers (any status), every `intervalMs`. Fails after `timeoutMs`, or as soon as
 * `stillRunning()` says the server process is gone.
 */
export async function waitForHttp(url: string, options: { timeoutMs?: number; intervalMs?: number; stillRunning?: () => boolean } = {}): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    if (options.stillRunning && !options.stillRunning()) throw new Error(`the server for ${url} exited before accepting connections`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      return;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`${url} did not accept connections within ${options.timeoutMs ?? 10_000} ms`, { cause: e });
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 20));
  }
}

/** The PHP CLI: the Debian one CI installs (php-cli + php-soap), else whatever `php` is on PATH. */
export const PHP_BIN = process.env["WSDLC_PHP"] ?? (existsSync("/usr/bin/php") ? "/usr/bin/php" : "php");

/**
 * `describe(..., { skip: phpSkip() })`: false when PHP with ext/soap is there. Without it the tests skip with a
 * message locally, and fail under CI (CI=true), since .ci/run installs php-cli and php-soap.
 */
export function phpSkip(): false | string {
  const r = spawnSync(PHP_BIN, ["-m"], { encoding: "utf8" });
  const modules = r.status === 0 ? r.stdout.split(/\r?\n/).map((l) => l.trim().toLowerCase()) : [];
  const problem =
    r.error !== undefined || r.status !== 0
      ? `${PHP_BIN} cannot be run (${r.error?.message ?? `exit ${r.status}`})`
      : modules.includes("soap")
        ? undefined
        : `${PHP_BIN} has no soap extension`;
  if (problem === undefined) return false;
  if (process.env["CI"]) throw new Error(`${problem}; CI must install php-cli and php-soap (see .ci/run)`);
  return `${problem}: PHP interop tests skipped (install php-cli and php-soap)`;
}

/** The root element of an XML document. */
export function parseXml(xml: string): XmlElement {
  const r = new XmlReader(xml);
  while (r.next() !== START) {
    /* skip the prolog */
  }
  return readElement(r);
}

export function elements(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== "string");
}

/** Local names of the child elements, in document order. */
export function childNames(el: XmlElement): string[] {
  return elements(el).map((c) => c.name);
}

/** The child element reached by following local names (each must occur exactly once). */
export function child(el: XmlElement, ...path: string[]): XmlElement {
  let cur = el;
  for (const name of path) {
    const found = elements(cur).filter((c) => c.name === name);
    if (found.length !== 1) throw new Error(`expected one <${name}> under <${cur.name}>, found ${found.length}`);
    cur = found[0]!;
  }
  return cur;
}

/** The element's attribute value by namespace and local name. */
export function attribute(el: XmlElement, ns: string, name: string): string | undefined {
  return el.attributes.find((a) => a.ns === ns && a.name === name)?.value;
}

/** The text content (for simple-content elements). */
export function textOf(el: XmlElement): string {
  return el.children.filter((c): c is string => typeof c === "string").join("");
}

/**
 * Element names of a named complex type's content model, in schema sequence order, read from the WSDL itself:
 * the base type's sequence first (complexContent/extension), then the type's own. `typeName` is the local name
 * in the schema whose targetNamespace is `ns`.
 */
export function schemaSequence(wsdl: XmlElement, typeName: string, ns = SO_NS): string[] {
  const schemas: XmlElement[] = [];
  (function walk(el: XmlElement) {
    if (el.ns === XS_NS && el.name === "schema") schemas.push(el);
    else elements(el).forEach(walk);
  })(wsdl);
  const schema = schemas.find((s) => attribute(s, "", "targetNamespace") === ns);
  if (schema === undefined) throw new Error(`no schema for ${ns}`);
  const named = (kind: string) => elements(schema).find((e) => e.ns === XS_NS && e.name === kind && attribute(e, "", "name") === typeName);
  // A named complexType, or a global element with an anonymous one (the operation wrappers).
  const type = named("complexType") ?? elements(named("element") ?? { name: "", ns: "", attributes: [], children: [] }).find((e) => e.ns === XS_NS && e.name === "complexType");
  if (type === undefined) throw new Error(`no complexType ${typeName} (named, or anonymous in a global element) in ${ns}`);
  const names: string[] = [];
  (function collect(el: XmlElement) {
    for (const c of elements(el)) {
      if (c.ns !== XS_NS) continue;
      if (c.name === "extension") {
        const base = attribute(c, "", "base") ?? "";
        names.push(...schemaSequence(wsdl, base.slice(base.indexOf(":") + 1), ns));
        collect(c);
      } else if (c.name === "element") names.push(attribute(c, "", "name") ?? attribute(c, "", "ref") ?? "?");
      else if (c.name === "sequence" || c.name === "complexContent") collect(c);
    }
  })(type);
  return names;
}

/**
 * A deep copy with every object turned into a plain `{}` object (decoded dictionaries have a null prototype, which
 * `assert.deepStrictEqual` would otherwise count as a difference). Keeps `undefined` and absent apart.
 */
export function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = plain(v);
    return out;
  }
  return value;
}

/** One operation called with values for its simple parameters, and those values as a peer should decode them. */
export interface OperationSample {
  /** Client method name (the `$invoke` key). */
  readonly method: string;
  /** WSDL operation name. */
  readonly operation: string;
  readonly input: Record<string, unknown>;
  /**
   * What a schema-aware peer decodes: numbers and booleans typed, xs:list values as the space-separated string,
   * collections (ArrayOf…) as `{ itemName: [items] }`. Parameters of complex types are left out of both.
   */
  readonly expected: Record<string, unknown>;
  /** Names of the wrapper's parameters that have no sample (complex types). */
  readonly skipped: readonly string[];
}

/**
 * A sample input for every operation: each parameter of a simple type (xs:string, xs:int, xs:boolean, an
 * enumeration, a list of enumerations) or a collection of a simple type gets a distinct value; strings carry the
 * operation and parameter name plus characters that need escaping and non-ASCII.
 */
export function operationSamples(descriptor: ClientDescriptor, types: TypeTable): OperationSample[] {
  const out: OperationSample[] = [];
  let n = 0;
  const simple = (type: string, label: string): { value: unknown; decoded: unknown } | undefined => {
    n++;
    switch (type) {
      case "xs:string":
        return { value: `${label} & <${n}> ]]> Ærø 🚀`, decoded: `${label} & <${n}> ]]> Ærø 🚀` };
      case "xs:int":
        return { value: 1000 + n, decoded: 1000 + n };
      case "xs:boolean":
        return { value: n % 2 === 0, decoded: n % 2 === 0 };
    }
    const d = types[type];
    if (d?.kind === "enum" && d.values.length > 0) {
      const v = String(d.values[n % d.values.length]);
      return { value: v, decoded: v };
    }
    if (d?.kind === "list") {
      const item = types[d.item];
      if (item?.kind !== "enum" || item.values.length < 2) return undefined;
      const vs = [String(item.values[0]), String(item.values[item.values.length - 1])];
      return { value: vs, decoded: vs.join(" ") };
    }
    return undefined;
  };
  for (const [method, op] of Object.entries(descriptor.operations)) {
    const body = op.input.body;
    if (body.kind !== "element") throw new Error(`${op.name}: expected a document/literal wrapper`);
    const wrapper = types[body.field.type];
    if (wrapper?.kind !== "struct") throw new Error(`${op.name}: the wrapper ${body.field.type} is not a struct`);
    const input: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    const skipped: string[] = [];
    for (const f of wrapper.fields) {
      const label = `${op.name}.${f.name}`;
      const prop = f.prop ?? f.name;
      const d = types[f.type];
      if (d?.kind === "array") {
        const a = simple(d.item.type, `${label}[0]`);
        const b = simple(d.item.type, `${label}[1]`);
        if (a === undefined || b === undefined) {
          skipped.push(f.name);
          continue;
        }
        input[prop] = [a.value, b.value];
        expected[f.name] = { [d.item.name]: [a.decoded, b.decoded] };
        continue;
      }
      const s = simple(f.type, label);
      if (s === undefined) {
        skipped.push(f.name);
        continue;
      }
      input[prop] = s.value;
      expected[f.name] = s.decoded;
    }
    out.push({ method, operation: op.name, input, expected, skipped });
  }
  return out;
}
