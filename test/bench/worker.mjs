// One contender of one benchmark row, in a process of its own (plain JavaScript: nothing here loads tsx).
// Usage: node --expose-gc worker.mjs TASK ARGS...; prints one JSON line with the task's figures. run.ts
// starts these in alternating order and takes medians; the process's peak RSS is read by rss-preload.cjs.
//
// PKG is a generated wsdlc package compiled to JavaScript (run.ts makes it from the Services75 User WSDL).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { request as httpRequest, Agent } from "node:http";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { NS, REQUEST, SOAP_ACTION, response } from "./fixtures.mjs";

const [task, ...args] = process.argv.slice(2);
const print = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);
const heap = () => {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const CREDENTIALS = `<Credentials xmlns="${NS}"><Ticket>7T:x</Ticket></Credentials>`;
/** A fetch that answers without a network: the canned response, as a real fetch would give it. */
const stubFetch = (text) => async () => new Response(text, { status: 200, headers: { "content-type": "text/xml; charset=utf-8" } });
/** The same for node-soap (its HttpClient interface): the canned body, asynchronously like a real one. */
const stubHttpClient = (text) => ({
  request(_url, _data, callback) {
    setImmediate(() => callback(null, { status: 200, headers: { "content-type": "text/xml; charset=utf-8" }, data: text }, text));
  },
});

async function wsdlcClient(pkg, options) {
  const m = await import(pathToFileURL(join(pkg, "index.js")).href);
  const client = new m.UserClient({ headers: { Credentials: { Ticket: "7T:x" } }, ...options });
  return { m, call: () => client.getUntrustedCredentials({ Type: "imap" }) };
}

async function soapClient(wsdl, options, endpoint) {
  const soap = await import("soap");
  const client = await soap.createClientAsync(wsdl, options, endpoint);
  client.addSoapHeader(CREDENTIALS);
  return { client, call: () => client.GetUntrustedCredentialsAsync({ Type: "imap" }) };
}

/** Times `n` calls, `concurrency` in flight at once; ms per call. */
async function drive(call, n, concurrency) {
  let next = 0;
  const lane = async () => {
    while (next < n) {
      next++;
      await call();
    }
  };
  const t = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, lane));
  return (performance.now() - t) / n;
}

/** Warms up with `warm` calls, then times `n`; for the per-call rows. */
async function perCall(call, warm, n, concurrency = 1) {
  await drive(call, warm, concurrency);
  return drive(call, n, concurrency);
}

/** Both clients' first answer must hold the items (wsdlc: the array; node-soap: [result, raw, ...]). */
async function check(result, label) {
  const r = await result;
  const list = label === "wsdlc" ? r : r?.[0]?.Response?.UntrustedCredentials;
  if (list === undefined || list === null) throw new Error(`${label}: the response did not decode to the credentials`);
}

