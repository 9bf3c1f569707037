/**
 * hooks.onError, basicAuth/bearerAuth and opt-in retry, against a loopback server with Node's own fetch.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { isHttpError, isSoapFaultError, isTransportError, type SoapError } from "../../templates/runtime/errors.js";
import { basicAuth, bearerAuth } from "../../templates/runtime/auth.js";
import { startLoopback, type Loopback } from "../helpers/loopback.js";
import { credentialsResponse, credentialXml, envelope, okHeaders, SOAP11, UserAgent } from "./service.js";

let lb: Loopback;
before(async () => {
  lb = await startLoopback();
});
after(async () => {
  await lb.close();
});

const OK = envelope(credentialsResponse([credentialXml(1)]), okHeaders());
const FAULT = `<s:Envelope xmlns:s="${SOAP11}"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>boom</faultstring></s:Fault></s:Body></s:Envelope>`;

async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => assert.fail("the call succeeded"),
    (e: unknown) => e,
  );
}

test("onError: an HttpError, a SoapFaultError and a TransportError each reach it once, and the same object is thrown", async () => {
  lb.handlers.set("/http500", (_q, _b, res) => res.writeHead(500, { "Content-Type": "text/plain" }).end("down"));
  lb.handlers.set("/fault", (_q, _b, res) => res.writeHead(500, { "Content-Type": "text/xml" }).end(FAULT));
  lb.handlers.set("/hang", () => undefined);
  const seen: SoapError[] = [];
  const hooks = {
    onError: async (e: SoapError) => {
      await new Promise((r) => setTimeout(r, 5));
      seen.push(e);
    },
  };
  const http = await failure(new UserAgent({ endpoint: `${lb.base}/http500`, hooks }).getUntrustedCredentials({ UserId: 1 }));
  assert.ok(isHttpError(http) && http.status === 500, String(http));
  const fault = await failure(new UserAgent({ endpoint: `${lb.base}/fault`, hooks }).getUntrustedCredentials({ UserId: 1 }));
  assert.ok(isSoapFaultError(fault), String(fault));
  const timeout = await failure(new UserAgent({ endpoint: `${lb.base}/hang`, hooks, timeout: 50 }).getUntrustedCredentials({ UserId: 1 }));
  assert.ok(isTransportError(timeout) && timeout.kind === "timeout", String(timeout));
  // Awaited before the throw: each was already recorded when the call rejected.
  assert.equal(seen.length, 3);
  assert.equal(seen[0], http);
  assert.equal(seen[1], fault);
  assert.equal(seen[2], timeout);
});

test("onError: its own exception does not replace the original error; not called on success", async () => {
  lb.handlers.set("/http503", (_q, _b, res) => res.writeHead(503).end("busy"));
  lb.handlers.set("/ok", (_q, _b, res) => res.writeHead(200, { "Content-Type": "text/xml" }).end(OK));
  let calls = 0;
  const hooks = {
    onError: () => {
      calls++;
      throw new Error("hook broke");
    },
  };
  const e = await failure(new UserAgent({ endpoint: `${lb.base}/http503`, hooks }).getUntrustedCredentials({ UserId: 1 }));
  assert.ok(isHttpError(e) && e.status === 503, String(e));
  assert.equal(calls, 1);
  const r = await new UserAgent({ endpoint: `${lb.base}/ok`, hooks }).getUntrustedCredentials({ UserId: 1 });
  assert.equal(r?.length, 1);
  assert.equal(calls, 1);
});

test("basicAuth: UTF-8 then base64, as RFC 7617 gives; bearerAuth", () => {
  // RFC 7617 §2.1 example; and a non-ASCII password (UTF-8, not Latin-1).
  assert.deepEqual(basicAuth("Aladdin", "open sesame"), { Authorization: "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==" });
  assert.equal(basicAuth("test", "123£").Authorization, "Basic dGVzdDoxMjPCow==");
  assert.deepEqual(bearerAuth("abc.def"), { Authorization: "Bearer abc.def" });
  assert.throws(() => basicAuth("a:b", "x"), /must not contain ':'/);
  assert.throws(() => bearerAuth("a\r\nX-Evil: 1"), /line break/);
});

for (const [name, auth, marker] of [
  ["basicAuth", basicAuth("ann", "MarkerPassw0rd-ÆØ"), "MarkerPassw0rd-ÆØ"],
  ["bearerAuth", bearerAuth("MarkerBearerToken-42"), "MarkerBearerToken-42"],
] as const) {
  test(`${name}: sent as Authorization; its value never in hook events or the error, even echoed in a 500 body`, async () => {
    lb.handlers.set(`/echo-${name}`, (req, _b, res) => {
      const value = String(req.headers["authorization"]);
      const decoded = value.startsWith("Basic ") ? Buffer.from(value.slice(6), "base64").toString("utf8") : "";
      res.writeHead(500, { "Content-Type": "text/plain", "X-Echo": value }).end(`you sent ${value} i.e. ${decoded} (${decoded.split(":")[1] ?? ""})`);
    });
    const events: unknown[] = [];
    const errors: unknown[] = [];
    const client = new UserAgent({
      endpoint: `${lb.base}/echo-${name}`,
      httpHeaders: { ...auth },
      hooks: { onRequest: (e) => void events.push(e), onResponse: (e) => void events.push(e), onError: (e) => void errors.push(e) },
    });
    const e = await failure(client.getUntrustedCredentials({ UserId: 1 }));
    assert.ok(isHttpError(e), String(e));
    const sent = lb.received.filter((r) => r.path === `/echo-${name}`).at(-1);
    assert.equal(sent?.headers["authorization"], auth.Authorization);
    assert.match(e.excerpt, /you sent \[redacted\]/);
    const shown = JSON.stringify({ events, message: e.message, excerpt: e.excerpt, statusText: e.statusText, stack: e.stack, errors: errors.map(String) });
    assert.equal(events.length, 2);
    for (const forbidden of [auth.Authorization, auth.Authorization.split(" ")[1] ?? "", marker]) {
      assert.ok(!shown.includes(forbidden), `${forbidden} leaked: ${shown}`);
    }
  });
}

/** A handler failing the first `n` requests with `fail`, then answering OK; counts requests. */
function flaky(path: string, n: number, fail: (res: import("node:http").ServerResponse) => void): { count: number } {
  const state = { count: 0 };
  lb.handlers.set(path, (_q, _b, res) => {
    state.count++;
    if (state.count <= n) fail(res);
    else res.writeHead(200, { "Content-Type": "text/xml" }).end(OK);
  });
  return state;
}

