/**
 * Values and checks shared by the interop tests (nodesoap.test.ts, php.test.ts): the request headers and the
 * SaveUntrustedCredentials inputs sent to every peer, the form in which a schema-aware peer decodes them, and the
 * checks on a raw SaveUntrustedCredentials request (nil, absence, qualification, the WSDL's sequence order).
 */
import assert from "node:assert/strict";
import type { XmlElement } from "../../templates/runtime/xml.js";
import { attribute, child, childNames, elements, parseXml, schemaSequence, SO_NS, textOf, XSI_NS } from "../helpers/peers.js";

export interface CallResult {
  body: unknown;
  headers: Record<string, unknown>;
  status: number;
  httpHeaders: Headers;
}
export interface CallOptions {
  headers?: Record<string, unknown>;
}
/** The part of the generated UserClient the tests use (the package is imported at run time). */
export interface Client {
  $invoke(operation: string, input: unknown, options?: CallOptions): Promise<CallResult>;
  saveUntrustedCredentials(input: unknown, options?: CallOptions): Promise<unknown>;
  getUntrustedCredentials(input: unknown, options?: CallOptions): Promise<unknown>;
}
export type ClientClass = new (options: Record<string, unknown>) => Client;
export type Guard = (e: unknown) => boolean;

export const ACTION = "http://www.superoffice.net/ws/crm/NetServer/Services75/User/";

/** Long enough to be redacted by value; `&` so that its escaped form matters too. */
export const TICKET = "7T:dGlja2V0&Zm9yIHdzZGxj";

export const REQUEST_HEADERS = {
  ApplicationToken: "app-token <&> Ærø",
  Credentials: { Ticket: TICKET },
  TimeZone: { SoTimeZoneId: 5, SoTimeZoneLocationCode: "Europe/Oslo" },
};

/** Every value class in one credentials object: Carrier members (list, dictionary), a null and an absent field. */
export const SENT_A = {
  Type: "imap",
  Credentials: {
    TableRight: { Mask: ["Select", "Update", "Delete"], Reason: "" },
    FieldProperties: {
      Comment: { FieldRight: { Mask: ["Read", "Write"], Reason: "owner & <admin>" }, FieldType: "string", FieldLength: 255 },
      "Secret & <Value>": null,
    },
    ValidFrom: "2022-03-25T21:34:02.1234567+01:00",
    // ValidTo: absent on purpose
    Comment: "  Ærø – 東京 🚀 & < > ]]> \"q\" 'a'\ttab\r\nCRLF  ",
    SecretValue: null,
    PublicValue: "",
    IsActive: false,
  },
};

/**
 * The whole request envelope the client must send for SENT_A with REQUEST_HEADERS, written independently (other
 * prefixes, default namespaces, character references), compared in canonical form (test/runtime/canonical.ts):
 * prefixes and declaration placement do not matter, everything else (names, namespaces, attributes, text) does.
 */
export const SAVE_A_ENVELOPE = `<?xml version="1.0"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
  <s:Header>
    <ApplicationToken xmlns="${SO_NS}">app-token &lt;&amp;&gt; Ærø</ApplicationToken>
    <Credentials xmlns="${SO_NS}"><Ticket>7T:dGlja2V0&amp;Zm9yIHdzZGxj</Ticket></Credentials>
    <TimeZone xmlns="${SO_NS}"><SoTimeZoneId>5</SoTimeZoneId><SoTimeZoneLocationCode>Europe/Oslo</SoTimeZoneLocationCode></TimeZone>
  </s:Header>
  <s:Body>
    <SaveUntrustedCredentials xmlns="${SO_NS}">
      <Type>imap</Type>
      <Credentials>
        <TableRight><Mask>Select Update Delete</Mask><Reason/></TableRight>
        <FieldProperties>
          <FieldPropertyDictionaryKeyValuePair>
            <Key>Comment</Key>
            <Value>
              <FieldRight><Mask>Read Write</Mask><Reason>owner &amp; &lt;admin&gt;</Reason></FieldRight>
              <FieldType>string</FieldType>
              <FieldLength>255</FieldLength>
            </Value>
          </FieldPropertyDictionaryKeyValuePair>
          <FieldPropertyDictionaryKeyValuePair><Key>Secret &amp; &lt;Value&gt;</Key><Value i:nil="true"/></FieldPropertyDictionaryKeyValuePair>
        </FieldProperties>
        <ValidFrom>2022-03-25T21:34:02.1234567+01:00</ValidFrom>
        <Comment>  Ærø – 東京 🚀 &amp; &lt; &gt; ]]&gt; "q" 'a'&#9;tab&#13;&#10;CRLF  </Comment>
        <SecretValue i:nil="true"/>
        <PublicValue></PublicValue>
        <IsActive>false</IsActive>
      </Credentials>
    </SaveUntrustedCredentials>
  </s:Body>
</s:Envelope>`;

