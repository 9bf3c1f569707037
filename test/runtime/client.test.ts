import { spawnSync } from "node:child_process";
import { test } from "node:test";
import assert from "node:assert/strict";
import type { OperationDescriptor } from "../../templates/runtime/descriptors.js";
import { SoapClient, type RequestEvent, type ResponseEvent } from "../../templates/runtime/client.js";
import {
  isDecodeError,
  isEncodeError,
  isHttpError,
  isServiceError,
  isSoapError,
  isSoapFaultError,
  isTransportError,
  ServiceError,
  type SoapError,
} from "../../templates/runtime/errors.js";
import { canonical } from "./canonical.js";
import { credentialsResponse, credentialXml, descriptor, envelope, NS, okHeaders, SOAP11, UserAgent, type RequestHeaders, type UserOps } from "./service.js";

const TICKET = "7T:abc123ticket-secret";
const APP_TOKEN = "app-token-0123456789";

interface Captured {
  url: string;
  headers: Headers;
  body: string;
}

/** A fetch that records the request and answers with `respond(request)`. */
function fakeFetch(respond: (req: Captured) => Response | Promise<Response>, log: Captured[] = []): typeof fetch {
  return async (input, init) => {
    const req = { url: String(input), headers: new Headers(init?.headers), body: String(init?.body) };
    log.push(req);
    return respond(req);
  };
}

function xmlResponse(xml: string, status = 200, contentType = "text/xml; charset=utf-8"): Response {
  return new Response(xml, { status, headers: { "Content-Type": contentType } });
}

async function rejection<E>(p: Promise<unknown>, guard: (e: unknown) => e is E): Promise<E> {
  try {
    await p;
  } catch (e) {
    if (guard(e)) return e;
    throw e;
  }
  assert.fail("the call succeeded");
}

const okBody = envelope(credentialsResponse([credentialXml(1)]), okHeaders());

test("SOAP 1.1 call: POST, Content-Type, quoted SOAPAction, request envelope, decoded body", async () => {
  const log: Captured[] = [];
  const agent = new UserAgent({ fetch: fakeFetch(() => xmlResponse(okBody), log), headers: { ApplicationToken: APP_TOKEN } });
  const result = await agent.getUntrustedCredentials({ UserId: 42 });
  assert.equal(result?.[0]?.UntrustedCredentialsId, 1);
  const [req] = log;
  assert.ok(req);
  assert.equal(req.url, "http://crm.example/Services88/User.svc");
  assert.equal(req.headers.get("content-type"), "text/xml; charset=utf-8");
  assert.equal(req.headers.get("soapaction"), `"${NS}/UserService/GetUntrustedCredentials"`);
  assert.equal(
    canonical(req.body),
    canonical(
      `<Envelope xmlns="${SOAP11}"><Header><ApplicationToken xmlns="${NS}">${APP_TOKEN}</ApplicationToken></Header>` +
        `<Body><GetUntrustedCredentials xmlns="${NS}"><UserId>42</UserId></GetUntrustedCredentials></Body></Envelope>`,
    ),
  );
});

test("SOAP 1.2 call: action in the media type; $invoke returns headers, status and HTTP headers", async () => {
  const log: Captured[] = [];
  const agent = new UserAgent({ fetch: fakeFetch(() => xmlResponse(okBody, 200, "application/soap+xml; charset=utf-8"), log) }, "1.2");
  const r = await agent.$invoke("getUntrustedCredentials", { UserId: 1 }, { httpHeaders: { "X-Trace": "t1" } });
  assert.equal(log[0]?.headers.get("content-type"), `application/soap+xml; charset=utf-8; action="${NS}/UserService/GetUntrustedCredentials"`);
  assert.equal(log[0]?.headers.get("soapaction"), null);
  assert.equal(log[0]?.headers.get("x-trace"), "t1");
  assert.equal(r.status, 200);
  assert.deepEqual(r.headers, { Succeeded: true });
  assert.equal(r.httpHeaders.get("content-type"), "application/soap+xml; charset=utf-8");
});