const tasks = {
  // Cold start: import, construct, encode and send the first request (to a stub transport), decode the answer.
  async "cold-wsdlc"([pkg]) {
    const h0 = heap();
    const { call } = await wsdlcClient(pkg, { endpoint: "http://127.0.0.1:9/User.svc", fetch: stubFetch(response(1)) });
    await check(call(), "wsdlc");
    print({ heap: heap() - h0 });
  },
  async "cold-soap"([wsdl]) {
    const h0 = heap();
    const { call } = await soapClient(wsdl, { httpClient: stubHttpClient(response(1)) }, "http://127.0.0.1:9/User.svc");
    await check(call(), "node-soap");
    print({ heap: heap() - h0 });
  },
  async "cold-floor"() {
    print({});
  },

  // Per call without a network: encode + stub transport + decode, warmed up.
  async "call-wsdlc"([pkg, warm, n, items]) {
    const { call } = await wsdlcClient(pkg, { endpoint: "http://127.0.0.1:9/User.svc", fetch: stubFetch(response(Number(items))) });
    await check(call(), "wsdlc");
    print({ ms: await perCall(call, Number(warm), Number(n)) });
  },
  async "call-soap"([wsdl, warm, n, items]) {
    const { call } = await soapClient(wsdl, { httpClient: stubHttpClient(response(Number(items))) }, "http://127.0.0.1:9/User.svc");
    await check(call(), "node-soap");
    print({ ms: await perCall(call, Number(warm), Number(n)) });
  },
  async "call-codec"([pkg, warm, n, items]) {
    // wsdlc's encode and decode alone, as a call does them (same input, headers and response), without the
    // client around them: call-wsdlc ÷ this is 1 + the client's overhead outside encode/decode.
    const m = await import(pathToFileURL(join(pkg, "index.js")).href);
    const d = m.userDescriptor;
    const op = d.operations.getUntrustedCredentials;
    const headers = { Credentials: { Ticket: "7T:x" } };
    const xml = response(Number(items));
    const call = async () => {
      m.encodeRequest(d, op, { Type: "imap" }, headers, { secrets: new Set() });
      return m.decodeResponse(d, op, xml).body;
    };
    await check(call(), "wsdlc");
    print({ ms: await perCall(call, Number(warm), Number(n)) });
  },
  async "call-floor"([, warm, n, items]) {
    // The stub transport alone: what any fetch-based client pays before encoding or decoding anything.
    const f = stubFetch(response(Number(items)));
    const call = async () => (await f()).text();
    print({ ms: await perCall(call, Number(warm), Number(n)) });
  },

  // Decoding one big response, in memory.
  async "decode-wsdlc"([pkg, items, warm, n]) {
    const m = await import(pathToFileURL(join(pkg, "index.js")).href);
    const op = m.userDescriptor.operations.getUntrustedCredentials;
    const xml = response(Number(items));
    await timeRepeated(
      () => m.decodeResponse(m.userDescriptor, op, xml),
      items,
      warm,
      n,
      (r) => r.body.length,
    );
  },
  async "decode-soap"([wsdl, items, warm, n]) {
    const soap = await import("soap");
    const client = await soap.createClientAsync(wsdl);
    const xml = response(Number(items));
    await timeRepeated(
      () => client.wsdl.xmlToObject(xml),
      items,
      warm,
      n,
      (r) => toArray(r.Body.GetUntrustedCredentialsResponse.Response.UntrustedCredentials).length,
    );
  },
  async "decode-tokenizer"([pkg, items, warm, n]) {
    // The runtime's own XML tokenizer over the same text, reading every name and text: no typing, no objects.
    const { XmlReader, EOF, TEXT, START } = await import(pathToFileURL(join(pkg, "runtime", "xml.js")).href);
    const xml = response(Number(items));
    await timeRepeated(
      () => {
        const r = new XmlReader(xml);
        let starts = 0;
        for (let k = r.next(); k !== EOF; k = r.next()) {
          if (k === TEXT) r.text;
          else if (k === START && r.local === "UntrustedCredentials") starts++;
        }
        return starts;
      },
      items,
      warm,
      n,
      (c) => c,
    );
  },
  async "decode-saxes"([, items, warm, n]) {
    const { SaxesParser } = await import("saxes");
    const xml = response(Number(items));
    await timeRepeated(
      () => {
        const p = new SaxesParser({ xmlns: true });
        let starts = 0;
        p.on("opentag", (t) => {
          if (t.local === "UntrustedCredentials") starts++;
        });
        p.on("text", () => {});
        p.write(xml).close();
        return starts;
      },
      items,
      warm,
      n,
      (c) => c,
    );
  },

  // Calls over HTTP to the server process at URL, warmed up; ms per call at the given concurrency.
  async "http-wsdlc"([pkg, url, concurrency, warm, n]) {
    const { call } = await wsdlcClient(pkg, { endpoint: url });
    await check(call(), "wsdlc");
    print({ ms: await perCall(call, Number(warm), Number(n), Number(concurrency)) });
  },
  async "http-soap"([wsdl, url, concurrency, warm, n]) {
    const { call } = await soapClient(wsdl, {}, url);
    await check(call(), "node-soap");
    print({ ms: await perCall(call, Number(warm), Number(n), Number(concurrency)) });
  },
  async "http-fetch"([, url, concurrency, warm, n]) {
    const headers = { "content-type": "text/xml; charset=utf-8", soapaction: SOAP_ACTION };
    const call = async () => (await fetch(url, { method: "POST", headers, body: REQUEST })).text();
    print({ ms: await perCall(call, Number(warm), Number(n), Number(concurrency)) });
  },
  async "http-request"([, url, concurrency, warm, n]) {
    const agent = new Agent({ keepAlive: true });
    const body = Buffer.from(REQUEST);
    const headers = { "content-type": "text/xml; charset=utf-8", soapaction: SOAP_ACTION, "content-length": body.length };
    const call = () =>
      new Promise((ok, fail) => {
        const req = httpRequest(url, { method: "POST", agent, headers }, (res) => {
          const chunks = [];
          res.on("data", (c) => chunks.push(c));
          res.on("end", () => ok(Buffer.concat(chunks).toString("utf8")));
          res.on("error", fail);
        });
        req.on("error", fail);
        req.end(body);
      });
    print({ ms: await perCall(call, Number(warm), Number(n), Number(concurrency)) });
    agent.destroy();
  },

  // A big response over HTTP, read to its last item: wsdlc's streamed method, node-soap with `stream: true`, and
  // bare http.request discarding the bytes. `baseRss` is the process's RSS just before the call.
  async "stream-wsdlc"([pkg, url, items]) {
    const m = await import(pathToFileURL(join(pkg, "index.js")).href);
    const client = new m.UserClient({ endpoint: url, timeout: 0, headers: { Credentials: { Ticket: "7T:x" } } });
    const baseRss = process.memoryUsage().rss;
    const t = performance.now();
    let count = 0;
    for await (const item of client.getUntrustedCredentialsStream({ Type: "imap" })) if (item !== undefined) count++;
    const ms = performance.now() - t;
    if (count !== Number(items)) throw new Error(`stream-wsdlc: ${count} items, expected ${items}`);
    print({ ms, baseRss });
  },
  async "stream-soap"([wsdl, url, items]) {
    const soap = await import("soap");
    const client = await soap.createClientAsync(wsdl, { stream: true }, url);
    client.addSoapHeader(CREDENTIALS);
    const baseRss = process.memoryUsage().rss;
    const t = performance.now();
    const [result] = await client.GetUntrustedCredentialsAsync({ Type: "imap" });
    const ms = performance.now() - t;
    const count = toArray(result?.Response?.UntrustedCredentials).length;
    if (count !== Number(items)) throw new Error(`stream-soap: ${count} items, expected ${items}`);
    print({ ms, baseRss });
  },
  async "stream-floor"([, url]) {
    const body = Buffer.from(REQUEST);
    const headers = { "content-type": "text/xml; charset=utf-8", soapaction: SOAP_ACTION, "content-length": body.length };
    const baseRss = process.memoryUsage().rss;
    const t = performance.now();
    await new Promise((ok, fail) => {
      const req = httpRequest(url, { method: "POST", headers }, (res) => {
        res.on("data", () => {});
        res.on("end", ok);
        res.on("error", fail);
      });
      req.on("error", fail);
      req.end(body);
    });
    print({ ms: performance.now() - t, baseRss });
  },

  // Generation floor: node starting and writing the same files a generator wrote (BLOB: {path: text}).
  async "write-floor"([blob, outDir]) {
    const files = JSON.parse(readFileSync(blob, "utf8"));
    for (const [path, text] of Object.entries(files)) {
      const target = join(outDir, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
    print({ files: Object.keys(files).length });
  },
};

function toArray(x) {
  return Array.isArray(x) ? x : x === undefined ? [] : [x];
}

/** Decodes `warm` times untimed, then `n` times timed; prints the median ms and checks the item count. */
async function timeRepeated(f, items, warm, n, count) {
  const want = Number(items);
  for (let i = 0; i < Number(warm); i++) f();
  const samples = [];
  for (let i = 0; i < Number(n); i++) {
    const t = performance.now();
    const r = f();
    samples.push(performance.now() - t);
    if (count(r) !== want) throw new Error(`${task}: decoded ${count(r)} items, expected ${want}`);
  }
  print({ ms: median(samples) });
}

const run = tasks[task];
if (run === undefined) {
  process.stderr.write(`worker: unknown task ${task}\n`);
  process.exit(2);
}
await run(args);
