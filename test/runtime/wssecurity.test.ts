/**
 * WS-Security UsernameToken (OASIS UsernameToken Profile 1.1) through `usernameToken` and `soapHeaders`:
 * - the element and its PasswordDigest, deterministic when nonce and created are given, checked against
 *   node:crypto's SHA-1 and node-soap's independent implementation (`soap.passwordDigest`, `soap.WSSecurity`,
 *   with its clock and random bytes stubbed);
 * - end to end: a generated client (from a small WSDL with a SOAP 1.1 and a SOAP 1.2 port) against node-soap's
 *   server, whose `authenticate` checks the token the way a service does (password or digest, Created freshness,
 *   nonce replay cache).
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import nodeCrypto, { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import * as soap from "soap";
import type { ClientOptions, RequestEvent } from "../../templates/runtime/client.js";
import { encodeRequest, SOAP_ENVELOPE_NS } from "../../templates/runtime/encode.js";
import { isHttpError, isSoapFaultError } from "../../templates/runtime/errors.js";
import { BASE64_BINARY, PASSWORD_DIGEST, PASSWORD_TEXT, passwordDigest, usernameToken, WSSE_NS, WSU_NS } from "../../templates/runtime/wssecurity.js";
import { readElement, START, XmlReader, type XmlElement } from "../../templates/runtime/xml.js";
import { loadGenerated } from "../helpers/client.js";
import { canonical } from "./canonical.js";
import { descriptor, getUntrustedCredentials, SOAP11, SOAP12, UserAgent } from "./service.js";
import { tempDir } from "../helpers/tmp.js";

const NONCE = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
const NONCE_B64 = Buffer.from(NONCE).toString("base64");
const CREATED = new Date(Date.UTC(2024, 4, 1, 12, 0, 0, 250));

/** The profile's digest, computed with node:crypto. */
function sha1Digest(nonce: Uint8Array, created: string, password: string): string {
  return createHash("sha1").update(nonce).update(created, "utf8").update(password, "utf8").digest("base64");
}

function text(e: XmlElement | string | undefined): string {
  assert.ok(e !== undefined && typeof e !== "string");
  return e.children.filter((c) => typeof c === "string").join("");
}

test("usernameToken: the profile's element, deterministic when nonce and created are given", async () => {
  const token = await usernameToken({
    username: "alice",
    password: "s3cret",
    passwordType: "PasswordDigest",
    nonce: NONCE,
    created: CREATED,
    timestamp: { ttlSeconds: 300 },
    mustUnderstand: true,
  });
  const digest = sha1Digest(NONCE, "2024-05-01T12:00:00.250Z", "s3cret");
  assert.deepEqual(token, {
    name: "Security",
    ns: WSSE_NS,
    attributes: [{ name: "mustUnderstand", ns: SOAP_ENVELOPE_NS, value: "1" }],
    children: [
      {
        name: "Timestamp",
        ns: WSU_NS,
        attributes: [],
        children: [
          { name: "Created", ns: WSU_NS, attributes: [], children: ["2024-05-01T12:00:00.250Z"] },
          { name: "Expires", ns: WSU_NS, attributes: [], children: ["2024-05-01T12:05:00.250Z"] },
        ],
      },
      {
        name: "UsernameToken",
        ns: WSSE_NS,
        attributes: [],
        children: [
          { name: "Username", ns: WSSE_NS, attributes: [], children: ["alice"] },
          { name: "Password", ns: WSSE_NS, attributes: [{ name: "Type", ns: "", value: PASSWORD_DIGEST }], children: [digest] },
          { name: "Nonce", ns: WSSE_NS, attributes: [{ name: "EncodingType", ns: "", value: BASE64_BINARY }], children: [NONCE_B64] },
          { name: "Created", ns: WSU_NS, attributes: [], children: ["2024-05-01T12:00:00.250Z"] },
        ],
      },
    ],
  });
  assert.equal(PASSWORD_DIGEST, "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest");
  assert.equal(PASSWORD_TEXT, "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText");
  assert.equal(BASE64_BINARY, "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary");
  // The same inputs give the same element.
  assert.deepEqual(
    await usernameToken({
      username: "alice",
      password: "s3cret",
      passwordType: "PasswordDigest",
      nonce: NONCE,
      created: CREATED,
      timestamp: { ttlSeconds: 300 },
      mustUnderstand: true,
    }),
    token,
  );
});