test("call headers merge over client defaults per header; undefined removes one", async () => {
  const log: Captured[] = [];
  const agent = new UserAgent({
    fetch: fakeFetch(() => xmlResponse(okBody), log),
    headers: { ApplicationToken: APP_TOKEN, TimeZone: { TimeZoneName: "UTC" }, Credentials: { Ticket: TICKET } },
  });
  await agent.getUntrustedCredentials({ UserId: 1 }, { headers: { TimeZone: { TimeZoneName: "CET" } } });
  await agent.getUntrustedCredentials({ UserId: 1 }, { headers: { Credentials: undefined } as unknown as RequestHeaders });
  assert.match(log[0]?.body ?? "", /<ns1:TimeZoneName>CET<\/ns1:TimeZoneName>/);
  assert.match(log[0]?.body ?? "", new RegExp(APP_TOKEN));
  assert.match(log[0]?.body ?? "", new RegExp(TICKET));
  assert.doesNotMatch(log[1]?.body ?? "", /Ticket/);
  assert.match(log[1]?.body ?? "", /UTC/);
});

test("Succeeded = false → ServiceError with the InnerException chain as causes, no secret in messages", async () => {
  const exception =
    `<ExceptionInfo xmlns="${NS}"><Message>Ticket ${TICKET} is not valid</Message><ExceptionType>SoSecurityException</ExceptionType>` +
    `<StackTrace>at SoSession.Authenticate()</StackTrace><FriendlyText>Please log in again</FriendlyText>` +
    `<InnerException><Message>Token ${APP_TOKEN} expired</Message><ExceptionType>TokenException</ExceptionType>` +
    `<InnerException><Message>root cause</Message></InnerException></InnerException>` +
    `<Parameters xmlns:a="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><a:KeyValueOfstringstring><a:Key>user</a:Key><a:Value>bob</a:Value></a:KeyValueOfstringstring></Parameters>` +
    `</ExceptionInfo>`;
  const xml = envelope(credentialsResponse([]), `<Succeeded xmlns="${NS}">false</Succeeded>${exception}`);
  const agent = new UserAgent({ fetch: fakeFetch(() => xmlResponse(xml)), headers: { ApplicationToken: APP_TOKEN, Credentials: { Ticket: TICKET } } });
  const e = await rejection(agent.getUntrustedCredentials({ UserId: 1 }), isServiceError);
  assert.equal(e.operation, "GetUntrustedCredentials");
  assert.equal(e.message, "GetUntrustedCredentials: SoSecurityException: Ticket [redacted] is not valid");
  assert.equal((e.headers as { Succeeded?: boolean }).Succeeded, false);
  assert.deepEqual((e.detail as { Parameters?: object }).Parameters, Object.assign(Object.create(null) as object, { user: "bob" }));
  const inner = e.cause;
  assert.ok(inner instanceof ServiceError);
  assert.equal(inner.message, "GetUntrustedCredentials: TokenException: Token [redacted] expired");
  assert.ok(inner.cause instanceof ServiceError);
  assert.equal(inner.cause.message, "GetUntrustedCredentials: root cause");
  assert.equal(inner.cause.cause, undefined);
  for (let cur: unknown = e; cur instanceof Error; cur = cur.cause) {
    assert.doesNotMatch(cur.message, /abc123|0123456789/);
  }
});

test("the failure rule's detail keys come from the descriptor: a rule without them reads no SuperOffice names", async () => {
  const exception = `<ExceptionInfo xmlns="${NS}"><Message>m</Message><ExceptionType>T</ExceptionType><InnerException><Message>inner</Message></InnerException></ExceptionInfo>`;
  const xml = envelope(credentialsResponse([]), `<Succeeded xmlns="${NS}">false</Succeeded>${exception}`);
  class Bare extends SoapClient<UserOps, RequestHeaders> {
    constructor() {
      super({ ...descriptor(), failure: { flag: "Succeeded", failureValue: false, detail: "ExceptionInfo" } }, { fetch: fakeFetch(() => xmlResponse(xml)) });
    }
    get(): Promise<unknown> {
      return this.$call("getUntrustedCredentials", { UserId: 1 });
    }
  }
  const e = await rejection(new Bare().get(), isServiceError);
  assert.equal(e.message, "GetUntrustedCredentials: the service reported failure");
  assert.equal(e.cause, undefined);
  assert.equal((e.detail as { Message?: string }).Message, "m");
  class Renamed extends SoapClient<UserOps, RequestHeaders> {
    constructor() {
      super(
        { ...descriptor(), failure: { flag: "Succeeded", failureValue: false, detail: "ExceptionInfo", message: "ExceptionType", inner: "InnerException" } },
        { fetch: fakeFetch(() => xmlResponse(xml)) },
      );
    }
    get(): Promise<unknown> {
      return this.$call("getUntrustedCredentials", { UserId: 1 });
    }
  }
  const r = await rejection(new Renamed().get(), isServiceError);
  assert.equal(r.message, "GetUntrustedCredentials: T");
  assert.ok(r.cause instanceof ServiceError);
  assert.equal(r.cause.message, "GetUntrustedCredentials: the service reported failure");
});

