import { test } from "node:test";
import assert from "node:assert/strict";
import type { ClientDescriptor, OperationDescriptor } from "../../templates/runtime/descriptors.js";
import { decodeResponse, type DecodeOptions } from "../../templates/runtime/decode.js";
import { DecodeError, isDecodeError, isSoapFaultError, SoapFaultError } from "../../templates/runtime/errors.js";
import { Redactor, SecretPolicy } from "../../templates/runtime/redact.js";
import { credentialsResponse, credentialXml, descriptor, envelope, getUntrustedCredentials, NS, okHeaders, saveUntrustedCredentials, SOAP11, SOAP12, XSI } from "./service.js";

const client = descriptor("1.1");
const decode = (xml: string, op: OperationDescriptor = getUntrustedCredentials, options?: DecodeOptions) => decodeResponse(client, op, xml, options);

function failure<E>(fn: () => unknown, guard: (e: unknown) => e is E): E {
  try {
    fn();
  } catch (e) {
    if (guard(e)) return e;
    throw e;
  }
  assert.fail("expected an error");
}

test("SOAP 1.2 envelope over a 1.1 binding: headers, unwrap, arrays with many items", () => {
  const header = okHeaders(`<TimeZone xmlns="${NS}"><TimeZoneName>CET</TimeZoneName></TimeZone><Unknown xmlns="urn:x">ignored</Unknown>`);
  const { body, headers } = decode(envelope(credentialsResponse([credentialXml(1), credentialXml(2, "<Flags>Read Delete</Flags>")]), header));
  assert.deepEqual(headers, { Succeeded: true, TimeZone: { TimeZoneName: "CET" } });
  assert.deepEqual(body, [
    { FieldProperties: null, UntrustedCredentialsId: 1, ValidFrom: "2022-03-25T21:34:02.1234567+01:00", Description: "Cred 1", IsActive: true, SecretValue: "s3cret-value-1" },
    {
      FieldProperties: null,
      UntrustedCredentialsId: 2,
      ValidFrom: "2022-03-25T21:34:02.1234567+01:00",
      Description: "Cred 2",
      IsActive: true,
      SecretValue: "s3cret-value-2",
      Flags: ["Read", "Delete"],
    },
  ]);
});

test("an array with one item is still an array; nil items and a nil or absent array", () => {
  assert.equal((decode(envelope(credentialsResponse([credentialXml(1)]))).body as unknown[]).length, 1);
  const withNil = decode(envelope(credentialsResponse([`<UntrustedCredentials i:nil="1"/>`]))).body;
  assert.deepEqual(withNil, [null]);
  const nilArray = `<GetUntrustedCredentialsResponse xmlns="${NS}"><Response xmlns:i="${XSI}" i:nil="true"/></GetUntrustedCredentialsResponse>`;
  assert.equal(decode(envelope(nilArray)).body, null);
  assert.equal(decode(envelope(`<GetUntrustedCredentialsResponse xmlns="${NS}"/>`)).body, undefined);
  assert.deepEqual(decode(envelope(credentialsResponse([]))).body, []);
});

test("namespaces: prefixes declared on inner elements, default namespace, same prefix rebound", () => {
  const xml =
    `<e:Envelope xmlns:e="${SOAP11}"><e:Body><a:GetUntrustedCredentialsResponse xmlns:a="${NS}">` +
    `<a:Response><UntrustedCredentials xmlns="${NS}"><UntrustedCredentialsId>5</UntrustedCredentialsId>` +
    `<a:ValidFrom>2020-01-01T00:00:00Z</a:ValidFrom>` +
    `<a:Description xmlns:a="urn:not-the-service">rebound: other namespace, same local name</a:Description>` +
    `<x:IsActive xmlns:x="${NS}">0</x:IsActive></UntrustedCredentials></a:Response>` +
    `</a:GetUntrustedCredentialsResponse></e:Body></e:Envelope>`;
  const lenient = decode(xml).body as Record<string, unknown>[];
  assert.deepEqual(lenient[0], {
    UntrustedCredentialsId: 5,
    ValidFrom: "2020-01-01T00:00:00Z",
    Description: "rebound: other namespace, same local name",
    IsActive: false,
  });
  const e = failure(() => decode(xml, getUntrustedCredentials, { strict: true }), isDecodeError);
  assert.equal(e.path, "Envelope/Body/GetUntrustedCredentialsResponse/Response/UntrustedCredentials[1]");
  assert.match(e.message, /unexpected element <a:Description>/);
  assert.equal(e.line, 1);
});

