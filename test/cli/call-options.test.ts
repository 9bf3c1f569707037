/**
 * `wsdlc call` options against a loopback server: the port rule (SOAP 1.1 first, then by name; --port),
 * unknown keys in --body/--headers refused with their path, --http-header sent and redacted, JSON revived
 * into bytes by the runtime's own walker (restricted binary types, substitution group members, repeated
 * choices), the compiled-package cache, and unredacted traces only on request.
 */
import assert from "node:assert/strict";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { runCliAsync } from "../helpers/cli.js";
import { startLoopback, type Loopback } from "../helpers/loopback.js";
import { tempDir } from "../helpers/tmp.js";

const S11 = "http://schemas.xmlsoap.org/soap/envelope/";
const S12 = "http://www.w3.org/2003/05/soap-envelope";

function wsdl(base: string): string {
  return `<?xml version="1.0"?>
<wsdl:definitions targetNamespace="urn:t" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/"
    xmlns:tns="urn:t" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <wsdl:types>
    <xs:schema targetNamespace="urn:t" elementFormDefault="qualified">
      <xs:simpleType name="Blob"><xs:restriction base="xs:base64Binary"><xs:maxLength value="16"/></xs:restriction></xs:simpleType>
      <xs:complexType name="Shape"><xs:sequence><xs:element name="Label" type="xs:string" minOccurs="0"/></xs:sequence></xs:complexType>
      <xs:element name="Shape" type="tns:Shape"/>
      <xs:complexType name="Picture"><xs:sequence><xs:element name="Pixels" type="tns:Blob"/></xs:sequence></xs:complexType>
      <xs:element name="Picture" type="tns:Picture" substitutionGroup="tns:Shape"/>
      <xs:element name="Put">
        <xs:complexType><xs:sequence>
          <xs:element name="Data" type="tns:Blob"/>
          <xs:element name="Hex" type="xs:hexBinary" minOccurs="0"/>
          <xs:element ref="tns:Shape" minOccurs="0"/>
          <xs:choice minOccurs="0" maxOccurs="unbounded">
            <xs:element name="Note" type="xs:string"/>
            <xs:element name="Raw" type="xs:base64Binary"/>
          </xs:choice>
          <xs:element name="Inner" minOccurs="0"><xs:complexType><xs:sequence><xs:element name="Depth" type="xs:int"/></xs:sequence></xs:complexType></xs:element>
        </xs:sequence></xs:complexType>
      </xs:element>
      <xs:element name="PutResponse"><xs:complexType><xs:sequence><xs:element name="Ok" type="xs:boolean"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Ticket" type="xs:string"/>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="In"><wsdl:part name="parameters" element="tns:Put"/></wsdl:message>
  <wsdl:message name="Out"><wsdl:part name="parameters" element="tns:PutResponse"/></wsdl:message>
  <wsdl:message name="Hdr"><wsdl:part name="Ticket" element="tns:Ticket"/></wsdl:message>
  <wsdl:portType name="P"><wsdl:operation name="Put"><wsdl:input message="tns:In"/><wsdl:output message="tns:Out"/></wsdl:operation></wsdl:portType>
  <wsdl:binding name="B11" type="tns:P"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Put"><soap:operation soapAction="urn:Put"/>
      <wsdl:input><soap:body use="literal"/><soap:header message="tns:Hdr" part="Ticket" use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
  </wsdl:binding>
  <wsdl:binding name="B12" type="tns:P"><soap12:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Put"><soap12:operation soapAction="urn:Put"/>
      <wsdl:input><soap12:body use="literal"/><soap12:header message="tns:Hdr" part="Ticket" use="literal"/></wsdl:input>
      <wsdl:output><soap12:body use="literal"/></wsdl:output></wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="S">
    <wsdl:port name="APort12" binding="tns:B12"><soap12:address location="${base}/s12"/></wsdl:port>
    <wsdl:port name="BPort11" binding="tns:B11"><soap:address location="${base}/s11"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`;
}

const ok = (env: string) =>
  env === S11
    ? `<s:Envelope xmlns:s="${S11}"><s:Body><PutResponse xmlns="urn:t"><Ok>true</Ok></PutResponse></s:Body></s:Envelope>`
    : `<s:Envelope xmlns:s="${S12}"><s:Body><PutResponse xmlns="urn:t"><Ok>true</Ok></PutResponse></s:Body></s:Envelope>`;