test("HTTP 500 with a SOAP fault → SoapFaultError carrying the status", async () => {
  const fault = `<s:Envelope xmlns:s="${SOAP11}"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>boom</faultstring></s:Fault></s:Body></s:Envelope>`;
  const agent = new UserAgent({ fetch: fakeFetch(() => xmlResponse(fault, 500)) });
  const e = await rejection(agent.getUntrustedCredentials({ UserId: 1 }), isSoapFaultError);
  assert.equal(e.status, 500);
  assert.equal(e.code.local, "Server");
  assert.equal(e.reason, "boom");
  // A fault inside a 200 is a fault too.
  const ok = new UserAgent({ fetch: fakeFetch(() => xmlResponse(fault, 200)) });
  assert.equal((await rejection(ok.getUntrustedCredentials({ UserId: 1 }), isSoapFaultError)).status, 200);
});

test("HTTP 502 HTML page → HttpError with a short, text-only, redacted excerpt", async () => {
  const page =
    `<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body{color:red}</style><script>var x = "<b>";</script></head>` +
    `<body>\n  <h1>Bad   Gateway</h1>\n<p>Upstream refused ticket ${TICKET} &amp; more</p>${"<p>filler text</p>".repeat(100)}</body></html>`;
  const agent = new UserAgent({
    fetch: fakeFetch(() => new Response(page, { status: 502, statusText: "Bad Gateway", headers: { "Content-Type": "text/html" } })),
    headers: { Credentials: { Ticket: TICKET } },
  });
  const e = await rejection(agent.getUntrustedCredentials({ UserId: 1 }), isHttpError);
  assert.equal(e.status, 502);
  assert.equal(e.statusText, "Bad Gateway");
  assert.equal(e.contentType, "text/html");
  assert.ok(e.excerpt.length <= 500, String(e.excerpt.length));
  assert.match(e.excerpt, /^502 Bad Gateway Bad Gateway Upstream refused ticket \[redacted\] & more filler text/);
  assert.doesNotMatch(e.excerpt, /[<>]|color:red|var x|\s{2}/);
  assert.match(e.message, /^GetUntrustedCredentials: HTTP 502 Bad Gateway: 502 Bad Gateway/);
  assert.doesNotMatch(e.message + e.excerpt, /abc123/);
});

test("2xx that is not a complete SOAP envelope → DecodeError", async () => {
  for (const body of [okBody.slice(0, -30), "<html><body>maintenance</body></html>", "", "not xml at all"]) {
    const agent = new UserAgent({ fetch: fakeFetch(() => xmlResponse(body)) });
    const e = await rejection(agent.getUntrustedCredentials({ UserId: 1 }), isDecodeError);
    assert.equal(e.operation, "GetUntrustedCredentials");
  }
});

test("timeout (also with a fetch that ignores its signal), abort, already-aborted signal", async () => {
  let called = 0;
  const never: typeof fetch = () => {
    called++;
    return new Promise<Response>(() => undefined);
  };
  const agent = new UserAgent({ fetch: never, timeout: 30 });
  const t = await rejection(agent.getUntrustedCredentials({ UserId: 1 }), isTransportError);
  assert.equal(t.kind, "timeout");
  assert.match(t.message, /timed out after 30 ms/);
  const perCall = await rejection(new UserAgent({ fetch: never }).getUntrustedCredentials({ UserId: 1 }, { timeout: 10 }), isTransportError);
  assert.equal(perCall.kind, "timeout");
  const controller = new AbortController();
  const pending = new UserAgent({ fetch: never, timeout: 0 }).getUntrustedCredentials({ UserId: 1 }, { signal: controller.signal });
  setTimeout(() => controller.abort(new Error("user went away")), 5);
  const a = await rejection(pending, isTransportError);
  assert.equal(a.kind, "aborted");
  assert.equal((a.cause as Error).message, "user went away");
  const before = called;
  const pre = await rejection(agent.getUntrustedCredentials({ UserId: 1 }, { signal: AbortSignal.abort() }), isTransportError);
  assert.equal(pre.kind, "aborted");
  assert.equal(called, before, "fetch is not called with an already-aborted signal");
});

