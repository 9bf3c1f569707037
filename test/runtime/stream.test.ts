/**
 * Streaming a list-valued operation (`$stream`, the generated `…Stream` methods): the items arrive one by one
 * and equal a buffered call's, whatever the chunking; every failure a buffered call reports is reported;
 * limits, timeouts and aborts apply while iterating. That 100,000 items over HTTP stay within bounded memory is
 * test/runtime/stream-soak.test.ts (full suite only).
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { isDecodeError, isServiceError, isSoapError, isSoapFaultError, isTransportError, SoapError } from "../../templates/runtime/errors.js";
import { streaming, streamPath, unitEnd } from "../../templates/runtime/stream.js";
import { startLoopback, type Loopback } from "../helpers/loopback.js";
import { prng } from "../helpers/prng.js";
import { SoapClient, type ClientOptions } from "../../templates/runtime/client.js";
import { credentialsResponse, credentialXml, descriptor, envelope, NS, okHeaders, type RequestHeaders, type UserOps } from "./service.js";
import { serveItems, StreamAgent } from "./stream-service.js";

/** A fetch answering with `text` cut into the given chunk sizes (cycled), as a stream of bytes. */
function chunkedFetch(text: string, sizes: () => number, init: ResponseInit = {}): typeof fetch {
  return async () => {
    const bytes = new TextEncoder().encode(text);
    let at = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (at >= bytes.length) return c.close();
        const n = Math.max(1, sizes());
        c.enqueue(bytes.slice(at, at + n));
        at += n;
      },
    });
    return new Response(body, { status: 200, headers: { "content-type": "text/xml; charset=utf-8" }, ...init });
  };
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => assert.fail("no error"),
    (e: unknown) => e,
  );
}

const ENDPOINT = "http://127.0.0.1:1/svc";
const items = (n: number, extra = (_i: number) => ""): string[] => Array.from({ length: n }, (_, i) => credentialXml(i, extra(i)));

test("a client whose descriptor lacks the streaming feature refuses $stream with a SoapError naming how to add it", async () => {
  class Plain extends SoapClient<UserOps, RequestHeaders> {
    constructor(options?: ClientOptions<RequestHeaders>) {
      super(descriptor("1.1"), options);
    }
    list() {
      return this.$stream("getUntrustedCredentials", { UserId: 1 });
    }
  }
  let sent = 0;
  const fetch = async (): Promise<Response> => {
    sent++;
    return new Response("", { status: 500 });
  };
  const e = await failure(collect(new Plain({ endpoint: ENDPOINT, fetch }).list()));
  assert.ok(e instanceof SoapError && /features: \{ streaming \}/.test(e.message), String(e));
  assert.equal(sent, 0, "nothing was sent");
  const withFeature = new Plain({ endpoint: ENDPOINT, fetch: chunkedFetch(envelope(credentialsResponse(items(3)), okHeaders(), "1.1"), () => 7), features: { streaming } });
  assert.equal((await collect(withFeature.list())).length, 3);
});

test("the stream path: a list-valued result streams; a non-list one is refused when iterated", async () => {
  const d = descriptor();
  assert.equal(streamPath(d, d.operations["getUntrustedCredentials"]!)?.item.name, "UntrustedCredentials");
  assert.equal(streamPath(d, d.operations["saveUntrustedCredentials"]!), undefined);
  const e = await failure(collect(new StreamAgent({ endpoint: ENDPOINT, fetch: chunkedFetch("", () => 1) }).saveStream({ Credentials: null })));
  assert.ok(e instanceof SoapError && /cannot be streamed/.test(e.message), String(e));
});

test("streamed items equal the buffered call's, under random chunkings (1 byte up), CRLF and multi-byte text split anywhere", async () => {
  const rnd = prng(11);
  for (let round = 0; round < 12; round++) {
    const n = Math.floor(rnd() * 40);
    const body = credentialsResponse(items(n, (i) => (i % 3 === 0 ? `<!-- c ${i} --><Description2>Ærø ✓ 𝄞 &amp; &#x41;\r\n<![CDATA[<x>]]></Description2>` : "")));
    const xml = envelope(body, okHeaders(), round % 2 === 0 ? "1.1" : "1.2").replace(/<\/UntrustedCredentials>/g, "</UntrustedCredentials>\r\n  ");
    const max = round < 4 ? 3 : round < 8 ? 64 : 5000;
    const sizes = () => 1 + Math.floor(rnd() * max);
    const buffered = await new StreamAgent({ endpoint: ENDPOINT, fetch: chunkedFetch(xml, sizes) }).getUntrustedCredentials({ UserId: 1 });
    const streamed = await collect(new StreamAgent({ endpoint: ENDPOINT, fetch: chunkedFetch(xml, sizes) }).getUntrustedCredentialsStream({ UserId: 1 }));
    assert.equal(streamed.length, n);
    assert.deepEqual(streamed, buffered ?? []);
  }
});

