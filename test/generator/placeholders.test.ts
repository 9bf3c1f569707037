/**
 * A WSDL published with its template unfilled (`{{var wsdl.url}}`, `${host}` as the address) or with an address
 * that is not an absolute http(s) URL still generates, with a warning at the address that says what to do.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { generateDocs, wsdlAround } from "../helpers/generate.js";

const SCHEMA = `<xs:element name="Req"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
  <xs:element name="Resp"><xs:complexType><xs:sequence/></xs:complexType></xs:element>`;

async function diagnosticsFor(location: string): Promise<string[]> {
  const wsdl = wsdlAround({ schema: SCHEMA }).replace('location="http://localhost/test"', `location="${location}"`);
  assert.ok(wsdl.includes(location));
  const r = await generateDocs({ "mem:/p.wsdl": wsdl });
  assert.ok(r.files.length > 0, "still generates");
  return r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.pos?.line}:${d.pos?.column} ${d.message}`);
}

test("an unfilled template placeholder or a non-http address is a warning with its position", async () => {
  for (const placeholder of ["{{var wsdl.url}}", "${SERVICE_URL}/soap", "&lt;%= url %&gt;", "http://%HOST%/svc"]) {
    const d = await diagnosticsFor(placeholder);
    assert.equal(d.length, 1, placeholder);
    assert.match(d[0] ?? "", /^warning wsdl-placeholder 24:58 the address .* is an unfilled template placeholder; pass `endpoint` to the client/);
  }
  for (const bad of ["/relative/path", "ftp://host/x", "localhost:8080"]) {
    const d = await diagnosticsFor(bad);
    assert.match(d[0] ?? "", /^warning wsdl-address 24:58 the address .* is not an absolute http\(s\) URL/, bad);
  }
  assert.deepEqual(await diagnosticsFor("https://example.com/svc?x=1"), []);
});