test("xsi:type selects a derived struct; xsi:type naming an XSD builtin is accepted", () => {
  const item =
    `<UntrustedCredentials xmlns:q="${NS}" i:type="q:ExternalCredentials"><UntrustedCredentialsId xmlns:xsd="http://www.w3.org/2001/XMLSchema" i:type="xsd:int">3</UntrustedCredentialsId>` +
    `<ValidFrom>2020-01-01T00:00:00</ValidFrom><Provider>Okta</Provider></UntrustedCredentials>`;
  const [value] = decode(envelope(credentialsResponse([item]))).body as Record<string, unknown>[];
  assert.equal(value?.["$type"], "ExternalCredentials");
  // Enumerable, first: the response types declare it, and JSON keeps it.
  assert.deepEqual(Object.keys(value ?? {})[0], "$type");
  assert.deepEqual(value, { $type: "ExternalCredentials", UntrustedCredentialsId: 3, ValidFrom: "2020-01-01T00:00:00", Provider: "Okta" });
});

test("dictionaries decode to null-prototype objects; __proto__ cannot pollute", () => {
  const header =
    `<ExtraInfo xmlns="${NS}" xmlns:a="http://schemas.microsoft.com/2003/10/Serialization/Arrays">` +
    `<a:KeyValueOfstringstring><a:Key>__proto__</a:Key><a:Value>polluted</a:Value></a:KeyValueOfstringstring>` +
    `<a:KeyValueOfstringstring><a:Key>constructor</a:Key><a:Value i:nil="true" xmlns:i="${XSI}"/></a:KeyValueOfstringstring>` +
    `<a:KeyValueOfstringstring><a:Key>b</a:Key><a:Value>2</a:Value></a:KeyValueOfstringstring></ExtraInfo>`;
  const { headers } = decode(envelope(credentialsResponse([]), header));
  const extra = headers["ExtraInfo"] as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(extra), null);
  assert.deepEqual(Object.keys(extra), ["__proto__", "constructor", "b"]);
  assert.equal(extra["__proto__"], "polluted");
  assert.equal(extra["constructor"], null);
  assert.equal(({} as Record<string, unknown>)["polluted"], undefined);
  assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted"), false);
});

test("recursive ExceptionInfo with InnerException and a Parameters dictionary", () => {
  const info = (msg: string, inner = "") =>
    `<Message>${msg}</Message><ExceptionType>SoException</ExceptionType>${inner}` +
    `<Parameters xmlns:a="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><a:KeyValueOfstringstring><a:Key>k</a:Key><a:Value>${msg}</a:Value></a:KeyValueOfstringstring></Parameters>`;
  const header = `<Succeeded xmlns="${NS}">false</Succeeded><ExceptionInfo xmlns="${NS}">${info("outer", `<InnerException>${info("inner")}</InnerException>`)}</ExceptionInfo>`;
  const { headers } = decode(envelope(credentialsResponse([]), header));
  const ex = headers["ExceptionInfo"] as { Message: string; InnerException: { Message: string; Parameters: Record<string, string> } };
  assert.equal(ex.Message, "outer");
  assert.equal(ex.InnerException.Message, "inner");
  assert.equal(ex.InnerException.Parameters["k"], "inner");
});

