/**
 * Secret sweep: unique marker values sent as the ticket, the ApplicationToken, a SecretValue and the endpoint's
 * userinfo, echoed back by a loopback server through every error path the runtime has. None may appear in an
 * error's message, String(e), stack, JSON.stringify, util.inspect (depth 10), its cause chain, or hook output.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import type { ServerResponse } from "node:http";
import { isSoapError } from "../../templates/runtime/errors.js";
import type { RequestEvent, ResponseEvent } from "../../templates/runtime/client.js";
import { startLoopback, type Loopback } from "../helpers/loopback.js";
import { envelope, NS, SOAP11, SOAP12, UserAgent, XSI } from "./service.js";

const TICKET = "MARKER-SECRET-ticket-q7w";
const TOKEN = "MARKER-SECRET-token-e8r";
const SECRET = "MARKER-SECRET-value-t9y";
const USERINFO = "MARKER-SECRET-pass-u0i";
const LEAK = /MARKER-SECRET|MARKER%2DSECRET/i;

let srv: Loopback;
const events: unknown[] = [];
before(async () => {
  srv = await startLoopback();
});
after(() => srv.close());

/** Every rendering of an error a program or a log could show, cause chain included. */
function renderings(e: unknown): string[] {
  const out: string[] = [];
  for (let cur: unknown = e, i = 0; cur !== undefined && i < 10; cur = cur instanceof Error ? cur.cause : undefined, i++) {
    out.push(String(cur), inspect(cur, { depth: 10 }), JSON.stringify(cur) ?? "");
    if (cur instanceof Error) out.push(cur.message, cur.stack ?? "", cur.name);
  }
  return out;
}

function assertClean(e: unknown, what: string): void {
  assert.ok(isSoapError(e), `${what}: ${String(e)}`);
  for (const s of renderings(e)) assert.doesNotMatch(s, LEAK, `${what} leaked: ${s.slice(0, 600)}`);
}

const hooks = {
  onRequest(e: RequestEvent) {
    events.push(e);
  },
  onResponse(e: ResponseEvent) {
    events.push(e);
  },
};

function agent(path: string, options: ConstructorParameters<typeof UserAgent>[0] = {}): UserAgent {
  return new UserAgent({ endpoint: `${srv.base}${path}`, headers: { ApplicationToken: TOKEN, Credentials: { Ticket: TICKET } }, hooks, timeout: 3000, ...options });
}

function call(ua: UserAgent): Promise<unknown> {
  return ua.saveUntrustedCredentials({ Credentials: { UntrustedCredentialsId: 1, ValidFrom: "2024-01-01T00:00:00Z", SecretValue: SECRET } });
}

// What the server echoes: the values the call sent (USERINFO is only sent, and echoed, in its own tests).
const all = [TICKET, TOKEN, SECRET].join(" ");
type Reply = (res: ServerResponse) => void;
const xml =
  (status: number, body: string, type = "text/xml; charset=utf-8"): Reply =>
  (res) =>
    res.writeHead(status, { "Content-Type": type }).end(body);

const fault11 =
  `<s:Envelope xmlns:s="${SOAP11}"><s:Body><s:Fault><faultcode>s:Client.${TICKET}</faultcode><faultstring>bad ${all}</faultstring>` +
  `<faultactor>http://actor/${TOKEN}</faultactor><detail><SoExceptionInfo xmlns="${NS}"><Message>${all}</Message><StackTrace>${SECRET}</StackTrace></SoExceptionInfo></detail></s:Fault></s:Body></s:Envelope>`;
const fault12 =
  `<s:Envelope xmlns:s="${SOAP12}" xmlns:m="urn:${TICKET}"><s:Body><s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>m:${TOKEN}</s:Value>` +
  `<s:Subcode><s:Value>m:${SECRET}</s:Value></s:Subcode></s:Subcode></s:Code><s:Reason><s:Text xml:lang="en">no ${all}</s:Text></s:Reason>` +
  `<s:Node>http://node/${SECRET}/${TICKET}</s:Node><s:Role>http://role/${TOKEN}</s:Role><s:Detail><x>${all}</x></s:Detail></s:Fault></s:Body></s:Envelope>`;

