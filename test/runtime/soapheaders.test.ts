/**
 * Extra SOAP headers (`soapHeaders` on ClientOptions, CallOptions and EncodeOptions): XmlElements the WSDL does
 * not declare, written inside soap:Header after the declared headers, with one declaration per namespace on the
 * Envelope, escaped content, the envelope-namespace placeholder mapped per SOAP version, and secret-looking
 * names kept out of hook output and error messages.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { RequestEvent } from "../../templates/runtime/client.js";
import { encodeRequest, SOAP_ENVELOPE_NS } from "../../templates/runtime/encode.js";
import { EncodeError, isEncodeError, isHttpError, isSoapError, isSoapFaultError } from "../../templates/runtime/errors.js";
import { SecretPolicy } from "../../templates/runtime/redact.js";
import { escapeText, XmlReader, XML_NS, START, type XmlAttribute, type XmlElement } from "../../templates/runtime/xml.js";
import { canonical } from "./canonical.js";
import { descriptor, getUntrustedCredentials, NS, SOAP11, SOAP12, UserAgent, XSI } from "./service.js";

const WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
const WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
const WSA = "http://www.w3.org/2005/08/addressing";
const VENDOR = "urn:vendor:auth";
const PASSWORD = "pa$$w0rd-<&>\"'-secret";
const TICKET = "tkt-0123456789-ticket";

function el(ns: string, name: string, attributes: readonly XmlAttribute[] = [], children: readonly (XmlElement | string)[] = []): XmlElement {
  return { name, ns, attributes, children };
}
function at(ns: string, name: string, value: string): XmlAttribute {
  return { name, ns, value };
}

const security = el(
  WSSE,
  "Security",
  [at(SOAP_ENVELOPE_NS, "mustUnderstand", "1")],
  [el(WSSE, "UsernameToken", [at(WSU, "Id", "UT-1")], [el(WSSE, "Username", [], ["alice & <bob>"]), el(WSSE, "Password", [at("", "Type", "urn:x#PasswordText")], [PASSWORD])])],
);
const vendor = el(
  VENDOR,
  "Session",
  [at(XML_NS, "lang", "en"), at("", "note", `a"b<c>&'\t\n`), at("", "ticket", TICKET)],
  [el("", "Plain", [], ["x]]>y"]), el(VENDOR, "Value", [at(XSI, "type", "{http://www.w3.org/2001/XMLSchema}string")], ["v"])],
);
const messageId = el(WSA, "MessageID", [], ["urn:uuid:6b29fc40-ca47-1067-b31d-00dd010662da"]);

function encodeError(fn: () => unknown): EncodeError {
  try {
    fn();
  } catch (e) {
    if (isEncodeError(e)) return e;
    throw e;
  }
  assert.fail("no EncodeError");
}

/** Every namespace declaration in the document: prefix → count, and each element's in-scope check. */
function declarations(xml: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of xml.matchAll(/\sxmlns:([\w.-]+)="[^"]*"/g)) counts.set(m[1] ?? "", (counts.get(m[1] ?? "") ?? 0) + 1);
  return counts;
}

test("extra headers follow the declared ones; one declaration per namespace on the Envelope; exact output", () => {
  const secrets = new Set<string>();
  const xml = encodeRequest(
    descriptor("1.1"),
    getUntrustedCredentials,
    { UserId: 1 },
    { ApplicationToken: "app-token-1" },
    {
      secrets,
      soapHeaders: [security, vendor, messageId],
    },
  );
  assert.equal(
    xml,
    `<?xml version="1.0" encoding="utf-8"?>` +
      `<soap:Envelope xmlns:soap="${SOAP11}" xmlns:xsi="${XSI}" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:ns1="${NS}" xmlns:wsse="${WSSE}" xmlns:wsu="${WSU}" xmlns:ns2="${VENDOR}" xmlns:wsa="${WSA}">` +
      `<soap:Header><ns1:ApplicationToken>app-token-1</ns1:ApplicationToken>` +
      `<wsse:Security soap:mustUnderstand="1"><wsse:UsernameToken wsu:Id="UT-1">` +
      `<wsse:Username>alice &amp; &lt;bob&gt;</wsse:Username>` +
      `<wsse:Password Type="urn:x#PasswordText">pa$$w0rd-&lt;&amp;&gt;"'-secret</wsse:Password></wsse:UsernameToken></wsse:Security>` +
      `<ns2:Session xml:lang="en" note="a&quot;b&lt;c&gt;&amp;'&#9;&#10;" ticket="${TICKET}"><Plain>x]]&gt;y</Plain>` +
      `<ns2:Value xsi:type="xsd:string">v</ns2:Value></ns2:Session>` +
      `<wsa:MessageID>urn:uuid:6b29fc40-ca47-1067-b31d-00dd010662da</wsa:MessageID></soap:Header>` +
      `<soap:Body><ns1:GetUntrustedCredentials><ns1:UserId>1</ns1:UserId></ns1:GetUntrustedCredentials></soap:Body></soap:Envelope>`,
  );
  // Well-formed and namespace-correct: the reader resolves every prefix; nothing is declared twice; xml never.
  const r = new XmlReader(xml);
  let elements = 0;
  for (let k = r.next(); k !== 0; k = r.next()) if (k === START) elements++;
  assert.equal(elements, 14);
  for (const [prefix, n] of declarations(xml)) assert.equal(n, 1, `xmlns:${prefix} declared ${n} times`);
  assert.equal(declarations(xml).has("xml"), false);
  // Secrets: the declared ApplicationToken, the Password text and the ticket attribute; not the Username, the
  // Type URI or other values.
  assert.deepEqual([...secrets].sort(), ["app-token-1", PASSWORD, TICKET].sort());
});