test("a negative or NaN timeout, maxResponseBytes or maxRedirects is a SoapError naming it, and nothing is sent", async () => {
  const log: Captured[] = [];
  const fetch = fakeFetch(() => xmlResponse(envelope(credentialsResponse([]), okHeaders())), log);
  const bad: [string, () => Promise<unknown>][] = [
    ["timeout must be a number ≥ 0 (got -1)", () => new UserAgent({ fetch, timeout: -1 }).getUntrustedCredentials({ UserId: 1 })],
    ["timeout must be a number ≥ 0 (got NaN)", () => new UserAgent({ fetch }).getUntrustedCredentials({ UserId: 1 }, { timeout: Number.NaN })],
    ["maxResponseBytes must be a number ≥ 0 (got -5)", () => new UserAgent({ fetch, maxResponseBytes: -5 }).getUntrustedCredentials({ UserId: 1 })],
    ["maxRedirects must be a number ≥ 0 (got NaN)", () => new UserAgent({ fetch, maxRedirects: Number.NaN }).getUntrustedCredentials({ UserId: 1 })],
  ];
  for (const [message, call] of bad) {
    const e = await rejection(call(), isSoapError);
    assert.equal(e.message, `GetUntrustedCredentials: ${message}`);
    assert.equal(e.operation, "GetUntrustedCredentials");
  }
  assert.equal(log.length, 0);
  // 0 (none) and Infinity are numbers ≥ 0.
  assert.deepEqual(await new UserAgent({ fetch, timeout: 0, maxResponseBytes: Number.POSITIVE_INFINITY, maxRedirects: 0 }).getUntrustedCredentials({ UserId: 1 }), []);
});

test("a SOAP header name the client does not declare (a misspelt Credential) is an EncodeError; nothing is sent", async () => {
  const log: Captured[] = [];
  const fetch = fakeFetch(() => xmlResponse(envelope(credentialsResponse([]), okHeaders())), log);
  const typo = { Credential: { Ticket: TICKET } } as unknown as RequestHeaders;
  const e = await rejection(new UserAgent({ fetch, headers: typo }).getUntrustedCredentials({ UserId: 1 }), isEncodeError);
  assert.equal(e.path, "Credential");
  assert.match(e.message, /^GetUntrustedCredentials: cannot encode header Credential: unknown SOAP header; the client's request headers are .*Credentials/);
  assert.ok(!e.message.includes(TICKET));
  const perCall = await rejection(new UserAgent({ fetch }).getUntrustedCredentials({ UserId: 1 }, { headers: typo }), isEncodeError);
  assert.equal(perCall.path, "Credential");
  assert.equal(log.length, 0);
  // An explicit undefined (it removes a default) passes; validate: false lets an unknown name through, unsent.
  await new UserAgent({ fetch, headers: { Credentials: { Ticket: TICKET } } }).getUntrustedCredentials(
    { UserId: 1 },
    { headers: { Credentials: undefined } as unknown as RequestHeaders },
  );
  await new UserAgent({ fetch, headers: typo, validate: false }).getUntrustedCredentials({ UserId: 1 });
  assert.equal(log.length, 2);
  assert.ok(!(log[1]?.body ?? "").includes(TICKET));
});

test("oversized responses → TransportError too-large (declared length, or counted while streaming)", async () => {
  const declared = new UserAgent({ fetch: fakeFetch(() => new Response(okBody, { headers: { "Content-Length": "999999" } })), maxResponseBytes: 1000 });
  assert.equal((await rejection(declared.getUntrustedCredentials({ UserId: 1 }), isTransportError)).kind, "too-large");
  let pulled = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      pulled++;
      c.enqueue(new Uint8Array(256).fill(32));
    },
    cancel() {
      cancelled = true;
    },
  });
  const streamed = new UserAgent({ fetch: fakeFetch(() => new Response(stream)), maxResponseBytes: 1000 });
  const e = await rejection(streamed.getUntrustedCredentials({ UserId: 1 }), isTransportError);
  assert.equal(e.kind, "too-large");
  assert.match(e.message, /larger than maxResponseBytes \(1000 bytes\)/);
  assert.ok(pulled <= 6, `read ${pulled} chunks`);
  await new Promise((r) => setTimeout(r, 0));
  assert.ok(cancelled, "the body stream is cancelled");
});