test("items are yielded before the body has fully arrived", async () => {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const head = new TextEncoder().encode(envelope(credentialsResponse(items(3)), okHeaders(), "1.1").replace(/<\/Response>[\s\S]*$/, ""));
  const tail = new TextEncoder().encode("</Response></GetUntrustedCredentialsResponse></s:Body></s:Envelope>");
  const fetchSlow: typeof fetch = async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        async start(c) {
          c.enqueue(head);
          await gate;
          c.enqueue(tail);
          c.close();
        },
      }),
      { headers: { "content-type": "text/xml" } },
    );
  const seen: unknown[] = [];
  const done = (async () => {
    for await (const x of new StreamAgent({ endpoint: ENDPOINT, fetch: fetchSlow }).getUntrustedCredentialsStream({ UserId: 1 })) seen.push(x);
  })();
  for (let i = 0; i < 100 && seen.length < 2; i++) await new Promise((r) => setTimeout(r, 5));
  // The third item's end tag may be the last thing before the gate: at least two are out before the rest comes.
  assert.ok(seen.length >= 2, `${seen.length} items before the end of the body`);
  release();
  await done;
  assert.equal(seen.length, 3);
});

test("failures: a Fault, the FailureRule, malformed XML and truncation, as a buffered call reports them", async () => {
  const agent = (xml: string, init: ResponseInit = {}) => new StreamAgent({ endpoint: ENDPOINT, fetch: chunkedFetch(xml, () => 7, init) });
  const fault = envelope(`<s:Fault><faultcode>s:Client</faultcode><faultstring>bad ticket</faultstring></s:Fault>`, "", "1.1");
  const f = await failure(collect(agent(fault, { status: 500 }).getUntrustedCredentialsStream({ UserId: 1 })));
  assert.ok(isSoapFaultError(f) && f.reason === "bad ticket" && f.status === 500, String(f));
  const f200 = await failure(collect(agent(fault).getUntrustedCredentialsStream({ UserId: 1 })));
  assert.ok(isSoapFaultError(f200) && f200.status === 200, String(f200));

  // Succeeded=false: a ServiceError before any item is yielded.
  const failed = envelope(credentialsResponse(items(5)), `<Succeeded xmlns="${NS}">false</Succeeded><ExceptionInfo xmlns="${NS}"><Message>nope</Message></ExceptionInfo>`, "1.1");
  const yielded: unknown[] = [];
  const s = await failure(
    (async () => {
      for await (const x of agent(failed).getUntrustedCredentialsStream({ UserId: 1 })) yielded.push(x);
    })(),
  );
  assert.ok(isServiceError(s) && /nope/.test(s.message), String(s));
  assert.equal(yielded.length, 0);

  // Broken in the middle: the items before it are yielded, then the same DecodeError as a buffered call.
  const broken = envelope(credentialsResponse(items(6)), okHeaders(), "1.1").replace("<Description>Cred 4</Description>", "<Description>Cred 4</Descr>");
  const bufferedError = await failure(agent(broken).getUntrustedCredentials({ UserId: 1 }));
  const got: unknown[] = [];
  const streamedError = await failure(
    (async () => {
      for await (const x of agent(broken).getUntrustedCredentialsStream({ UserId: 1 })) got.push(x);
    })(),
  );
  assert.equal(got.length, 4);
  assert.ok(isDecodeError(streamedError) && isDecodeError(bufferedError));
  assert.equal(streamedError.message, bufferedError.message);

  const truncated = envelope(credentialsResponse(items(3)), okHeaders(), "1.1").slice(0, -30);
  for (const cut of [truncated, truncated.slice(0, -14), truncated.slice(0, truncated.indexOf("<Description>Cred 2") + 5)]) {
    const t = await failure(collect(agent(cut).getUntrustedCredentialsStream({ UserId: 1 })));
    const b = await failure(agent(cut).getUntrustedCredentials({ UserId: 1 }));
    assert.ok(isDecodeError(t) && isDecodeError(b), String(t));
    assert.equal(t.message, b.message);
  }

  const trailing = `${envelope(credentialsResponse(items(1)), okHeaders(), "1.1")}<x/>`;
  assert.ok(isDecodeError(await failure(collect(agent(trailing).getUntrustedCredentialsStream({ UserId: 1 })))));

  // Invalid UTF-8 split across chunks is still invalid.
  const bytes = new TextEncoder().encode(envelope(credentialsResponse(items(2, () => "<Description2>é</Description2>")), okHeaders(), "1.1"));
  const at = bytes.indexOf(0xc3);
  bytes[at + 1] = 0x28;
  const bad: typeof fetch = async () => new Response(bytes, { headers: { "content-type": "text/xml; charset=utf-8" } });
  const u = await failure(collect(new StreamAgent({ endpoint: ENDPOINT, fetch: bad }).getUntrustedCredentialsStream({ UserId: 1 })));
  assert.ok(isDecodeError(u) && /not valid utf-8/.test(u.message), String(u));

  // The secret values of the request never appear in a streamed call's errors either.
  const echo = envelope(`<s:Fault><faultcode>s:Client</faultcode><faultstring>ticket 7T:secret-ticket-value rejected</faultstring></s:Fault>`, "", "1.1");
  const r = await failure(
    collect(
      new StreamAgent({ endpoint: ENDPOINT, fetch: chunkedFetch(echo, () => 5), headers: { Credentials: { Ticket: "7T:secret-ticket-value" } } }).getUntrustedCredentialsStream({
        UserId: 1,
      }),
    ),
  );
  assert.ok(isSoapError(r));
  assert.doesNotMatch(r.message, /secret-ticket-value/);
});

