/**
 * The generated User client (generated in-process from the REAL corpus Services75 User WSDL) against node-soap's
 * SOAP server (`soap` 1.13, `soap.listen`) serving that same WSDL on 127.0.0.1. What it proves:
 * - SaveUntrustedCredentials: the body arguments and the ApplicationToken / Credentials.Ticket / TimeZone SOAP
 *   headers as node-soap decoded them equal, field by field, what was passed to the client: absent fields stay
 *   absent, null fields arrive as xsi:nil, dateTimes keep their offset and 7 fractional digits, a Date is sent as
 *   its ISO instant, markup characters, `]]>`, CR/LF/TAB, edge spaces and non-ASCII survive. The raw request
 *   (captured on the HTTP server before node-soap sees it) has `xsi:nil="true"` on the null field, no element for
 *   the absent one, every element namespace-qualified, and elements in the sequence order the WSDL declares.
 * - GetUntrustedCredentials: node-soap's answer, both what it stored from the client and values this test chose,
 *   decodes losslessly (exact dateTime strings, booleans, special strings, empty string vs nil vs absent).
 * - Response SOAP headers come back typed through `$invoke` (Succeeded, ExtraInfo dictionary, TimeZone).
 * - Succeeded=false + ExceptionInfo → ServiceError whose message and `cause` chain follow ExceptionInfo and its
 *   InnerException, and the request's Ticket (echoed by the server) never appears in any message.
 * - Every one of the 66 User operations reaches the matching node-soap operation with its simple parameters
 *   decoded as sent, and its response (with the Succeeded header) decodes.
 * node-soap's own lossy defaults and output bugs are pinned separately ("node-soap quirks"), with the evidence in
 * comments; our side is never weakened to fit them.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import * as soap from "soap";
import type { ClientDescriptor, TypeTable } from "../../templates/runtime/descriptors.js";
import type { XmlElement } from "../../templates/runtime/xml.js";
import { canonical } from "../runtime/canonical.js";
import { loadGenerated } from "../helpers/client.js";
import { attribute, child, childNames, operationSamples, parseXml, plain, SO_NS, textOf, USER_WSDL, XSI_NS } from "../helpers/peers.js";
import { corpusSkip } from "../helpers/shared.js";
import {
  ACTION,
  asDecoded,
  asPeerDecodes,
  assertNoTicket,
  assertSaveRequest,
  CHOSEN,
  CHOSEN_DECODED,
  escapeXml,
  REQUEST_HEADERS,
  SAVE_A_ENVELOPE,
  SENT_A,
  SENT_B,
  TICKET,
  type Client,
  type ClientClass,
  type Guard,
} from "./fixtures.js";

/** What one node-soap operation handler saw. */
interface Call {
  readonly server: "lossless" | "defaults";
  readonly operation: string;
  readonly args: unknown;
  readonly headers: unknown;
}
interface RawRequest {
  readonly path: string;
  readonly soapAction: string | undefined;
  readonly body: string;
}

const LOSSLESS_PATH = "/Remote/Services75/User.svc";
const DEFAULTS_PATH = "/defaults/Services75/User.svc";

/**
 * The request headers as node-soap decodes them. Observed with node-soap 1.13: the server types the Body by the
 * schema (FieldLength arrives as the number 255, IsActive as a boolean) but not the SOAP headers, whose leaves stay
 * text: SoTimeZoneId arrives as "5" although the client sent <SoTimeZoneId>5</SoTimeZoneId> for the xs:int 5.
 */
const HEADERS_AS_NODESOAP_DECODES = {
  ApplicationToken: REQUEST_HEADERS.ApplicationToken,
  Credentials: { Ticket: TICKET },
  TimeZone: { SoTimeZoneId: "5", SoTimeZoneLocationCode: "Europe/Oslo" },
};

function ticketOf(headers: unknown): string {
  const t = (headers as { Credentials?: { Ticket?: unknown } } | undefined)?.Credentials?.Ticket;
  return typeof t === "string" ? t : "(none)";
}