test("network failure → TransportError network with the cause; secrets in the endpoint redacted", async () => {
  const failing: typeof fetch = () => Promise.reject(new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:1") }));
  const agent = new UserAgent({ fetch: failing, endpoint: "http://user:pw-secret@127.0.0.1:1/svc?ticket=qs-secret-ticket&x=1" });
  const e = await rejection(agent.getUntrustedCredentials({ UserId: 1 }), isTransportError);
  assert.equal(e.kind, "network");
  assert.ok(e.cause instanceof TypeError);
  assert.match(e.message, /ECONNREFUSED/);
  assert.doesNotMatch(e.message, /pw-secret|qs-secret|user@/);
});

test("hooks receive redacted request and response XML, endpoint and HTTP headers", async () => {
  const requests: RequestEvent[] = [];
  const responses: ResponseEvent[] = [];
  const echo = `<EchoedTicket xmlns="${NS}">${TICKET}</EchoedTicket><Note xmlns="${NS}">token was ${APP_TOKEN}</Note>`;
  const agent = new UserAgent({
    fetch: fakeFetch(() =>
      xmlResponse(
        envelope(
          `<SaveUntrustedCredentialsResponse xmlns="${NS}"><Response>true</Response><SecretValue>s3cret-value-9</SecretValue></SaveUntrustedCredentialsResponse>`,
          okHeaders(echo),
        ),
      ),
    ),
    endpoint: "https://crm.example/svc?apiKey=k-123456&tenant=t1",
    headers: { ApplicationToken: APP_TOKEN, Credentials: { Ticket: TICKET } },
    httpHeaders: { Authorization: "Bearer very-secret-bearer" },
    hooks: {
      onRequest: (e) => void requests.push(e),
      onResponse: async (e) => void responses.push(e),
    },
  });
  const saved = await agent.saveUntrustedCredentials({ Credentials: { UntrustedCredentialsId: 1, ValidFrom: new Date(0), SecretValue: "hunter2-password" } });
  assert.equal(saved, true);
  const [req] = requests;
  const [res] = responses;
  assert.ok(req && res);
  assert.equal(req.operation, "SaveUntrustedCredentials");
  assert.equal(req.endpoint, "https://crm.example/svc?apiKey=redacted&tenant=t1");
  assert.equal(req.httpHeaders["Authorization"], "[redacted]");
  assert.match(req.xml, /<ns1:Ticket>\[redacted\]<\/ns1:Ticket>/);
  assert.match(req.xml, /<ns1:ApplicationToken>\[redacted\]<\/ns1:ApplicationToken>/);
  assert.match(req.xml, /<ns1:SecretValue>\[redacted\]<\/ns1:SecretValue>/);
  assert.match(res.xml, /<EchoedTicket xmlns="[^"]+">\[redacted\]<\/EchoedTicket>/);
  assert.match(res.xml, /token was \[redacted\]/);
  assert.match(res.xml, /<SecretValue>\[redacted\]<\/SecretValue>/);
  assert.equal(res.status, 200);
  assert.ok(res.durationMs >= 0);
  const all = JSON.stringify([requests, responses]);
  for (const secret of [TICKET, APP_TOKEN, "hunter2-password", "very-secret-bearer", "k-123456", "s3cret-value-9"]) {
    assert.ok(!all.includes(secret), `${secret} leaked into hook output`);
  }
});

test("concurrent calls each get their own request and response headers", async () => {
  const fetch = fakeFetch(async (req) => {
    const zone = /<ns1:TimeZoneName>([^<]*)</.exec(req.body)?.[1] ?? "none";
    await new Promise((r) => setTimeout(r, zone === "slow" ? 30 : 1));
    return xmlResponse(envelope(credentialsResponse([]), okHeaders(`<TimeZone xmlns="${NS}"><TimeZoneName>${zone}</TimeZoneName></TimeZone>`)));
  });
  const agent = new UserAgent({ fetch, headers: { ApplicationToken: APP_TOKEN } });
  const [a, b] = await Promise.all([
    agent.$invoke("getUntrustedCredentials", { UserId: 1 }, { headers: { TimeZone: { TimeZoneName: "slow" } } }),
    agent.$invoke("getUntrustedCredentials", { UserId: 2 }, { headers: { TimeZone: { TimeZoneName: "fast" } } }),
  ]);
  assert.equal(a.headers.TimeZone?.TimeZoneName, "slow");
  assert.equal(b.headers.TimeZone?.TimeZoneName, "fast");
});

test("charset from Content-Type (ISO-8859-1) and a UTF-8 byte order mark", async () => {
  const xml = envelope(credentialsResponse([credentialXml(1).replace("Cred 1", "Grüße")]), okHeaders());
  const latin1 = Uint8Array.from(xml, (c) => c.charCodeAt(0));
  const a = new UserAgent({ fetch: fakeFetch(() => new Response(latin1, { headers: { "Content-Type": "text/xml; charset=ISO-8859-1" } })) });
  assert.equal((await a.getUntrustedCredentials({ UserId: 1 }))?.[0]?.Description, "Grüße");
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(xml)]);
  const b = new UserAgent({ fetch: fakeFetch(() => new Response(bom, { headers: { "Content-Type": "text/xml" } })) });
  assert.equal((await b.getUntrustedCredentials({ UserId: 1 }))?.[0]?.Description, "Grüße");
});

