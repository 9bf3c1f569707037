/** Namespace constants are named from their URI, and keep their name when unrelated namespaces come or go. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { namespaceNames } from "../../generator/analyze/namespaces.js";
import { isIdentifier } from "../../generator/analyze/names.js";

const SERVICES = "http://www.superoffice.net/ws/crm/NetServer/Services75";
const ARRAYS = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";
const SER = "http://schemas.microsoft.com/2003/10/Serialization/";

test("names come from the last meaningful word of the URI", () => {
  const names = namespaceNames([
    SERVICES,
    ARRAYS,
    SER,
    "urn:test",
    "http://tempuri.org/",
    "urn:core_2013_2.platform.webservices.netsuite.com",
    "http://www.example.com/v1",
    "urn:hl7-org:v3",
  ]);
  assert.deepEqual(Object.fromEntries(names), {
    [SERVICES]: "nsServices75",
    [ARRAYS]: "nsArrays",
    [SER]: "nsSerialization",
    "urn:test": "nsTest",
    "http://tempuri.org/": "nsTempuri",
    "urn:core_2013_2.platform.webservices.netsuite.com": "nsCore_2013_2",
    // A version alone takes the word before it along.
    "http://www.example.com/v1": "nsExampleV1",
    "urn:hl7-org:v3": "nsHl7OrgV3",
  });
});

test("the empty namespace has no constant", () => {
  assert.deepEqual([...namespaceNames(["", "urn:a"]).keys()], ["urn:a"]);
});

test("a namespace keeps its name when an unrelated one is added or removed", () => {
  const before = namespaceNames([SERVICES, ARRAYS]);
  for (const extra of ["urn:zzz", "http://aaa.example/Other", "http://example.org/ns1", "http://a.example/Types"]) {
    const after = namespaceNames([SERVICES, ARRAYS, extra]);
    assert.equal(after.get(SERVICES), before.get(SERVICES), extra);
    assert.equal(after.get(ARRAYS), before.get(ARRAYS), extra);
  }
});

test("colliding last words take more words; names stay unique ignoring case and valid identifiers", () => {
  const uris = [
    "http://www.onvif.org/ver10/device/wsdl",
    "http://www.onvif.org/ver10/media/wsdl",
    "http://www.Dummy.com",
    "http://www.dummy.com",
    "http://tempuri.org",
    "http://tempuri.org/",
    "http://example.com/a/Types",
    "http://example.org/a/Types",
    "urn:Types",
    "urn:%20/?#",
    "http://例え.jp/名前",
    `http://example.com/${"x".repeat(500)}`,
  ];
  const names = namespaceNames(uris);
  assert.equal(names.get("http://www.onvif.org/ver10/device/wsdl"), "nsDeviceWsdl");
  assert.equal(names.get("http://www.onvif.org/ver10/media/wsdl"), "nsMediaWsdl");
  assert.equal(names.get("urn:Types"), "nsTypes");
  const values = [...names.values()];
  assert.equal(values.length, uris.length);
  assert.equal(new Set(values.map((v) => v.toLowerCase())).size, values.length, values.join(", "));
  for (const v of values) {
    assert.ok(isIdentifier(v) && v.startsWith("ns"), v);
    assert.ok(v.length <= 70, v);
  }
  // The same input in another order gives the same names.
  assert.deepEqual(namespaceNames([...uris].reverse()), names);
});

test("reserved names are avoided", () => {
  const names = namespaceNames(["urn:x:Client", "urn:Test"], ["nsClient", "NSTEST"]);
  assert.equal(names.get("urn:x:Client"), "nsXClient");
  assert.equal(names.get("urn:Test"), "nsTest_2");
});

test("many namespaces that share their last word are named in linear-ish time", () => {
  const uris = Array.from({ length: 5000 }, (_, i) => `urn:vendor${i}:Types`);
  const started = performance.now();
  const names = namespaceNames(uris);
  assert.equal(new Set([...names.values()].map((n) => n.toLowerCase())).size, uris.length);
  assert.equal(names.get("urn:vendor7:Types"), "nsVendor7Types");
  assert.ok(performance.now() - started < 5000);
});