const fast = { backoffMs: 5, maxBackoffMs: 20 };

test("retry: a listed operation failing with 503, 502, 504 is retried until it succeeds; each attempt reaches the server", async () => {
  for (const status of [502, 503, 504]) {
    const s = flaky(`/flaky-${status}`, 2, (res) => res.writeHead(status).end("busy"));
    const client = new UserAgent({ endpoint: `${lb.base}/flaky-${status}`, retry: { attempts: 3, operations: ["getUntrustedCredentials"], ...fast } });
    const r = await client.getUntrustedCredentials({ UserId: 1 });
    assert.equal(r?.length, 1);
    assert.equal(s.count, 3, `HTTP ${status}`);
  }
});

test("retry: attempts is the total; the last failure is thrown, onError sees it once", async () => {
  const s = flaky("/always-503", 100, (res) => res.writeHead(503).end("busy"));
  const errors: SoapError[] = [];
  const nonces: string[] = [];
  let n = 0;
  const client = new UserAgent({
    endpoint: `${lb.base}/always-503`,
    soapHeaders: () => [{ name: "Nonce", ns: "urn:n", attributes: [], children: [`n-${++n}`] }],
    hooks: { onError: (e) => void errors.push(e), onRequest: (r) => void nonces.push(/n-\d+/.exec(r.xml)?.[0] ?? "") },
    retry: { attempts: 3, operations: ["getUntrustedCredentials"], ...fast },
  });
  const e = await failure(client.getUntrustedCredentials({ UserId: 1 }));
  assert.ok(isHttpError(e) && e.status === 503, String(e));
  assert.equal(s.count, 3);
  assert.deepEqual(errors, [e]);
  // Every attempt re-encoded (fresh soapHeaders) and seen by onRequest.
  assert.deepEqual(nonces, ["n-1", "n-2", "n-3"]);
  assert.deepEqual(
    lb.received.filter((r) => r.path === "/always-503").map((r) => /n-\d+/.exec(r.body)?.[0]),
    ["n-1", "n-2", "n-3"],
  );
});

test("retry: an unlisted operation, no retry option, SOAP faults, 500 and 400 are not retried", async () => {
  const s1 = flaky("/unlisted", 1, (res) => res.writeHead(503).end("busy"));
  const e1 = await failure(
    new UserAgent({ endpoint: `${lb.base}/unlisted`, retry: { attempts: 5, operations: ["saveUntrustedCredentials"], ...fast } }).getUntrustedCredentials({ UserId: 1 }),
  );
  assert.ok(isHttpError(e1) && e1.status === 503);
  assert.equal(s1.count, 1);
  const s2 = flaky("/no-option", 1, (res) => res.writeHead(503).end("busy"));
  await failure(new UserAgent({ endpoint: `${lb.base}/no-option` }).getUntrustedCredentials({ UserId: 1 }));
  assert.equal(s2.count, 1);
  const retry = { attempts: 5, operations: ["getUntrustedCredentials"], ...fast };
  const s3 = flaky("/fault-503", 1, (res) => res.writeHead(503, { "Content-Type": "text/xml" }).end(FAULT));
  const e3 = await failure(new UserAgent({ endpoint: `${lb.base}/fault-503`, retry }).getUntrustedCredentials({ UserId: 1 }));
  assert.ok(isSoapFaultError(e3));
  assert.equal(s3.count, 1);
  for (const status of [500, 400]) {
    const s = flaky(`/plain-${status}`, 1, (res) => res.writeHead(status).end("no"));
    await failure(new UserAgent({ endpoint: `${lb.base}/plain-${status}`, retry }).getUntrustedCredentials({ UserId: 1 }));
    assert.equal(s.count, 1, `HTTP ${status}`);
  }
  // A per-call retry overrides the client's (here: turns it off).
  const s4 = flaky("/call-off", 1, (res) => res.writeHead(503).end("busy"));
  await failure(new UserAgent({ endpoint: `${lb.base}/call-off`, retry }).getUntrustedCredentials({ UserId: 1 }, { retry: { attempts: 1 } }));
  assert.equal(s4.count, 1);
});