test("encode errors, unknown operations and a missing endpoint are rejected before any request", async () => {
  let called = false;
  const fetch: typeof globalThis.fetch = async () => {
    called = true;
    return xmlResponse(okBody);
  };
  const agent = new UserAgent({ fetch });
  const bad = await rejection(agent.getUntrustedCredentials({ UserId: 1.5 }), isEncodeError);
  assert.equal(bad.path, "GetUntrustedCredentials.UserId");
  const unknown = await rejection(agent.$invoke("nope" as "getUntrustedCredentials", { UserId: 1 }), isSoapError);
  assert.match(unknown.message, /unknown operation "nope"/);
  class NoEndpoint extends SoapClient<{ ping: { input: void; output: void; requestHeaders: object; responseHeaders: object } }> {
    constructor() {
      const ping: OperationDescriptor = { name: "Ping", action: "", input: { body: { kind: "empty" } } };
      super({ ...descriptor(), endpoint: "", operations: { ping } }, { fetch });
    }
    ping() {
      return this.$call("ping", undefined);
    }
  }
  assert.match((await rejection(new NoEndpoint().ping(), isSoapError)).message, /no endpoint/);
  assert.equal(called, false);
});

test("one-way operations accept an empty 202", async () => {
  class Notifier extends SoapClient<{ notify: { input: void; output: void; requestHeaders: object; responseHeaders: object } }> {
    constructor(fetch: typeof globalThis.fetch) {
      const notify: OperationDescriptor = { name: "Notify", action: "urn:notify", input: { body: { kind: "empty" } } };
      super({ ...descriptor(), operations: { notify } }, { fetch });
    }
    notify() {
      return this.$call("notify", undefined);
    }
  }
  assert.equal(await new Notifier(fakeFetch(() => new Response(null, { status: 202 }))).notify(), undefined);
  const e = await rejection(new Notifier(fakeFetch(() => new Response("nope", { status: 404, statusText: "Not Found" }))).notify(), isHttpError);
  assert.equal(e.excerpt, "nope");
});

test("guards recognise errors from another copy of the runtime (same brand)", () => {
  const foreign = Object.assign(new Error("x"), { name: "ServiceError", [Symbol.for("wsdlc.runtime.error")]: true });
  assert.equal(isServiceError(foreign), true);
  assert.equal(isSoapError(foreign), true);
  assert.equal(isHttpError(foreign), false);
  assert.equal(isSoapError(new Error("plain")), false);
  const e: SoapError | undefined = undefined;
  assert.equal(isSoapError(e), false);
});

