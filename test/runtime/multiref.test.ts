/**
 * rpc/encoded multi-reference values (SOAP 1.1 §5.4.1, SOAP 1.2 Part 2 §3.1.5.1), as Apache Axis 1 sends
 * them: accessors with href="#id" pointing at independent <multiRef id="id"> elements after the response.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeResponse } from "../../templates/runtime/decode.js";
import type { ClientDescriptor, OperationDescriptor } from "../../templates/runtime/descriptors.js";
import { isDecodeError } from "../../templates/runtime/errors.js";
import { inlineReferences, multiRef } from "../../templates/runtime/multiref.js";

const NS = "urn:users";
const client: ClientDescriptor = {
  port: "UsersPort",
  // References are inlined by the optional multiRef feature, which generated rpc/encoded clients name.
  features: { multiRef },
  soap: "1.1",
  endpoint: "http://localhost/users",
  types: {
    User: {
      kind: "struct",
      qname: [NS, "User"],
      fields: [
        { name: "name", type: "xs:string" },
        { name: "address", type: "Address", nillable: true },
        { name: "friend", type: "User", min: 0, nillable: true },
      ],
    },
    Address: { kind: "struct", qname: [NS, "Address"], fields: [{ name: "city", type: "xs:string" }] },
    GetUserResponse: { kind: "struct", fields: [{ name: "getUserReturn", type: "User", nillable: true }] },
  },
  operations: {},
};
const op: OperationDescriptor = {
  name: "getUser",
  action: "",
  style: "rpc",
  encoded: true,
  input: { body: { kind: "parts", wrapper: { name: "getUser", ns: NS }, parts: [{ name: "id", type: "xs:int" }] } },
  output: { body: { kind: "parts", wrapper: { name: "getUserResponse", ns: NS }, parts: [{ name: "getUserReturn", type: "User", nillable: true }] }, unwrap: "getUserReturn" },
};

const envelope = (body: string): string =>
  `<?xml version="1.0" encoding="utf-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

test("Axis-style multiRef values are inlined before decoding, nested and shared ones too", () => {
  const xml = envelope(
    `<ns1:getUserResponse soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ns1="${NS}">` +
      `<getUserReturn href="#id0"/></ns1:getUserResponse>` +
      `<multiRef id="id0" soapenc:root="0" soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xsi:type="ns2:User" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ns2="${NS}">` +
      `<name xsi:type="xsd:string">Ann &amp; Bo</name><address href="#id1"/><friend href="#id2"/></multiRef>` +
      `<multiRef id="id2" xsi:type="ns3:User" xmlns:ns3="${NS}"><name xsi:type="xsd:string">Cy</name><address href="#id1"/></multiRef>` +
      `<multiRef id="id1" xsi:type="ns4:Address" xmlns:ns4="${NS}"><city xsi:type="xsd:string">Oslo</city></multiRef>`,
  );
  const r = decodeResponse(client, op, xml);
  assert.deepEqual(r.body, { name: "Ann & Bo", address: { city: "Oslo" }, friend: { name: "Cy", address: { city: "Oslo" } } });
});

test("SOAP 1.2 enc:ref / enc:id", () => {
  const xml =
    `<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" xmlns:enc="http://www.w3.org/2003/05/soap-encoding"><e:Body>` +
    `<m:getUserResponse xmlns:m="${NS}"><getUserReturn enc:ref="u1"/></m:getUserResponse>` +
    `<u enc:id="u1"><name>Di</name><address xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/></u></e:Body></e:Envelope>`;
  assert.deepEqual(decodeResponse(client, op, xml).body, { name: "Di", address: null });
});

test("a reference cycle stops instead of looping (the inner reference stays empty); a dangling one is the decoder's", () => {
  const cycle = envelope(
    `<ns1:getUserResponse xmlns:ns1="${NS}"><getUserReturn href="#a"/></ns1:getUserResponse>` +
      `<multiRef id="a"><name>A</name><address xsi:nil="true"/><friend href="#a"/></multiRef>`,
  );
  assert.deepEqual(decodeResponse(client, op, cycle).body, { name: "A", address: null, friend: {} });
  const dangling = envelope(`<ns1:getUserResponse xmlns:ns1="${NS}"><getUserReturn href="#nowhere"/></ns1:getUserResponse><multiRef id="x"><name>X</name></multiRef>`);
  assert.throws(
    () => decodeResponse(client, op, dangling, { strict: true }),
    (e) => isDecodeError(e),
  );
});

test("the rewrite keeps namespaces, escaping and xsi:type prefixes valid", () => {
  const out = inlineReferences(envelope(`<a:r xmlns:a="urn:a"><v href="#1"/></a:r><m id="1" xsi:type="b:T" xmlns:b="urn:b"><t>&lt;x&gt; &amp;</t></m>`));
  assert.equal(
    out,
    '<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body><r xmlns="urn:a"><v xmlns="" xmlns:a0="urn:b" xmlns:a1="http://www.w3.org/2001/XMLSchema-instance" a1:type="a0:T"><t>&lt;x&gt; &amp;</t></v></r></Body></Envelope>',
  );
  assert.doesNotMatch(out, /<m /);
});