const cases: [string, Reply, { strict?: boolean }?][] = [
  ["HTTP 500 HTML page echoing everything", xml(500, `<html><body><h1>Error</h1><p>${all}</p><pre>${all}</pre></body></html>`, "text/html")],
  ["HTTP 502 with a status text echoing the ticket", (res) => res.writeHead(502, `Bad ${TICKET}`, { "Content-Type": `text/plain; x=${TOKEN}` }).end(all)],
  ["HTTP 400 XML body echoing (not a fault)", xml(400, `<error><msg>${all}</msg><Ticket>${TICKET}</Ticket></error>`)],
  ["SOAP 1.1 fault: faultcode, faultstring, faultactor, detail", xml(500, fault11)],
  ["SOAP 1.2 fault: Subcodes, Reason, Node, Role, Detail", xml(500, fault12, "application/soap+xml")],
  ["SOAP 1.2 fault with HTTP 200", xml(200, fault12, "application/soap+xml")],
  ["malformed XML: mismatched end tag quoting the marker", xml(200, `<s:Envelope xmlns:s="${SOAP11}"><s:Body><${TICKET}></${TOKEN}></s:Body></s:Envelope>`)],
  ["malformed XML: undeclared prefix quoting the marker", xml(200, `<s:Envelope xmlns:s="${SOAP11}"><s:Body><${SECRET}:x/></s:Body></s:Envelope>`)],
  ["malformed XML at the root", xml(200, `<${TOKEN} a="1" a="2"/>`)],
  ["not an envelope", xml(200, `<${TICKET}/>`)],
  [
    "decode error: invalid value echoing the marker",
    xml(200, envelope(`<SaveUntrustedCredentialsResponse xmlns="${NS}"><Response>${TICKET}</Response></SaveUntrustedCredentialsResponse>`)),
  ],
  [
    "decode error: invalid xsi:type echoing the marker",
    xml(200, envelope(`<SaveUntrustedCredentialsResponse xmlns="${NS}" xmlns:i="${XSI}"><Response i:type="${TOKEN}:x">true</Response></SaveUntrustedCredentialsResponse>`)),
    { strict: true },
  ],
  [
    "strict decode error: unexpected element named after the marker",
    xml(200, envelope(`<SaveUntrustedCredentialsResponse xmlns="${NS}"><Response>true</Response><${TICKET}/></SaveUntrustedCredentialsResponse>`)),
    { strict: true },
  ],
  [
    "invalid UTF-8 with the marker around it",
    (res) => res.writeHead(200, { "Content-Type": "text/xml" }).end(Buffer.concat([Buffer.from(`<a>${all}`), Buffer.from([0xc3, 0x28]), Buffer.from("</a>")])),
  ],
  ["unsupported charset named after the marker", xml(200, envelope("<x/>"), `text/xml; charset=${TOKEN}`)],
  [
    "service failure report echoing the marker",
    xml(
      200,
      envelope(
        `<SaveUntrustedCredentialsResponse xmlns="${NS}"><Response>false</Response></SaveUntrustedCredentialsResponse>`,
        `<Succeeded xmlns="${NS}">false</Succeeded><ExceptionInfo xmlns="${NS}"><Message>${all}</Message><ExceptionType>${TICKET}</ExceptionType><InnerException><Message>${TOKEN}</Message></InnerException></ExceptionInfo>`,
      ),
    ),
  ],
  ["cross-origin redirect whose path and query carry markers", (res) => res.writeHead(307, { Location: `http://u:${TICKET}@127.0.0.2:1/${TOKEN}?t=${SECRET}` }).end()],
  ["same-origin redirect loop through a marker path", (res) => res.writeHead(307, { Location: `/sweep/${TOKEN}` }).end()],
];

for (const [i, [name, reply, options]] of cases.entries()) {
  test(`no secret leaks: ${name}`, async () => {
    const path = `/sweep/${i}`;
    srv.handlers.set(path, (_req, _body, res) => reply(res));
    srv.handlers.set(`/sweep/${TOKEN}`, (_req, _body, res) => reply(res));
    events.length = 0;
    const before = srv.received.length;
    const e = await call(agent(path, options)).then(
      () => assert.fail("no error"),
      (err: unknown) => err,
    );
    // The markers really were sent: the redaction had something to protect.
    const sent = srv.received[before]?.body ?? "";
    for (const m of [TICKET, TOKEN, SECRET]) assert.ok(sent.includes(m), `${m} not sent`);
    assertClean(e, name);
    for (const ev of events) assert.doesNotMatch(JSON.stringify(ev) + inspect(ev, { depth: 10 }), LEAK, `${name}: hook event leaked`);
  });
}