test("DecodeError carries the element path and position, and the bad value unless it looks secret", () => {
  const bad = envelope(credentialsResponse([credentialXml(1), credentialXml(2).replace("<IsActive>true", "<IsActive>maybe")]), okHeaders());
  const e = failure(() => decode(bad), isDecodeError);
  assert.equal(e.path, "Envelope/Body/GetUntrustedCredentialsResponse/Response/UntrustedCredentials[2]/IsActive");
  assert.equal(e.line, 2);
  assert.ok(e.column > 1);
  // Secrecy is decided by the element's own name: <UntrustedCredentials> around it does not hide IsActive.
  assert.match(e.message, /not a valid boolean: "maybe"/);
  const secret = envelope(credentialsResponse([credentialXml(1, "<TokenCount>12-secret-34</TokenCount>")]), okHeaders());
  const hidden = failure(() => decode(secret), isDecodeError);
  assert.equal(hidden.path, "Envelope/Body/GetUntrustedCredentialsResponse/Response/UntrustedCredentials[1]/TokenCount");
  assert.match(hidden.message, /not a valid integer$/);
  assert.doesNotMatch(hidden.message, /12-secret-34/);
  const visible = failure(() => decode(envelope(credentialsResponse([]), `<Succeeded xmlns="${NS}">maybe</Succeeded>`)), isDecodeError);
  assert.equal(visible.path, "Envelope/Header/Succeeded");
  assert.match(visible.message, /not a valid boolean: "maybe"/);
});

test("malformed, truncated and non-SOAP responses are DecodeErrors", () => {
  const full = envelope(credentialsResponse([credentialXml(1)]), okHeaders());
  const cases: [string, RegExp][] = [
    [full.slice(0, full.length - 20), /not closed|end of document/],
    [full.slice(0, full.indexOf("<ValidFrom>") + 5), /end of document/],
    ["", /no root element/],
    ["<html><body>Hello</body></html>", /not a SOAP envelope \(the root element is <html>\)/],
    [`<s:Envelope xmlns:s="${SOAP12}"><s:Header/></s:Envelope>`, /no Body/],
    [
      `<s:Envelope xmlns:s="${SOAP12}"><s:Body><GetUntrustedCredentialsResponse xmlns="${NS}"><Response><x:Y/></Response></GetUntrustedCredentialsResponse></s:Body></s:Envelope>`,
      /undeclared namespace prefix 'x'/,
    ],
    [`<!DOCTYPE x [<!ENTITY a "b">]><x/>`, /DOCTYPE is not allowed/],
    [envelope(`<Other xmlns="${NS}"/>`), /the Body has no <GetUntrustedCredentialsResponse> element/],
  ];
  for (const [xml, message] of cases) {
    const e = failure(() => decode(xml), isDecodeError);
    assert.ok(e instanceof DecodeError);
    assert.match(e.message, message, xml.slice(0, 80));
    assert.ok(e.line >= 1 && e.column >= 1);
  }
});

test("strict mode: unknown elements and missing required elements are errors", () => {
  const unknown = envelope(credentialsResponse([credentialXml(1, "<Surprise/>")]));
  assert.ok(decode(unknown).body);
  assert.match(failure(() => decode(unknown, getUntrustedCredentials, { strict: true }), isDecodeError).message, /unexpected element <Surprise>/);
  const missing = envelope(credentialsResponse([`<UntrustedCredentials><UntrustedCredentialsId>1</UntrustedCredentialsId></UntrustedCredentials>`]));
  assert.match(failure(() => decode(missing, getUntrustedCredentials, { strict: true }), isDecodeError).message, /missing required element <ValidFrom>/);
});