test("secretNames adds whole names (case-insensitive) to the redacted ones", async () => {
  const requests: RequestEvent[] = [];
  const responses: ResponseEvent[] = [];
  const zone = `<TimeZone xmlns="${NS}"><TimeZoneName>Europe/Oslo</TimeZoneName></TimeZone>`;
  const hooks = { onRequest: (e: RequestEvent) => void requests.push(e), onResponse: (e: ResponseEvent) => void responses.push(e) };
  const respond = fakeFetch(() => xmlResponse(envelope(credentialsResponse([]), okHeaders(zone))));
  await new UserAgent({ fetch: respond, hooks }).getUntrustedCredentials({ UserId: 4242 });
  await new UserAgent({ fetch: respond, hooks, secretNames: ["userid", "TIMEZONENAME"] }).getUntrustedCredentials({ UserId: 4242 });
  assert.match(requests[0]?.xml ?? "", /<ns1:UserId>4242<\/ns1:UserId>/);
  assert.match(responses[0]?.xml ?? "", /<TimeZoneName>Europe\/Oslo<\/TimeZoneName>/);
  assert.match(requests[1]?.xml ?? "", /<ns1:UserId>\[redacted\]<\/ns1:UserId>/);
  assert.match(responses[1]?.xml ?? "", /<TimeZoneName>\[redacted\]<\/TimeZoneName>/);
  assert.match(responses[1]?.xml ?? "", /<Succeeded xmlns="[^"]+">true<\/Succeeded>/);
});

test("the shared timeout timer: a call after finished calls still times out, whether its timeout is shorter or longer than theirs", async () => {
  const never: typeof fetch = () => new Promise<Response>(() => undefined);
  const ok = fakeFetch(() => xmlResponse(okBody));
  // The finished call leaves the timer armed for its own (earlier) end: firing then, it re-arms for the next call.
  await new UserAgent({ fetch: ok, timeout: 40 }).getUntrustedCredentials({ UserId: 1 });
  const later = await rejection(new UserAgent({ fetch: never, timeout: 120 }).getUntrustedCredentials({ UserId: 1 }), isTransportError);
  assert.equal(later.kind, "timeout");
  assert.match(later.message, /timed out after 120 ms/);
  // A finished call with the default 60 s timeout; the next one's 30 ms must not wait for it.
  await new UserAgent({ fetch: ok }).getUntrustedCredentials({ UserId: 1 });
  const sooner = await rejection(new UserAgent({ fetch: never, timeout: 30 }).getUntrustedCredentials({ UserId: 1 }), isTransportError);
  assert.equal(sooner.kind, "timeout");
});

test("the timeout timer keeps no process alive once calls are done, and keeps it alive while one is in flight", () => {
  const service = new URL("./service.ts", import.meta.url).href;
  const script = `
    import { UserAgent, envelope, credentialsResponse, credentialXml, okHeaders } from ${JSON.stringify(service)};
    const body = envelope(credentialsResponse([credentialXml(1)]), okHeaders());
    const ok = async () => new Response(body, { headers: { "content-type": "text/xml; charset=utf-8" } });
    await new UserAgent({ fetch: ok }).getUntrustedCredentials({ UserId: 1 });
    if (process.argv[1] === "hang") {
      // Nothing but the timeout timer holds the event loop: the call must still end, with its TransportError.
      const never = () => new Promise(() => undefined);
      await new UserAgent({ fetch: never, timeout: 200 }).getUntrustedCredentials({ UserId: 1 }).catch((e) => console.log(e.kind));
    } else console.log("done");
  `;
  for (const [mode, expected] of [
    ["idle", "done"],
    ["hang", "timeout"],
  ] as const) {
    const started = performance.now();
    const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, mode], { encoding: "utf8", timeout: 50_000 });
    assert.equal(r.signal, null, `${mode}: the process did not exit on its own (the default 60 s timer kept it alive)`);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), expected, `${mode}: ${r.stderr}`);
    // Well before the 60 s default timeout of the first call (which would mean its timer held the process).
    assert.ok(performance.now() - started < 45_000);
  }
});