test("SOAP_ENVELOPE_NS becomes the envelope's namespace: SOAP 1.1 and 1.2", () => {
  for (const [version, envNs] of [
    ["1.1", SOAP11],
    ["1.2", SOAP12],
  ] as const) {
    const xml = encodeRequest(descriptor(version), getUntrustedCredentials, { UserId: 1 }, {}, { soapHeaders: [security] });
    assert.match(xml, /<wsse:Security soap:mustUnderstand="1">/);
    assert.doesNotMatch(xml, /urn:wsdlc/);
    const r = new XmlReader(xml);
    while (r.next() !== START || r.local !== "Security") {
      /* find Security */
    }
    assert.deepEqual(r.attributes, [{ name: "mustUnderstand", ns: envNs, value: "1" }]);
  }
});

test("a Header element appears when there is a header of either kind, and only then", () => {
  const c = descriptor("1.2");
  const none = encodeRequest(c, getUntrustedCredentials, { UserId: 1 }, {}, { soapHeaders: [] });
  assert.doesNotMatch(none, /Header/);
  const onlyExtra = encodeRequest(c, getUntrustedCredentials, { UserId: 1 }, {}, { soapHeaders: [messageId] });
  assert.equal(
    canonical(onlyExtra),
    canonical(
      `<Envelope xmlns="${SOAP12}"><Header><MessageID xmlns="${WSA}">urn:uuid:6b29fc40-ca47-1067-b31d-00dd010662da</MessageID></Header>` +
        `<Body><GetUntrustedCredentials xmlns="${NS}"><UserId>1</UserId></GetUntrustedCredentials></Body></Envelope>`,
    ),
  );
  // A header in the body's namespace shares its prefix; namespace declarations given as attributes are dropped.
  const shared = encodeRequest(
    c,
    getUntrustedCredentials,
    { UserId: 1 },
    {},
    {
      soapHeaders: [el(NS, "Hint", [at("http://www.w3.org/2000/xmlns/", "x", "urn:other"), at("", "xmlns", "urn:default")], ["h"])],
    },
  );
  assert.match(shared, /<soap:Header><ns1:Hint>h<\/ns1:Hint><\/soap:Header><soap:Body><ns1:GetUntrustedCredentials>/);
  assert.deepEqual([...declarations(shared).keys()], ["soap", "ns1"]);
});

test("invalid extra headers → EncodeError naming the path, never the value", () => {
  const c = descriptor("1.1");
  const encode = (h: unknown) => () => encodeRequest(c, getUntrustedCredentials, { UserId: 1 }, {}, { soapHeaders: [messageId, h as XmlElement] });
  const cases: [unknown, RegExp][] = [
    [{ name: "Security" }, /soapHeaders\[1\]: must be an XmlElement/],
    [el(WSSE, "wsse:Security"), /soapHeaders\[1\]: the element name must be an NCName/],
    [el(WSSE, "Bad Name"), /soapHeaders\[1\]: the element name must be an NCName/],
    [el("http://www.w3.org/2000/xmlns/", "x"), /soapHeaders\[1\]: an element cannot be in the xmlns namespace/],
    [el(WSSE, "Security", [], [el(WSSE, "Password", [], [`${PASSWORD}\u0000`])]), /soapHeaders\[1\]\/Password: contains a character not allowed in XML 1\.0/],
    [el(WSSE, "Security", [at("", "a", "1"), at("", "a", "2")]), /soapHeaders\[1\]@a: duplicate attribute/],
    [el(WSSE, "Security", [at("", "a b", "1")]), /soapHeaders\[1\]@a b: the attribute name must be an NCName/],
    [el(WSSE, "Security", [{ name: "a", ns: "", value: 1 } as unknown as XmlAttribute]), /soapHeaders\[1\]: attributes must be/],
    [el(WSSE, "Security", [], [42 as unknown as string]), /soapHeaders\[1\]\/\?: must be an XmlElement/],
  ];
  for (const [h, message] of cases) {
    const e = encodeError(encode(h));
    assert.match(e.message, /^GetUntrustedCredentials: cannot encode /);
    assert.match(e.message, message);
    assert.doesNotMatch(e.message, /pa\$\$w0rd/);
  }
});

