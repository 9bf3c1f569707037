/**
 * Load: 1,000 concurrent calls on one client against a loopback server that answers each after a random delay,
 * echoing the call's id and its per-call token (some as results, some as SOAP faults, some as HTTP errors): no
 * call may get another's answer, and no error may show another call's secret. Then a sequential soak: 5,000
 * calls, heap after GC bounded. (The long soak is test/bench/soak.ts, not run in CI.)
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { isHttpError, isSoapFaultError } from "../../templates/runtime/errors.js";
import { startLoopback, type Loopback } from "../helpers/loopback.js";
import { credentialsResponse, credentialXml, envelope, okHeaders, SOAP11, UserAgent } from "./service.js";

let srv: Loopback;
before(async () => {
  srv = await startLoopback();
  srv.handlers.set("*", (req, body, res) => {
    const id = Number(/<ns1:UserId>(\d+)<\/ns1:UserId>/.exec(body)?.[1] ?? -1);
    const token = /<ns1:ApplicationToken>([^<]*)</.exec(body)?.[1] ?? "";
    const answer = () => {
      if (id % 7 === 3) {
        const fault = `<s:Envelope xmlns:s="${SOAP11}"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>fault ${id} token ${token}</faultstring></s:Fault></s:Body></s:Envelope>`;
        res.writeHead(500, { "Content-Type": "text/xml" }).end(fault);
      } else if (id % 11 === 5) {
        res.writeHead(503, { "Content-Type": "text/plain" }).end(`busy ${id} token ${token}`);
      } else {
        res.writeHead(200, { "Content-Type": "text/xml" }).end(envelope(credentialsResponse([credentialXml(id)]), okHeaders()));
      }
    };
    // Random-looking delays for the concurrent test; the soak answers at once.
    const delay = req.url === "/soak" ? 0 : (id * 7919) % 25;
    if (delay === 0) answer();
    else setTimeout(answer, delay);
  });
});
after(() => srv.close());

const tokenOf = (id: number) => `tok-${id}-${(id * 2654435761) % 1000003}`;

async function one(ua: UserAgent, id: number): Promise<void> {
  const headers = { ApplicationToken: tokenOf(id) };
  try {
    const r = await ua.getUntrustedCredentials({ UserId: id }, { headers });
    assert.ok(id % 7 !== 3 && id % 11 !== 5, `call ${id} succeeded`);
    assert.equal(r?.[0]?.UntrustedCredentialsId, id);
    assert.equal(r?.[0]?.Description, `Cred ${id}`);
  } catch (e) {
    if (isSoapFaultError(e)) {
      assert.equal(id % 7, 3, `call ${id} got a fault`);
      assert.equal(e.reason, `fault ${id} token [redacted]`);
    } else if (isHttpError(e)) {
      assert.equal(id % 11, 5, `call ${id} got an HTTP error`);
      assert.equal(e.excerpt, `busy ${id} token [redacted]`);
    } else throw e;
  }
}

test("1,000 concurrent calls with random delays, faults and HTTP errors: no mix-ups", async () => {
  const ua = new UserAgent({ endpoint: `${srv.base}/svc`, timeout: 60_000 });
  const before = srv.received.length;
  const ids = Array.from({ length: 1000 }, (_, i) => i);
  const results = await Promise.allSettled(ids.map((id) => one(ua, id)));
  const failed = results.flatMap((r, i) => (r.status === "rejected" ? [`${i}: ${String(r.reason)}`] : []));
  assert.deepEqual(failed.slice(0, 5), []);
  assert.equal(srv.received.length - before, 1000);
});

function collector(): (() => void) | undefined {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g !== undefined) return g;
  try {
    setFlagsFromString("--expose-gc");
    return runInNewContext("gc") as () => void;
  } catch {
    return undefined;
  }
}

test("5,000 sequential calls: the heap after GC does not grow", async (t) => {
  const gc = collector();
  const ua = new UserAgent({ endpoint: `${srv.base}/soak`, timeout: 10_000 });
  const heap = () => {
    gc?.();
    return process.memoryUsage().heapUsed;
  };
  let base = 0;
  let calls = 0;
  for (let i = 0; i < 5000; i++) {
    if (i === 1000) base = heap();
    await one(ua, i);
    calls++;
    // The server's own record of requests would otherwise be what grows.
    srv.received.length = 0;
  }
  assert.equal(calls, 5000);
  const grown = heap() - base;
  t.diagnostic(`heap after GC grew by ${(grown / 1048576).toFixed(2)} MiB over calls 1,000-5,000 (gc ${gc === undefined ? "unavailable" : "available"})`);
  // Leaking even 1 KiB per call would add ~4 MiB over the last 4,000 calls.
  if (gc !== undefined) assert.ok(grown < 2 * 1024 * 1024, `heap grew by ${(grown / 1048576).toFixed(1)} MiB over 4,000 calls`);
});