test("PasswordDigest equals node:crypto's SHA-1 and node-soap's passwordDigest for the same nonce, created and password", async () => {
  const vectors: [Uint8Array, string, string][] = [
    [NONCE, "2024-05-01T12:00:00Z", "s3cret"],
    [NONCE, "2024-05-01T12:00:00.250Z", "pä$$ & <wörd> 🔑"],
    [Uint8Array.from([0, 255, 128, 1]), "2003-07-16T01:24:32Z", ""],
    [Uint8Array.from({ length: 64 }, (_, i) => 255 - i), "2030-12-31T23:59:59.999Z", "x".repeat(1000)],
  ];
  for (const [nonce, created, password] of vectors) {
    const ours = await passwordDigest(nonce, created, password);
    assert.equal(ours, sha1Digest(nonce, created, password));
    assert.equal(ours, soap.passwordDigest(Buffer.from(nonce).toString("base64"), created, password));
  }
  // Nonce or Created absent: the digest covers what is present (node-soap hashes an empty nonce/created alike).
  assert.equal(await passwordDigest(undefined, "2024-05-01T12:00:00Z", "pw"), soap.passwordDigest("", "2024-05-01T12:00:00Z", "pw"));
  assert.equal(await passwordDigest(NONCE, undefined, "pw"), soap.passwordDigest(NONCE_B64, "", "pw"));
  const noCreated = await usernameToken({ username: "u", password: "pw", passwordType: "PasswordDigest", nonce: NONCE, created: false });
  const ut = noCreated.children[0];
  assert.ok(ut !== undefined && typeof ut !== "string");
  assert.deepEqual(
    ut.children.map((c) => (typeof c === "string" ? c : c.name)),
    ["Username", "Password", "Nonce"],
  );
  assert.equal(text(ut.children[1]), soap.passwordDigest(NONCE_B64, "", "pw"));
});

/** A SOAP 1.1 request carrying `security` (an XML string) as its only header, in canonical form. */
function inEnvelope(security: string): string {
  const base = encodeRequest(descriptor("1.1"), getUntrustedCredentials, { UserId: 1 }, {});
  return canonical(base.replace("<soap:Body>", () => `<soap:Header>${security}</soap:Header><soap:Body>`));
}

test("the Security element agrees with node-soap's WSSecurity (PasswordDigest, PasswordText), but for wsu:Id", async (t) => {
  // node-soap takes the time from `new Date()` and the nonce from `crypto.randomBytes(16)`: both stubbed.
  const now = Date.UTC(2024, 4, 1, 12, 0, 0);
  t.mock.timers.enable({ apis: ["Date"], now });
  t.mock.method(nodeCrypto, "randomBytes", ((n: number) => {
    assert.equal(n, 16);
    return Buffer.from(NONCE);
  }) as typeof nodeCrypto.randomBytes);
  const user = "alice & <bob>";
  const password = "pä$$ & <wörd>";
  const cases = [
    {
      theirs: { passwordType: "PasswordDigest", hasTimeStamp: true, mustUnderstand: true },
      ours: { passwordType: "PasswordDigest", nonce: NONCE, timestamp: { ttlSeconds: 600 }, mustUnderstand: true },
    },
    { theirs: { passwordType: "PasswordText", hasTimeStamp: false }, ours: { passwordType: "PasswordText", created: true } },
    { theirs: { passwordType: "PasswordText", hasNonce: true, hasTokenCreated: false, hasTimeStamp: false }, ours: { passwordType: "PasswordText", nonce: NONCE } },
  ] as const;
  for (const c of cases) {
    const theirs = new soap.WSSecurity(user, password, c.theirs).toXML();
    // node-soap writes Created in whole seconds; a string `created` is written as is (and digested as is).
    const ours = await usernameToken({
      username: user,
      password,
      ...c.ours,
      ...("created" in c.ours || c.ours.passwordType === "PasswordDigest" ? { created: "2024-05-01T12:00:00Z" } : {}),
    });
    const xml = encodeRequest(descriptor("1.1"), getUntrustedCredentials, { UserId: 1 }, {}, { soapHeaders: [ours] });
    // The one difference: node-soap gives Timestamp and UsernameToken a wsu:Id ("Timestamp-<created>",
    // "SecurityToken-<created>"), which only matters to a signature referring to them; we write none.
    const withoutIds = theirs.replace(/ wsu:Id="[^"]*"/g, "");
    assert.notEqual(withoutIds, theirs);
    assert.equal(canonical(xml), inEnvelope(withoutIds), JSON.stringify(c.theirs));
  }
  // Timestamp times follow the token's Created precision: whole seconds here, like node-soap's.
  const ts = await usernameToken({ username: "u", password: "p", passwordType: "PasswordDigest", created: "2024-05-01T12:00:00Z", timestamp: { ttlSeconds: 600 } });
  const stamp = ts.children[0];
  assert.ok(stamp !== undefined && typeof stamp !== "string");
  assert.deepEqual(stamp.children.map(text), ["2024-05-01T12:00:00Z", "2024-05-01T12:10:00Z"]);
});

