/**
 * A damaged response never escapes as anything but a typed SoapError (DecodeError, SoapFaultError…):
 * seeded insertions of markup, removals and truncations of a SuperOffice-shaped answer, lenient and strict.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { userDescriptor } from "../../generated/services75-user/UserClient.js";
import { decodeResponse } from "../../generated/services75-user/runtime/decode.js";
import { isSoapError } from "../../generated/services75-user/runtime/errors.js";

const NS = "http://www.superoffice.net/ws/crm/NetServer/Services75";
const ANSWER =
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><s:Header>` +
  `<ExceptionInfo xmlns="${NS}"><Message>m</Message><InnerException><Message>x</Message></InnerException><Parameters><SoExceptionInfoParametersKeyValuePair><Key>k</Key><Value>v</Value></SoExceptionInfoParametersKeyValuePair></Parameters></ExceptionInfo>` +
  `<Succeeded xmlns="${NS}">true</Succeeded></s:Header><s:Body><GetUntrustedCredentialsResponse xmlns="${NS}"><Response><UntrustedCredentials>` +
  `<TableRight><Mask>Select Update</Mask><Reason i:nil="true"/></TableRight><FieldProperties><FieldPropertyDictionaryKeyValuePair><Key>a</Key><Value><FieldRight><Mask>Read</Mask></FieldRight><FieldLength>3</FieldLength></Value></FieldPropertyDictionaryKeyValuePair></FieldProperties>` +
  `<ValidFrom>2022-03-25T21:34:02.1234567+01:00</ValidFrom><Comment>a &amp; b</Comment><IsActive>true</IsActive></UntrustedCredentials><UntrustedCredentials i:nil="true"/></Response></GetUntrustedCredentialsResponse></s:Body></s:Envelope>`;
const JUNK = [
  "<",
  ">",
  "&",
  "&#0;",
  "&#x110000;",
  "]]>",
  "<![CDATA[",
  "<!--",
  "<?x?>",
  "</Response>",
  "<Response>",
  'i:nil="true"',
  'xmlns:i=""',
  'xmlns=""',
  "\u0000",
  "<!DOCTYPE x>",
  'i:type="q:Nope"',
  'i:type="s:Envelope"',
  "𝒳",
];

test("5000 seeded damaged responses: typed errors only", () => {
  const op = userDescriptor.operations["getUntrustedCredentials"];
  assert.ok(op);
  assert.deepEqual((decodeResponse(userDescriptor, op, ANSWER).body as unknown[]).length, 2);
  let s = 424242;
  const rnd = (): number => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const escaped: string[] = [];
  for (let i = 0; i < 5000; i++) {
    let text = ANSWER;
    for (let j = 1 + Math.floor(rnd() * 3); j > 0; j--) {
      const at = Math.floor(rnd() * text.length);
      const kind = rnd();
      if (kind < 0.4) text = text.slice(0, at) + JUNK[Math.floor(rnd() * JUNK.length)] + text.slice(at);
      else if (kind < 0.7) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rnd() * 20));
      else text = text.slice(0, at);
    }
    for (const strict of [false, true]) {
      try {
        decodeResponse(userDescriptor, op, text, { strict });
      } catch (e) {
        if (!isSoapError(e)) escaped.push(`${i}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      }
    }
  }
  assert.deepEqual(escaped, []);
});
