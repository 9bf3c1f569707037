/**
 * The generated User client (generated in-process from the REAL corpus Services75 User WSDL) against PHP's own
 * SOAP stack: `php -S` runs test/interop/php/router.php, a SoapServer in WSDL mode on that same WSDL. PHP decodes
 * with the schema (ints are ints, booleans booleans, xsi:nil → null, an absent element → a missing property), and
 * router.php persists what it decoded as JSON lines, read back here. What it proves:
 * - SaveUntrustedCredentials: the SOAP headers (through SoapServer's per-header methods ApplicationToken(),
 *   Credentials(), TimeZone()) and the body as PHP decoded them equal, field by field, what was passed to the
 *   client; null → null, absent → missing, exact dateTime text, special and non-ASCII strings, edge spaces and
 *   CR/LF/TAB; the raw request PHP received has xsi:nil for nulls, no element for absent fields, qualified
 *   elements, the WSDL's sequence order;
 * - nil and absent request headers arrive as null and as "header method never called";
 * - GetUntrustedCredentials: what PHP stored from the client, and values chosen here (a dateTime with offset and
 *   7 fractional digits, special strings, empty vs nil vs absent, a nil array item), decode losslessly;
 * - the Succeeded response header PHP adds (`$server->addSoapHeader` from inside the handler) comes back typed;
 * - Succeeded=false + ExceptionInfo from PHP → ServiceError with its cause chain, the ticket redacted;
 * - a SoapFault thrown by the handler → SoapFaultError with PHP's fault code, string and actor, ticket redacted;
 * - every one of the 66 User operations reaches PHP's handler under its own name with its simple parameters
 *   decoded as sent;
 * - PHP itself reported no error, warning or notice while serving all that.
 * Needs php-cli with ext/soap: skipped with a message locally when missing, a failure under CI (CI=true).
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ClientDescriptor, TypeTable } from "../../templates/runtime/descriptors.js";
import type { XmlElement } from "../../templates/runtime/xml.js";
import { canonical } from "../runtime/canonical.js";
import { loadGenerated } from "../helpers/client.js";
import { attribute, child, childNames, freePort, operationSamples, parseXml, phpSkip, PHP_BIN, plain, SOAP11_ENV, USER_WSDL, waitForHttp, XSI_NS } from "../helpers/peers.js";
import { corpusSkip } from "../helpers/shared.js";
import {
  asDecoded,
  asPeerDecodes,
  assertNoTicket,
  assertSaveRequest,
  CHOSEN,
  CHOSEN_DECODED,
  REQUEST_HEADERS,
  SAVE_A_ENVELOPE,
  SENT_A,
  SENT_B,
  TICKET,
  type Client,
  type ClientClass,
  type Guard,
} from "./fixtures.js";
import { tempDir } from "../helpers/tmp.js";

const PHP_DIR = fileURLToPath(new URL("./php/", import.meta.url));

/** One line of router.php's log: what PHP decoded for one call. */
interface Logged {
  readonly op: string;
  readonly headers: Record<string, unknown>;
  readonly args: unknown;
  readonly raw: string;
}

const skip = corpusSkip() || phpSkip();

