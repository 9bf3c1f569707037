/**
 * The client against a real HTTP server on 127.0.0.1 with Node's own fetch: real streaming, timeouts while
 * waiting for headers and while reading the body, the size limit on a chunked body, and connection release.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isDecodeError, isHttpError, isSoapFaultError, isTransportError } from "../../templates/runtime/errors.js";
import { credentialsResponse, credentialXml, envelope, NS, okHeaders, SOAP11, UserAgent } from "./service.js";

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

const handlers = new Map<string, Handler>();
const received: { path: string; headers: IncomingMessage["headers"]; body: string }[] = [];
let server: Server;
let base = "";
const open = new Set<ServerResponse>();

before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({ path: req.url ?? "", headers: req.headers, body });
      open.add(res);
      res.on("close", () => open.delete(res));
      const h = handlers.get(req.url ?? "");
      if (h === undefined) {
        res.writeHead(404).end("no handler");
      } else h(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  for (const res of open) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const agent = (path: string, options: ConstructorParameters<typeof UserAgent>[0] = {}) => new UserAgent({ endpoint: `${base}${path}`, ...options });

test("a response streamed in slow chunks is read and decoded; the request arrives as sent", async () => {
  const xml = envelope(credentialsResponse(Array.from({ length: 200 }, (_, i) => credentialXml(i))), okHeaders());
  handlers.set("/slow", (_req, _body, res) => {
    res.writeHead(200, { "Content-Type": "text/xml; charset=utf-8" });
    const bytes = Buffer.from(xml, "utf8");
    let at = 0;
    const timer = setInterval(() => {
      res.write(bytes.subarray(at, at + 7000));
      at += 7000;
      if (at >= bytes.length) {
        clearInterval(timer);
        res.end();
      }
    }, 2);
  });
  const result = await agent("/slow", { headers: { ApplicationToken: "tok-12345" } }).getUntrustedCredentials({ UserId: 3 });
  assert.equal(result?.length, 200);
  assert.equal(result?.[199]?.Description, "Cred 199");
  const req = received.find((r) => r.path === "/slow");
  assert.equal(req?.headers["soapaction"], `"${NS}/UserService/GetUntrustedCredentials"`);
  assert.equal(req?.headers["content-type"], "text/xml; charset=utf-8");
  assert.match(req?.body ?? "", new RegExp(`^<\\?xml[^>]*\\?><soap:Envelope xmlns:soap="${SOAP11}"`));
  assert.match(req?.body ?? "", /<ns1:UserId>3<\/ns1:UserId>/);
});

test("compressed responses (gzip, deflate zlib-wrapped or raw, br) decode the same through node:http and fetch", async () => {
  // node:http sent no Accept-Encoding and read a compressed body as its bytes ("not valid utf-8"), where fetch
  // asked for and decoded it: the two transports now agree.
  const { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } = await import("node:zlib");
  const xml = envelope(credentialsResponse(Array.from({ length: 2000 }, (_, i) => credentialXml(i))), okHeaders());
  const codings: [string, string, (b: Buffer) => Buffer][] = [
    ["/gz", "gzip", gzipSync],
    ["/xgz", "x-gzip", gzipSync],
    ["/zlib", "deflate", deflateSync],
    ["/raw", "deflate", deflateRawSync],
    ["/br", "br", brotliCompressSync],
    ["/id", "identity", (b) => b],
  ];
  for (const [path, coding, pack] of codings) {
    handlers.set(path, (_req, _body, res) => res.writeHead(200, { "Content-Type": "text/xml; charset=utf-8", "Content-Encoding": coding }).end(pack(Buffer.from(xml))));
    for (const options of [{}, { fetch: globalThis.fetch }]) {
      const what = `${path} ${"fetch" in options ? "fetch" : "node:http"}`;
      const result = await agent(path, options).getUntrustedCredentials({ UserId: 1 });
      assert.equal(result?.length, 2000, what);
      assert.equal(result?.[1999]?.Description, "Cred 1999", what);
      assert.match(String(received.at(-1)?.headers["accept-encoding"]), /\bgzip\b/, what);
    }
  }
  // A caller's own Accept-Encoding is sent as given.
  await agent("/id", { httpHeaders: { "accept-encoding": "identity" } }).getUntrustedCredentials({ UserId: 1 });
  assert.equal(received.at(-1)?.headers["accept-encoding"], "identity");
  // A body that is not what its Content-Encoding says is a TransportError, as fetch makes it.
  handlers.set("/corrupt", (_req, _body, res) => res.writeHead(200, { "Content-Type": "text/xml", "Content-Encoding": "gzip" }).end("not gzip at all"));
  for (const options of [{}, { fetch: globalThis.fetch }]) {
    const e = await agent("/corrupt", options)
      .getUntrustedCredentials({ UserId: 1 })
      .catch((err: unknown) => err);
    assert.ok(isTransportError(e) && e.kind === "network", String(e));
  }
});

test("timeout while waiting for the response headers", async () => {
  handlers.set("/no-headers", () => undefined);
  const started = Date.now();
  const e = await agent("/no-headers", { timeout: 100 })
    .getUntrustedCredentials({ UserId: 1 })
    .then(
      () => assert.fail("no timeout"),
      (err: unknown) => err,
    );
  assert.ok(isTransportError(e) && e.kind === "timeout", String(e));
  assert.ok(Date.now() - started < 2000);
});

test("timeout while the body is still streaming", async () => {
  handlers.set("/stall", (_req, _body, res) => {
    res.writeHead(200, { "Content-Type": "text/xml" });
    res.write(`<s:Envelope xmlns:s="${SOAP11}"><s:Body>`);
  });
  const e = await agent("/stall", { timeout: 150 })
    .getUntrustedCredentials({ UserId: 1 })
    .then(
      () => assert.fail("no timeout"),
      (err: unknown) => err,
    );
  assert.ok(isTransportError(e) && e.kind === "timeout", String(e));
});

test("a chunked body over maxResponseBytes is cut off and the connection released", async () => {
  let closed = false;
  handlers.set("/huge", (_req, _body, res) => {
    res.writeHead(200, { "Content-Type": "text/xml" });
    res.on("close", () => {
      closed = true;
    });
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const timer = setInterval(() => {
      if (res.destroyed || !res.write(chunk)) return;
    }, 1);
    res.on("close", () => clearInterval(timer));
  });
  const e = await agent("/huge", { maxResponseBytes: 100_000 })
    .getUntrustedCredentials({ UserId: 1 })
    .then(
      () => assert.fail("no size error"),
      (err: unknown) => err,
    );
  assert.ok(isTransportError(e) && e.kind === "too-large", String(e));
  for (let i = 0; i < 100 && !closed; i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(closed, "the server saw the connection close");
});

test("caller abort while the body streams", async () => {
  handlers.set("/abort", (_req, _body, res) => {
    res.writeHead(200, { "Content-Type": "text/xml" });
    res.write("<s:Envelope");
  });
  const controller = new AbortController();
  const p = agent("/abort", { timeout: 0 }).getUntrustedCredentials({ UserId: 1 }, { signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  const e = await p.then(
    () => assert.fail("not aborted"),
    (err: unknown) => err,
  );
  assert.ok(isTransportError(e) && e.kind === "aborted", String(e));
});

test("HTTP 500 fault and 502 HTML page over real HTTP", async () => {
  handlers.set("/fault", (_req, _body, res) => {
    res.writeHead(500, { "Content-Type": "text/xml; charset=utf-8" });
    res.end(`<s:Envelope xmlns:s="${SOAP11}"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>bad</faultstring></s:Fault></s:Body></s:Envelope>`);
  });
  handlers.set("/proxy", (_req, _body, res) => {
    res.writeHead(502, "Bad Gateway", { "Content-Type": "text/html" });
    res.end("<html><body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>");
  });
  const fault = await agent("/fault")
    .getUntrustedCredentials({ UserId: 1 })
    .catch((e: unknown) => e);
  assert.ok(isSoapFaultError(fault) && fault.status === 500 && fault.reason === "bad", String(fault));
  const proxy = await agent("/proxy")
    .getUntrustedCredentials({ UserId: 1 })
    .catch((e: unknown) => e);
  assert.ok(isHttpError(proxy), String(proxy));
  assert.equal(proxy.excerpt, "502 Bad Gateway nginx");
});

test("a 2xx answer that is no XML at all (a proxy's login page, JSON, an empty 202) is a DecodeError saying what came", async () => {
  const cases: [string, number, string, string, RegExp][] = [
    [
      "/login",
      200,
      "text/html; charset=utf-8",
      "<!DOCTYPE html><html><head><title>Sign in</title></head><body>Login required</body></html>",
      /malformed XML: DOCTYPE is not allowed .*; the HTTP 200 response is text\/html: Sign in Login required$/,
    ],
    ["/json", 200, "application/json", '{"error":"quota"}', /; the HTTP 200 response is application\/json: \{"error":"quota"\}$/],
    ["/empty", 202, "text/xml", "", /malformed XML: no root element; the body of the HTTP 202 response is empty$/],
  ];
  for (const [path, status, type, body] of cases) {
    handlers.set(path, (_req, _body, res) => {
      res.writeHead(status, { "Content-Type": type });
      res.end(body);
    });
  }
  for (const [path, , , , message] of cases) {
    const e = await agent(path)
      .getUntrustedCredentials({ UserId: 1 })
      .catch((err: unknown) => err);
    assert.ok(isDecodeError(e), String(e));
    assert.match(e.message, message);
    assert.match(e.message, /^GetUntrustedCredentials: cannot decode the response \(line 1, column 1\)/);
    assert.equal(e.path, "");
  }
  // XML that is not a SOAP envelope keeps its own message: no hint is added for a body that is XML by its type.
  handlers.set("/xml", (_req, _body, res) => {
    res.writeHead(200, { "Content-Type": "text/xml" });
    res.end("<html><body>not soap</body></html>");
  });
  const xml = await agent("/xml")
    .getUntrustedCredentials({ UserId: 1 })
    .catch((err: unknown) => err);
  assert.ok(isDecodeError(xml), String(xml));
  assert.doesNotMatch(xml.message, /; the /);
});

test("connection refused → TransportError network", async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  const e = await new UserAgent({ endpoint: `http://127.0.0.1:${port}/` }).getUntrustedCredentials({ UserId: 1 }).catch((err: unknown) => err);
  assert.ok(isTransportError(e) && e.kind === "network", String(e));
  assert.match(e.message, /ECONNREFUSED/);
});