describe("wsdlc call options", () => {
  let srv: Loopback;
  let dir: string;
  let cache: string;
  before(async () => {
    srv = await startLoopback();
    srv.handlers.set("/s11", (_q, _b, res) => res.writeHead(200, { "Content-Type": "text/xml" }).end(ok(S11)));
    srv.handlers.set("/s12", (_q, _b, res) => res.writeHead(200, { "Content-Type": "application/soap+xml" }).end(ok(S12)));
    srv.handlers.set("/echo", (req, _b, res) => res.writeHead(500, { "Content-Type": "text/plain" }).end(`denied for ${String(req.headers["x-api-key"])}`));
    dir = tempDir("wsdlc-callopt-");
    cache = tempDir("wsdlc-callopt-cache-");
    writeFileSync(join(dir, "svc.wsdl"), wsdl(srv.base));
  });
  after(() => srv.close());

  const call = (...args: string[]) => runCliAsync(["call", "svc.wsdl", "Put", ...args], dir, { WSDLC_CACHE_DIR: cache });
  const last = () => srv.received[srv.received.length - 1];
  const BODY = JSON.stringify({ Data: "AQID" });

  test("the SOAP 1.1 port is chosen over a SOAP 1.2 one that sorts first, and says so; --port picks another", async () => {
    const r = await call("--body", BODY);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, `wsdlc: port BPort11 (SOAP 1.1; also in APort12: choose with --port) at ${srv.base}/s11\n`);
    assert.equal(last()?.path, "/s11");
    assert.match(last()?.body ?? "", new RegExp(`xmlns:soap="${S11.replace(/\//g, "\\/")}"|${S11.replace(/[./]/g, "\\$&")}`));
    const p = await call("--body", BODY, "--port", "APort12");
    assert.equal(p.status, 0, p.stderr);
    assert.equal(p.stderr, `wsdlc: port APort12 (SOAP 1.2) at ${srv.base}/s12\n`);
    assert.equal(last()?.path, "/s12");
    assert.ok(last()?.body.includes(S12));
    const none = await call("--port", "Nope");
    assert.equal(none.status, 2);
    assert.equal(none.stderr, 'wsdlc: no port "Nope" in the WSDL; ports: APort12, BPort11\n');
  });

  test("JSON is revived by the runtime: restricted base64 type, hexBinary, a substitution group member, a repeated choice", async () => {
    const body = { Data: "AQID", Hex: "0a0b", Shape: { $type: "Picture", Pixels: "BAUG" }, Items: [{ Note: "n" }, { Raw: "Bwg=" }] };
    const r = await call("--body", JSON.stringify(body));
    assert.equal(r.status, 0, r.stderr);
    const sent = last()?.body ?? "";
    assert.match(sent, /<(\w+:)?Data>AQID<\/(\w+:)?Data>/);
    assert.match(sent, /<(\w+:)?Hex>0A0B<\/(\w+:)?Hex>/);
    assert.match(sent, /<(\w+:)?Picture><(\w+:)?Pixels>BAUG<\/(\w+:)?Pixels><\/(\w+:)?Picture>/);
    assert.match(sent, /<(\w+:)?Note>n<\/(\w+:)?Note><(\w+:)?Raw>Bwg=<\/(\w+:)?Raw>/);
    const bad = await call("--body", JSON.stringify({ Data: "not base64!" }));
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^wsdlc: --body: body\.Data: is not base64 \(xs:base64Binary\)$/m);
  });

  test("unknown keys in --body and --headers are refused with their path", async () => {
    const top = await call("--body", JSON.stringify({ Data: "AQID", Dta: 1 }));
    assert.equal(top.status, 2);
    assert.match(top.stderr, /^wsdlc: --body: body\.Dta: unknown key; the properties are Data, Hex, Shape, Items, Inner$/m);
    const nested = await call("--body", JSON.stringify({ Data: "AQID", Inner: { Depht: 1 } }));
    assert.equal(nested.status, 2);
    assert.match(nested.stderr, /^wsdlc: --body: body\.Inner\.Depht: unknown key; the properties are Depth$/m);
    const choice = await call("--body", JSON.stringify({ Data: "AQID", Items: [{ Note: "a" }, { Nope: "b" }] }));
    assert.equal(choice.status, 2);
    assert.match(choice.stderr, /body\.Items\[1\]: must be an object with exactly one of Note, Raw/);
    const hdr = await call("--body", BODY, "--headers", JSON.stringify({ Tiket: "x" }));
    assert.equal(hdr.status, 2);
    assert.match(hdr.stderr, /^wsdlc: --headers: headers\.Tiket: unknown header; the headers are Ticket$/m);
    const good = await call("--body", BODY, "--headers", JSON.stringify({ Ticket: "t-1" }));
    assert.equal(good.status, 0, good.stderr);
    assert.match(last()?.body ?? "", /<(\w+:)?Ticket>t-1<\/(\w+:)?Ticket>/);
  });

  test("--http-header is sent; its value never shows in a trace or an error", async () => {
    const secret = "MARKER-SECRET-api-key-77";
    const r = await call("--body", BODY, "--http-header", `X-Api-Key: ${secret}`, "--http-header", "X-Other: plain", "--trace");
    assert.equal(r.status, 0, r.stderr);
    assert.equal(last()?.headers["x-api-key"], secret);
    assert.equal(last()?.headers["x-other"], "plain");
    assert.ok(!r.stderr.includes(secret));
    const e = await call("--body", BODY, "--endpoint", `${srv.base}/echo`, "--http-header", `X-Api-Key: ${secret}`, "--trace");
    assert.equal(e.status, 1, e.stderr);
    assert.equal(last()?.headers["x-api-key"], secret, "sent");
    assert.ok(!e.stdout.includes(secret) && !e.stderr.includes(secret), `${e.stdout}\n${e.stderr}`);
    const malformed = await call("--http-header", secret);
    assert.equal(malformed.status, 2);
    assert.ok(!malformed.stderr.includes(secret), malformed.stderr);
    assert.match(malformed.stderr, /--http-header "…": expected "Name: value"/);
  });

  test("the compiled package is cached by content: a second call reuses it, a changed WSDL gets its own", async () => {
    const own = tempDir("wsdlc-callopt-own-");
    const d = tempDir("wsdlc-callopt-w-");
    writeFileSync(join(d, "svc.wsdl"), wsdl(srv.base));
    const run = () => runCliAsync(["call", "svc.wsdl", "Put", "--body", BODY], d, { WSDLC_CACHE_DIR: own });
    assert.equal((await run()).status, 0);
    const entries = readdirSync(own);
    assert.equal(entries.length, 1);
    assert.ok(readdirSync(join(own, entries[0] ?? "")).includes("complete"));
    assert.equal((await run()).status, 0);
    assert.deepEqual(readdirSync(own), entries, "reused");
    writeFileSync(join(d, "svc.wsdl"), wsdl(srv.base).replace('soapAction="urn:Put"', 'soapAction="urn:Put2"'));
    assert.equal((await run()).status, 0);
    assert.equal(readdirSync(own).length, 2);
    assert.equal(last()?.headers["soapaction"], '"urn:Put2"', "the new WSDL is used, not the cached old one");
    const fresh = await runCliAsync(["call", "svc.wsdl", "Put", "--body", BODY, "--no-cache"], d, { WSDLC_CACHE_DIR: tempDir("wsdlc-callopt-none-") });
    assert.equal(fresh.status, 0, fresh.stderr);
  });

  test("traces are redacted unless --unredacted (or WSDLC_DEBUG_UNREDACTED=1) asks, with a warning line", async () => {
    const ticket = "MARKER-SECRET-ticket-99";
    const headers = JSON.stringify({ Ticket: ticket });
    const redacted = await call("--body", BODY, "--headers", headers, "--trace");
    assert.equal(redacted.status, 0, redacted.stderr);
    assert.match(redacted.stderr, /--> POST/);
    assert.ok(last()?.body.includes(ticket), "sent");
    assert.ok(!redacted.stderr.includes(ticket), "redacted by default");
    assert.doesNotMatch(redacted.stderr, /WARNING/);

    for (const [args, env] of [
      [["--trace", "--unredacted"], {}],
      [["--trace"], { WSDLC_DEBUG_UNREDACTED: "1" }],
    ] as const) {
      const r = await runCliAsync(["call", "svc.wsdl", "Put", "--body", BODY, "--headers", headers, ...args], dir, { WSDLC_CACHE_DIR: cache, ...env });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /^wsdlc: WARNING: unredacted trace .*clear text/m);
      assert.ok(r.stderr.includes(ticket), "shown as sent");
      assert.ok(r.stderr.indexOf("WARNING") < r.stderr.indexOf(ticket), "the warning comes first");
      assert.match(r.stderr, /<-- 200 \(\d+ ms\)\n[\s\S]*<Ok>true<\/Ok>/);
    }
    const alone = await call("--unredacted");
    assert.equal(alone.status, 2);
    assert.match(alone.stderr, /--unredacted needs --trace/);
  });
});
