/**
 * The README's main job (`npm run demo`) runs: it checks the committed client, starts node-soap on the
 * embedded WSDL, saves and reads back credentials through the generated client, shows a rejected ticket as a
 * ServiceError, and prints no secret.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { DEMO_TICKET } from "../demo/server.js";
import { ROOT } from "../helpers/generate.js";

test("npm run demo: generate, save, read back, rejected ticket, login flow against generated mocks", async () => {
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "test", "demo", "main.ts")], { cwd: ROOT, env: { ...process.env, WSDLC_DEMO_CHECK: "1" } });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
  const status = await new Promise<number | null>((ok) => child.on("close", ok));
  assert.equal(status, 0, `${out}\n${err}`);
  assert.match(out, /generated\/services75-user: up to date/);
  assert.match(out, /<ns1:ValidFrom>2022-03-25T21:34:02\.1234567\+01:00<\/ns1:ValidFrom>/);
  assert.match(out, /<ns1:Comment>Mail for Ærøskøbing &amp; &lt;Oslo&gt;<\/ns1:Comment>/);
  assert.match(out, /body: {4}\[\{"ValidFrom":"2022-03-25T20:34:02\.123Z",.*"PublicValue":"demo@example\.com","IsActive":true\}\]/);
  assert.match(out, /headers: \{"Succeeded":true\}/);
  assert.match(out, /ServiceError: GetUntrustedCredentials: SoNotAuthenticatedException: Not authenticated/);
  assert.match(out, /caused by ServiceError: GetUntrustedCredentials: SoSessionException: Ticket rejected by the session store/);
  assert.ok(!out.includes(DEMO_TICKET), "the ticket is never printed");
  assert.ok(!out.includes("correct horse battery staple"), "the secret is printed nowhere");
  assert.match(out, /"SecretValue":"\[28 characters\]"/);
  // The login flow against generated mocks of SoPrincipal and User (when the SuperOffice WSDLs are there).
  if (!/6\. .*\n {3}skipped:/.test(out)) {
    assert.match(out, /without a ticket: ServiceError: SaveUntrustedCredentials: SoNotAuthenticatedException: A valid ticket is required/);
    assert.match(out, /authenticateUsernamePassword\(ann, wrong password\): AuthenticationSucceeded=false/);
    assert.match(out, /authenticateUsernamePassword\(ann\): AuthenticationSucceeded=true, associate ANN \(42\)/);
    assert.match(out, /read back \[\{"Comment":"login flow","SecretValue":"\[13 characters\]","PublicValue":"ann@example\.com","IsActive":true\}\]/);
    assert.match(out, /the User mock recorded 3 calls \(saveUntrustedCredentials, saveUntrustedCredentials, getUntrustedCredentials\), 2 of them with the ticket/);
    assert.ok(!out.includes("7T:mock-ticket"), "the mock's ticket is never printed");
    assert.ok(!out.includes("imap-password"), "the saved secret is printed nowhere");
  } else assert.ok(!process.env["CI"], "CI has the SuperOffice WSDLs");
});
