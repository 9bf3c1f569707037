/**
 * Test helpers for the generator: run the real core on in-memory documents, and wrap schema snippets in a
 * minimal document/literal WSDL so that a test can say "this schema in, this TypeScript out".
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generate, type GeneratedFile, type GenerateResult } from "../../generator/index.js";
import type { ResourceReader } from "../../generator/load/loader.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const TNS = "urn:test";

let runtimeCache: Map<string, string> | undefined;
export function runtimeTemplates(): Map<string, string> {
  if (!runtimeCache) {
    const dir = join(ROOT, "templates", "runtime");
    runtimeCache = new Map(
      readdirSync(dir)
        .filter((n) => n.endsWith(".ts") && !n.endsWith(".test.ts"))
        .sort()
        .map((n) => [n, readFileSync(join(dir, n), "utf8")]),
    );
  }
  return runtimeCache;
}

/** A reader over in-memory documents keyed by URL (`mem:/a.wsdl`). */
export function memoryReader(docs: Record<string, string>): ResourceReader {
  return {
    async read(url: string): Promise<string> {
      const text = docs[url];
      if (text === undefined) throw new Error("no such file");
      return text;
    },
    display: (url: string) => url.replace(/^mem:\/+/, ""),
  };
}

export async function generateDocs(docs: Record<string, string>, inputs = [Object.keys(docs)[0] ?? ""]): Promise<GenerateResult> {
  return generate(inputs, { reader: memoryReader(docs), runtime: runtimeTemplates() });
}

export interface SnippetOptions {
  /** Schema content placed inside xs:schema (targetNamespace urn:test, prefix tns). */
  readonly schema: string;
  /** Request element (global, in urn:test); default `Req`. */
  readonly request?: string;
  /** Response element; default `Resp`. */
  readonly response?: string;
  /** Extra attributes on xs:schema. */
  readonly schemaAttrs?: string;
  readonly soap12?: boolean;
}

/** A one-operation document/literal WSDL (`Op`, port `TestPort`, portType `Test`) around a schema snippet. */
export function wsdlAround(o: SnippetOptions): string {
  const soapNs = o.soap12 ? "http://schemas.xmlsoap.org/wsdl/soap12/" : "http://schemas.xmlsoap.org/wsdl/soap/";
  return `<?xml version="1.0"?>
<wsdl:definitions targetNamespace="${TNS}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="${soapNs}"
  xmlns:tns="${TNS}" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <wsdl:types>
    <xs:schema targetNamespace="${TNS}" elementFormDefault="qualified" ${o.schemaAttrs ?? ""}>
${o.schema}
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="OpIn"><wsdl:part name="parameters" element="tns:${o.request ?? "Req"}"/></wsdl:message>
  <wsdl:message name="OpOut"><wsdl:part name="parameters" element="tns:${o.response ?? "Resp"}"/></wsdl:message>
  <wsdl:portType name="Test">
    <wsdl:operation name="Op"><wsdl:input message="tns:OpIn"/><wsdl:output message="tns:OpOut"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="TestBinding" type="tns:Test">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Op">
      <soap:operation soapAction="urn:test/Op"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="TestService">
    <wsdl:port name="TestPort" binding="tns:TestBinding"><soap:address location="http://localhost/test"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`;
}

/** Generates from a snippet; throws with the diagnostics when there are errors. */
export async function generateSnippet(o: SnippetOptions): Promise<Map<string, string>> {
  const r = await generateDocs({ "mem:/test.wsdl": wsdlAround(o) });
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(errors.map((d) => `${d.code}: ${d.message}`).join("\n"));
  return new Map(r.files.map((f) => [f.path, f.text]));
}

/** The top-level declaration of `name` in a generated file (JSDoc excluded), or undefined. */
export function declaration(text: string, name: string): string | undefined {
  const lines = text.split("\n");
  const re = new RegExp(`^export (interface|type|const|class) ${name.replace(/\$/g, "\\$")}\\b`);
  const start = lines.findIndex((l) => re.test(l));
  if (start < 0) return undefined;
  const out: string[] = [];
  for (let i = start; i < lines.length; i++) {
    const l = lines[i] ?? "";
    out.push(l);
    if (i === start && (l.endsWith(";") || l.endsWith("{}"))) break;
    // A multi-line type alias ends with the `;` line before the next declaration; others with a closing line.
    if ((lines[start] ?? "").startsWith("export type ")) {
      if (i > start && l.endsWith(";") && /^(export |\/\*\*|\/\/|$)/.test(lines[i + 1] ?? "")) break;
    } else if (i > start && /^[}\]]/.test(l)) break;
  }
  return out.join("\n");
}

/** Writes generated files under `dir` (or `dir/sub`) as a consumer's ESM package holds them: `"type": "module"` above. */
export function writePackage(dir: string, files: readonly GeneratedFile[], sub = ""): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  for (const f of files) {
    const path = join(dir, sub, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.text);
  }
}