test("lenient mode: what breaks the generated types is a DecodeError unless onDecodeWarning takes it", () => {
  const missing = envelope(credentialsResponse([`<UntrustedCredentials><UntrustedCredentialsId>1</UntrustedCredentialsId></UntrustedCredentials>`]));
  // By default a missing required element is not left for the program to find: the type says it is there.
  const e = failure(() => decode(missing), isDecodeError);
  assert.match(e.message, /at Envelope\/Body\/GetUntrustedCredentialsResponse\/Response\/UntrustedCredentials\[1\] \(line 2, column \d+\): missing required element <ValidFrom>/);
  // With the hook, each departure is reported (path and position) and decoding goes on.
  const warnings: string[] = [];
  const onDecodeWarning = (w: { path: string; line: number; message: string }): void => void warnings.push(`${w.path} ${w.line} ${w.message.replace(/^.*\): /, "")}`);
  assert.deepEqual(decode(missing, getUntrustedCredentials, { onDecodeWarning }).body, [{ UntrustedCredentialsId: 1 }]);
  assert.deepEqual(warnings, ["Envelope/Body/GetUntrustedCredentialsResponse/Response/UntrustedCredentials[1] 2 missing required element <ValidFrom>"]);
  // xsi:nil on an element that is not nillable: the same contract (strict: always a DecodeError).
  const nil = envelope(
    credentialsResponse([credentialXml(1).replace(/<ValidFrom>[^<]*<\/ValidFrom>/, `<ValidFrom xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:nil="true"/>`)]),
  );
  assert.match(failure(() => decode(nil), isDecodeError).message, /UntrustedCredentials\[1\]\/ValidFrom .*<ValidFrom> is xsi:nil but not nillable/);
  assert.match(failure(() => decode(nil, getUntrustedCredentials, { strict: true, onDecodeWarning }), isDecodeError).message, /is xsi:nil but not nillable/);
  warnings.length = 0;
  const body = decode(nil, getUntrustedCredentials, { onDecodeWarning }).body as Record<string, unknown>[];
  assert.equal(body[0]?.["ValidFrom"], null);
  assert.deepEqual(
    warnings.map((w) => w.replace(/ \d+ /, " ")),
    ["Envelope/Body/GetUntrustedCredentialsResponse/Response/UntrustedCredentials[1]/ValidFrom <ValidFrom> is xsi:nil but not nillable"],
  );
  // Unknown elements do not break the types: still tolerated and kept, with no warning.
  warnings.length = 0;
  assert.ok(decode(envelope(credentialsResponse([credentialXml(1, "<Surprise/>")])), getUntrustedCredentials, { onDecodeWarning }).body);
  assert.deepEqual(warnings, []);
});

test("SOAP 1.1 fault with typed detail, prefixed faultcode and raw detail", () => {
  const xml =
    `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><soap:Fault>` +
    `<faultcode xmlns:a="urn:app">a:Server.Ticket</faultcode><faultstring xml:lang="en">Ticket expired</faultstring>` +
    `<faultactor>http://crm.example/actor</faultactor>` +
    `<detail><SoExceptionInfo xmlns="${NS}"><Message>Ticket expired</Message><ExceptionType>SoTicketException</ExceptionType></SoExceptionInfo><Other>x</Other></detail>` +
    `</soap:Fault></soap:Body></soap:Envelope>`;
  const e = failure(() => decode(xml, saveUntrustedCredentials, { status: 500 }), isSoapFaultError);
  assert.ok(e instanceof SoapFaultError);
  assert.equal(e.version, "1.1");
  assert.deepEqual(e.code, { ns: "urn:app", local: "Server.Ticket" });
  assert.deepEqual(e.subcodes, []);
  assert.equal(e.reason, "Ticket expired");
  assert.equal(e.actor, "http://crm.example/actor");
  assert.equal(e.status, 500);
  assert.equal(e.faultName, "SoExceptionInfo");
  assert.deepEqual(e.detail, { Message: "Ticket expired", ExceptionType: "SoTicketException" });
  assert.deepEqual(
    e.rawDetail.map((d) => d.name),
    ["SoExceptionInfo", "Other"],
  );
  assert.equal(e.operation, "SaveUntrustedCredentials");
  assert.match(e.message, /SaveUntrustedCredentials: SOAP fault Server\.Ticket: Ticket expired/);
});

