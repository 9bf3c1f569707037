/**
 * `wsdlc call` against a real SOAP server (node-soap serving the embedded User WSDL): success prints body
 * and typed response headers as JSON (exit 0); a service failure report, a fault or a transport error prints
 * a JSON error (exit 1) without secrets; bad input exits 2.
 */
import assert from "node:assert/strict";
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