/** A Date input, a negative offset, a nil PublicValue, an empty Comment and a secret-looking value. */
export const SENT_B = {
  Type: "imap",
  Credentials: {
    ValidFrom: "2022-03-25T21:34:02.1234567-05:30",
    ValidTo: new Date(Date.UTC(2031, 11, 31, 22, 59, 58, 7)),
    Comment: "",
    SecretValue: "pa55 <wörd> & ]]>",
    PublicValue: null,
    IsActive: true,
  },
};

/**
 * Credentials as a server answers GetUntrustedCredentials with them, in the peer's object form (an xs:list as its
 * space-separated text, a dictionary as its KeyValuePair entries): chosen by the test, not sent by the client.
 */
export const CHOSEN: readonly Record<string, unknown>[] = [
  {
    ValidFrom: "2022-03-25T21:34:02.1234567+01:00",
    ValidTo: "9999-12-31T23:59:59.9999999Z",
    Comment: "Ærø – 東京 🚀 & < > ]]> \"q\" 'a'\ttab\r\nCRLF",
    SecretValue: null,
    PublicValue: "",
    IsActive: true,
  },
  { ValidFrom: "0001-01-01T00:00:00", ValidTo: "2022-03-25T21:34:02-14:00", Comment: " edge spaces ", IsActive: false },
  {
    TableRight: { Mask: "Select Filtering", Reason: null },
    FieldProperties: {
      FieldPropertyDictionaryKeyValuePair: [
        { Key: "A", Value: { FieldLength: 0 } },
        { Key: "B", Value: null },
      ],
    },
  },
  {},
];

/** CHOSEN as the client must decode it. */
export const CHOSEN_DECODED: readonly Record<string, unknown>[] = [
  CHOSEN[0]!,
  CHOSEN[1]!,
  { TableRight: { Mask: ["Select", "Filtering"], Reason: null }, FieldProperties: { A: { FieldLength: 0 }, B: null } },
  {},
];

/**
 * Client credentials input in the form a schema-aware peer decodes it: an xs:list (Mask) as its space-separated
 * text, a dictionary as its KeyValuePair entries, a Date as the ISO string the client writes.
 */
export function asPeerDecodes(credentials: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(credentials)) {
    if (v instanceof Date) out[k] = v.toISOString();
    else if (k === "TableRight" && v !== null) {
      const t = v as { Mask: string[]; Reason: unknown };
      out[k] = { Mask: t.Mask.join(" "), Reason: t.Reason };
    } else if (k === "FieldProperties" && v !== null) {
      const entries = Object.entries(v as Record<string, { FieldRight: { Mask: string[]; Reason: unknown }; FieldType: unknown; FieldLength: unknown } | null>);
      out[k] = {
        FieldPropertyDictionaryKeyValuePair: entries.map(([Key, p]) => ({
          Key,
          Value: p === null ? null : { FieldRight: { Mask: p.FieldRight.Mask.join(" "), Reason: p.FieldRight.Reason }, FieldType: p.FieldType, FieldLength: p.FieldLength },
        })),
      };
    } else out[k] = v;
  }
  return out;
}

