/**
 * Generator and runtime agree on header optionality: the runtime merges per-call headers over the client's
 * defaults, header by header, and an explicit `undefined` removes a default; the generated request-header
 * type accepts that `undefined` under exactOptionalPropertyTypes. The type half is checked when the tests
 * are type-checked (`npm run typecheck`, this file is in tsconfig.json); the run-time half by a call.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { UserClient, type CallOptions, type ClientOptions, type UserRequestHeaders } from "../../generated/services75-user/index.js";

const S75 = "http://www.superoffice.net/ws/crm/NetServer/Services75";

// Type level: an explicit undefined is a valid per-call override and a valid (unset) default…
const removeDefault: CallOptions<UserRequestHeaders> = { headers: { Credentials: undefined } };
const defaults: ClientOptions<UserRequestHeaders> = { headers: { ApplicationToken: "app", Credentials: { Ticket: "t" }, TimeZone: undefined } };
// …while the header's own type still holds: a wrong value is refused, and so is an undeclared header.
// @ts-expect-error a number is not SoCredentials
const wrongType: CallOptions<UserRequestHeaders> = { headers: { Credentials: 5 } };
// @ts-expect-error not a header of this client
const unknownHeader: CallOptions<UserRequestHeaders> = { headers: { Ticket: "t" } };
void wrongType;
void unknownHeader;

function client(bodies: string[]): UserClient {
  return new UserClient({
    ...defaults,
    endpoint: "http://127.0.0.1:1/User.svc",
    fetch: async (_url, init) => {
      bodies.push(String(init?.body));
      const xml = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><GetCredentialTypesResponse xmlns="${S75}"/></s:Body></s:Envelope>`;
      return new Response(xml, { status: 200, headers: { "content-type": "text/xml; charset=utf-8" } });
    },
  });
}

test("an explicit undefined per call removes that default header and keeps the others", async () => {
  const bodies: string[] = [];
  const user = client(bodies);
  await user.getCredentialTypes({}, removeDefault);
  await user.getCredentialTypes({});
  const [removed, kept] = bodies;
  assert.match(removed ?? "", /<ns1:ApplicationToken>app<\/ns1:ApplicationToken>/);
  assert.doesNotMatch(removed ?? "", /Credentials|Ticket/);
  assert.match(kept ?? "", /<ns1:Credentials><ns1:Ticket>t<\/ns1:Ticket><\/ns1:Credentials>/);
  // An undefined default is no header at all (not an empty or nil element).
  assert.doesNotMatch(kept ?? "", /TimeZone/);
});

test("null is not undefined: a per-call null sends the header as nil", async () => {
  const bodies: string[] = [];
  await client(bodies).getCredentialTypes({}, { headers: { Credentials: null } });
  assert.match(bodies[0] ?? "", /<ns1:Credentials xsi:nil="true"\/>/);
});
