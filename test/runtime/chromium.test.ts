/**
 * The generated clients run in a real browser: headless Chromium (Debian's `chromium`, driven by playwright-core)
 * loads a page from one loopback origin whose script, the committed User client (SOAP 1.1) and a generated
 * SOAP 1.2 client bundled by esbuild, calls a SOAP server on another origin through CORS. A server that does
 * not allow the page's origin is refused by the browser, and the client reports a typed TransportError.
 *
 * Needs /usr/bin/chromium (`apt-get install -y chromium`; .ci/run installs it): skipped with a message without it,
 * an error under CI=true.
 */
import assert from "node:assert/strict";
import { existsSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { test } from "node:test";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { generateDocs, ROOT, writePackage, wsdlAround } from "../helpers/generate.js";
import { tempDir } from "../helpers/tmp.js";

const CHROMIUM = "/usr/bin/chromium";
const NS = "http://www.superoffice.net/ws/crm/NetServer/Services75";

function skip(): false | string {
  if (existsSync(CHROMIUM)) return false;
  if (process.env["CI"]) throw new Error(`${CHROMIUM} is missing; CI installs Debian's chromium (see .ci/run)`);
  return `${CHROMIUM} not found (apt-get install -y chromium): the real-browser test is skipped`;
}

const SOAP12_SCHEMA = `
  <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="a" type="xs:int"/><xs:element name="b" type="xs:int"/></xs:sequence></xs:complexType></xs:element>
  <xs:element name="Resp"><xs:complexType><xs:sequence><xs:element name="sum" type="xs:long"/><xs:element name="note" type="xs:string"/></xs:sequence></xs:complexType></xs:element>`;

interface Seen {
  readonly method: string;
  readonly contentType: string;
  readonly soapAction: string | undefined;
  readonly origin: string | undefined;
  readonly body: string;
}

function listen(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (body += c));
    req.on("end", () => handler(req, res, body));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

test("the generated clients call a cross-origin SOAP server from headless Chromium (SOAP 1.1 and 1.2, CORS)", { skip: skip(), timeout: 120_000 }, async () => {
  // The SOAP 1.2 client, generated from a snippet; the SOAP 1.1 client is the committed User package.
  const dir = tempDir("wsdlc-chromium-");
  const r = await generateDocs({ "mem:/calc.wsdl": wsdlAround({ schema: SOAP12_SCHEMA, soap12: true }) });
  assert.deepEqual(r.diagnostics, []);
  writePackage(join(dir, "calc"), r.files);
  const entry = join(dir, "entry.ts");
  writeFileSync(
    entry,
    [
      `import { UserClient, isTransportError } from ${JSON.stringify(join(ROOT, "generated", "services75-user", "index.ts"))};`,
      'import { TestClient } from "./calc/index.ts";',
      "(globalThis as Record<string, unknown>)['run'] = async (soap: string, closed: string) => {",
      '  const user = new UserClient({ endpoint: `${soap}/User.svc`, headers: { Credentials: { Ticket: "7T:browser" } } });',
      '  const creds = await user.getUntrustedCredentials({ Type: "imap" });',
      "  const calc = new TestClient({ endpoint: `${soap}/calc` });",
      "  const sum = await calc.op({ a: 20, b: 22 });",
      "  let refused = '';",
      "  try { await new UserClient({ endpoint: `${closed}/User.svc` }).getUntrustedCredentials({ Type: 'imap' }); } catch (e) { refused = isTransportError(e) ? `TransportError ${e.kind}` : String(e); }",
      "  return JSON.stringify({ creds, sum: { sum: String(sum.sum), note: sum.note }, refused, agent: navigator.userAgent });",
      "};",
      "",
    ].join("\n"),
  );
  const bundle = await build({ entryPoints: [entry], bundle: true, platform: "browser", format: "iife", target: "es2022", write: false, logLevel: "silent" });
  const script = bundle.outputFiles[0]?.text ?? "";

  const page = await listen((req, res) => {
    if (req.url === "/app.js") res.writeHead(200, { "content-type": "text/javascript" }).end(script);
    else res.writeHead(200, { "content-type": "text/html" }).end('<!doctype html><meta charset="utf-8"><script src="/app.js"></script>');
  });
  const seen: Seen[] = [];
  const soap = await listen((req, res, body) => {
    seen.push({
      method: req.method ?? "",
      contentType: req.headers["content-type"] ?? "",
      soapAction: req.headers["soapaction"] as string | undefined,
      origin: req.headers.origin,
      body,
    });
    const cors = { "access-control-allow-origin": page.origin, "access-control-allow-headers": "content-type, soapaction", "access-control-allow-methods": "POST" };
    if (req.method === "OPTIONS") return void res.writeHead(204, cors).end();
    if (req.url === "/User.svc") {
      return void res
        .writeHead(200, { ...cors, "content-type": "text/xml; charset=utf-8" })
        .end(
          `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><Succeeded xmlns="${NS}">true</Succeeded></s:Header><s:Body><GetUntrustedCredentialsResponse xmlns="${NS}"><Response><UntrustedCredentials><ValidFrom>2022-03-25T21:34:02.1234567+01:00</ValidFrom><Comment>Ærø &amp; co</Comment><IsActive>true</IsActive></UntrustedCredentials></Response></GetUntrustedCredentialsResponse></s:Body></s:Envelope>`,
        );
    }
    res
      .writeHead(200, { ...cors, "content-type": "application/soap+xml; charset=utf-8" })
      .end(
        `<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><Resp xmlns="urn:test"><sum>9007199254740993</sum><note>&lt;ok&gt;</note></Resp></e:Body></e:Envelope>`,
      );
  });
  // A server that answers but grants no CORS: the browser must not hand its answer to the page.
  const closed = await listen((_req, res) => res.writeHead(200, { "content-type": "text/xml" }).end("<x/>"));

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on("pageerror", (e) => errors.push(e.message));
    await tab.goto(page.origin);
    const result = JSON.parse(
      await tab.evaluate(([s, c]) => (globalThis as unknown as { run(s: string, c: string): Promise<string> }).run(s, c), [soap.origin, closed.origin] as const),
    ) as {
      creds: unknown;
      sum: unknown;
      refused: string;
      agent: string;
    };
    assert.deepEqual(errors, []);
    assert.match(result.agent, /Chrome\//);
    assert.deepEqual(result.creds, [{ ValidFrom: "2022-03-25T21:34:02.1234567+01:00", Comment: "Ærø & co", IsActive: true }]);
    assert.deepEqual(result.sum, { sum: "9007199254740993", note: "<ok>" });
    assert.equal(result.refused, "TransportError network");

    const posts = seen.filter((s) => s.method === "POST");
    assert.equal(posts.length, 2);
    assert.ok(
      seen.some((s) => s.method === "OPTIONS"),
      "the browser sent a CORS preflight",
    );
    const [user, calc] = posts;
    assert.equal(user?.origin, page.origin);
    assert.match(user?.contentType ?? "", /^text\/xml; charset=utf-8$/);
    assert.equal(user?.soapAction, `"${NS}/User/GetUntrustedCredentials"`);
    assert.match(user?.body ?? "", /<ns1:Ticket>7T:browser<\/ns1:Ticket>/);
    assert.match(calc?.contentType ?? "", /^application\/soap\+xml; charset=utf-8; action="urn:test\/Op"$/);
    assert.equal(calc?.soapAction, undefined);
    assert.match(calc?.body ?? "", /^<\?xml[^>]*\?><[a-z0-9]+:Envelope xmlns:[a-z0-9]+="http:\/\/www\.w3\.org\/2003\/05\/soap-envelope"/);
  } finally {
    await browser.close();
    for (const s of [page, soap, closed]) s.server.close();
  }
});