/**
 * Response SOAP headers. node-soap calls this before the operation handler, with the decoded body and headers, and
 * splices the returned string into <soap:Header> as is (so it declares its own namespaces).
 */
function responseHeaders(methodName: string, args: unknown, headers: unknown): string {
  const type = (args as { Type?: unknown } | null)?.Type;
  const so = `xmlns="${SO_NS}" xmlns:xsi="${XSI_NS}"`;
  if (methodName === "SaveUntrustedCredentials" && type === "fail") {
    const ticket = escapeXml(ticketOf(headers));
    return (
      `<ExceptionInfo ${so}>` +
      `<Message>The ticket ${ticket} has expired</Message>` +
      `<StackTrace>at UserAgent.SaveUntrustedCredentials()&#13;\n   at Dispatcher.Invoke()</StackTrace>` +
      `<FriendlyText xsi:nil="true"/>` +
      `<ExceptionType>SoException</ExceptionType>` +
      `<Source>node-soap peer</Source>` +
      `<InnerException><Message>Row &lt;credentials&gt; &amp; "friends" not found</Message><ExceptionType>SqlException</ExceptionType><InnerException xsi:nil="true"/></InnerException>` +
      `<Parameters>` +
      `<SoExceptionInfoParametersKeyValuePair><Key>Ticket</Key><Value>${ticket}</Value></SoExceptionInfoParametersKeyValuePair>` +
      `<SoExceptionInfoParametersKeyValuePair><Key>Type</Key><Value>fail</Value></SoExceptionInfoParametersKeyValuePair>` +
      `<SoExceptionInfoParametersKeyValuePair><Key>Empty</Key><Value xsi:nil="true"/></SoExceptionInfoParametersKeyValuePair>` +
      `</Parameters>` +
      `</ExceptionInfo>` +
      `<Succeeded xmlns="${SO_NS}">false</Succeeded>`
    );
  }
  if (methodName === "GetUntrustedCredentials") {
    return (
      `<ExtraInfo ${so}><ExtraInfoNameValuePair><Key>server</Key><Value>node-soap &amp; friends</Value></ExtraInfoNameValuePair>` +
      `<ExtraInfoNameValuePair><Key>nothing</Key><Value xsi:nil="true"/></ExtraInfoNameValuePair></ExtraInfo>` +
      `<Succeeded xmlns="${SO_NS}">true</Succeeded>` +
      `<TimeZone ${so}><SoTimeZoneId>-7</SoTimeZoneId><SoTimeZoneLocationCode>UTC</SoTimeZoneLocationCode></TimeZone>`
    );
  }
  return `<Succeeded xmlns="${SO_NS}">true</Succeeded>`;
}