test("SOAP 1.2 fault: Code/Subcode chain, Reason in English preferred, Node, Role, Detail", () => {
  const xml =
    `<env:Envelope xmlns:env="${SOAP12}" xmlns:m="urn:m"><env:Body><env:Fault>` +
    `<env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value>m:Auth</env:Value>` +
    `<env:Subcode><env:Value xmlns:n="urn:n">n:Expired</env:Value></env:Subcode></env:Subcode></env:Code>` +
    `<env:Reason><env:Text xml:lang="de">Abgelaufen</env:Text><env:Text xml:lang="en-US">Expired</env:Text></env:Reason>` +
    `<env:Node>urn:node</env:Node><env:Role>urn:role</env:Role>` +
    `<env:Detail><q:SoExceptionInfo xmlns:q="${NS}"><q:Message>m</q:Message><q:InnerException><q:Message>inner</q:Message></q:InnerException></q:SoExceptionInfo></env:Detail>` +
    `</env:Fault></env:Body></env:Envelope>`;
  const e = failure(() => decode(xml), isSoapFaultError);
  assert.equal(e.version, "1.2");
  assert.deepEqual(e.code, { ns: SOAP12, local: "Sender" });
  assert.deepEqual(e.subcodes, [
    { ns: "urn:m", local: "Auth" },
    { ns: "urn:n", local: "Expired" },
  ]);
  assert.equal(e.reason, "Expired");
  assert.equal(e.node, "urn:node");
  assert.equal(e.actor, "urn:role");
  assert.deepEqual(e.detail, { Message: "m", InnerException: { Message: "inner" } });
  assert.equal(e.rawDetail[0]?.ns, NS);
  assert.match(e.message, /SOAP fault Sender\/Auth\/Expired: Expired/);
});

test("fault reason and messages are redacted with the request's secret values", () => {
  const xml = envelope(`<s:Fault><faultcode>s:Client</faultcode><faultstring>Invalid ticket 7T:abc123ticket for user</faultstring></s:Fault>`, "", "1.1");
  const redactor = new Redactor(new SecretPolicy(), ["7T:abc123ticket"]);
  const e = failure(() => decode(xml, getUntrustedCredentials, { redactor }), isSoapFaultError);
  assert.equal(e.reason, "Invalid ticket [redacted] for user");
  assert.doesNotMatch(e.message, /abc123/);
});

test("rpc response parts with a wrapper, loose document parts, and xs:anyType content", () => {
  const types = { Thing: { kind: "struct", fields: [{ name: "any", type: "xs:anyType", min: 0 }] } } as const;
  const rpc: OperationDescriptor = {
    name: "Calc",
    action: "",
    input: { body: { kind: "empty" } },
    output: {
      body: {
        kind: "parts",
        wrapper: { name: "CalcResponse", ns: "urn:c" },
        parts: [
          { name: "sum", type: "xs:integer" },
          { name: "thing", type: "Thing", min: 0 },
        ],
      },
      unwrap: "sum",
    },
  };
  const loose: OperationDescriptor = {
    ...rpc,
    output: {
      body: {
        kind: "parts",
        parts: [
          { name: "a", ns: "urn:c", type: "xs:int" },
          { name: "b", ns: "urn:c", type: "xs:string", max: "unbounded", min: 0 },
        ],
      },
    },
  };
  const c: ClientDescriptor = { port: "p", soap: "1.1", endpoint: "", types, operations: { rpc, loose } };
  const xml = envelope(
    `<m:CalcResponse xmlns:m="urn:c" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="${XSI}"><sum xsi:type="xsd:integer">12345678901234567890</sum></m:CalcResponse>`,
    "",
    "1.1",
  );
  assert.equal(decodeResponse(c, rpc, xml).body, 12345678901234567890n);
  const withThing = xml.replace("</sum>", `</sum><thing><any a="1" xsi:type="xsd:string">t<b/></any></thing>`);
  const full = decodeResponse(c, { ...rpc, output: { ...rpc.output!, unwrap: "thing" } } as OperationDescriptor, withThing).body;
  assert.deepEqual(full, {
    any: {
      name: "any",
      ns: "",
      attributes: [
        { name: "a", ns: "", value: "1" },
        { name: "type", ns: XSI, value: "{http://www.w3.org/2001/XMLSchema}string" },
      ],
      children: ["t", { name: "b", ns: "", attributes: [], children: [] }],
    },
  });
  const looseXml = envelope(`<a xmlns="urn:c">1</a><b xmlns="urn:c">x</b><b xmlns="urn:c">y</b>`, "", "1.1");
  assert.deepEqual(decodeResponse(c, loose, looseXml).body, { b: ["x", "y"], a: 1 });
});
