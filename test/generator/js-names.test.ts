/**
 * Names that are JavaScript's: a WSDL whose types, elements, attributes, operations, parts, port and service
 * are named `__proto__`, `constructor`, `toString`, `hasOwnProperty`, `valueOf` and `then` generates a package
 * that type-checks strictly, is not a thenable (neither the client nor the module), keeps every type in its
 * type table, and calls every operation against a loopback server with the values intact.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { loadGenerated, type GeneratedPackage } from "../helpers/client.js";
import { typecheck } from "../helpers/typecheck.js";
import { tempDir } from "../helpers/tmp.js";

const NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "then"] as const;

function wsdl(): string {
  const types: string[] = [];
  const msgs: string[] = [];
  const ops: string[] = [];
  const bops: string[] = [];
  for (const n of NAMES) {
    const fields = NAMES.map((m) => `<xs:element name="${m}" type="xs:string" minOccurs="0"/>`).join("");
    types.push(
      `<xs:complexType name="${n}"><xs:sequence>${fields}</xs:sequence><xs:attribute name="${n}" type="xs:string"/></xs:complexType>`,
      `<xs:element name="${n}" type="tns:${n}"/>`,
      `<xs:element name="${n}Response"><xs:complexType><xs:sequence><xs:element name="${n}" type="tns:${n}" minOccurs="0"/><xs:element name="result" type="xs:string"/></xs:sequence></xs:complexType></xs:element>`,
    );
    msgs.push(
      `<wsdl:message name="${n}"><wsdl:part name="${n}" element="tns:${n}"/></wsdl:message>`,
      `<wsdl:message name="${n}Response"><wsdl:part name="${n}" element="tns:${n}Response"/></wsdl:message>`,
    );
    ops.push(`<wsdl:operation name="${n}"><wsdl:input message="tns:${n}"/><wsdl:output message="tns:${n}Response"/></wsdl:operation>`);
    bops.push(
      `<wsdl:operation name="${n}"><soap:operation soapAction="urn:test/${n}"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>`,
    );
  }
  return `<?xml version="1.0"?>
<wsdl:definitions targetNamespace="urn:test" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="urn:test" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<wsdl:types><xs:schema targetNamespace="urn:test" elementFormDefault="qualified">
${types.join("\n")}
</xs:schema></wsdl:types>
${msgs.join("\n")}
<wsdl:portType name="then">${ops.join("")}</wsdl:portType>
<wsdl:binding name="thenBinding" type="tns:then"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>${bops.join("")}</wsdl:binding>
<wsdl:service name="constructor"><wsdl:port name="__proto__" binding="tns:thenBinding"><soap:address location="http://localhost/test"/></wsdl:port></wsdl:service>
</wsdl:definitions>`;
}

type Method = (input: unknown) => Promise<Record<string, unknown>>;

describe("names that are JavaScript's", () => {
  let pkg: GeneratedPackage;
  let server: Server;
  let endpoint = "";
  const requests: { action: string; body: string }[] = [];
  before(async () => {
    const dir = tempDir("wsdlc-jsnames-");
    const path = join(dir, "js.wsdl");
    writeFileSync(path, wsdl());
    pkg = await loadGenerated([path]);
    server = createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8").on("data", (d: string) => (body += d));
      req.on("end", () => {
        const action = String(req.headers["soapaction"] ?? "")
          .replace(/"/g, "")
          .replace("urn:test/", "");
        requests.push({ action, body });
        // Echo: the response carries the operation's type with every JavaScript-named child and attribute.
        const children = NAMES.map((m) => `<t:${m}>${action}:${m}</t:${m}>`).join("");
        res.setHeader("content-type", "text/xml; charset=utf-8");
        res.end(
          `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><t:${action}Response xmlns:t="urn:test">` +
            `<t:${action} ${action}="attr">${children}</t:${action}><t:result>ok ${action}</t:result></t:${action}Response></s:Body></s:Envelope>`,
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/test`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  test("the package type-checks with the strict consumer flags", () => {
    const r = typecheck([pkg.dir]);
    assert.equal(r.output, "");
    assert.equal(r.status, 0);
  });

  test("every type is in the type table as an own property; no table has a prototype trick", () => {
    const table = pkg.module["typeTable"] as Record<string, { qname?: readonly string[] }>;
    assert.equal(Object.getPrototypeOf(table), Object.prototype);
    const qnames = Object.values(table).flatMap((t) => (t.qname ? [t.qname[1]] : []));
    for (const n of NAMES) assert.ok(qnames.includes(n), `type ${n} is in the table`);
    for (const k of Object.keys(table)) assert.ok(Object.hasOwn(table, k));
    assert.equal(typeof (pkg.module as { then?: unknown }).then, "undefined", "the module namespace is not a thenable");
  });

  test("the client is not a thenable and each operation is called through a renamed method", async () => {
    const Client = pkg.module["ThenClient"] as new (o: { endpoint: string }) => Record<string, unknown>;
    const client = new Client({ endpoint });
    const before = requests.length;
    const awaited = await (async () => client)();
    assert.equal(awaited, client);
    assert.equal(typeof client["then"], "undefined");
    assert.equal(String(client), "[object Object]");
    assert.equal(client.constructor, Client);
    assert.equal(typeof client.hasOwnProperty, "function");
    assert.equal(requests.length, before, "awaiting the client sent no request");
    const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(client))
      .filter((m) => m !== "constructor")
      .sort();
    assert.deepEqual(methods, ["__proto___2", "constructor_2", "hasOwnProperty_2", "then_2", "toString_2", "valueOf_2"]);
    for (const n of NAMES) {
      const call = client[`${n}_2`] as Method;
      const input: Record<string, unknown> = {};
      for (const m of NAMES) input[m === "__proto__" ? "__proto___2" : m] = `in:${m}`;
      const out = await call.call(client, input);
      const last = requests.at(-1);
      assert.equal(last?.action, n);
      for (const m of NAMES) assert.match(last?.body ?? "", new RegExp(`<([a-z0-9]+:)?${m}>in:${m}</([a-z0-9]+:)?${m}>`), `${n}: ${m} was sent`);
      assert.equal(out["result"], `ok ${n}`);
      const inner = out[n === "__proto__" ? "__proto___2" : n] as Record<string, unknown>;
      assert.equal(Object.getPrototypeOf(inner), Object.prototype);
      for (const m of NAMES) assert.equal(inner[m === "__proto__" ? "__proto___2" : m], `${n}:${m}`, `${n}: ${m} was decoded`);
    }
    assert.equal(requests.length, before + NAMES.length);
  });
});
