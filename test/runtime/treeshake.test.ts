/**
 * The runtime's optional parts (templates/runtime/features.ts) reach a bundle only through generated code
 * that needs them: a client whose WSDL has no facets, no binary values and no rpc/encoded operation names
 * none of them, and esbuild's bundle of it holds no byte of facets.ts, multipart.ts or multiref.ts; a client
 * whose WSDL has them names each one. One client of a many-client package bundles only its own descriptors.
 * A multipart/related response to a client without the multipart feature is a DecodeError that says how to
 * add it, and ClientOptions.features adds it.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { build } from "esbuild";
import { generateDocs, wsdlAround, writePackage } from "../helpers/generate.js";
import { tempDir } from "../helpers/tmp.js";

const PLAIN = `
  <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="Name" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
  <xs:element name="Resp"><xs:complexType><xs:sequence><xs:element name="Id" type="xs:int"/></xs:sequence></xs:complexType></xs:element>`;

const WITH_FACETS = `
  <xs:simpleType name="Code"><xs:restriction base="xs:string"><xs:pattern value="[A-Z]{3}"/></xs:restriction></xs:simpleType>
  <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="C" type="tns:Code"/></xs:sequence></xs:complexType></xs:element>
  <xs:element name="Resp"><xs:complexType><xs:sequence><xs:element name="Id" type="xs:int"/></xs:sequence></xs:complexType></xs:element>`;

const WITH_BINARY = `
  <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="Name" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
  <xs:element name="Resp"><xs:complexType><xs:sequence><xs:element name="Data" type="xs:base64Binary"/></xs:sequence></xs:complexType></xs:element>`;

async function pkg(schema: string): Promise<string> {
  const r = await generateDocs({ "mem:/test.wsdl": wsdlAround({ schema }) });
  assert.deepEqual(
    r.diagnostics.filter((d) => d.severity === "error"),
    [],
  );
  const dir = tempDir("wsdlc-treeshake-");
  writePackage(dir, r.files);
  return dir;
}

/** Bytes each runtime module contributes to a minified bundle of `entry`. */
async function contributions(dir: string, entry: string): Promise<Map<string, number>> {
  const r = await build({
    stdin: { contents: entry, resolveDir: dir, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    metafile: true,
    logLevel: "error",
  });
  const out = Object.values(r.metafile.outputs)[0];
  assert.ok(out);
  const by = new Map<string, number>();
  for (const [path, v] of Object.entries(out.inputs))
    by.set(
      path.replace(/^.*\/(runtime\/)?/, (m) => (m.endsWith("runtime/") ? "runtime/" : "")),
      v.bytesInOutput,
    );
  return by;
}

const OPTIONAL = ["runtime/facets.ts", "runtime/multipart.ts", "runtime/multiref.ts", "runtime/wssecurity.ts", "runtime/stream.ts"];

const WITH_LIST = `
  <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="Name" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
  <xs:element name="Resp"><xs:complexType><xs:sequence><xs:element name="Id" type="xs:int" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>`;

test("a client without facets, binary values or rpc/encoded operations bundles none of the optional parts", async () => {
  const dir = await pkg(PLAIN);
  const sizes = await contributions(dir, `export { TestClient } from "./index.js";`);
  for (const f of OPTIONAL) assert.equal(sizes.get(f) ?? 0, 0, `${f} is in the bundle (${sizes.get(f)} bytes)`);
  assert.ok((sizes.get("runtime/client.ts") ?? 0) > 1000, "the bundle holds the client");
});

test("a client whose WSDL has facets names facetChecks, one with binary values names multipart; their bundles hold them", async () => {
  const facets = await pkg(WITH_FACETS);
  const f = await contributions(facets, `export { TestClient } from "./index.js";`);
  assert.ok((f.get("runtime/facets.ts") ?? 0) > 1000, "facets.ts is in the bundle");
  assert.equal(f.get("runtime/multipart.ts") ?? 0, 0);
  const binary = await pkg(WITH_BINARY);
  const b = await contributions(binary, `export { TestClient } from "./index.js";`);
  assert.ok((b.get("runtime/multipart.ts") ?? 0) > 1000, "multipart.ts is in the bundle");
  assert.equal(b.get("runtime/facets.ts") ?? 0, 0);
});

test("a client with a list result has an opStream method and names streaming; its bundle holds stream.ts", async () => {
  const dir = await pkg(WITH_LIST);
  const sizes = await contributions(dir, `export { TestClient } from "./index.js";`);
  assert.ok((sizes.get("runtime/stream.ts") ?? 0) > 1000, "stream.ts is in the bundle");
  const mod = (await import(pathToFileURL(join(dir, "index.ts")).href)) as Record<string, unknown>;
  const Client = mod["TestClient"] as (new (o: object) => { opStream(input: object): AsyncIterable<unknown> }) & { descriptor: { features?: object } };
  assert.equal(typeof Client.prototype.opStream, "function");
  assert.deepEqual(Client.descriptor.features, { streaming: mod["streaming"] });
  const fetch = async (): Promise<Response> =>
    new Response(`<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><Resp xmlns="urn:test"><Id>1</Id><Id>2</Id></Resp></s:Body></s:Envelope>`, {
      status: 200,
      headers: { "content-type": "text/xml; charset=utf-8" },
    });
  const got: unknown[] = [];
  for await (const item of new Client({ endpoint: "http://127.0.0.1:9/x", fetch }).opStream({ Name: "n" })) got.push(item);
  assert.deepEqual(got, [1, 2]);
});

test("facets are still checked through a generated client (the feature is wired, not dropped)", async () => {
  const dir = await pkg(WITH_FACETS);
  const mod = (await import(pathToFileURL(join(dir, "index.ts")).href)) as Record<string, unknown>;
  const Client = mod["TestClient"] as new (o: object) => { op(input: object): Promise<unknown> };
  let sent = 0;
  const fetch = async (): Promise<Response> => {
    sent++;
    return new Response("", { status: 500 });
  };
  const c = new Client({ endpoint: "http://127.0.0.1:9/x", fetch });
  await assert.rejects(c.op({ C: "abcd" }), /does not match the pattern/);
  assert.equal(sent, 0, "nothing was sent");
});

const MTOM_BODY = [
  "--b",
  'Content-Type: application/xop+xml; charset=utf-8; type="text/xml"',
  "Content-ID: <root>",
  "",
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><Resp xmlns="urn:test"><Id>7</Id></Resp></s:Body></s:Envelope>`,
  "--b--",
  "",
].join("\r\n");

test("a multipart/related response to a client without the multipart feature is a DecodeError naming the way to add it", async () => {
  const dir = await pkg(PLAIN);
  const mod = (await import(pathToFileURL(join(dir, "index.ts")).href)) as Record<string, unknown>;
  const Client = mod["TestClient"] as new (o: object) => { op(input: object): Promise<unknown> };
  const fetch = async (): Promise<Response> =>
    new Response(MTOM_BODY, { status: 200, headers: { "content-type": 'multipart/related; type="application/xop+xml"; boundary=b; start="<root>"' } });
  await assert.rejects(new Client({ endpoint: "http://127.0.0.1:9/x", fetch }).op({ Name: "n" }), (e: Error) => {
    assert.equal(e.name, "DecodeError");
    assert.match(e.message, /multipart\/related/);
    assert.match(e.message, /features: \{ multipart \}/);
    return true;
  });
  const withFeature = new Client({ endpoint: "http://127.0.0.1:9/x", fetch, features: { multipart: mod["multipart"] } });
  assert.equal(await withFeature.op({ Name: "n" }), 7);
});

test("one client of a two-client package bundles its own descriptors only", async () => {
  const wsdl = (name: string, field: string): string =>
    wsdlAround({
      schema: `<xs:element name="${name}Req"><xs:complexType><xs:sequence><xs:element name="${field}" type="xs:string"/></xs:sequence></xs:complexType></xs:element><xs:element name="${name}Resp"><xs:complexType><xs:sequence><xs:element name="${field}Out" type="xs:int"/></xs:sequence></xs:complexType></xs:element>`,
      request: `${name}Req`,
      response: `${name}Resp`,
    }).replace(/Test/g, name);
  const r = await generateDocs({ "mem:/a.wsdl": wsdl("Alpha", "OnlyInAlpha"), "mem:/b.wsdl": wsdl("Beta", "OnlyInBeta") }, ["mem:/a.wsdl", "mem:/b.wsdl"]);
  assert.deepEqual(
    r.diagnostics.filter((d) => d.severity === "error"),
    [],
  );
  const dir = tempDir("wsdlc-treeshake-");
  writePackage(dir, r.files);
  const clients = r.files.filter((f) => /Client\.ts$/.test(f.path)).map((f) => f.path.replace(/\.ts$/, ""));
  assert.equal(clients.length, 2, clients.join(", "));
  writeFileSync(join(dir, "entry.ts"), `export { ${clients[0]} } from "./index.js";\n`);
  const out = await build({ entryPoints: [join(dir, "entry.ts")], bundle: true, minify: true, format: "esm", platform: "browser", write: false, logLevel: "error" });
  const text = out.outputFiles[0]?.text ?? "";
  const [own, other] = clients[0]?.startsWith("Alpha") ? ["OnlyInAlpha", "OnlyInBeta"] : ["OnlyInBeta", "OnlyInAlpha"];
  assert.ok(text.includes(own), `the bundle lacks ${own}`);
  assert.ok(!text.includes(other), `the bundle holds the other client's ${other}`);
});