describe("node-soap server on the real Services75 User WSDL", { skip: corpusSkip() }, () => {
  let UserClient: ClientClass;
  let isServiceError: Guard;
  let isDecodeError: Guard;
  let descriptor: ClientDescriptor;
  let types: TypeTable;
  let wsdlText: string;
  let wsdl: XmlElement;
  let http: HttpServer;
  let base = "";
  const calls: Call[] = [];
  const raw: RawRequest[] = [];
  /** node-soap's storage for the lossless server: credentials by type, as node-soap decoded them. */
  const store = new Map<string, unknown[]>();

  function services(server: Call["server"], operations: readonly string[]): soap.IServices {
    const port: Record<string, soap.ISoapServiceMethod> = {};
    for (const operation of operations) {
      port[operation] = (args: unknown, _callback: unknown, headers: unknown) => {
        calls.push({ server, operation, args, headers });
        const type = (args as { Type?: unknown } | null)?.Type;
        if (server === "lossless" && operation === "SaveUntrustedCredentials" && typeof type === "string" && type !== "fail") {
          store.set(type, [...(store.get(type) ?? []), (args as { Credentials?: unknown }).Credentials]);
        }
        if (operation === "GetUntrustedCredentials") {
          if (type === "undeclared-xsi") return { Response: { UntrustedCredentials: [{ Comment: null }] } };
          if (type === "null-item") return { Response: { attributes: { "xmlns:xsi": XSI_NS }, UntrustedCredentials: [null, { Comment: "after" }] } };
          // node-soap writes xsi:nil for null but never declares the xsi prefix (see the quirks test): the
          // attributes key declares it on <Response>, so nil values reach the client in well-formed XML.
          return { Response: { attributes: { "xmlns:xsi": XSI_NS }, UntrustedCredentials: store.get(String(type)) ?? [] } };
        }
        return {};
      };
    }
    return { WcfUserService: { BasicHttpBinding_User: port } };
  }

  /** `customDeserializer` is typed on node-soap's client options only, but the server's WSDL honours it too. */
  type ListenOptions = Partial<soap.IServerOptions> & { customDeserializer?: Record<string, (text: string) => unknown> };

  function listen(path: string, server: Call["server"], options: ListenOptions): Promise<soap.Server> {
    return new Promise((resolve, reject) => {
      const s = soap.listen(http, {
        path,
        services: services(
          server,
          Object.values(descriptor.operations).map((o) => o.name),
        ),
        xml: wsdlText,
        ...options,
        callback: (err: unknown) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(s)),
      });
    });
  }

  function client(path = LOSSLESS_PATH, headers: Record<string, unknown> = REQUEST_HEADERS): Client {
    return new UserClient({ endpoint: `${base}${path}`, headers, timeout: 10_000 });
  }

  function lastCall(): Call {
    const c = calls.at(-1);
    assert.ok(c, "node-soap received no call");
    return c;
  }

  function lastRaw(): RawRequest {
    const r = raw.at(-1);
    assert.ok(r, "the HTTP server saw no request");
    return r;
  }

  before(async () => {
    wsdlText = readFileSync(USER_WSDL, "utf8");
    wsdl = parseXml(wsdlText);
    const { module } = await loadGenerated([USER_WSDL]);
    UserClient = module["UserClient"] as ClientClass;
    isServiceError = module["isServiceError"] as Guard;
    isDecodeError = module["isDecodeError"] as Guard;
    descriptor = module["userDescriptor"] as ClientDescriptor;
    types = module["typeTable"] as TypeTable;

    http = createServer();
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

    // Lossless configuration: nil → null (instead of dropping the element), dateTime kept as its lexical text
    // (instead of a JS Date), text not trimmed. node-soap 1.13 accepts `preserveWhitespace` in the server options
    // but never copies it into the WSDL's parser options (only its Client does, client.js:
    // `this.wsdl.options.preserveWhitespace = !!options.preserveWhitespace`), so it is set the same way here.
    const lossless = await listen(LOSSLESS_PATH, "lossless", {
      handleNilAsNull: true,
      customDeserializer: { dateTime: (text: string) => text },
    });
    (lossless as unknown as { wsdl: { options: { preserveWhitespace?: boolean } } }).wsdl.options.preserveWhitespace = true;
    lossless.addSoapHeader(responseHeaders);
    // node-soap's defaults, for the quirks test.
    const defaults = await listen(DEFAULTS_PATH, "defaults", {});
    defaults.addSoapHeader(responseHeaders);

    // Raw capture. soap.listen (once the WSDL is parsed) removes every 'request' listener already on the server
    // and only calls them for paths it does not serve, so a capture listener must be added after it, in front.
    http.prependListener("request", (req: IncomingMessage) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const soapAction = req.headers["soapaction"];
        raw.push({ path: req.url ?? "", soapAction: Array.isArray(soapAction) ? soapAction[0] : soapAction, body: Buffer.concat(chunks).toString("utf8") });
      });
    });
  });

  after(async () => {
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
  });

  test("SaveUntrustedCredentials: node-soap decodes exactly the body and SOAP headers the client was given", async () => {
    const c = client();
    assert.equal(await c.saveUntrustedCredentials(SENT_A), undefined);
    const call = lastCall();
    assert.equal(call.server, "lossless");
    assert.equal(call.operation, "SaveUntrustedCredentials");
    const args = call.args as { Type: unknown; Credentials: Record<string, unknown> };
    assert.deepEqual(Object.keys(args), ["Type", "Credentials"]);
    assert.equal(args.Type, SENT_A.Type);
    const expected = asPeerDecodes(SENT_A.Credentials);
    // Field by field first (readable failures), then the whole object (nothing extra, nothing missing).
    for (const [k, v] of Object.entries(expected)) assert.deepEqual(args.Credentials[k], v, `Credentials.${k}`);
    assert.equal(Object.hasOwn(args.Credentials, "ValidTo"), false, "the absent ValidTo stays absent");
    assert.equal(args.Credentials["SecretValue"], null, "the null SecretValue arrives as nil");
    assert.equal(args.Credentials["PublicValue"], "", "the empty PublicValue arrives as an empty string");
    assert.deepEqual(args.Credentials, expected);
    assert.deepEqual(call.headers, HEADERS_AS_NODESOAP_DECODES);

    // The raw request as it reached the server.
    const r = lastRaw();
    assert.equal(r.path, LOSSLESS_PATH);
    assert.equal(r.soapAction, `"${ACTION}SaveUntrustedCredentials"`);
    assertSaveRequest(r.body, wsdl, SENT_A);
    assert.equal(canonical(r.body), canonical(SAVE_A_ENVELOPE));
    assert.match(r.body, /<([\w.-]+:)?SecretValue xsi:nil="true"\/>/);
    assert.doesNotMatch(r.body, /ValidTo/);
  });

  test("SaveUntrustedCredentials with a Date, an offset of -05:30, a nil PublicValue and a secret-looking value", async () => {
    await client().saveUntrustedCredentials(SENT_B);
    const args = lastCall().args as { Credentials: Record<string, unknown> };
    assert.deepEqual(args.Credentials, asPeerDecodes(SENT_B.Credentials));
    assert.equal(args.Credentials["ValidTo"], "2031-12-31T22:59:58.007Z");
    assertSaveRequest(lastRaw().body, wsdl, SENT_B);
  });

  test("null and absent SOAP headers: nil header → null, header removed per call → absent", async () => {
    await client().saveUntrustedCredentials({ Type: null, Credentials: null }, { headers: { ApplicationToken: null, Credentials: { Ticket: null }, TimeZone: undefined } });
    const call = lastCall();
    assert.deepEqual(call.args, { Type: null, Credentials: null });
    assert.deepEqual(call.headers, { ApplicationToken: null, Credentials: { Ticket: null } });
    const env = parseXml(lastRaw().body);
    assert.deepEqual(childNames(child(env, "Header")).sort(), ["ApplicationToken", "Credentials"]);
    assert.equal(attribute(child(env, "Header", "ApplicationToken"), XSI_NS, "nil"), "true");
    assert.equal(attribute(child(env, "Header", "Credentials", "Ticket"), XSI_NS, "nil"), "true");
    assert.equal(attribute(child(env, "Body", "SaveUntrustedCredentials", "Type"), XSI_NS, "nil"), "true");
    assert.equal(attribute(child(env, "Body", "SaveUntrustedCredentials", "Credentials"), XSI_NS, "nil"), "true");
  });

  test("GetUntrustedCredentials: what node-soap stored from the client decodes back to what was sent", async () => {
    const got = await client().getUntrustedCredentials({ Type: "imap" });
    assert.deepEqual(lastCall().args, { Type: "imap" });
    assert.deepEqual(plain(got), [asDecoded(SENT_A.Credentials), asDecoded(SENT_B.Credentials)]);
  });

  test("GetUntrustedCredentials: values chosen by the server decode losslessly, with typed response headers", async () => {
    store.set("chosen", [...CHOSEN]);
    const result = await client().$invoke("getUntrustedCredentials", { Type: "chosen" });
    assert.equal(result.status, 200);
    const body = plain(result.body) as Record<string, unknown>[];
    assert.equal(body.length, CHOSEN_DECODED.length);
    for (let i = 0; i < CHOSEN_DECODED.length; i++) assert.deepEqual(body[i], CHOSEN_DECODED[i], `item ${i}`);
    assert.equal(body[0]?.["ValidFrom"], "2022-03-25T21:34:02.1234567+01:00", "exact lexical dateTime");
    assert.equal(body[0]?.["SecretValue"], null);
    assert.equal(body[0]?.["PublicValue"], "");
    assert.equal(Object.hasOwn(body[3] ?? {}, "Comment"), false);
    assert.deepEqual(plain(result.headers), {
      ExtraInfo: { server: "node-soap & friends", nothing: null },
      Succeeded: true,
      TimeZone: { SoTimeZoneId: -7, SoTimeZoneLocationCode: "UTC" },
    });
    assert.equal(result.headers["Succeeded"], true);
  });

  test("Succeeded=false with ExceptionInfo → ServiceError with the InnerException as cause; the ticket never shows", async () => {
    const e = await client()
      .saveUntrustedCredentials({ Type: "fail", Credentials: { Comment: "x" } })
      .then(
        () => assert.fail("no ServiceError"),
        (err: unknown) => err,
      );
    assert.ok(isServiceError(e), String(e));
    const err = e as Error & { operation: string; status: number; detail: unknown; headers: unknown };
    assert.equal(err.name, "ServiceError");
    assert.equal(err.operation, "SaveUntrustedCredentials");
    assert.equal(err.status, 200);
    assert.equal(err.message, "SaveUntrustedCredentials: SoException: The ticket [redacted] has expired");
    const cause = err.cause as Error & { detail: unknown; cause?: unknown };
    assert.ok(isServiceError(cause), "the InnerException becomes the cause");
    assert.equal(cause.message, 'SaveUntrustedCredentials: SqlException: Row <credentials> & "friends" not found');
    assert.equal(cause.cause, undefined, "InnerException nil ends the chain");
    assert.deepEqual(plain(cause.detail), { Message: 'Row <credentials> & "friends" not found', ExceptionType: "SqlException", InnerException: null });
    // The detail is data, as the server sent it (the ticket included); only messages are redacted.
    assert.deepEqual(plain(err.detail), {
      Message: `The ticket ${TICKET} has expired`,
      StackTrace: "at UserAgent.SaveUntrustedCredentials()\r\n   at Dispatcher.Invoke()",
      FriendlyText: null,
      ExceptionType: "SoException",
      Source: "node-soap peer",
      InnerException: { Message: 'Row <credentials> & "friends" not found', ExceptionType: "SqlException", InnerException: null },
      Parameters: { Ticket: TICKET, Type: "fail", Empty: null },
    });
    assert.equal((err.headers as { Succeeded?: unknown }).Succeeded, false);
    assertNoTicket([err.message, String(err), err.stack ?? "", cause.message, String(cause), cause.stack ?? ""]);
    assert.equal(lastCall().operation, "SaveUntrustedCredentials", "the server did run the operation");
  });

  test("every User operation reaches the matching node-soap operation with its simple parameters as sent", async () => {
    const samples = operationSamples(descriptor, types);
    assert.equal(samples.length, 66);
    const c = client();
    for (const s of samples) {
      const before = calls.length;
      const result = await c.$invoke(s.method, s.input);
      assert.equal(calls.length, before + 1, s.operation);
      const call = lastCall();
      assert.equal(call.operation, s.operation, `${s.method} reached ${call.operation}`);
      // node-soap hands an empty wrapper element (no parameter sent) to the handler as null.
      const expected = Object.keys(s.input).length === 0 ? null : s.expected;
      assert.deepEqual(call.args, expected, s.operation);
      assert.deepEqual(call.headers, HEADERS_AS_NODESOAP_DECODES, s.operation);
      assert.equal(lastRaw().soapAction, `"${ACTION}${s.operation}"`);
      assert.equal(result.headers["Succeeded"], true, s.operation);
    }
  });

  describe("node-soap quirks (its side, pinned with evidence; the client's side is asserted unchanged)", () => {
    test("default options: dateTime becomes a JS Date (ms precision, offset folded), nil is dropped, text trimmed", async () => {
      // Also with default options: SOAP header leaves are strings (SoTimeZoneId "5"), see HEADERS_AS_NODESOAP_DECODES.
      await client(DEFAULTS_PATH).saveUntrustedCredentials(SENT_A);
      const call = lastCall();
      assert.equal(call.server, "defaults");
      const creds = (call.args as { Credentials: Record<string, unknown> }).Credentials;
      // The client sent the exact lexical form …
      const sent = child(parseXml(lastRaw().body), "Body", "SaveUntrustedCredentials", "Credentials");
      assert.equal(textOf(child(sent, "ValidFrom")), "2022-03-25T21:34:02.1234567+01:00");
      assert.equal(attribute(child(sent, "SecretValue"), XSI_NS, "nil"), "true");
      assert.equal(textOf(child(sent, "Comment")), SENT_A.Credentials.Comment);
      // … node-soap's default deserializer does `new Date(text)`: the offset is folded into a UTC instant and
      // the fraction cut to milliseconds (.1234567 → .123).
      assert.ok(creds["ValidFrom"] instanceof Date);
      assert.equal((creds["ValidFrom"] as Date).toISOString(), "2022-03-25T20:34:02.123Z");
      // Without handleNilAsNull an xsi:nil element is dropped: null is indistinguishable from absent.
      assert.equal(Object.hasOwn(creds, "SecretValue"), false);
      // Without preserveWhitespace every text is trimmed.
      assert.equal(creds["Comment"], SENT_A.Credentials.Comment.trim());
    });

    test("a null value in a response is written as xsi:nil without declaring xsi: the client refuses that XML", async () => {
      // node-soap 1.13 declares only the WSDL's own prefixes on its Envelope; the User WSDL declares no xsi, yet
      // a null becomes <Comment xsi:nil="true">: not namespace-well-formed, so a DecodeError is right.
      let response = "";
      const c = new UserClient({ endpoint: `${base}${LOSSLESS_PATH}`, headers: REQUEST_HEADERS, hooks: { onResponse: (e: { xml: string }) => void (response = e.xml) } });
      const e = await c.getUntrustedCredentials({ Type: "undeclared-xsi" }).then(
        () => assert.fail("no DecodeError"),
        (err: unknown) => err,
      );
      const envelopeTag = /^<\?xml[^>]*\?>(<soap:Envelope [^>]*>)/.exec(response)?.[1] ?? "";
      const body = /<soap:Body>[\s\S]*<\/soap:Body>/.exec(response)?.[0] ?? "";
      assert.match(body, /<Comment xsi:nil="true">/);
      assert.doesNotMatch(envelopeTag, /xmlns:xsi=/);
      assert.doesNotMatch(body, /xmlns:xsi=/);
      assert.ok(isDecodeError(e), String(e));
      assert.match(String(e), /undeclared namespace prefix 'xsi'/);
    });

    test("a null array item is written as an empty element (not nil): the client decodes an empty object", async () => {
      let response = "";
      const c = new UserClient({ endpoint: `${base}${LOSSLESS_PATH}`, headers: REQUEST_HEADERS, hooks: { onResponse: (e: { xml: string }) => void (response = e.xml) } });
      const got = await c.getUntrustedCredentials({ Type: "null-item" });
      assert.match(response, /<Response xmlns:xsi="[^"]+"><UntrustedCredentials><\/UntrustedCredentials><UntrustedCredentials>/);
      assert.deepEqual(plain(got), [{}, { Comment: "after" }]);
    });
  });
});