describe("PHP SoapServer (ext/soap, WSDL mode) on the real Services75 User WSDL", { skip }, () => {
  let UserClient: ClientClass;
  let isServiceError: Guard;
  let isSoapFaultError: Guard;
  let descriptor: ClientDescriptor;
  let types: TypeTable;
  let wsdl: XmlElement;
  let dir = "";
  let logPath = "";
  let storePath = "";
  let php: ChildProcess | undefined;
  let phpOutput = "";
  let endpoint = "";

  /**
   * PHP's own diagnostics from the server's output: errors, warnings, notices, deprecations (and their stack
   * traces). The CLI server's connection lines ("Accepted", "Closing", "Closed without sending a request") are not.
   */
  function phpDiagnostics(): string {
    return phpOutput
      .split("\n")
      .filter((l) => /\bPHP (Fatal error|Parse error|Warning|Notice|Deprecated|Strict Standards|Recoverable fatal error|Stack trace|\s+\d+\.)|^spawn error/.test(l))
      .join("\n");
  }

  function logged(): Logged[] {
    if (!existsSync(logPath)) return [];
    return readFileSync(logPath, "utf8")
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => JSON.parse(l) as Logged);
  }

  function last(): Logged {
    const entry = logged().at(-1);
    assert.ok(entry, `PHP logged no call. PHP output:\n${phpDiagnostics()}`);
    return entry;
  }

  function client(headers: Record<string, unknown> = REQUEST_HEADERS): Client {
    return new UserClient({ endpoint, headers, timeout: 10_000 });
  }

  async function startPhp(): Promise<void> {
    // The port is free when chosen; should another process take it first, PHP exits and we try another.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      phpOutput = "";
      const env: NodeJS.ProcessEnv = { ...process.env, WSDLC_PHP_WSDL: USER_WSDL, WSDLC_PHP_LOG: logPath, WSDLC_PHP_STORE: storePath };
      delete env["PHP_CLI_SERVER_WORKERS"];
      // Errors, warnings and notices go to the server's stderr (checked by the last test), never into a response.
      const ini = ["-d", "display_errors=0", "-d", "log_errors=1", "-d", "error_log=", "-d", "error_reporting=-1"];
      const child = spawn(PHP_BIN, [...ini, "-S", `127.0.0.1:${port}`, "router.php"], {
        cwd: PHP_DIR,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout?.on("data", (c: Buffer) => (phpOutput += c.toString("utf8")));
      child.stderr?.on("data", (c: Buffer) => (phpOutput += c.toString("utf8")));
      child.on("error", (e) => (phpOutput += `\nspawn error: ${e.message}`));
      php = child;
      try {
        await waitForHttp(`http://127.0.0.1:${port}/ready`, { timeoutMs: 10_000, stillRunning: () => child.exitCode === null && child.signalCode === null });
        endpoint = `http://127.0.0.1:${port}/Remote/Services75/User.svc`;
        return;
      } catch (e) {
        await stopPhp();
        if (attempt >= 3 || !/Address already in use/i.test(phpOutput)) throw new Error(`php -S did not start: ${(e as Error).message}\n${phpOutput}`, { cause: e });
      }
    }
  }

  async function stopPhp(): Promise<void> {
    const child = php;
    php = undefined;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
    await exited;
    clearTimeout(timer);
  }

  before(async () => {
    dir = tempDir("wsdlc-php-");
    logPath = join(dir, "calls.jsonl");
    storePath = join(dir, "store.json");
    const [{ module }] = await Promise.all([loadGenerated([USER_WSDL]), startPhp()]);
    UserClient = module["UserClient"] as ClientClass;
    isServiceError = module["isServiceError"] as Guard;
    isSoapFaultError = module["isSoapFaultError"] as Guard;
    descriptor = module["userDescriptor"] as ClientDescriptor;
    types = module["typeTable"] as TypeTable;
    wsdl = parseXml(readFileSync(USER_WSDL, "utf8"));
  });

  after(async () => {
    await stopPhp();
    if (dir !== "") rmSync(dir, { recursive: true, force: true });
  });

  test("SaveUntrustedCredentials: PHP decodes exactly the SOAP headers and body the client was given", async () => {
    const result = await client().$invoke("saveUntrustedCredentials", SENT_A);
    const entry = last();
    assert.equal(entry.op, "SaveUntrustedCredentials");
    // Headers: PHP called ApplicationToken(), Credentials() and TimeZone() with the decoded values (typed: 5 is an int).
    assert.deepEqual(entry.headers, REQUEST_HEADERS);
    const args = entry.args as { Type: unknown; Credentials: Record<string, unknown> };
    assert.deepEqual(Object.keys(args), ["Type", "Credentials"]);
    assert.equal(args.Type, SENT_A.Type);
    const expected = asPeerDecodes(SENT_A.Credentials);
    for (const [k, v] of Object.entries(expected)) assert.deepEqual(args.Credentials[k], v, `Credentials.${k}`);
    assert.equal(Object.hasOwn(args.Credentials, "ValidTo"), false, "absent ValidTo → missing property");
    assert.equal(args.Credentials["SecretValue"], null, "nil SecretValue → null");
    assert.equal(args.Credentials["PublicValue"], "", "empty PublicValue → empty string");
    assert.equal(args.Credentials["IsActive"], false);
    assert.equal(args.Credentials["ValidFrom"], "2022-03-25T21:34:02.1234567+01:00");
    assert.deepEqual(args.Credentials, expected);
    assertSaveRequest(entry.raw, wsdl, SENT_A);
    assert.equal(canonical(entry.raw), canonical(SAVE_A_ENVELOPE));
    // The Succeeded header PHP added from inside the handler, typed.
    assert.deepEqual(plain(result.headers), { Succeeded: true });
    assert.equal(result.status, 200);
  });

  test("SaveUntrustedCredentials with a Date, an offset of -05:30, a nil PublicValue and a secret-looking value", async () => {
    await client().saveUntrustedCredentials(SENT_B);
    const entry = last();
    assert.deepEqual((entry.args as { Credentials: unknown }).Credentials, asPeerDecodes(SENT_B.Credentials));
    assert.equal((entry.args as { Credentials: { ValidTo: unknown } }).Credentials.ValidTo, "2031-12-31T22:59:58.007Z");
    assertSaveRequest(entry.raw, wsdl, SENT_B);
  });

  test("null and absent: nil headers → null, a header removed per call → its method never called; nil body fields → null", async () => {
    await client().saveUntrustedCredentials({ Type: null, Credentials: null }, { headers: { ApplicationToken: null, Credentials: { Ticket: null }, TimeZone: undefined } });
    const entry = last();
    assert.deepEqual(entry.headers, { ApplicationToken: null, Credentials: { Ticket: null } });
    assert.deepEqual(entry.args, { Type: null, Credentials: null });
    const env = parseXml(entry.raw);
    assert.deepEqual(childNames(child(env, "Header")).sort(), ["ApplicationToken", "Credentials"]);
    assert.equal(attribute(child(env, "Header", "ApplicationToken"), XSI_NS, "nil"), "true");
    assert.equal(attribute(child(env, "Header", "Credentials", "Ticket"), XSI_NS, "nil"), "true");

    await client().saveUntrustedCredentials({});
    assert.deepEqual(last().args, {}, "nothing sent → no property at all");
  });

  test("GetUntrustedCredentials: what PHP stored from the client decodes back to what was sent", async () => {
    const got = await client().getUntrustedCredentials({ Type: "imap" });
    assert.deepEqual(last().args, { Type: "imap" });
    assert.deepEqual(plain(got), [asDecoded(SENT_A.Credentials), asDecoded(SENT_B.Credentials)]);
  });

  test("GetUntrustedCredentials: values chosen for PHP to return decode losslessly, nil item included", async () => {
    const store = existsSync(storePath) ? (JSON.parse(readFileSync(storePath, "utf8")) as Record<string, unknown>) : {};
    store["chosen"] = [...CHOSEN, null, { Comment: "after the nil item" }];
    writeFileSync(storePath, JSON.stringify(store));
    let response = "";
    const c = new UserClient({ endpoint, headers: REQUEST_HEADERS, hooks: { onResponse: (e: { xml: string }) => void (response = e.xml) } });
    const result = await c.$invoke("getUntrustedCredentials", { Type: "chosen" });
    const body = plain(result.body) as unknown[];
    const expected = [...CHOSEN_DECODED, null, { Comment: "after the nil item" }];
    assert.equal(body.length, expected.length);
    for (let i = 0; i < expected.length; i++) assert.deepEqual(body[i], expected[i], `item ${i}`);
    assert.match(response, /<ns1:UntrustedCredentials xsi:nil="true"\/>/, "PHP wrote the null item as nil");
    assert.match(response, /<ns1:ValidFrom>2022-03-25T21:34:02\.1234567\+01:00<\/ns1:ValidFrom>/);
    assert.deepEqual(plain(result.headers), { Succeeded: true });
    assert.equal(result.headers["Succeeded"], true);
  });

  test("Succeeded=false with ExceptionInfo from PHP → ServiceError with the InnerException as cause; the ticket never shows", async () => {
    const e = await client()
      .saveUntrustedCredentials({ Type: "fail" })
      .then(
        () => assert.fail("no ServiceError"),
        (err: unknown) => err,
      );
    assert.ok(isServiceError(e), `${String(e)}\n${phpDiagnostics()}`);
    const err = e as Error & { operation: string; status: number; detail: unknown; headers: unknown };
    assert.equal(err.operation, "SaveUntrustedCredentials");
    assert.equal(err.status, 200);
    assert.equal(err.message, "SaveUntrustedCredentials: SoException: The ticket [redacted] has expired");
    const cause = err.cause as Error & { detail: unknown; cause?: unknown };
    assert.ok(isServiceError(cause));
    assert.equal(cause.message, 'SaveUntrustedCredentials: SqlException: Row <credentials> & "friends" not found');
    assert.equal(cause.cause, undefined);
    assert.deepEqual(plain(err.detail), {
      Message: `The ticket ${TICKET} has expired`,
      StackTrace: "at UserAgent.SaveUntrustedCredentials()\n at Dispatcher.Invoke()",
      ExceptionType: "SoException",
      Source: "php-peer",
      InnerException: { Message: 'Row <credentials> & "friends" not found', ExceptionType: "SqlException", InnerException: null },
      Parameters: { Ticket: TICKET, Type: "fail", Empty: null },
    });
    assert.equal((err.headers as { Succeeded?: unknown }).Succeeded, false);
    assertNoTicket([err.message, String(err), err.stack ?? "", cause.message, String(cause), cause.stack ?? ""]);
  });

  test("a SoapFault thrown by the PHP handler → SoapFaultError with its code, string and actor; the ticket never shows", async () => {
    const e = await client()
      .saveUntrustedCredentials({ Type: "fault" })
      .then(
        () => assert.fail("no SoapFaultError"),
        (err: unknown) => err,
      );
    assert.ok(isSoapFaultError(e), `${String(e)}\n${phpDiagnostics()}`);
    const err = e as Error & { operation: string; version: string; code: unknown; subcodes: unknown; reason: string; actor: unknown; status: number; detail: unknown };
    const reason = 'Ticket [redacted] may not store credentials of type "fault" & <friends>';
    assert.equal(err.name, "SoapFaultError");
    assert.equal(err.operation, "SaveUntrustedCredentials");
    assert.equal(err.version, "1.1");
    assert.deepEqual(err.code, { ns: SOAP11_ENV, local: "Client" });
    assert.deepEqual(err.subcodes, []);
    assert.equal(err.reason, reason);
    assert.equal(err.actor, "urn:wsdlc:php-peer");
    assert.equal(err.status, 500);
    assert.equal(err.detail, undefined);
    assert.equal(err.message, `SaveUntrustedCredentials: SOAP fault Client: ${reason}`);
    assertNoTicket([err.message, String(err), err.stack ?? "", err.reason]);
    assert.equal(last().op, "SaveUntrustedCredentials", "the handler did run");
  });

  test("every User operation reaches PHP's handler under its own name with its simple parameters as sent", async () => {
    const samples = operationSamples(descriptor, types);
    assert.equal(samples.length, 66);
    const c = client();
    for (const s of samples) {
      const before = logged().length;
      const result = await c.$invoke(s.method, s.input);
      const entries = logged();
      assert.equal(entries.length, before + 1, `${s.operation}\n${phpDiagnostics()}`);
      const entry = entries.at(-1)!;
      assert.equal(entry.op, s.operation, `${s.method} reached ${entry.op}`);
      assert.deepEqual(entry.args, s.expected, s.operation);
      assert.deepEqual(entry.headers, REQUEST_HEADERS, s.operation);
      assert.equal(result.headers["Succeeded"], true, s.operation);
    }
  });

  test("PHP reported no error, warning, notice or deprecation while serving", () => {
    assert.equal(phpDiagnostics(), "");
  });
});
