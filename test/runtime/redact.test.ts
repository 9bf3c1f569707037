import { test } from "node:test";
import assert from "node:assert/strict";
import { MIN_SECRET_LENGTH, Redactor, redactHttpHeaders, redactUrl, SecretPolicy } from "../../templates/runtime/redact.js";

const policy = new SecretPolicy(["PIN"]);

test("secret names: built-in patterns plus whole extra names", () => {
  for (const name of ["Password", "passwd", "ClientSecret", "Ticket", "ApplicationToken", "ApiKey", "api_key", "X-Api-Key", "Credentials", "pin", "PIN"]) {
    assert.equal(policy.isSecretName(name), true, name);
  }
  for (const name of ["UserId", "Description", "Pinned", "Shipping", "ValidFrom"]) assert.equal(policy.isSecretName(name), false, name);
});

test("XML: the own text of secret-named elements and secret-named attributes are redacted", () => {
  const r = new Redactor(policy);
  const xml =
    `<s:Envelope xmlns:s="urn:s"><s:Header><h:Credentials xmlns:h="urn:h"><h:Ticket>7T:abc</h:Ticket><h:User>bob</h:User></h:Credentials></s:Header>` +
    `<s:Body><GetUntrustedCredentials><UserId>42</UserId><Password><![CDATA[p&ss]]></Password><Login apiKey="k1" name="n"/>` +
    `<SecretValue/><Token>a<!-- c -->b</Token></GetUntrustedCredentials></s:Body></s:Envelope>`;
  assert.equal(
    r.xml(xml),
    `<s:Envelope xmlns:s="urn:s"><s:Header><h:Credentials xmlns:h="urn:h"><h:Ticket>[redacted]</h:Ticket><h:User>bob</h:User></h:Credentials></s:Header>` +
      `<s:Body><GetUntrustedCredentials><UserId>42</UserId><Password><![CDATA[[redacted]]]></Password><Login apiKey="[redacted]" name="n"/>` +
      `<SecretValue/><Token>[redacted]<!-- c -->[redacted]</Token></GetUntrustedCredentials></s:Body></s:Envelope>`,
  );
});

test("XML redaction tolerates truncated and malformed input", () => {
  const r = new Redactor(policy);
  assert.equal(r.xml("<a><Password>hunter2"), "<a><Password>[redacted]");
  assert.equal(r.xml("<a><Password>x</a></b>"), "<a><Password>[redacted]</a></b>");
  assert.equal(r.xml("no markup at all"), "no markup at all");
});

test("values: raw and XML-escaped forms, longest first, short values left alone", () => {
  const r = new Redactor(policy, ["s3cr&t<1>", "s3cr&t<1>-longer", "abc"]);
  assert.equal(r.text("x s3cr&t<1>-longer y s3cr&t<1> z"), "x [redacted] y [redacted] z");
  assert.equal(r.text("echo: s3cr&amp;t&lt;1&gt;"), "echo: [redacted]");
  assert.equal(r.text("abc is shorter than the minimum"), "abc is shorter than the minimum");
  assert.equal(MIN_SECRET_LENGTH, 4);
});

test("excerpts: HTML to text, whitespace collapsed, redacted before truncation, at most 500 characters", () => {
  const secret = "Z".repeat(20);
  const r = new Redactor(policy, [secret]);
  const page = `<html><head><script>alert("<x>")</script></head><body>${"word ".repeat(96)}${secret}${" tail".repeat(50)}</body></html>`;
  const excerpt = r.excerpt(page, "text/html; charset=utf-8");
  assert.ok(excerpt.length <= 500);
  assert.ok(excerpt.endsWith("…"));
  assert.doesNotMatch(excerpt, /ZZZZ|alert|</);
  assert.match(excerpt, /word \[redac/);
  assert.equal(r.excerpt("<r>\n  <Password>x</Password>\n</r>", "text/xml"), "<r> <Password>[redacted]</Password> </r>");
});

test("URLs and HTTP headers", () => {
  const r = new Redactor(policy, ["tok-123456"]);
  assert.equal(redactUrl("https://u:p4ss@host/svc?ticket=t1&a=1&path=tok-123456", r), "https://host/svc?ticket=redacted&a=1&path=[redacted]");
  assert.equal(redactUrl("not a url tok-123456", r), "not a url [redacted]");
  assert.deepEqual(redactHttpHeaders({ Authorization: "Basic x", "X-Api-Key": "k", Accept: "text/xml", "X-Echo": "tok-123456" }, r), {
    Authorization: "[redacted]",
    "X-Api-Key": "[redacted]",
    Accept: "text/xml",
    "X-Echo": "[redacted]",
  });
});
