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
