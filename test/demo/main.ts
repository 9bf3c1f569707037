/**
 * The main job (`npm run demo`): regenerate the committed client from the project's embedded Services75
 * User WSDL, start a local SOAP server for it (node-soap), and run SaveUntrustedCredentials and
 * GetUntrustedCredentials through the generated client, printing what was sent and what came back.
 * Secrets (the ticket, SecretValue) are printed redacted, as the runtime's hooks deliver them.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { DEMO_TICKET, startDemoServer } from "./server.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const say = (s = ""): void => void process.stdout.write(`${s}\n`);

/** Indents an envelope one element per line, for reading. */
function pretty(xml: string): string {
  let depth = 0;
  return xml
    .replace(/^<\?xml[^>]*\?>/, "")
    .replace(/></g, ">\n<")
    .split("\n")
    .map((line) => {
      if (line.startsWith("</")) depth--;
      const out = `    ${"  ".repeat(Math.max(depth, 0))}${line}`;
      if (/^<[^/!?][^>]*[^/]>(?!.*<\/)/.test(line)) depth++;
      return out;
    })
    .join("\n");
}

say("1. Generate the committed client from test/fixtures/embedded/Services75-User.wsdl");
// WSDLC_DEMO_CHECK=1 (the demo's own test) checks generated/ instead of rewriting it.
const check = process.env["WSDLC_DEMO_CHECK"] === "1" ? ["--check"] : [];
const gen = spawnSync(process.execPath, [join(root, "bin", "wsdlc.js"), "generate", "--config", "wsdlc.config.json", ...check], { cwd: root, encoding: "utf8" });
process.stdout.write(`   ${gen.stdout}${gen.stderr}`);
if (gen.status !== 0) process.exit(gen.status ?? 1);

const server = await startDemoServer(join(root, "test", "fixtures", "embedded", "Services75-User.wsdl"));
say(`2. A node-soap server for the same WSDL listens on ${server.url}`);

// Imported after generating, so the demo runs exactly what is committed in generated/.
const { UserClient, isServiceError } = (await import(pathToFileURL(join(root, "generated", "services75-user", "index.ts")).href)) as typeof import("../../generated/services75-user/index.js");

const client = new UserClient({
  endpoint: server.url,
  headers: { ApplicationToken: "demo-application-token", Credentials: { Ticket: DEMO_TICKET }, TimeZone: { SoTimeZoneId: 1, SoTimeZoneLocationCode: "Europe/Oslo" } },
  hooks: {
    onRequest: (e) => say(`   → POST ${e.endpoint}  SOAPAction: ${e.soapAction}\n${pretty(e.xml)}`),
    onResponse: (e) => say(`   ← HTTP ${e.status} in ${Math.round(e.durationMs)} ms\n${pretty(e.xml)}`),
  },
});

try {
  say("\n3. saveUntrustedCredentials");
  await client.saveUntrustedCredentials({
    Type: "imap",
    Credentials: {
      ValidFrom: "2022-03-25T21:34:02.1234567+01:00",
      ValidTo: new Date("2030-01-01T00:00:00Z"),
      Comment: "Mail for Ærøskøbing & <Oslo>",
      SecretValue: "correct horse battery staple",
      PublicValue: "demo@example.com",
      IsActive: true,
    },
  });
  say("   saved.");

  say("\n4. getUntrustedCredentials (with the response headers, through $invoke)");
  const got = await client.$invoke("getUntrustedCredentials", { Type: "imap" });
  // The value came back whole (the client hands the application what the server sent); the demo does not print
  // a secret it read, like any log should not.
  const shown = JSON.stringify(got.body, (k, v: unknown) => (k === "SecretValue" && typeof v === "string" ? `[${v.length} characters]` : v));
  say(`   body:    ${shown}`);
  say(`   headers: ${JSON.stringify(got.headers)}`);
  say("   (node-soap's server turned the dateTimes it received into JavaScript Dates, so it answers with millisecond UTC times.)");

  say("\n5. The same call with a ticket the server rejects: Succeeded=false becomes a typed ServiceError");
  try {
    await client.getUntrustedCredentials({ Type: "imap" }, { headers: { Credentials: { Ticket: "7T:expired" } } });
    say("   unexpected success");
    process.exitCode = 1;
  } catch (e) {
    if (!isServiceError(e)) throw e;
    say(`   ${e.name}: ${e.message}`);
    for (let c: unknown = e.cause; c instanceof Error; c = c.cause) say(`   caused by ${c.name}: ${c.message}`);
  }
} finally {
  await server.close();
}