test("client and call soapHeaders: client's first, then the call's; a provider runs per call", async () => {
  const bodies: string[] = [];
  const fetch: typeof globalThis.fetch = async (_input, init) => {
    bodies.push(String(init?.body));
    return new Response(`<s:Envelope xmlns:s="${SOAP11}"><s:Body/></s:Envelope>`, { status: 500, headers: { "Content-Type": "text/xml" } });
  };
  const a = new UserAgent({ fetch, soapHeaders: [messageId] });
  await assert.rejects(a.getUntrustedCredentials({ UserId: 1 }, { soapHeaders: [security] }));
  await assert.rejects(a.getUntrustedCredentials({ UserId: 2 }));
  assert.match(bodies[0] ?? "", /<soap:Header><wsa:MessageID>[^<]*<\/wsa:MessageID><wsse:Security /);
  assert.match(bodies[1] ?? "", /<soap:Header><wsa:MessageID>[^<]*<\/wsa:MessageID><\/soap:Header>/);

  const seen: string[] = [];
  let n = 0;
  const b = new UserAgent({
    fetch,
    soapHeaders: async (call) => {
      seen.push(call.operation);
      return [el(WSA, "MessageID", [], [`urn:n:${++n}`])];
    },
  });
  await assert.rejects(b.getUntrustedCredentials({ UserId: 1 }));
  await assert.rejects(b.saveUntrustedCredentials({ Credentials: null }, { soapHeaders: [vendor] }));
  assert.deepEqual(seen, ["GetUntrustedCredentials", "SaveUntrustedCredentials"]);
  assert.match(bodies[2] ?? "", /<wsa:MessageID>urn:n:1<\/wsa:MessageID><\/soap:Header>/);
  assert.match(bodies[3] ?? "", /<wsa:MessageID>urn:n:2<\/wsa:MessageID><ns1:Session /);

  // A provider's exception aborts the call before anything is sent; a non-array is a SoapError.
  const failing = new UserAgent({ fetch, soapHeaders: () => Promise.reject(new Error("no token")) });
  await assert.rejects(failing.getUntrustedCredentials({ UserId: 1 }), /no token/);
  const wrong = new UserAgent({ fetch, soapHeaders: (() => messageId) as unknown as () => XmlElement[] });
  await assert.rejects(wrong.getUntrustedCredentials({ UserId: 1 }), (e) => isSoapError(e) && /soapHeaders must be/.test(e.message));
  assert.equal(bodies.length, 4);
});

test("secrets in extra headers: redacted in hook XML, fault and HTTP error messages", async () => {
  const requests: RequestEvent[] = [];
  const fault =
    `<s:Envelope xmlns:s="${SOAP11}"><s:Body><s:Fault><faultcode>s:Client</faultcode>` +
    `<faultstring>bad password ${escapeText(PASSWORD)} for ticket ${TICKET}</faultstring></s:Fault></s:Body></s:Envelope>`;
  const agent = new UserAgent({
    fetch: async () => new Response(fault, { status: 500, headers: { "Content-Type": "text/xml" } }),
    hooks: { onRequest: (e) => void requests.push(e) },
    soapHeaders: [vendor],
  });
  const e = await agent.getUntrustedCredentials({ UserId: 1 }, { soapHeaders: [security] }).catch((x: unknown) => x);
  assert.ok(isSoapFaultError(e), String(e));
  assert.equal(e.reason, "bad password [redacted] for ticket [redacted]");
  assert.doesNotMatch(e.message, /pa\$\$w0rd|0123456789/);
  const xml = requests[0]?.xml ?? "";
  assert.match(xml, /<wsse:Password Type="urn:x#PasswordText">\[redacted\]<\/wsse:Password>/);
  assert.match(xml, /ticket="\[redacted\]"/);
  assert.match(xml, /<wsse:Username>alice &amp; &lt;bob&gt;<\/wsse:Username>/, "a username is not a secret");
  assert.doesNotMatch(xml, /pa\$\$w0rd|0123456789/);

  const html = new UserAgent({
    fetch: async () => new Response(`<html><body>rejected ${escapeText(PASSWORD)}</body></html>`, { status: 401, headers: { "Content-Type": "text/html" } }),
    soapHeaders: [security],
  });
  const h = await html.getUntrustedCredentials({ UserId: 1 }).catch((x: unknown) => x);
  assert.ok(isHttpError(h));
  assert.match(h.message, /rejected \[redacted\]/);

  // secretNames extends the names for extra headers too.
  const policy = new SecretPolicy(["MessageID"]);
  const secrets = new Set<string>();
  encodeRequest(descriptor("1.1"), getUntrustedCredentials, { UserId: 1 }, {}, { policy, secrets, soapHeaders: [messageId] });
  assert.deepEqual([...secrets], ["urn:uuid:6b29fc40-ca47-1067-b31d-00dd010662da"]);
});
