/**
 * Redirects under attack, against two real loopback servers (two origins): a 3xx to another origin is refused
 * with a TransportError of kind "redirect" and the other origin receives nothing (the envelope carries the
 * ticket, the ApplicationToken and the SecretValue); same-origin redirects are followed, at most maxRedirects.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { isTransportError, type TransportError } from "../../templates/runtime/errors.js";
import { startLoopback, type Loopback } from "../helpers/loopback.js";
import { envelope, NS, okHeaders, UserAgent } from "./service.js";

const TICKET = "7T:redirect-ticket-4711";
const TOKEN = "app-token-redirect-0815";
const SECRET = "secret-value-redirect-99";

let a: Loopback;
let b: Loopback;
before(async () => {
  a = await startLoopback();
  b = await startLoopback();
  b.handlers.set("*", (_req, _body, res) => res.writeHead(200, { "Content-Type": "text/xml" }).end(saved()));
  a.handlers.set("/ok", (_req, _body, res) => res.writeHead(200, { "Content-Type": "text/xml" }).end(saved()));
});
after(async () => {
  await a.close();
  await b.close();
});

function saved(): string {
  return envelope(`<SaveUntrustedCredentialsResponse xmlns="${NS}"><Response>true</Response></SaveUntrustedCredentialsResponse>`, okHeaders());
}

function redirectTo(status: number, location: string) {
  return (_req: unknown, _body: string, res: import("node:http").ServerResponse) => res.writeHead(status, { Location: location }).end("moved");
}

function agent(path: string, options: ConstructorParameters<typeof UserAgent>[0] = {}): UserAgent {
  return new UserAgent({ endpoint: `${a.base}${path}`, headers: { ApplicationToken: TOKEN, Credentials: { Ticket: TICKET } }, timeout: 5000, ...options });
}

const save = (ua: UserAgent) => ua.saveUntrustedCredentials({ Credentials: { UntrustedCredentialsId: 1, ValidFrom: "2024-01-01T00:00:00Z", SecretValue: SECRET } });

async function refused(p: Promise<unknown>): Promise<TransportError> {
  const e = await p.then(
    () => assert.fail("the redirect was followed"),
    (err: unknown) => err,
  );
  assert.ok(isTransportError(e), String(e));
  assert.equal(e.kind, "redirect", e.message);
  return e;
}

for (const status of [301, 302, 303, 307, 308]) {
  test(`a ${status} to another origin is refused; that origin receives nothing`, async () => {
    const before = b.received.length;
    const path = `/cross-${status}`;
    a.handlers.set(path, redirectTo(status, `http://evil:${TICKET}@127.0.0.1:${b.port}/steal/here?ticket=${encodeURIComponent(TICKET)}&x=1#frag`));
    const e = await refused(save(agent(path)));
    assert.equal(b.received.length, before, "the other origin received a request");
    assert.match(e.message, new RegExp(`another origin \\(http://127\\.0\\.0\\.1:${b.port}/steal/here\\)`));
    for (const s of [TICKET, encodeURIComponent(TICKET), TOKEN, SECRET, "evil", "ticket=", "x=1", "frag"]) assert.ok(!e.message.includes(s), `${s} in ${e.message}`);
    // The request did reach the first origin, envelope and all: what was refused is only the hop.
    const sent = a.received.filter((r) => r.path === path);
    assert.equal(sent.length, 1);
    assert.ok(sent[0]?.body.includes(SECRET));
  });
}

test("other origins: another port, another host name for the same address, another scheme", async () => {
  const targets = [`http://127.0.0.1:${b.port}/x`, `http://localhost:${a.port}/ok`, `https://127.0.0.1:${a.port}/ok`, `//127.0.0.1:${b.port}/x`];
  for (const [i, target] of targets.entries()) {
    const path = `/other-${i}`;
    a.handlers.set(path, redirectTo(307, target));
    const before = b.received.length;
    const okBefore = a.received.filter((r) => r.path === "/ok").length;
    await refused(save(agent(path)));
    assert.equal(b.received.length, before, target);
    assert.equal(a.received.filter((r) => r.path === "/ok").length, okBefore, target);
  }
});

test("a same-origin redirect is followed, re-sending the same envelope and headers", async () => {
  a.handlers.set("/moved", redirectTo(308, "/ok"));
  const before = a.received.length;
  assert.equal(await save(agent("/moved")), true);
  const [first, second] = a.received.slice(before);
  assert.equal(second?.path, "/ok");
  assert.equal(second?.method, "POST");
  assert.equal(second?.body, first?.body);
  assert.equal(second?.headers["soapaction"], first?.headers["soapaction"]);
});

test("at most maxRedirects same-origin hops (default 5); 0 follows none; a loop ends", async () => {
  for (let i = 0; i < 6; i++) a.handlers.set(`/hop${i}`, redirectTo(307, i === 5 ? "/ok" : `/hop${i + 1}`));
  const count = () => a.received.filter((r) => r.path.startsWith("/hop") || r.path === "/ok").length;
  let before = count();
  // /hop0 → … → /hop5 → /ok is 6 redirects: one too many.
  const e = await refused(save(agent("/hop0")));
  assert.match(e.message, /more than maxRedirects \(5\)/);
  assert.equal(count() - before, 6, "the initial request and 5 followed hops");
  assert.equal(a.received.at(-1)?.path, "/hop5");

  before = count();
  assert.equal(await save(agent("/hop0", { maxRedirects: 6 })), true);
  assert.equal(count() - before, 7);

  before = count();
  await refused(save(agent("/hop5", { maxRedirects: 0 })));
  assert.equal(count() - before, 1);

  a.handlers.set("/loop", redirectTo(302, "/loop"));
  const loopBefore = a.received.filter((r) => r.path === "/loop").length;
  await refused(save(agent("/loop")));
  assert.equal(a.received.filter((r) => r.path === "/loop").length - loopBefore, 6);
});

test("a 3xx without Location is an HTTP error, not followed", async () => {
  a.handlers.set("/no-location", (_req, _body, res) => res.writeHead(307).end("no location"));
  const e = await save(agent("/no-location")).then(
    () => assert.fail("resolved"),
    (err: unknown) => err as Error,
  );
  assert.equal(e.name, "HttpError");
});

test("a fetch that follows redirects itself: an answer from another origin is refused; an opaque redirect too", async () => {
  const followed: typeof fetch = async () => {
    const res = new Response(saved(), { headers: { "Content-Type": "text/xml" } });
    Object.defineProperty(res, "redirected", { value: true });
    Object.defineProperty(res, "url", { value: `http://127.0.0.1:${b.port}/elsewhere?ticket=${TICKET}` });
    return res;
  };
  const e = await refused(save(agent("/x", { fetch: followed })));
  assert.match(e.message, new RegExp(`another origin \\(http://127\\.0\\.0\\.1:${b.port}/elsewhere\\)`));
  assert.ok(!e.message.includes(TICKET));
  const sameOriginFollowed: typeof fetch = async () => {
    const res = new Response(saved(), { headers: { "Content-Type": "text/xml" } });
    Object.defineProperty(res, "redirected", { value: true });
    Object.defineProperty(res, "url", { value: `${a.base}/ok` });
    return res;
  };
  assert.equal(await save(agent("/x", { fetch: sameOriginFollowed })), true);
  const opaque: typeof fetch = async () => {
    const res = new Response(null, { status: 200 });
    Object.defineProperty(res, "type", { value: "opaqueredirect" });
    Object.defineProperty(res, "status", { value: 0 });
    return res;
  };
  const o = await refused(save(agent("/x", { fetch: opaque })));
  assert.match(o.message, /target the platform hides/);
});
