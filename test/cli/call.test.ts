/**
 * `wsdlc call` against a real SOAP server (node-soap serving the embedded User WSDL): success prints body
 * and typed response headers as JSON (exit 0); a service failure report, a fault or a transport error prints
 * a JSON error (exit 1) without secrets; bad input exits 2.
 */
import assert from "node:assert/strict";
import * as http from "node:http";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { DEMO_TICKET, startDemoServer, type DemoServer } from "../demo/server.js";
import { runCliAsync } from "../helpers/cli.js";
import { ROOT } from "../helpers/generate.js";

const WSDL = join(ROOT, "test", "fixtures", "embedded", "Services75-User.wsdl");
const HEADERS = JSON.stringify({ ApplicationToken: "app-token", Credentials: { Ticket: DEMO_TICKET } });

describe("wsdlc call", () => {
  let server: DemoServer;
  before(async () => {
    server = await startDemoServer(WSDL);
  });
  after(() => server.close());

  const call = (op: string, ...more: string[]) => runCliAsync(["call", WSDL, op, "--endpoint", server.url, ...more], ROOT);

  test("saves and reads back credentials; prints body and response headers as JSON", async () => {
    const body = { Type: "smtp", Credentials: { ValidFrom: "2024-01-02T03:04:05Z", Comment: "x & <y>", SecretValue: "hunter2hunter2", PublicValue: "me", IsActive: false } };
    const saved = await call("SaveUntrustedCredentials", "--headers", HEADERS, "--body", JSON.stringify(body));
    assert.equal(saved.status, 0, saved.stderr);
    assert.deepEqual(JSON.parse(saved.stdout), { body: null, headers: { Succeeded: true } });

    const got = await call("GetUntrustedCredentials", "--headers", HEADERS, "--body", '{"Type":"smtp"}');
    assert.equal(got.status, 0, got.stderr);
    assert.deepEqual(JSON.parse(got.stdout), {
      body: [{ ValidFrom: "2024-01-02T03:04:05.000Z", Comment: "x & <y>", SecretValue: "hunter2hunter2", PublicValue: "me", IsActive: false }],
      headers: { Succeeded: true },
    });
    // The request the server saw carried the values in schema order.
    const sent = server.requests.find((r) => r.includes("SaveUntrustedCredentials")) ?? "";
    assert.match(sent, /<ns1:ValidFrom>2024-01-02T03:04:05Z<\/ns1:ValidFrom><ns1:Comment>x &amp; &lt;y&gt;<\/ns1:Comment><ns1:SecretValue>/);
  });

  test("the method name works as well as the WSDL name; --trace shows redacted envelopes", async () => {
    const r = await call("getCredentialTypes", "--headers", HEADERS, "--trace");
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { body: ["imap", "smtp"], headers: { Succeeded: true } });
    assert.match(
      r.stderr,
      /^wsdlc: port BasicHttpBinding_User \(SOAP 1\.1\) at http:\/\/127\.0\.0\.1:\d+\/Remote\/Services75\/User\.svc\n--> POST http:\/\/127\.0\.0\.1:\d+\/Remote\/Services75\/User\.svc\n {4}SOAPAction: http:\/\/www\.superoffice\.net\/ws\/crm\/NetServer\/Services75\/User\/GetCredentialTypes\n/,
    );
    assert.match(r.stderr, /<ns1:Ticket>\[redacted\]<\/ns1:Ticket>/);
    assert.ok(!r.stderr.includes(DEMO_TICKET));
  });

  test("Succeeded=false exits 1 with a JSON ServiceError and no secret", async () => {
    const r = await call("GetUntrustedCredentials", "--headers", JSON.stringify({ Credentials: { Ticket: "7T:rejected-ticket-value" } }), "--body", '{"Type":"imap"}');
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { error: { name: string; message: string; causes: string[] } };
    assert.equal(out.error.name, "ServiceError");
    assert.equal(out.error.message, "GetUntrustedCredentials: SoNotAuthenticatedException: Not authenticated: the ticket is missing or has expired");
    assert.deepEqual(out.error.causes, ["ServiceError: GetUntrustedCredentials: SoSessionException: Ticket rejected by the session store"]);
    assert.ok(!r.stdout.includes("rejected-ticket-value") && !r.stderr.includes("rejected-ticket-value"));
  });

  test("a transport error exits 1 with a JSON TransportError", async () => {
    const r = await runCliAsync(["call", WSDL, "GetCredentialTypes", "--endpoint", "http://127.0.0.1:1/nothing", "--timeout", "5000"], ROOT);
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { error: { name: string; kind: string } };
    assert.equal(out.error.name, "TransportError");
    assert.equal(out.error.kind, "network");
  });

  test("bad input exits 2: unknown operation, invalid JSON, a value the schema does not accept", async () => {
    const unknown = await call("NoSuchOperation");
    assert.equal(unknown.status, 2);
    assert.equal(
      unknown.stderr,
      'wsdlc: no operation "NoSuchOperation" in the WSDL (ports: BasicHttpBinding_User); operations: CreateDefaultUntrustedCredentials, GetCredentialTypes, GetUntrustedCredentials, RemoveUntrustedCredentials, SaveUntrustedCredentials\n',
    );
    // A misspelt one gets the nearest names first.
    const typo = await call("GetUntrustedCredential");
    assert.equal(typo.status, 2);
    assert.match(
      typo.stderr,
      /^wsdlc: no operation "GetUntrustedCredential" in the WSDL \(ports: BasicHttpBinding_User\); did you mean GetUntrustedCredentials\? All operations: CreateDefault/,
    );
    const json = await call("GetUntrustedCredentials", "--body", "{Type: imap}");
    assert.equal(json.status, 2);
    assert.match(json.stderr, /^wsdlc: --body is not valid JSON: /);
    const value = await call("SaveUntrustedCredentials", "--body", '{"Credentials":{"IsActive":"yes"}}');
    assert.equal(value.status, 2);
    assert.match(value.stderr, /IsActive/);
    for (const r of [unknown, json, value]) assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
});

describe("wsdlc call reads JSON numbers as written", () => {
  // JSON.parse rounds 12345678901234567890.12 to 12345678901234567000 and 9007199254740993 to …992: an xs:decimal
  // was sent with other digits than the user typed (silently), an xs:long refused with the rounded value.
  let url = "";
  let wsdl = "";
  const bodies: string[] = [];
  let close: () => Promise<void> = async () => {};
  before(async () => {
    const server = http.createServer((req, res) => {
      let b = "";
      req.on("data", (c: Buffer) => (b += c.toString("utf8")));
      req.on("end", () => {
        bodies.push(b);
        // Id 2 asks for what JSON cannot print as such: INF, NaN and 300 KB of bytes.
        const more = b.includes("<ns1:Id>2</ns1:Id>") ? `<D>INF</D><E>NaN</E><B>${Buffer.alloc(300_000, 7).toString("base64")}</B>` : "";
        res
          .writeHead(200, { "Content-Type": "text/xml" })
          .end(`<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><Resp xmlns="urn:test"><ok>true</ok>${more}</Resp></s:Body></s:Envelope>`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
    const { tempDir } = await import("../helpers/tmp.js");
    const { wsdlAround } = await import("../helpers/generate.js");
    const { writeFileSync } = await import("node:fs");
    wsdl = join(tempDir("wsdlc-call-numbers-"), "numbers.wsdl");
    writeFileSync(
      wsdl,
      wsdlAround({
        schema: `<xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="Id" type="xs:long"/><xs:element name="Amount" type="xs:decimal"/>
          <xs:element name="D" type="xs:double"/><xs:element name="N" type="xs:int" minOccurs="0"/></xs:sequence></xs:complexType></xs:element>
          <xs:element name="Resp"><xs:complexType><xs:sequence><xs:element name="ok" type="xs:boolean"/><xs:element name="D" type="xs:double" minOccurs="0"/>
          <xs:element name="E" type="xs:float" minOccurs="0"/><xs:element name="B" type="xs:base64Binary" minOccurs="0"/></xs:sequence></xs:complexType></xs:element>`,
      }),
    );
  });
  after(() => close());

  test("a long, a decimal and a double beyond a double's precision or range reach the wire as typed", async () => {
    const body = '{"Id": 9007199254740993, "Amount": 12345678901234567890.12, "D": 1e400}';
    const r = await runCliAsync(["call", wsdl, "Op", "--endpoint", url, "--body", body, "--no-cache"], ROOT);
    assert.equal(r.status, 0, r.stderr);
    assert.match(bodies.at(-1) ?? "", /<ns1:Id>9007199254740993<\/ns1:Id><ns1:Amount>12345678901234567890\.12<\/ns1:Amount><ns1:D>INF<\/ns1:D>/);
    // A double's own imprecision is no loss: 0.1 stays a number; JSON's missing INF, -INF and NaN can be strings.
    const r2 = await runCliAsync(["call", wsdl, "Op", "--endpoint", url, "--body", '{"Id": -12, "Amount": 0.1, "D": "-INF", "N": 7}', "--no-cache"], ROOT);
    assert.equal(r2.status, 0, r2.stderr);
    assert.match(bodies.at(-1) ?? "", /<ns1:Id>-12<\/ns1:Id><ns1:Amount>0\.1<\/ns1:Amount><ns1:D>-INF<\/ns1:D><ns1:N>7<\/ns1:N>/);
    // An int given a number it cannot be, and a double given a word: errors naming the path, exit 2.
    const bad = await runCliAsync(["call", wsdl, "Op", "--endpoint", url, "--body", '{"Id": 1, "Amount": 1, "D": "lots"}', "--no-cache"], ROOT);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--body: body\.D: is not a number or an xs:double literal such as "INF"/);
    const int = await runCliAsync(["call", wsdl, "Op", "--endpoint", url, "--body", '{"Id": 1, "Amount": 1, "D": 1, "N": 1.00000000000000000001}', "--no-cache"], ROOT);
    assert.equal(int.status, 2, int.stderr);
    assert.match(int.stderr, /Req\.N: expected an integer in int range \(got "1\.00000000000000000001"\)/);
  });

  test("INF, NaN and large binary values in the result print as JSON (not null, not a crash)", async () => {
    // JSON.stringify printed INF and NaN as null, and 300 KB of bytes overflowed String.fromCharCode's arguments.
    const r = await runCliAsync(["call", wsdl, "Op", "--endpoint", url, "--body", '{"Id": 2, "Amount": 1, "D": 1}', "--no-cache"], ROOT);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { body: { ok: boolean; D: unknown; E: unknown; B: string } };
    assert.equal(out.body.D, "INF");
    assert.equal(out.body.E, "NaN");
    assert.equal(out.body.B, Buffer.alloc(300_000, 7).toString("base64"));
  });
});
