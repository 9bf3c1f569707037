/**
 * xs:QName values (XSD Part 2 §3.2.18): their meaning is a namespace and a local name, so the prefix they are
 * written with belongs to the document. The API holds them in Clark notation (`{namespace}local`); the encoder
 * declares a prefix, the decoder resolves the one in scope (element content, attributes and xs:list items).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeResponse } from "../../templates/runtime/decode.js";
import type { ClientDescriptor, OperationDescriptor, TypeTable } from "../../templates/runtime/descriptors.js";
import { encodeRequest } from "../../templates/runtime/encode.js";
import { isDecodeError, isEncodeError } from "../../templates/runtime/errors.js";

const NS = "urn:test:qname";
const TOPICS = "http://example.org/topics";
const SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";

const types: TypeTable = {
  QNames: { kind: "list", item: "xs:QName" },
  Filter: {
    kind: "struct",
    qname: [NS, "Filter"],
    fields: [
      { name: "Topic", ns: NS, type: "xs:QName" },
      { name: "Others", ns: NS, type: "QNames", min: 0 },
    ],
    attributes: [{ name: "dialect", type: "xs:QName" }],
  },
};
const op: OperationDescriptor = {
  name: "Subscribe",
  action: "urn:Subscribe",
  input: { body: { kind: "element", field: { name: "Filter", ns: NS, type: "Filter" } } },
  output: { body: { kind: "element", field: { name: "Filter", ns: NS, type: "Filter" } } },
};
const client: ClientDescriptor = { port: "P", soap: "1.1", endpoint: "", types, operations: { Subscribe: op } };

test("Clark notation in, one declared prefix per namespace out", () => {
  const xml = encodeRequest(client, op, { Topic: `{${TOPICS}}Motion`, Others: [`{${TOPICS}}Tamper`, `{${NS}}Local`, "Plain"], dialect: `{${TOPICS}}Concrete` }, {});
  assert.equal(
    xml,
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP11}" xmlns:ns1="${NS}" xmlns:ns2="${TOPICS}">` +
      `<soap:Body><ns1:Filter dialect="ns2:Concrete"><ns1:Topic>ns2:Motion</ns1:Topic><ns1:Others>ns2:Tamper ns1:Local Plain</ns1:Others></ns1:Filter></soap:Body></soap:Envelope>`,
  );
});

test("a prefixed name without its namespace, or anything that is not a QName, is refused before sending", () => {
  // A local part that is no NCName (`a&b`, `1a`, `a"b`) is refused too, not sent escaped.
  for (const bad of ["tns:Motion", "{urn:x}", "{urn:x}a b", "two words", "a&b", "{urn:x}1a", '{urn:x}a"b', "{urn:\u0000}a"]) {
    assert.throws(
      () => encodeRequest(client, op, { Topic: bad }, {}),
      (e: unknown) => isEncodeError(e) && e.path === "Filter.Topic" && /xs:QName/.test(e.message),
      bad,
    );
  }
});

test("decoding resolves each prefix where it is used: on the element, inherited, default namespace, attributes, list items", () => {
  const response =
    `<s:Envelope xmlns:s="${SOAP11}"><s:Body><f:Filter xmlns:f="${NS}" xmlns:t="${TOPICS}" dialect="t:Concrete">` +
    `<f:Topic xmlns:t="urn:redeclared">t:Motion</f:Topic><f:Others xmlns="urn:default">t:Tamper f:Local Plain</f:Others></f:Filter></s:Body></s:Envelope>`;
  const { body } = decodeResponse(client, op, response);
  assert.deepEqual(body, {
    dialect: `{${TOPICS}}Concrete`,
    Topic: "{urn:redeclared}Motion",
    Others: [`{${TOPICS}}Tamper`, `{${NS}}Local`, "{urn:default}Plain"],
  });
  // What we decode, we send back meaning the same names.
  const again = encodeRequest(client, op, body, {});
  const reparsed = decodeResponse(client, op, again.replace(/^<\?xml[^>]*\?>/, ""));
  assert.deepEqual(reparsed.body, body);
});

test("an undeclared prefix: kept as written when lenient, a DecodeError when strict", () => {
  const response = `<s:Envelope xmlns:s="${SOAP11}"><s:Body><f:Filter xmlns:f="${NS}"><f:Topic> nope:Motion </f:Topic></f:Filter></s:Body></s:Envelope>`;
  assert.deepEqual(decodeResponse(client, op, response).body, { Topic: "nope:Motion" });
  assert.throws(
    () => decodeResponse(client, op, response, { strict: true }),
    (e: unknown) => isDecodeError(e) && /undeclared prefix/.test(e.message),
  );
});
