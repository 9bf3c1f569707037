/**
 * SOAP 1.2 against PHP's SoapServer (ext/soap, soap_version SOAP_1_2) on the corpus calculator.wsdl: the client
 * generated for its SOAP 1.2 port sends `application/soap+xml` with the action as a media-type parameter and no
 * SOAPAction header (SOAP 1.2 Part 2 §7.1.4), PHP answers in the 1.2 envelope, and a 1.2 fault (Code/Reason)
 * becomes a SoapFaultError with version "1.2". The SOAP 1.1 port of the same WSDL, against the same server, sends
 * text/xml with a SOAPAction header and PHP answers it in 1.1 (ext/soap answers in the version it was asked in).
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";
import { loadGenerated, type GeneratedPackage } from "../helpers/client.js";
import { freePort, PHP_BIN, phpSkip, waitForHttp } from "../helpers/peers.js";
import { CORPUS, corpusSkip } from "../helpers/shared.js";
import { tempDir } from "../helpers/tmp.js";

const WSDL = join(CORPUS, "real", "calculator-dneonline", "calculator.wsdl");
const ROUTER = fileURLToPath(new URL("./php/soap12.php", import.meta.url));
const skip = corpusSkip() || phpSkip();

describe("SOAP 1.2 with PHP's SoapServer", { skip }, () => {
  let php: ChildProcess | undefined;
  let url = "";
  let log = "";
  let pkg: GeneratedPackage;

  before(async () => {
    pkg = await loadGenerated([WSDL]);
    log = join(tempDir("wsdlc-soap12-"), "log.jsonl");
    writeFileSync(log, "");
    const port = await freePort();
    php = spawn(PHP_BIN, ["-d", "display_errors=0", "-S", `127.0.0.1:${port}`, ROUTER], {
      env: { ...process.env, WSDLC_PHP_WSDL: WSDL, WSDLC_PHP_LOG: log },
      stdio: "ignore",
    });
    url = `http://127.0.0.1:${port}/calculator.asmx`;
    await waitForHttp(url, { stillRunning: () => php?.exitCode === null });
  });
  after(() => {
    php?.kill();
  });

  type Calc = new (o: object) => Record<string, (input: unknown) => Promise<unknown>>;

  test("calls carry the 1.2 media type and action; answers decode", async () => {
    const Client = pkg.module["CalculatorSoap12Client"] as Calc;
    const calc = new Client({ endpoint: url });
    assert.equal(await calc["add"]?.({ intA: 20, intB: 22 }), 42);
    assert.equal(await calc["multiply"]?.({ intA: -6, intB: 7 }), -42);
    const seen = readFileSync(log, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { contentType: string; soapAction: string | null; raw: string });
    assert.equal(seen[0]?.contentType, 'application/soap+xml; charset=utf-8; action="http://tempuri.org/Add"');
    assert.equal(seen[0]?.soapAction, null);
    assert.match(seen[0]?.raw ?? "", /^<\?xml[^>]*\?><soap:Envelope xmlns:soap="http:\/\/www\.w3\.org\/2003\/05\/soap-envelope"/);
  });

  test("a SOAP 1.2 fault is a SoapFaultError with Code and Reason", async () => {
    const Client = pkg.module["CalculatorSoap12Client"] as Calc;
    const isSoapFaultError = pkg.module["isSoapFaultError"] as (e: unknown) => e is Error & { version: string; code: { local: string }; reason: string; status: number };
    const err = await new Client({ endpoint: url })["divide"]?.({ intA: 1, intB: 0 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(isSoapFaultError(err), String(err));
    assert.equal(err.version, "1.2");
    assert.equal(err.code.local, "Receiver");
    assert.equal(err.reason, "Division by zero");
    assert.equal(err.status, 500);
  });

  test("the SOAP 1.1 port of the same WSDL sends text/xml with a SOAPAction header, and PHP answers it in 1.1", async () => {
    const Client = pkg.module["CalculatorSoapClient"] as Calc;
    const before = readFileSync(log, "utf8").trim().split("\n").length;
    assert.equal(await new Client({ endpoint: url })["subtract"]?.({ intA: 50, intB: 8 }), 42);
    const seen = readFileSync(log, "utf8")
      .trim()
      .split("\n")
      .slice(before)
      .map((l) => JSON.parse(l) as { contentType: string; soapAction: string | null; raw: string });
    assert.equal(seen.length, 1);
    assert.equal(seen[0]?.contentType, "text/xml; charset=utf-8");
    assert.equal(seen[0]?.soapAction, '"http://tempuri.org/Subtract"');
    assert.match(seen[0]?.raw ?? "", /^<\?xml[^>]*\?><soap:Envelope xmlns:soap="http:\/\/schemas\.xmlsoap\.org\/soap\/envelope\/"/);
  });
});