test("past the text already dropped (long responses), errors still give the buffered call's line and column", async () => {
  const rnd = prng(5);
  const xml = envelope(credentialsResponse(items(1500)), okHeaders(), "1.1").replace(/<\/UntrustedCredentials>/g, (m) => (rnd() < 0.3 ? `${m}\r\n` : m));
  for (const where of ["<Description>Cred 1400</Description>", "<IsActive>true</IsActive><SecretValue>s3cret-value-1499"]) {
    const broken = xml.replace(where, where.replace("<IsActive>true", "<IsActive>maybe").replace("Cred 1400</Description>", "Cred 1400</Descriptio>"));
    assert.notEqual(broken, xml);
    const make = () => new StreamAgent({ endpoint: ENDPOINT, fetch: chunkedFetch(broken, () => 1 + Math.floor(rnd() * 9000)) });
    const b = await failure(make().getUntrustedCredentials({ UserId: 1 }));
    let n = 0;
    const t = await failure(
      (async () => {
        for await (const _ of make().getUntrustedCredentialsStream({ UserId: 1 })) n++;
      })(),
    );
    assert.ok(isDecodeError(t) && isDecodeError(b), String(t));
    assert.ok(n > 1000, `${n} items before the error`);
    assert.equal(t.message, b.message);
    assert.equal(t.line, b.line);
    assert.equal(t.column, b.column);
  }
});

test("unit ends: tokens and whole elements, quotes, comments, CDATA and processing instructions", () => {
  const s = `<a x=">" y='>'><!-- <b> --><![CDATA[</a>]]><?p >?><b/>text</a>tail<`;
  assert.equal(unitEnd(s, 0, true), s.indexOf("tail"));
  assert.equal(unitEnd(s, 0, false), s.indexOf("<!--"));
  assert.equal(unitEnd(s, s.indexOf("<b/>"), true), s.indexOf("text"));
  assert.equal(unitEnd(s, s.indexOf("text"), false), s.indexOf("</a>tail"));
  assert.equal(unitEnd(s.slice(0, 10), 0, true), -1);
  assert.equal(unitEnd("<a><b>", 0, true), -1);
  assert.equal(unitEnd("<a>unfinished", 3, false), -1);
});

// ---- over HTTP ----

let srv: Loopback;
before(async () => {
  srv = await startLoopback();
});
after(async () => {
  await srv.close();
});

