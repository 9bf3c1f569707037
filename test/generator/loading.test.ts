/**
 * Loading: relative wsdl:import / xs:import / xs:include (a chameleon include takes the includer's
 * namespace), import cycles, namespace-only imports of inline schemas, and the same set over http(s).
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, test } from "node:test";
import { generate } from "../../generator/index.js";
import { makeReader } from "../../bin/io.js";
import { runCliAsync } from "../helpers/cli.js";
import { declaration, generateDocs, runtimeTemplates, wsdlAround } from "../helpers/generate.js";
import { tempDir } from "../helpers/tmp.js";

const FILES: Record<string, string> = {
  "service.wsdl": `<?xml version="1.0"?>
<wsdl:definitions targetNamespace="urn:svc" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="urn:svc">
  <wsdl:import namespace="urn:abstract" location="parts/abstract.wsdl"/>
  <wsdl:binding name="B" type="a:Port" xmlns:a="urn:abstract">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Find"><soap:operation soapAction="urn:Find"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="Finder"><wsdl:port name="FinderPort" binding="tns:B"><soap:address location="http://localhost/find"/></wsdl:port></wsdl:service>
</wsdl:definitions>`,
  "parts/abstract.wsdl": `<?xml version="1.0"?>
<wsdl:definitions targetNamespace="urn:abstract" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:m="urn:messages">
  <wsdl:types>
    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:inline">
      <xs:complexType name="Inline"><xs:sequence><xs:element name="I" type="xs:int"/></xs:sequence></xs:complexType>
    </xs:schema>
    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:import namespace="urn:messages" schemaLocation="../xsd/messages.xsd"/>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="In"><wsdl:part name="p" element="m:Find"/></wsdl:message>
  <wsdl:message name="Out"><wsdl:part name="p" element="m:FindResponse"/></wsdl:message>
  <wsdl:portType name="Port"><wsdl:operation name="Find"><wsdl:input message="a:In" xmlns:a="urn:abstract"/><wsdl:output message="a:Out" xmlns:a="urn:abstract"/></wsdl:operation></wsdl:portType>
</wsdl:definitions>`,
  "xsd/messages.xsd": `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:messages" xmlns:m="urn:messages" xmlns:t="urn:types" xmlns:i="urn:inline" elementFormDefault="qualified">
  <xs:import namespace="urn:types" schemaLocation="types.xsd"/>
  <xs:import namespace="urn:inline"/>
  <xs:include schemaLocation="common.xsd"/>
  <xs:element name="Find"><xs:complexType><xs:sequence><xs:element name="Query" type="m:Query"/></xs:sequence></xs:complexType></xs:element>
  <xs:element name="FindResponse"><xs:complexType><xs:sequence>
    <xs:element name="Hit" type="t:Hit" maxOccurs="unbounded"/><xs:element name="Extra" type="i:Inline"/>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>`,
  "xsd/common.xsd": `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
  <xs:complexType name="Query"><xs:sequence><xs:element name="Text" type="xs:string"/></xs:sequence></xs:complexType>
</xs:schema>`,
  "xsd/types.xsd": `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:types" xmlns:m="urn:messages" elementFormDefault="qualified">
  <xs:import namespace="urn:messages" schemaLocation="messages.xsd"/>
  <xs:complexType name="Hit"><xs:sequence><xs:element name="Score" type="xs:double"/></xs:sequence></xs:complexType>
</xs:schema>`,
};

function writeFiles(): string {
  const dir = tempDir("wsdlc-load-");
  for (const [name, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function check(r: Awaited<ReturnType<typeof generate>>): void {
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.documents.length, 5, "every document read once, the import cycle included");
  const types = r.files.find((f) => f.path === "types.ts")?.text ?? "";
  assert.equal(declaration(types, "Query"), "export interface Query {\n  Text: string;\n}");
  assert.equal(declaration(types, "FindResponse"), "export interface FindResponse {\n  Hit: Hit[];\n  Extra: Inline;\n}");
  const schema = r.files.find((f) => f.path === "schema.ts")?.text ?? "";
  // The chameleon include took urn:messages, the namespace of the schema that includes it.
  assert.match(
    schema,
    /function t\$Query\(\): TypeDescriptor \{\n  return \{ kind: "struct", qname: \[nsMessages, "Query"\], fields: \[\{ name: "Text", ns: nsMessages, type: "xs:string" \}\] \}/,
  );
  assert.match(schema, /const nsMessages = "urn:messages";/);
  assert.ok(r.files.some((f) => f.path === "FinderPortClient.ts" || f.path === "PortClient.ts"));
}

describe("import problems are explained where the import is written", () => {
  test("an import whose namespace is not the imported schema's targetNamespace", async () => {
    const dir = tempDir("wsdlc-load-");
    writeFileSync(join(dir, "types.xsd"), `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:types-v1"><xs:complexType name="T"/></xs:schema>`);
    writeFileSync(
      join(dir, "svc.wsdl"),
      FILES["service.wsdl"]?.replace(
        '<wsdl:import namespace="urn:abstract" location="parts/abstract.wsdl"/>',
        `<wsdl:types><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:svc" xmlns:t="urn:types-v2">
  <xs:import namespace="urn:types-v2" schemaLocation="types.xsd"/><xs:element name="E" type="t:T"/></xs:schema></wsdl:types>`,
      ) ?? "",
    );
    const r = await generate([pathToFileURL(join(dir, "svc.wsdl")).href], { reader: makeReader(dir), runtime: runtimeTemplates() });
    assert.equal(r.diagnostics.find((d) => d.code === "import-namespace")?.message, "imports namespace urn:types-v2 from types.xsd, whose targetNamespace is urn:types-v1");
  });

  test("type= naming an element uses the element's type, with a warning", async () => {
    const files = await generateDocs({
      "mem:/a.wsdl": wsdlAround({
        schema: `<xs:element name="Thing"><xs:complexType><xs:sequence><xs:element name="N" type="xs:int"/></xs:sequence></xs:complexType></xs:element>
          <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="T" type="tns:Thing"/></xs:sequence></xs:complexType></xs:element>
          <xs:element name="Resp"><xs:complexType><xs:sequence/></xs:complexType></xs:element>`,
      }),
    });
    const warning = files.diagnostics.find((d) => d.code === "type-is-element");
    assert.equal(warning?.message, "type={urn:test}Thing names an element, not a type; the element's type is used");
    assert.equal(declaration(files.files.find((f) => f.path === "types.ts")?.text ?? "", "Req"), "export interface Req {\n  T: Thing;\n}");
  });
});

describe("loading inputs and what they import", () => {
  let server: Server;
  let base = "";
  before(async () => {
    server = createServer((req, res) => {
      // /private/… needs a bearer token, like a WSDL behind a gateway.
      let path = (req.url ?? "/").slice(1);
      if (path.startsWith("private/")) {
        if (req.headers.authorization !== "Bearer s3cret-token") {
          res.writeHead(401).end("unauthorized");
          return;
        }
        path = path.slice("private/".length);
      }
      const text = FILES[path];
      if (text === undefined) {
        res.writeHead(404).end("not found");
        return;
      }
      res.writeHead(200, { "content-type": "text/xml" }).end(text);
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  test("relative files: wsdl:import, xs:import, chameleon xs:include, a cycle, a namespace-only import", async () => {
    const dir = writeFiles();
    check(await generate([pathToFileURL(join(dir, "service.wsdl")).href], { reader: makeReader(dir), runtime: runtimeTemplates() }));
  });

  test("the same over http, imports resolved against the URL", async () => {
    const r = await generate([`${base}/service.wsdl`], { reader: makeReader(process.cwd()), runtime: runtimeTemplates() });
    check(r);
    assert.ok(r.documents.every((d) => d.url.startsWith(base)));
  });

  test("--wsdl-header: headers for fetching a protected WSDL and what it imports; the token is never shown", async () => {
    const denied = await generate([`${base}/private/service.wsdl`], { reader: makeReader(process.cwd()), runtime: runtimeTemplates() });
    assert.equal(denied.diagnostics[0]?.message, `cannot read input "${base}/private/service.wsdl": HTTP 401 Unauthorized`);
    const r = await generate([`${base}/private/service.wsdl`], {
      reader: makeReader(process.cwd(), { headers: { Authorization: "Bearer s3cret-token" } }),
      runtime: runtimeTemplates(),
    });
    check(r);
    const cli = await runCliAsync(["inspect", `${base}/private/service.wsdl`, "--wsdl-header", "Authorization: Bearer s3cret-token"], process.cwd());
    assert.equal(cli.status, 0, cli.stderr);
    assert.match(cli.stdout, /^\w+Client {2}\(Finder \/ FinderPort, SOAP 1\.1, 1 operation\)$/m);
    assert.ok(!cli.stdout.includes("s3cret") && !cli.stderr.includes("s3cret"));
    // Through the command, a 401 says how to send credentials, or that the ones given were refused (never which).
    const none = await runCliAsync(["inspect", `${base}/private/service.wsdl`], process.cwd());
    assert.equal(none.status, 2);
    assert.match(none.stderr, /: HTTP 401 Unauthorized; send credentials with --wsdl-header "Authorization: …" \[input-unreadable\]/);
    const wrong = await runCliAsync(["inspect", `${base}/private/service.wsdl`, "--wsdl-header", "Authorization: Bearer wr0ng-token"], process.cwd());
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /: HTTP 401 Unauthorized with the --wsdl-header values given \[input-unreadable\]/);
    assert.ok(!wrong.stderr.includes("wr0ng") && !wrong.stdout.includes("wr0ng"));
    const bad = await runCliAsync(["inspect", `${base}/private/service.wsdl`, "--wsdl-header", "no colon"], process.cwd());
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr, 'wsdlc: --wsdl-header "no colon": expected "Name: value"\n');
  });

  test("an input URL that answers 404 is reported, and nothing is generated", async () => {
    const r = await generate([`${base}/parts/missing.wsdl`], { reader: makeReader(process.cwd()), runtime: runtimeTemplates() });
    assert.equal(r.files.length, 0);
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0]?.message, `cannot read input "${base}/parts/missing.wsdl": HTTP 404 Not Found`);
  });
});
