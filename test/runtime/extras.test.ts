/**
 * What the schema does not declare is kept, not dropped: a lenient decode puts undeclared child elements and
 * attributes of a struct, and undeclared header entries, in the object's `extras` (a server newer than its
 * WSDL loses no data). They are invisible to JSON and deep equality, and not sent again. Strict decoding
 * still refuses undeclared elements.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeResponse } from "../../templates/runtime/decode.js";
import { encodeRequest } from "../../templates/runtime/encode.js";
import { isDecodeError } from "../../templates/runtime/errors.js";
import { extras } from "../../templates/runtime/reader.js";
import { descriptor, envelope, getUntrustedCredentials, NS, saveUntrustedCredentials } from "./service.js";

const client = descriptor("1.1");

const response = envelope(
  `<GetUntrustedCredentialsResponse xmlns="${NS}" xmlns:x="urn:newer"><Response><UntrustedCredentials x:revision="7" plain="p">` +
    `<UntrustedCredentialsId>1</UntrustedCredentialsId><x:Owner kind="user">Ann &amp; Bo</x:Owner>` +
    `<ValidFrom>2022-03-25T21:34:02.1234567+01:00</ValidFrom><Later>2</Later></UntrustedCredentials></Response></GetUntrustedCredentialsResponse>`,
  `<Succeeded xmlns="${NS}">true</Succeeded><a:Action xmlns:a="http://www.w3.org/2005/08/addressing">urn:done</a:Action>`,
  "1.1",
);

test("undeclared elements and attributes of a struct are kept in its extras, in document order", () => {
  const { body, headers } = decodeResponse(client, getUntrustedCredentials, response);
  const item = (body as Record<string, unknown>[])[0];
  assert.deepEqual(item, { UntrustedCredentialsId: 1, ValidFrom: "2022-03-25T21:34:02.1234567+01:00" });
  assert.deepEqual(extras(item), {
    elements: [
      { name: "Owner", ns: "urn:newer", attributes: [{ name: "kind", ns: "", value: "user" }], children: ["Ann & Bo"] },
      { name: "Later", ns: NS, attributes: [], children: ["2"] },
    ],
    attributes: [
      { name: "revision", ns: "urn:newer", value: "7" },
      { name: "plain", ns: "", value: "p" },
    ],
  });
  assert.equal(JSON.stringify(item), '{"UntrustedCredentialsId":1,"ValidFrom":"2022-03-25T21:34:02.1234567+01:00"}');
  assert.deepEqual(headers, { Succeeded: true });
  assert.deepEqual(extras(headers)?.elements, [{ name: "Action", ns: "http://www.w3.org/2005/08/addressing", attributes: [], children: ["urn:done"] }]);
  // Re-sending a decoded value sends what the schema declares.
  const again = encodeRequest(client, saveUntrustedCredentials, { Credentials: item }, {});
  assert.doesNotMatch(again, /Owner|Later|revision|plain/);
});

test("a value with nothing undeclared has no extras; strict decoding refuses undeclared elements", () => {
  const clean = envelope(
    `<GetUntrustedCredentialsResponse xmlns="${NS}"><Response><UntrustedCredentials><UntrustedCredentialsId>1</UntrustedCredentialsId>` +
      `<ValidFrom>2022-03-25T21:34:02Z</ValidFrom></UntrustedCredentials></Response></GetUntrustedCredentialsResponse>`,
    `<Succeeded xmlns="${NS}">true</Succeeded>`,
    "1.1",
  );
  const { body, headers } = decodeResponse(client, getUntrustedCredentials, clean);
  assert.equal(extras((body as unknown[])[0]), undefined);
  assert.equal(extras(headers), undefined);
  assert.equal(extras("text"), undefined);
  assert.throws(
    () => decodeResponse(client, getUntrustedCredentials, response, { strict: true }),
    (e: unknown) => isDecodeError(e) && /unexpected element <x:Owner>/.test(e.message),
  );
});
