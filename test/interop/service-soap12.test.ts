/**
 * A generated SOAP 1.2 service (the SOAP 1.2 port of the corpus calculator.wsdl) answering PHP's SoapClient in
 * SOAP 1.2 (soap_version SOAP_1_2): PHP sends application/soap+xml with the action parameter and no SOAPAction
 * header; the service dispatches on it, answers in the 1.2 envelope with the 1.2 media type, and a SoapFault
 * thrown by the handler reaches PHP as a SOAP 1.2 fault (env:Sender, HTTP 400; env:Receiver, HTTP 500).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { after, before, describe, test } from "node:test";
import { loadGenerated } from "../helpers/client.js";
import { PHP_BIN, phpSkip } from "../helpers/peers.js";
import { CORPUS, corpusSkip } from "../helpers/shared.js";

const WSDL = join(CORPUS, "real", "calculator-dneonline", "calculator.wsdl");
const SCRIPT = fileURLToPath(new URL("./php/soapclient-soap12.php", import.meta.url));
const skip = corpusSkip() || phpSkip();

async function runPhp(args: readonly string[]): Promise<Record<string, unknown>> {
  const p = spawn(PHP_BIN, [...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  p.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
  p.stderr.on("data", (d: Buffer) => (err += d.toString("utf8")));
  const timer = setTimeout(() => p.kill("SIGKILL"), 60_000);
  const code = await new Promise<number | null>((resolve) => p.on("close", resolve));
  clearTimeout(timer);
  assert.equal(code, 0, err);
  assert.equal(err.trim(), "");
  return JSON.parse(out) as Record<string, unknown>;
}

describe("PHP SoapClient (SOAP 1.2) calls a generated SOAP 1.2 service", { skip }, () => {
  let server: Server;
  let url = "";
  const seen: { operation: string; version: string; soapAction: string }[] = [];

  before(async () => {
    const pkg = await loadGenerated([WSDL]);
    const svc = (await import(pathToFileURL(join(pkg.dir, "CalculatorSoap12Service.ts")).href)) as Record<string, unknown>;
    type Input = { intA: number; intB: number };
    type Call = { operation: string; version: string; soapAction: string };
    const SoapFault = svc["SoapFault"] as new (reason: string, o: object) => Error;
    const handlers = {
      add: (i: Input, c: Call) => (seen.push({ operation: c.operation, version: c.version, soapAction: c.soapAction }), i.intA + i.intB),
      subtract: (i: Input) => i.intA - i.intB,
      multiply: (i: Input) => i.intA * i.intB,
      divide: (i: Input) => {
        if (i.intB === 0) throw new SoapFault("Division by zero & <nothing>", { code: "Client" });
        return Math.trunc(i.intA / i.intB);
      },
    };
    const service = (svc["calculatorSoap12Service"] as (h: object) => unknown)(handlers);
    server = createServer((svc["toNodeListener"] as (s: unknown) => Parameters<typeof createServer>[0])(service));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/calculator.asmx`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test("Add answers in SOAP 1.2; a Sender fault is a SOAP 1.2 fault with HTTP 400", async () => {
    const r = await runPhp([SCRIPT, WSDL, url]);
    assert.deepEqual(r["add"], { AddResult: 42 });
    assert.deepEqual(seen, [{ operation: "Add", version: "1.2", soapAction: "http://tempuri.org/Add" }]);
    assert.match(String(r["addResponseHeaders"]), /^HTTP\/1\.1 200 OK/);
    assert.match(String(r["addResponseHeaders"]), /content-type: application\/soap\+xml; charset=utf-8/i);
    const divide = r["divide"] as { faultcode: string; faultstring: string; headers: string; raw: string };
    assert.equal(divide.faultcode, "soap:Sender"); // PHP gives the QName text as sent
    assert.equal(divide.faultstring, "Division by zero & <nothing>");
    assert.match(divide.headers, /^HTTP\/1\.1 400 Bad Request/);
    assert.match(divide.raw, /<soap:Envelope xmlns:soap="http:\/\/www\.w3\.org\/2003\/05\/soap-envelope"/);
    assert.match(
      divide.raw,
      /<soap:Code><soap:Value>soap:Sender<\/soap:Value><\/soap:Code><soap:Reason><soap:Text xml:lang="en">Division by zero &amp; &lt;nothing&gt;<\/soap:Text><\/soap:Reason>/,
    );
  });
});