/** Client credentials input as the client decodes it back after a lossless round trip (a Date → its ISO string). */
export function asDecoded(credentials: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(credentials).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Asserts that neither the raw nor the XML-escaped ticket occurs in any of the texts. */
export function assertNoTicket(texts: readonly string[]): void {
  for (const text of texts) {
    assert.ok(!text.includes(TICKET), `the ticket leaked into: ${text}`);
    assert.ok(!text.includes(escapeXml(TICKET)), `the escaped ticket leaked into: ${text}`);
  }
}

/**
 * Checks a raw SaveUntrustedCredentials request for `sent` with REQUEST_HEADERS: the SOAP headers present and
 * filled in, the wrapper's and each struct's children in the WSDL's sequence order, present fields only (an
 * absent field has no element), null fields as `xsi:nil="true"` with no content, an empty string not nil, every
 * body element qualified with the target namespace.
 */
export function assertSaveRequest(rawXml: string, wsdl: XmlElement, sent: { Type: unknown; Credentials: Record<string, unknown> }): void {
  const env = parseXml(rawXml);
  const header = child(env, "Header");
  assert.deepEqual(childNames(header).sort(), ["ApplicationToken", "Credentials", "TimeZone"]);
  assert.equal(textOf(child(header, "ApplicationToken")), REQUEST_HEADERS.ApplicationToken);
  assert.equal(textOf(child(header, "Credentials", "Ticket")), TICKET);
  assert.deepEqual(childNames(child(header, "TimeZone")), schemaSequence(wsdl, "SoTimeZone"));

  const wrapper = child(env, "Body", "SaveUntrustedCredentials");
  assert.deepEqual(childNames(wrapper), schemaSequence(wsdl, "SaveUntrustedCredentials"));
  const creds = child(wrapper, "Credentials");
  const sequence = schemaSequence(wsdl, "UntrustedCredentials");
  assert.deepEqual(
    sequence,
    ["TableRight", "FieldProperties", "ValidFrom", "ValidTo", "Comment", "SecretValue", "PublicValue", "IsActive"],
    "the WSDL's order (Carrier's members first)",
  );
  assert.deepEqual(
    childNames(creds),
    sequence.filter((n) => Object.hasOwn(sent.Credentials, n)),
    "present fields only, in schema order",
  );
  for (const name of sequence) {
    if (!Object.hasOwn(sent.Credentials, name)) {
      assert.ok(!childNames(creds).includes(name), `no element for the absent ${name}`);
      continue;
    }
    const el = child(creds, name);
    const v = sent.Credentials[name];
    if (v === null) {
      assert.equal(attribute(el, XSI_NS, "nil"), "true", `${name} is nil`);
      assert.deepEqual(el.children, [], `nil ${name} has no content`);
    } else assert.equal(attribute(el, XSI_NS, "nil"), undefined, `${name} is not nil`);
    if (typeof v === "string") assert.equal(textOf(el), v, `${name} text`);
  }
  if (sent.Credentials["TableRight"] !== undefined) assert.deepEqual(childNames(child(creds, "TableRight")), schemaSequence(wsdl, "TableRight"));
  if (sent.Credentials["FieldProperties"] !== undefined) {
    const entries = elements(child(creds, "FieldProperties"));
    for (const entry of entries) assert.deepEqual(childNames(entry), ["Key", "Value"]);
    const firstValue = child(entries[0]!, "Value");
    assert.deepEqual(childNames(firstValue), schemaSequence(wsdl, "FieldProperty"));
  }
  (function qualified(el: XmlElement) {
    assert.equal(el.ns, SO_NS, `<${el.name}> is in the target namespace (elementFormDefault="qualified")`);
    elements(el).forEach(qualified);
  })(wrapper);
}