test("the fault fields that carried markers are kept, redacted (errors stay useful)", async () => {
  srv.handlers.set("/f12", (_req, _body, res) => xml(500, fault12, "application/soap+xml")(res));
  const e = (await call(agent("/f12")).catch((err: unknown) => err)) as { subcodes: { local: string }[]; node: string; actor: string; message: string };
  assert.deepEqual(
    e.subcodes.map((s) => s.local),
    ["[redacted]", "[redacted]"],
  );
  assert.equal(e.actor, "http://role/[redacted]");
  assert.match(e.message, /SOAP fault Sender\/\[redacted\]\/\[redacted\]: no \[redacted\]/);
});

test("timeout and caller abort: no secret in the error", async () => {
  srv.handlers.set("/hang", () => undefined);
  const t = await call(agent("/hang", { timeout: 100 })).catch((err: unknown) => err);
  assert.equal((t as { kind?: string }).kind, "timeout");
  assertClean(t, "timeout");
  const controller = new AbortController();
  // A second hanging call, not under the signal: it ends by its own timeout, after the abort.
  const p = call(agent("/hang", { timeout: 300 })).catch((err: unknown) => err);
  setTimeout(() => controller.abort(new Error("stop")), 50);
  const ua = agent("/hang");
  const q = ua.saveUntrustedCredentials({ Credentials: { UntrustedCredentialsId: 1, ValidFrom: "2024-01-01T00:00:00Z", SecretValue: SECRET } }, { signal: controller.signal });
  const a = await q.catch((err: unknown) => err);
  assert.equal((a as { kind?: string }).kind, "aborted");
  assertClean(a, "abort");
  assertClean(await p, "timeout 2");
});

test("userinfo in the endpoint: the platform's error quoting the URL is redacted, hooks show no userinfo", async () => {
  events.length = 0;
  const endpoint = `http://admin:${USERINFO}@127.0.0.1:${srv.port}/userinfo?ticket=${TICKET}`;
  const e = await call(agent("", { endpoint })).catch((err: unknown) => err);
  assert.equal((e as { kind?: string }).kind, "network", String(e));
  assertClean(e, "userinfo");
  const request = events[0] as RequestEvent;
  assert.equal(request.endpoint, `http://127.0.0.1:${srv.port}/userinfo?ticket=redacted`);
});

test("transport errors whose messages and causes echo the markers (an injected fetch, a proxy's error)", async () => {
  const fetchEcho: typeof fetch = (url) =>
    Promise.reject(new TypeError(`fetch failed for ${String(url)}`, { cause: Object.assign(new Error(`proxy said ${all}`), { code: `E_${TICKET}`, cause: new Error(TOKEN) }) }));
  const e = await call(agent("/x", { fetch: fetchEcho, endpoint: `http://u:${USERINFO}@127.0.0.1:1/x` })).catch((err: unknown) => err);
  assertClean(e, "injected fetch");
  // The chain is still there, redacted.
  assert.match(String((e as Error).cause), /TypeError: fetch failed/);
  assert.match(String(((e as Error).cause as Error).cause), /proxy said \[redacted\]/);
});

test("a hook that throws: the call fails with the hook's error, and the events it saw were redacted", async () => {
  srv.handlers.set("/hook", (_req, _body, res) =>
    xml(200, envelope(`<SaveUntrustedCredentialsResponse xmlns="${NS}"><Response>true</Response><Note>${all}</Note></SaveUntrustedCredentialsResponse>`))(res),
  );
  const seen: string[] = [];
  const ua = agent("/hook", {
    hooks: {
      onResponse(e) {
        seen.push(JSON.stringify(e));
      },
    },
  });
  assert.equal(await call(ua), true);
  assert.equal(seen.length, 1);
  assert.doesNotMatch(seen[0] ?? "", LEAK);
  assert.match(seen[0] ?? "", /\[redacted\]/);
});

test("a long secret with quotes and backslashes, echoed where a message quotes (and cuts) the text", async () => {
  const long = `MARKER-SECRET-${"k".repeat(90)}"\\q`;
  // The server echoes the ticket as it arrived, XML-escaped, into a boolean: the decode error quotes the value.
  srv.handlers.set("/long", (_req, body, res) => {
    const echoed = /<ns1:Ticket>([^<]*)</.exec(body)?.[1] ?? "";
    xml(200, envelope(`<SaveUntrustedCredentialsResponse xmlns="${NS}"><Response>${echoed}</Response></SaveUntrustedCredentialsResponse>`))(res);
  });
  const ua = new UserAgent({ endpoint: `${srv.base}/long`, headers: { Credentials: { Ticket: long } } });
  const e = await call(ua).catch((err: unknown) => err);
  assert.equal((e as Error).name, "DecodeError", String(e));
  assertClean(e, "long secret");
  assert.doesNotMatch((e as Error).message, /kkkk/);
});