test("retry: a network failure (connection refused) is retried", async () => {
  // A port that refuses: open a loopback, note its port, close it.
  const dead = await startLoopback();
  const port = dead.port;
  await dead.close();
  const tries: number[] = [];
  const client = new UserAgent({
    endpoint: `http://127.0.0.1:${port}/x`,
    fetch: (url, init) => (tries.push(1), globalThis.fetch(url, init)),
    retry: { attempts: 3, operations: ["getUntrustedCredentials"], ...fast },
  });
  const e = await failure(client.getUntrustedCredentials({ UserId: 1 }));
  assert.ok(isTransportError(e) && e.kind === "network", String(e));
  assert.equal(tries.length, 3);
});

test("retry: 429 honors Retry-After seconds, capped by maxBackoffMs", async () => {
  const s = flaky("/429", 1, (res) => res.writeHead(429, { "Retry-After": "1" }).end("slow down"));
  const t0 = performance.now();
  await new UserAgent({ endpoint: `${lb.base}/429`, retry: { attempts: 2, operations: ["getUntrustedCredentials"], backoffMs: 1, maxBackoffMs: 5000 } }).getUntrustedCredentials({
    UserId: 1,
  });
  const waited = performance.now() - t0;
  assert.equal(s.count, 2);
  assert.ok(waited >= 950, `waited ${waited} ms`);
  const s2 = flaky("/429-capped", 1, (res) => res.writeHead(429, { "Retry-After": "3600" }).end("slow down"));
  const t1 = performance.now();
  await new UserAgent({
    endpoint: `${lb.base}/429-capped`,
    retry: { attempts: 2, operations: ["getUntrustedCredentials"], backoffMs: 1, maxBackoffMs: 50 },
  }).getUntrustedCredentials({ UserId: 1 });
  assert.equal(s2.count, 2);
  assert.ok(performance.now() - t1 < 1000);
});

test("retry: an abort during the backoff ends the call at once with TransportError aborted; the timeout covers all attempts", async () => {
  const s = flaky("/abort-backoff", 100, (res) => res.writeHead(503).end("busy"));
  const ctl = new AbortController();
  const client = new UserAgent({ endpoint: `${lb.base}/abort-backoff`, retry: { attempts: 5, operations: ["getUntrustedCredentials"], backoffMs: 10_000, maxBackoffMs: 10_000 } });
  const t0 = performance.now();
  const p = failure(client.getUntrustedCredentials({ UserId: 1 }, { signal: ctl.signal }));
  while (s.count < 1) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 50));
  ctl.abort();
  const e = await p;
  assert.ok(isTransportError(e) && e.kind === "aborted", String(e));
  assert.ok(performance.now() - t0 < 2000);
  assert.equal(s.count, 1);
  // Timeout: 300 ms for the whole call, backoff 10 s: the wait ends at the deadline, not after it.
  const s2 = flaky("/timeout-backoff", 100, (res) => res.writeHead(503).end("busy"));
  const t1 = performance.now();
  const e2 = await failure(
    new UserAgent({
      endpoint: `${lb.base}/timeout-backoff`,
      timeout: 300,
      retry: { attempts: 5, operations: ["getUntrustedCredentials"], backoffMs: 10_000, maxBackoffMs: 10_000 },
    }).getUntrustedCredentials({ UserId: 1 }),
  );
  assert.ok(isTransportError(e2) && e2.kind === "timeout", String(e2));
  assert.ok(performance.now() - t1 < 2000);
  assert.equal(s2.count, 1);
});

test("retry: attempts must be an integer ≥ 1", async () => {
  for (const attempts of [0, 1.5, Number.NaN]) {
    const e = await failure(new UserAgent({ endpoint: `${lb.base}/ok`, retry: { attempts } }).getUntrustedCredentials({ UserId: 1 }));
    assert.match(String(e), /retry.attempts must be an integer/);
  }
});

test("retry: an operation name the client does not have is an error on the first call, not a silent no-retry", async () => {
  // Before, a misspelt method in retry.operations left that method's calls unretried, and nothing said so.
  const before = lb.received.length;
  const e = await failure(new UserAgent({ endpoint: `${lb.base}/ok`, retry: { attempts: 3, operations: ["getUntrustedCredential"] } }).getUntrustedCredentials({ UserId: 1 }));
  assert.match(String(e), /retry\.operations: "getUntrustedCredential" is not a method of this client \(its methods: getUntrustedCredentials, saveUntrustedCredentials\)/);
  assert.equal(lb.received.length, before, "nothing was sent");
});