test("defaults and option checks", async () => {
  // PasswordText: Username and Password only, unless asked.
  const plain = await usernameToken({ username: "u", password: "p" });
  assert.equal(
    canonical(encodeRequest(descriptor("1.2"), getUntrustedCredentials, { UserId: 1 }, {}, { soapHeaders: [plain] })),
    canonical(
      `<Envelope xmlns="${SOAP12}"><Header><Security xmlns="${WSSE_NS}"><UsernameToken><Username>u</Username>` +
        `<Password Type="${PASSWORD_TEXT}">p</Password></UsernameToken></Security></Header>` +
        `<Body><GetUntrustedCredentials xmlns="http://www.superoffice.net/ws/crm/NetServer/Services88"><UserId>1</UserId></GetUntrustedCredentials></Body></Envelope>`,
    ),
  );
  // PasswordDigest: 16 random bytes of nonce and Created = now, by default; each token its own nonce.
  const before = Date.now();
  const a = await usernameToken({ username: "u", password: "p", passwordType: "PasswordDigest" });
  const b = await usernameToken({ username: "u", password: "p", passwordType: "PasswordDigest" });
  const fields = (e: XmlElement) => {
    const ut = e.children[0];
    assert.ok(ut !== undefined && typeof ut !== "string");
    return Object.fromEntries(ut.children.map((c) => (typeof c === "string" ? ["", c] : [c.name, text(c)])));
  };
  const fa = fields(a);
  assert.equal(Buffer.from(fa["Nonce"] ?? "", "base64").length, 16);
  assert.notEqual(fa["Nonce"], fields(b)["Nonce"]);
  const created = Date.parse(fa["Created"] ?? "");
  assert.ok(created >= before && created <= Date.now(), fa["Created"]);
  assert.match(fa["Created"] ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(fa["Password"], sha1Digest(Buffer.from(fa["Nonce"] ?? "", "base64"), fa["Created"] ?? "", "p"));
  // nonce: true with PasswordText.
  assert.deepEqual(Object.keys(fields(await usernameToken({ username: "u", password: "p", nonce: true }))), ["Username", "Password", "Nonce"]);
  // soapVersion: the real envelope namespace instead of the placeholder.
  for (const [soapVersion, ns] of [
    ["1.1", SOAP11],
    ["1.2", SOAP12],
  ] as const) {
    const t = await usernameToken({ username: "u", password: "p", mustUnderstand: true, soapVersion });
    assert.deepEqual(t.attributes, [{ name: "mustUnderstand", ns, value: "1" }]);
  }
  // Misuse.
  const bad: [object, RegExp][] = [
    [{ passwordType: "Digest" }, /passwordType must be/],
    [{ nonce: new Uint8Array(0) }, /nonce must be a non-empty Uint8Array/],
    [{ nonce: "abc" }, /nonce must be/],
    [{ created: new Date(Number.NaN) }, /created is not a valid Date/],
    [{ created: "2024-05-01T12:00:00" }, /created must be an xsd:dateTime with a time zone/],
    [{ created: "yesterday" }, /created must be an xsd:dateTime/],
    [{ timestamp: { ttlSeconds: 0 } }, /ttlSeconds must be a positive number/],
    [{ timestamp: { ttlSeconds: Number.POSITIVE_INFINITY } }, /ttlSeconds must be a positive number/],
    [{ password: undefined }, /username and password must be strings/],
  ];
  for (const [options, message] of bad) {
    await assert.rejects(usernameToken({ username: "u", password: "p", ...options } as Parameters<typeof usernameToken>[0]), message);
  }
});

test("in a client: the password (or digest) is redacted in hooks and messages; username, nonce and times are not", async () => {
  const requests: RequestEvent[] = [];
  const password = "correct horse battery staple";
  const agent = new UserAgent({
    fetch: async () => new Response(`<html>denied for ${password}</html>`, { status: 401, headers: { "Content-Type": "text/html" } }),
    hooks: { onRequest: (e) => void requests.push(e) },
    soapHeaders: async () => [await usernameToken({ username: "alice", password, created: true, nonce: NONCE })],
  });
  const e = await agent.getUntrustedCredentials({ UserId: 1 }).catch((x: unknown) => x);
  assert.ok(isHttpError(e));
  assert.equal(e.message, "GetUntrustedCredentials: HTTP 401: denied for [redacted]");
  const xml = requests[0]?.xml ?? "";
  assert.match(xml, /<wsse:Password Type="[^"]+#PasswordText">\[redacted\]<\/wsse:Password>/);
  assert.match(xml, /<wsse:Username>alice<\/wsse:Username>/);
  assert.match(xml, new RegExp(`<wsse:Nonce EncodingType="[^"]+">${NONCE_B64.replace(/[+/]/g, "\\$&")}</wsse:Nonce>`));
  assert.match(xml, /<wsu:Created>\d{4}-[^<]+Z<\/wsu:Created>/);
  assert.doesNotMatch(xml, /horse/);
});

// ---- end to end against node-soap's server ----

const ECHO_NS = "urn:wsdlc:test:echo";
const ECHO_WSDL = `<?xml version="1.0" encoding="utf-8"?>
<definitions name="Echo" targetNamespace="${ECHO_NS}" xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:tns="${ECHO_NS}"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/">
  <types>
    <xs:schema targetNamespace="${ECHO_NS}" elementFormDefault="qualified">
      <xs:element name="Echo"><xs:complexType><xs:sequence><xs:element name="Text" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="EchoResponse"><xs:complexType><xs:sequence><xs:element name="Text" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
    </xs:schema>
  </types>
  <message name="EchoIn"><part name="parameters" element="tns:Echo"/></message>
  <message name="EchoOut"><part name="parameters" element="tns:EchoResponse"/></message>
  <portType name="EchoPort"><operation name="Echo"><input message="tns:EchoIn"/><output message="tns:EchoOut"/></operation></portType>
  <binding name="EchoSoap11" type="tns:EchoPort">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>
    <operation name="Echo"><soap:operation soapAction="${ECHO_NS}/Echo"/><input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation>
  </binding>
  <binding name="EchoSoap12" type="tns:EchoPort">
    <soap12:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>
    <operation name="Echo"><soap12:operation soapAction="${ECHO_NS}/Echo"/><input><soap12:body use="literal"/></input><output><soap12:body use="literal"/></output></operation>
  </binding>
  <service name="EchoService">
    <port name="Soap11" binding="tns:EchoSoap11"><soap:address location="http://127.0.0.1/echo11"/></port>
    <port name="Soap12" binding="tns:EchoSoap12"><soap12:address location="http://127.0.0.1/echo12"/></port>
  </service>
</definitions>
`;

interface EchoClient {
  echo(input: { Text: string }, options?: { soapHeaders?: readonly XmlElement[] }): Promise<unknown>;
}
type EchoClientClass = new (options: ClientOptions<object>) => EchoClient;
type UsernameToken = typeof usernameToken;

/** What node-soap hands `authenticate`: the Security header as its parser sees it. */
interface NodeSoapSecurity {
  attributes?: Record<string, string>;
  UsernameToken?: {
    Username?: string;
    Password?: string | { attributes?: { Type?: string }; $value?: string };
    Nonce?: string | { $value?: string };
    Created?: string;
  };
}

describe("node-soap's server authenticates the client's UsernameToken", () => {
  const USER = "alice";
  const PASSWORD = "pä$$ & <wörd>";
  const FRESHNESS_MS = 5 * 60_000;
  let http: HttpServer;
  let base: string;
  let clients: Record<"1.1" | "1.2", EchoClientClass>;
  // The generated package's own copy of the runtime, as an application would use it.
  let token: UsernameToken;
  const seenNonces = new Set<string>();
  const accepted: { path: string; type: string; nonce?: string; mustUnderstand?: string }[] = [];
  const rejected: { path: string; reason: string }[] = [];

  /** A service's checks (UsernameToken Profile 1.1 §3.1, §4): password or digest, freshness, replays. */
  function authenticate(path: string, security: NodeSoapSecurity | undefined): boolean {
    const ut = security?.UsernameToken;
    const pw = ut?.Password;
    const type = typeof pw === "object" ? pw.attributes?.Type : undefined;
    const value = typeof pw === "object" ? (pw.$value ?? "") : (pw ?? "");
    const nonce = typeof ut?.Nonce === "object" ? ut.Nonce.$value : ut?.Nonce;
    let reason = "";
    if (ut?.Username !== USER) reason = "username";
    else if (type === PASSWORD_TEXT) reason = value === PASSWORD ? "" : "password";
    else if (type === PASSWORD_DIGEST) {
      const created = ut.Created ?? "";
      if (!(Math.abs(Date.now() - Date.parse(created)) <= FRESHNESS_MS)) reason = "stale";
      else if (nonce === undefined || seenNonces.has(nonce)) reason = "replay";
      else if (value !== soap.passwordDigest(nonce, created, PASSWORD)) reason = "digest";
      if (nonce !== undefined) seenNonces.add(nonce);
    } else reason = "password type";
    if (reason !== "") {
      rejected.push({ path, reason });
      return false;
    }
    const mustUnderstand = security?.attributes?.["soap:mustUnderstand"];
    accepted.push({ path, type: type ?? "", ...(nonce === undefined ? {} : { nonce }), ...(mustUnderstand === undefined ? {} : { mustUnderstand }) });
    return true;
  }

  before(async () => {
    const dir = tempDir("wsdlc-wss-");
    const wsdlPath = join(dir, "echo.wsdl");
    writeFileSync(wsdlPath, ECHO_WSDL);
    const { module } = await loadGenerated([wsdlPath]);
    clients = { "1.1": module["Soap11Client"] as EchoClientClass, "1.2": module["Soap12Client"] as EchoClientClass };
    token = module["usernameToken"] as UsernameToken;
    assert.equal(typeof token, "function", "the generated package exports usernameToken");

    http = createServer();
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const echo = (args: { Text?: string }) => ({ Text: `echo: ${args.Text ?? ""}` });
    const services = { EchoService: { Soap11: { Echo: echo }, Soap12: { Echo: echo } } };
    for (const path of ["/echo11", "/echo12"]) {
      await new Promise<void>((resolve, reject) => {
        const server = soap.listen(http, {
          path,
          services,
          xml: ECHO_WSDL,
          callback: (err: unknown) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve()),
        });
        server.authenticate = (security: NodeSoapSecurity | undefined) => authenticate(path, security);
      });
    }
  });

  after(async () => {
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
  });

  function client(version: "1.1" | "1.2", options: ClientOptions<object> = {}): EchoClient {
    return new clients[version]({ endpoint: `${base}/echo${version === "1.1" ? "11" : "12"}`, timeout: 10_000, ...options });
  }

  for (const version of ["1.1", "1.2"] as const) {
    const path = `/echo${version === "1.1" ? "11" : "12"}`;

    test(`SOAP ${version}: PasswordText, per call; a wrong password is refused without showing it`, async () => {
      const c = client(version);
      const n = accepted.length;
      assert.equal(await c.echo({ Text: "hi" }, { soapHeaders: [await token({ username: USER, password: PASSWORD })] }), "echo: hi");
      assert.deepEqual(accepted.slice(n), [{ path, type: PASSWORD_TEXT }]);

      const wrong = "wrong-password-123";
      const e = await c.echo({ Text: "hi" }, { soapHeaders: [await token({ username: USER, password: wrong })] }).catch((x: unknown) => x);
      assert.ok(isSoapFaultError(e), String(e));
      assert.equal(e.status, 401);
      assert.match(e.message, /AuthenticationFailure: Invalid username or password/);
      assert.doesNotMatch(e.message, /wrong-password/);
      assert.deepEqual(rejected.at(-1), { path, reason: "password" });
    });

    test(`SOAP ${version}: PasswordDigest with a timestamp and mustUnderstand, fresh per call from a provider`, async () => {
      const requests: RequestEvent[] = [];
      const c = client(version, {
        soapHeaders: async () => [await token({ username: USER, password: PASSWORD, passwordType: "PasswordDigest", timestamp: { ttlSeconds: 300 }, mustUnderstand: true })],
        hooks: { onRequest: (e) => void requests.push(e) },
      });
      const n = accepted.length;
      assert.equal(await c.echo({ Text: "one" }), "echo: one");
      assert.equal(await c.echo({ Text: "two" }), "echo: two");
      const got = accepted.slice(n);
      assert.equal(got.length, 2);
      for (const g of got) assert.deepEqual({ ...g, nonce: "" }, { path, type: PASSWORD_DIGEST, nonce: "", mustUnderstand: "1" });
      assert.notEqual(got[0]?.nonce, got[1]?.nonce, "a new nonce per call");
      // mustUnderstand is in the namespace of the envelope it was sent in.
      const r = new XmlReader(requests[0]?.xml ?? "");
      while (r.next() !== START || r.local !== "Security") {
        /* find the Security header */
      }
      assert.deepEqual(r.attributes, [{ name: "mustUnderstand", ns: version === "1.1" ? SOAP11 : SOAP12, value: "1" }]);
      const security = readElement(r);
      assert.equal(security.children.length, 2, "Timestamp and UsernameToken");
    });

    test(`SOAP ${version}: a PasswordDigest token reused for a second call is a replay the service refuses`, async () => {
      const fixed = await token({ username: USER, password: PASSWORD, passwordType: "PasswordDigest" });
      const c = client(version, { soapHeaders: [fixed] });
      assert.equal(await c.echo({ Text: "first" }), "echo: first");
      const e = await c.echo({ Text: "again" }).catch((x: unknown) => x);
      assert.ok(isSoapFaultError(e), String(e));
      assert.equal(e.status, 401);
      assert.deepEqual(rejected.at(-1), { path, reason: "replay" });
    });
  }

  test("a stale Created (outside the service's freshness window) is refused", async () => {
    const c = client("1.1");
    const stale = await token({ username: USER, password: PASSWORD, passwordType: "PasswordDigest", created: new Date(Date.now() - 2 * FRESHNESS_MS) });
    await assert.rejects(c.echo({ Text: "old" }, { soapHeaders: [stale] }), (e) => isSoapFaultError(e) && e.status === 401 && /AuthenticationFailure/.test(e.message));
    assert.deepEqual(rejected.at(-1), { path: "/echo11", reason: "stale" });
    // Every refusal above was for the reason each test meant; nothing else was refused.
    assert.deepEqual(rejected.map((r) => r.reason).sort(), ["password", "password", "replay", "replay", "stale"]);
  });
});
