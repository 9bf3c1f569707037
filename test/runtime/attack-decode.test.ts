/**
 * Decoding under attack: one element with 100,000 attributes (or namespace declarations) decodes in linear
 * time, and the call's timeout bounds decoding too; response encodings (invalid UTF-8, ISO-8859-1, UTF-16 with
 * a BOM, an unknown charset) are decoded as declared or refused with a DecodeError, never patched with U+FFFD.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { isDecodeError, isTransportError } from "../../templates/runtime/errors.js";
import { XmlReader } from "../../templates/runtime/xml.js";
import { startLoopback, type Loopback } from "../helpers/loopback.js";
import { envelope, NS, UserAgent } from "./service.js";

let srv: Loopback;
before(async () => {
  srv = await startLoopback();
});
after(() => srv.close());

const N = 100_000;
const manyAttributes = (n: number) => Array.from({ length: n }, (_, i) => ` a${i}="${i}"`).join("");
const manyPrefixes = (n: number) => Array.from({ length: n }, (_, i) => ` xmlns:p${i}="urn:${i}" p${i}:x="${i}"`).join("");

function response(attrs: string, extra = ""): string {
  return envelope(`<SaveUntrustedCredentialsResponse xmlns="${NS}"${attrs}><Response>true</Response>${extra}</SaveUntrustedCredentialsResponse>`);
}

const save = (ua: UserAgent, options = {}) => ua.saveUntrustedCredentials({ Credentials: { UntrustedCredentialsId: 1, ValidFrom: "2024-01-01T00:00:00Z" } }, options);

test("the tokenizer: 100,000 attributes and 100,000 prefixed attributes with their declarations, linear", () => {
  for (const attrs of [manyAttributes(N), manyPrefixes(N)]) {
    const started = performance.now();
    const r = new XmlReader(`<r${attrs}/>`);
    r.next();
    assert.equal(r.attributes.length, N);
    const ms = performance.now() - started;
    // Quadratic lookups took ~24 s here; linear ones take about a second on a loaded 2-core machine.
    assert.ok(ms < 8000, `${ms} ms`);
  }
});

test("duplicates are still found among many attributes (names, namespaced names, declarations)", () => {
  const cases = [
    `<r${manyAttributes(50)} a7="x"/>`,
    `<r xmlns:p="urn:a" xmlns:q="urn:a"${manyAttributes(50)} p:x="1" q:x="2"/>`,
    `<r${manyAttributes(50)} xmlns:p="urn:a" xmlns:p="urn:b"/>`,
    `<r a="1" xmlns:p="urn:a" xmlns:p="urn:b"/>`,
    `<r xmlns:p="urn:a" xmlns:q="urn:a" p:x="1" q:x="2"/>`,
  ];
  for (const xml of cases) assert.throws(() => new XmlReader(xml).next(), /duplicate attribute/, xml.slice(-40));
});

test("namespace scopes: an inner declaration shadows and is undone at its end tag", () => {
  const r = new XmlReader(`<a xmlns:p="urn:outer"><b xmlns:p="urn:inner"><p:c/></b><p:d/></a>`);
  const seen: string[] = [];
  for (let k = r.next(); k !== 0; k = r.next()) if (k === 1) seen.push(`${r.local}=${r.ns}`);
  assert.deepEqual(seen, ["a=", "b=", "c=urn:inner", "d=urn:outer"]);
});

test("a response element with 100,000 attributes decodes fast over HTTP", async () => {
  const body = response(manyAttributes(N));
  srv.handlers.set("/attrs", (_req, _b, res) => res.writeHead(200, { "Content-Type": "text/xml" }).end(body));
  const started = performance.now();
  assert.equal(await save(new UserAgent({ endpoint: `${srv.base}/attrs`, timeout: 20_000 })), true);
  const ms = performance.now() - started;
  assert.ok(ms < 5000, `${ms} ms`);
});

test("the timeout bounds decoding: a response that takes longer to decode than the timeout is a TransportError timeout", async () => {
  // 200,000 elements, each with attributes and a namespace: several hundred ms to decode. Served from memory
  // (an injected fetch) so that the time is the decoder's, not the network's.
  const items = Array.from({ length: 200_000 }, (_, i) => `<x:e xmlns:x="urn:${i % 7}" a="${i}" b="${i}">v</x:e>`).join("");
  const body = response("", `<Extra>${items}</Extra>`);
  const fetchMemory: typeof fetch = async () => new Response(body, { headers: { "Content-Type": "text/xml" } });
  const ua = new UserAgent({ endpoint: "http://127.0.0.1:1/mem", fetch: fetchMemory });
  // Without a limit it completes; the decoding time is what the hook does not count.
  let fetched = 0;
  const probe = new UserAgent({
    endpoint: "http://127.0.0.1:1/mem",
    fetch: fetchMemory,
    hooks: {
      onResponse(e) {
        fetched = e.durationMs;
      },
    },
  });
  await save(probe, { timeout: 0 });
  const t0 = performance.now();
  assert.equal(await save(ua, { timeout: 0 }), true);
  const full = performance.now() - t0;
  const decoding = full - fetched;
  assert.ok(decoding > 200, `decoding took only ${decoding} ms of ${full} ms; the test needs a longer decode`);
  const timeout = Math.ceil(fetched + decoding / 4);
  const t1 = performance.now();
  const e = await save(ua, { timeout }).then(
    () => assert.fail(`decoded within ${timeout} ms`),
    (err: unknown) => err,
  );
  const took = performance.now() - t1;
  assert.ok(isTransportError(e) && e.kind === "timeout", String(e));
  assert.match(e.message, /timed out after \d+ ms \(while decoding the response\)/);
  assert.ok(took < timeout + decoding / 2, `stopped after ${took} ms, timeout ${timeout} ms, full call ${full} ms`);
});

test("a timeout that expires during an onResponse hook stops the call before decoding", async () => {
  srv.handlers.set("/ok", (_req, _b, res) => res.writeHead(200, { "Content-Type": "text/xml" }).end(response("")));
  const ua = new UserAgent({
    endpoint: `${srv.base}/ok`,
    timeout: 100,
    hooks: {
      async onResponse() {
        await new Promise((r) => setTimeout(r, 200));
      },
    },
  });
  const e = await save(ua).catch((err: unknown) => err);
  assert.ok(isTransportError(e) && e.kind === "timeout", String(e));
});

test("a hook or soapHeaders function that never settles cannot outlast the timeout or the abort", async () => {
  // Before, each of these kept the call pending for ever: the timeout was only checked once the hook returned.
  srv.handlers.set("/ok", (_req, _b, res) => res.writeHead(200, { "Content-Type": "text/xml" }).end(response("")));
  const never = (): Promise<never> => new Promise<never>(() => {});
  const cases: [string, ConstructorParameters<typeof UserAgent>[0], RegExp][] = [
    ["onRequest", { hooks: { onRequest: never } }, /timed out after 150 ms \(in the onRequest hook\)$/],
    ["onResponse", { hooks: { onResponse: never } }, /timed out after 150 ms \(in the onResponse hook\)$/],
    ["soapHeaders", { soapHeaders: never }, /timed out after 150 ms \(in the soapHeaders function\)$/],
  ];
  for (const [what, options, message] of cases) {
    const started = performance.now();
    const e = await save(new UserAgent({ endpoint: `${srv.base}/ok`, timeout: 150, ...options })).catch((err: unknown) => err);
    assert.ok(isTransportError(e) && e.kind === "timeout" && message.test(e.message), `${what}: ${String(e)}`);
    assert.ok(performance.now() - started < 5000, what);
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 50);
    const a = await save(new UserAgent({ endpoint: `${srv.base}/ok`, timeout: 0, ...options }), { signal: abort.signal }).catch((err: unknown) => err);
    assert.ok(isTransportError(a) && a.kind === "aborted", `${what}, aborted: ${String(a)}`);
  }
  // Hooks that settle are awaited as before.
  const seen: string[] = [];
  const ua = new UserAgent({
    endpoint: `${srv.base}/ok`,
    timeout: 5000,
    soapHeaders: async () => (seen.push("soapHeaders"), []),
    hooks: { onRequest: async () => void seen.push("onRequest"), onResponse: async () => void seen.push("onResponse") },
  });
  assert.equal(await save(ua), true);
  assert.deepEqual(seen, ["soapHeaders", "onRequest", "onResponse"]);
});

test("a gzip bomb (256 MiB of zeros in 256 KiB) stops at maxResponseBytes, counted after decompression, on both transports", async () => {
  const { gzipSync } = await import("node:zlib");
  const bomb = gzipSync(Buffer.alloc(1 << 28), { level: 9 });
  srv.handlers.set("/bomb", (_req, _b, res) => res.writeHead(200, { "Content-Type": "text/xml", "Content-Encoding": "gzip" }).end(bomb));
  for (const options of [{}, { fetch: globalThis.fetch }]) {
    const before = process.memoryUsage().rss;
    const started = performance.now();
    const e = await save(new UserAgent({ endpoint: `${srv.base}/bomb`, maxResponseBytes: 1 << 20, ...options })).catch((err: unknown) => err);
    assert.ok(isTransportError(e) && e.kind === "too-large", String(e));
    // Inflating all of it takes a second and 256 MiB; stopping at the limit takes neither.
    assert.ok(performance.now() - started < 5000, `${performance.now() - started} ms`);
    assert.ok(process.memoryUsage().rss - before < 128 << 20, "memory grew by more than 128 MiB");
  }
});

// ---- encodings ----

async function reply(path: string, type: string, bytes: Uint8Array): Promise<unknown> {
  srv.handlers.set(path, (_req, _b, res) => res.writeHead(200, { "Content-Type": type }).end(Buffer.from(bytes)));
  const ua = new UserAgent({ endpoint: `${srv.base}${path}` });
  return ua.getUntrustedCredentials({ UserId: 1 }).catch((err: unknown) => err);
}

function credentials(description: string, decl = `<?xml version="1.0" encoding="utf-8"?>`): string {
  return envelope(
    `<GetUntrustedCredentialsResponse xmlns="${NS}"><Response><UntrustedCredentials><UntrustedCredentialsId>1</UntrustedCredentialsId>` +
      `<ValidFrom>2024-01-01T00:00:00Z</ValidFrom><Description>${description}</Description></UntrustedCredentials></Response></GetUntrustedCredentialsResponse>`,
  ).replace(/^<\?xml[^>]*\?>/, decl);
}

const description = (r: unknown) => (r as { Description?: string }[])[0]?.Description;

test("invalid UTF-8 is a DecodeError, not U+FFFD", async () => {
  const xml = Buffer.from(credentials("caf\u00e9 XX"), "utf8");
  const at = xml.indexOf("XX");
  xml[at] = 0xc3;
  xml[at + 1] = 0x28; // a lead byte followed by a non-continuation byte
  for (const type of ["text/xml", "text/xml; charset=utf-8"]) {
    const e = await reply("/bad-utf8", type, xml);
    assert.ok(isDecodeError(e), String(e));
    assert.match(e.message, /not valid utf-8/);
  }
  // Truncated inside a multi-byte character.
  const cut = Buffer.from(credentials("\u20ac"), "utf8");
  const euro = cut.indexOf(0xe2);
  const e = await reply("/cut-utf8", "text/xml", Buffer.concat([cut.subarray(0, euro + 1), cut.subarray(euro + 3)]));
  assert.ok(isDecodeError(e), String(e));
});

test("ISO-8859-1 by Content-Type charset, and by the XML declaration alone", async () => {
  const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
  const byHeader = await reply("/latin1-h", "text/xml; charset=ISO-8859-1", latin1(credentials("caf\u00e9 \u00fc")));
  assert.equal(description(byHeader), "caf\u00e9 \u00fc");
  const byDecl = await reply("/latin1-d", "text/xml", latin1(credentials("na\u00efve", `<?xml version="1.0" encoding="ISO-8859-1"?>`)));
  assert.equal(description(byDecl), "na\u00efve");
});

test("a `;charset=` inside a quoted Content-Type parameter (SOAP 1.2's action) is not the charset", async () => {
  // Before, the first `charset=` anywhere won: this UTF-8 body was read as ISO-8859-1 ("cafÃ©").
  const type = 'application/soap+xml; action="urn:x;charset=iso-8859-1"; charset=utf-8';
  const utf8 = await reply("/quoted-action", type, new TextEncoder().encode(credentials("caf\u00e9")));
  assert.equal(description(utf8), "caf\u00e9");
});

test("UTF-16 with a BOM (LE and BE), whatever the header says", async () => {
  const text = credentials("\u00e9t\u00e9 \u20ac \u{1F600}", `<?xml version="1.0" encoding="UTF-16"?>`);
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  assert.equal(description(await reply("/u16le", "text/xml", le)), "\u00e9t\u00e9 \u20ac \u{1F600}");
  const be = Buffer.from(le);
  be.swap16();
  assert.equal(description(await reply("/u16be", "text/xml; charset=utf-16", be)), "\u00e9t\u00e9 \u20ac \u{1F600}");
});

test("an unsupported charset is refused with a DecodeError naming it", async () => {
  const e = await reply("/klingon", "text/xml; charset=x-klingon", Buffer.from(credentials("x")));
  assert.ok(isDecodeError(e), String(e));
  assert.match(e.message, /unsupported character encoding "x-klingon"/);
  const d = await reply("/klingon-decl", "text/xml", Buffer.from(credentials("x", `<?xml version="1.0" encoding="x-klingon"?>`)));
  assert.ok(isDecodeError(d), String(d));
});

test("invalid bytes in a non-2xx response make an HttpError (the status matters more), with a lenient excerpt", async () => {
  srv.handlers.set("/bad-500", (_req, _b, res) => res.writeHead(500, { "Content-Type": "text/plain" }).end(Buffer.from([0x62, 0x61, 0x64, 0xff])));
  const e = await new UserAgent({ endpoint: `${srv.base}/bad-500` }).getUntrustedCredentials({ UserId: 1 }).catch((err: unknown) => err);
  assert.equal((e as Error).name, "HttpError");
  assert.match((e as Error).message, /HTTP 500/);
});

test("100,000 nested elements are a DecodeError naming the depth bound, buffered and streamed, not a stack overflow", async () => {
  // A recursive type (SuperOffice's ExceptionInfo.InnerException) and xs:anyType content: the decoder descends
  // with the document, so without the reader's bound (MAX_DEPTH) these overflowed the stack as a RangeError.
  const { UserClient } = await import("../../generated/services75-user/index.js");
  const so = "http://www.superoffice.net/ws/crm/NetServer/Services75";
  const nested = (tag: string, n: number) => `${`<${tag}>`.repeat(n)}${`</${tag}>`.repeat(n)}`;
  const doc = (n: number) =>
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><ExceptionInfo xmlns="${so}">${nested("InnerException", n)}</ExceptionInfo>` +
    `<Succeeded xmlns="${so}">true</Succeeded></s:Header><s:Body><GetUntrustedCredentialsResponse xmlns="${so}"><Response/></GetUntrustedCredentialsResponse></s:Body></s:Envelope>`;
  const client = (text: string, strict = false) =>
    new UserClient({ endpoint: "http://user.test/", strict, fetch: async () => new Response(text, { headers: { "Content-Type": "text/xml" } }) });
  const refused = (e: unknown) => isDecodeError(e) && /elements nested deeper than 256 levels/.test(e.message);
  for (const strict of [false, true]) {
    await assert.rejects(client(doc(N), strict).getUntrustedCredentials({ Type: "imap" }), refused);
    await assert.rejects(async () => {
      for await (const item of client(doc(N), strict).getUntrustedCredentialsStream({ Type: "imap" })) void item;
    }, refused);
  }
  // Within the bound, the same chain decodes (the envelope, header and ExceptionInfo take three levels).
  assert.deepEqual(await client(doc(250)).getUntrustedCredentials({ Type: "imap" }), []);
  assert.equal(new XmlReader(nested("a", 256)).next(), 1);
  assert.throws(
    () => {
      const r = new XmlReader(nested("a", 257));
      while (r.next() !== 0);
    },
    (e: unknown) => e instanceof Error && /nested deeper than 256 levels/.test(e.message),
  );
});
