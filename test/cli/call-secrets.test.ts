/**
 * `wsdlc call --trace` under attack: a loopback server echoes the ticket and the ApplicationToken (and the
 * endpoint's userinfo password) through SOAP 1.1 and 1.2 faults (faultstring, faultactor, Subcode, Role,
 * Node, detail), an HTML error page, malformed XML and a cross-origin redirect. Neither stdout (the JSON error)
 * nor stderr (the trace) may contain them.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { runCliAsync } from "../helpers/cli.js";
import { ROOT } from "../helpers/generate.js";
import { startLoopback, type Loopback } from "../helpers/loopback.js";

const WSDL = join(ROOT, "test", "fixtures", "embedded", "Services75-User.wsdl");
const TICKET = "MARKER-SECRET-cli-ticket-a1";
const TOKEN = "MARKER-SECRET-cli-token-b2";
const PASSWORD = "MARKER-SECRET-cli-pass-c3";
const HEADERS = JSON.stringify({ ApplicationToken: TOKEN, Credentials: { Ticket: TICKET } });
const S11 = "http://schemas.xmlsoap.org/soap/envelope/";
const S12 = "http://www.w3.org/2003/05/soap-envelope";
// Echoed: what the call sent (fetch refuses a URL with userinfo, so the password is never sent, only shown in errors).
const all = `${TICKET} ${TOKEN}`;

const replies: Record<string, [number, string, string]> = {
  "/f11": [
    500,
    "text/xml",
    `<s:Envelope xmlns:s="${S11}"><s:Body><s:Fault><faultcode>s:Server.${TICKET}</faultcode><faultstring>${all}</faultstring><faultactor>urn:${TOKEN}</faultactor><detail><d>${all}</d></detail></s:Fault></s:Body></s:Envelope>`,
  ],
  "/f12": [
    500,
    "application/soap+xml",
    `<s:Envelope xmlns:s="${S12}" xmlns:m="urn:x"><s:Body><s:Fault><s:Code><s:Value>s:Receiver</s:Value><s:Subcode><s:Value>m:${TICKET}</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang="en">${all}</s:Text></s:Reason><s:Node>urn:${TOKEN}</s:Node><s:Role>urn:${TICKET}</s:Role><s:Detail><d>${all}</d></s:Detail></s:Fault></s:Body></s:Envelope>`,
  ],
  "/html": [502, "text/html", `<html><body><p>proxy error for ticket ${all}</p></body></html>`],
  "/bad": [200, "text/xml", `<s:Envelope xmlns:s="${S11}"><s:Body><${TICKET}></${TOKEN}></s:Body></s:Envelope>`],
};

let srv: Loopback;
before(async () => {
  srv = await startLoopback();
  for (const [path, [status, type, body]] of Object.entries(replies)) {
    srv.handlers.set(path, (_req, _body, res) => res.writeHead(status, { "Content-Type": type }).end(body));
  }
  srv.handlers.set("/redirect", (_req, _body, res) => res.writeHead(307, { Location: `http://127.0.0.2:9/${TICKET}?t=${TOKEN}` }).end());
});
after(() => srv.close());

for (const path of [...Object.keys(replies), "/redirect"]) {
  test(`wsdlc call --trace ${path}: exit 1, a JSON error, no secret on stdout or stderr`, async () => {
    const endpoint = `http://admin:${PASSWORD}@127.0.0.1:${srv.port}${path}`;
    // The userinfo makes fetch refuse the URL: run each case once with it and once without.
    for (const url of [`${srv.base}${path}`, endpoint]) {
      const before = srv.received.length;
      const r = await runCliAsync(["call", WSDL, "GetCredentialTypes", "--endpoint", url, "--headers", HEADERS, "--trace", "--timeout", "5000"], ROOT);
      assert.equal(r.status, 1, r.stderr);
      const out = JSON.parse(r.stdout) as { error: { name: string; message: string } };
      assert.ok(["SoapFaultError", "HttpError", "DecodeError", "TransportError"].includes(out.error.name), r.stdout);
      assert.doesNotMatch(r.stdout, /MARKER-SECRET/, `stdout: ${r.stdout}`);
      assert.doesNotMatch(r.stderr, /MARKER-SECRET/, `stderr: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /admin@|admin:/);
      if (url !== endpoint) {
        // The secrets were sent (so their absence above means something), and the trace shows the exchange.
        assert.ok(srv.received[before]?.body.includes(TICKET));
        assert.match(r.stderr, /^--> POST http:\/\/127\.0\.0\.1:\d+\//m);
      }
    }
  });
}

test("--body or --headers that are not JSON: exit 2 naming where, without the excerpt of the input V8 quotes", async () => {
  // JSON.parse's message quotes the text around the error: `Unexpected token 'M', ..."ue": MARKER-SECRET-…"...`;
  // a password typed without quotes was printed in part.
  const cases: [string, string, RegExp][] = [
    ["--body", `{"Type": "imap", "Credentials": {"SecretValue": ${PASSWORD}}}`, /^wsdlc: --body is not valid JSON: Unexpected token 'M'\n$/],
    ["--headers", `{"Credentials": {"Ticket": "${TICKET}" "x"}}`, /^wsdlc: --headers is not valid JSON: Expected ',' or '\}' after property value \(line 1, column \d+\)\n$/],
    ["--headers", `{"Credentials":\n {"Ticket": ${TICKET}}}`, /^wsdlc: --headers is not valid JSON: Unexpected token 'M'\n$/],
    // The column is the one in the text as given (a number too long for a double before it is read as a string).
    ["--body", `{"Type": 12345678901234567890123, "x" 1}`, /^wsdlc: --body is not valid JSON: .* \(line 1, column 39\)\n$/],
  ];
  for (const [flag, text, message] of cases) {
    const r = await runCliAsync(["call", WSDL, "SaveUntrustedCredentials", "--endpoint", `${srv.base}/f11`, flag, text], ROOT);
    assert.equal(r.status, 2, r.stderr);
    assert.doesNotMatch(r.stderr + r.stdout, /MARKER|SECRET|cli-pass|cli-ticket/, r.stderr);
    assert.match(r.stderr.replace(/^wsdlc: port .*\n/, ""), message);
  }
});