test("limits and stops while iterating: maxResponseBytes, timeout, abort, and an early break releases the connection", async () => {
  srv.handlers.set("/many", (_req, _b, res) => serveItems(res, 20_000));
  const tooBig = await failure(collect(new StreamAgent({ endpoint: `${srv.base}/many`, maxResponseBytes: 200_000 }).getUntrustedCredentialsStream({ UserId: 1 })));
  assert.ok(isTransportError(tooBig) && tooBig.kind === "too-large", String(tooBig));

  // The server stops sending after some items: the timeout ends the iteration.
  srv.handlers.set("/stall", (_req, _b, res) => {
    res.writeHead(200, { "Content-Type": "text/xml" });
    res.write(envelope(credentialsResponse(items(3)), okHeaders(), "1.1").replace(/<\/Response>[\s\S]*$/, ""));
  });
  const got: unknown[] = [];
  const timedOut = await failure(
    (async () => {
      for await (const x of new StreamAgent({ endpoint: `${srv.base}/stall`, timeout: 300 }).getUntrustedCredentialsStream({ UserId: 1 })) got.push(x);
    })(),
  );
  assert.ok(isTransportError(timedOut) && timedOut.kind === "timeout", String(timedOut));
  assert.equal(got.length, 3);

  const controller = new AbortController();
  const aborted = await failure(
    (async () => {
      for await (const _ of new StreamAgent({ endpoint: `${srv.base}/stall`, timeout: 0 }).getUntrustedCredentialsStream({ UserId: 1 }, { signal: controller.signal })) {
        setTimeout(() => controller.abort(), 20);
      }
    })(),
  );
  assert.ok(isTransportError(aborted) && aborted.kind === "aborted", String(aborted));

  // Breaking out early: the server sees its connection closed (the rest is not downloaded).
  let closed = false;
  srv.handlers.set("/endless", (req, _b, res) => {
    res.on("close", () => (closed = true));
    serveItems(res, 1_000_000);
    void req;
  });
  let n = 0;
  for await (const _ of new StreamAgent({ endpoint: `${srv.base}/endless` }).getUntrustedCredentialsStream({ UserId: 1 })) if (++n === 10) break;
  for (let i = 0; i < 100 && !closed; i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(closed, "the connection was released");
});

test("an HTTP error without a Fault is the buffered call's HttpError", async () => {
  srv.handlers.set("/502", (_req, _b, res) => res.writeHead(502, { "Content-Type": "text/html" }).end("<html><body>Bad Gateway</body></html>"));
  const e = await failure(collect(new StreamAgent({ endpoint: `${srv.base}/502` }).getUntrustedCredentialsStream({ UserId: 1 })));
  assert.ok(isSoapError(e) && e.name === "HttpError" && /Bad Gateway/.test(e.message), String(e));
});

test("a 2xx page that is no XML (a proxy's login page, JSON) is the buffered call's DecodeError, naming what came", async () => {
  srv.handlers.set("/login", (_req, _b, res) => res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end("<!DOCTYPE html><html><body>Login required</body></html>"));
  srv.handlers.set("/json", (_req, _b, res) => res.writeHead(200, { "Content-Type": "application/json" }).end('{"error":"quota"}'));
  const page = await failure(collect(new StreamAgent({ endpoint: `${srv.base}/login` }).getUntrustedCredentialsStream({ UserId: 1 })));
  assert.ok(isDecodeError(page), String(page));
  assert.match(page.message, /malformed XML: DOCTYPE is not allowed .*; the HTTP 200 response is text\/html: Login required$/);
  const json = await failure(collect(new StreamAgent({ endpoint: `${srv.base}/json` }).getUntrustedCredentialsStream({ UserId: 1 })));
  assert.ok(isDecodeError(json), String(json));
  assert.match(json.message, /; the HTTP 200 response is application\/json: \{"error":"quota"\}$/);
});

test("the generated client has a …Stream method exactly for the operations the runtime can stream", async () => {
  const m = (await import("../../generated/services75-user/index.js")) as unknown as Record<string, unknown>;
  const client = m["UserClient"] as { descriptor: import("../../templates/runtime/descriptors.js").ClientDescriptor; prototype: object };
  const d = client.descriptor;
  const methods = new Set(Object.getOwnPropertyNames(client.prototype));
  let streams = 0;
  for (const [name, op] of Object.entries(d.operations)) {
    const can = streamPath(d, op) !== undefined;
    assert.equal(methods.has(`${name}Stream`), can, name);
    if (can) streams++;
  }
  assert.ok(streams >= 1);
});
