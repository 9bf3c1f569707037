/**
 * The generated client runs where only web platform APIs exist: the committed package is bundled for the
 * browser with esbuild (which fails on a `node:` import) and run in a fresh V8 context whose globals are the
 * web ones (fetch, Response, Headers, TextDecoder, AbortController, crypto…) and nothing of Node's (no
 * process, Buffer, require), then makes a call and decodes the answer.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { createContext, runInContext } from "node:vm";
import { webcrypto } from "node:crypto";
import { build } from "esbuild";
import { ROOT } from "../helpers/generate.js";

const NS = "http://www.superoffice.net/ws/crm/NetServer/Services75";

test("the generated client bundles for the browser and runs without Node globals", async () => {
  const out = await build({
    entryPoints: [join(ROOT, "generated", "services75-user", "index.ts")],
    bundle: true,
    platform: "browser",
    format: "iife",
    globalName: "sdk",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const code = out.outputFiles[0]?.text ?? "";
  assert.doesNotMatch(code, /\brequire\(|process\.|Buffer\./);

  const answer = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><Succeeded xmlns="${NS}">true</Succeeded></s:Header><s:Body><GetUntrustedCredentialsResponse xmlns="${NS}"><Response><UntrustedCredentials><ValidFrom>2022-03-25T21:34:02.1234567+01:00</ValidFrom><Comment>Ærø &amp; co</Comment><IsActive>true</IsActive></UntrustedCredentials></Response></GetUntrustedCredentialsResponse></s:Body></s:Envelope>`;
  const sent: string[] = [];
  const web = {
    fetch: async (_url: unknown, init: { body: string }) => {
      sent.push(init.body);
      return new Response(answer, { headers: { "content-type": "text/xml; charset=utf-8" } });
    },
    Response,
    Headers,
    Request,
    TextDecoder,
    TextEncoder,
    AbortController,
    AbortSignal,
    URL,
    URLSearchParams,
    ReadableStream,
    DOMException,
    crypto: webcrypto,
    btoa,
    atob,
    console,
    performance,
    setTimeout,
    clearTimeout,
    queueMicrotask,
  };
  const context = createContext(web);
  runInContext(`${code}\nglobalThis.sdk = sdk;`, context);
  const result = await runInContext(
    `(async () => {
      if (typeof process !== "undefined" || typeof Buffer !== "undefined" || typeof require !== "undefined") throw new Error("Node globals leaked");
      const client = new sdk.UserClient({ endpoint: "https://example.test/User.svc", headers: { Credentials: { Ticket: "7T:x" } } });
      return JSON.stringify(await client.getUntrustedCredentials({ Type: "imap" }));
    })()`,
    context,
  );
  assert.equal(result, '[{"ValidFrom":"2022-03-25T21:34:02.1234567+01:00","Comment":"Ærø & co","IsActive":true}]');
  assert.match(sent[0] ?? "", /<ns1:Ticket>7T:x<\/ns1:Ticket>/);
});
