/**
 * The main job (`npm run demo`): regenerate the committed client from the project's embedded Services75
 * User WSDL, start a local SOAP server for it (node-soap), and run SaveUntrustedCredentials and
 * GetUntrustedCredentials through the generated client, printing what was sent and what came back.
 * Secrets (the ticket, SecretValue) are printed redacted, as the runtime's hooks deliver them.
 * Then the SuperOffice login flow against generated mocks of SoPrincipal and User (docs/server.md): the typed
 * services wsdlc writes beside the clients, called in memory through the clients' `fetch` option.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
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
const { UserClient, isServiceError } = (await import(
  pathToFileURL(join(root, "generated", "services75-user", "index.ts")).href
)) as typeof import("../../generated/services75-user/index.js");

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

say("\n6. The SuperOffice login flow against generated mocks of SoPrincipal and User (no server, no port)");
const corpusWsdl = join(root, "..", "shared", "corpus", "superoffice", "wsdl");
if (!existsSync(join(corpusWsdl, "Services75-SoPrincipal.wsdl"))) {
  say(`   skipped: ${corpusWsdl} (the SuperOffice WSDLs) is not there`);
} else {
  await loginFlow(corpusWsdl);
}

type Call = (input: unknown, options?: unknown) => Promise<unknown>;
type AnyClient = new (options: object) => Record<string, Call>;
interface Mock {
  readonly fetch: typeof fetch;
  readonly calls: readonly { readonly method: string; readonly headers: Record<string, unknown> }[];
}

async function loginFlow(wsdlDir: string): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), "wsdlc-demo-"));
  try {
    const files = ["Services75-SoPrincipal.wsdl", "Services75-User.wsdl"].map((f) => join(wsdlDir, f));
    const r = spawnSync(process.execPath, [join(root, "bin", "wsdlc.js"), "generate", ...files, "--out", join(out, "sdk")], { cwd: root, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`generation failed: ${r.stderr}`);
    say("   generated SoPrincipalClient, UserClient and their services (SoPrincipalService.ts, UserService.ts) into a temporary folder");
    const load = async (name: string): Promise<Record<string, unknown>> => (await import(pathToFileURL(join(out, "sdk", name)).href)) as Record<string, unknown>;
    const sdk = await load("index.ts");
    const principalSvc = await load("SoPrincipalService.ts");
    const userSvc = await load("UserService.ts");
    const ticket = "7T:mock-ticket-5gHBXTh7pCDmdQ";
    const saved: unknown[] = [];
    const principal = (principalSvc["mockSoPrincipalService"] as (h: object) => Mock)({
      authenticateUsernamePassword: (input: { UserName?: string | null; Password?: string | null }) =>
        input.UserName === "ann" && input.Password === "s3cr3t-password"
          ? { Response: { Associate: "ANN", AssociateId: 42, IsPerson: true }, Credentials: { Ticket: ticket }, AuthenticationSucceeded: true }
          : { AuthenticationSucceeded: false },
    });
    const userFailure = userSvc["userFailure"] as (detail: object) => Error;
    const reply = userSvc["reply"] as (body: unknown, headers: object) => unknown;
    const authorized = (call: { headers: { Credentials?: { Ticket?: string | null } | null } }): void => {
      if (call.headers.Credentials?.Ticket !== ticket) {
        throw userFailure({
          ExceptionType: "SoNotAuthenticatedException",
          Message: "A valid ticket is required",
          InnerException: { ExceptionType: "SoSessionException", Message: "No such session" },
        });
      }
    };
    const user = (userSvc["mockUserService"] as (h: object) => Mock)({
      saveUntrustedCredentials: (input: { Credentials?: unknown }, call: Parameters<typeof authorized>[0]) => {
        authorized(call);
        saved.push(input.Credentials);
        return reply(undefined, { Succeeded: true });
      },
      getUntrustedCredentials: (_input: unknown, call: Parameters<typeof authorized>[0]) => {
        authorized(call);
        return reply(saved, { Succeeded: true });
      },
    });
    const SoPrincipalClient = sdk["SoPrincipalClient"] as AnyClient;
    const UserClient = sdk["UserClient"] as AnyClient;
    const isServiceError = sdk["isServiceError"] as (e: unknown) => e is Error;
    const credentials = { Type: "imap", Credentials: { Comment: "login flow", SecretValue: "imap-password", PublicValue: "ann@example.com", IsActive: true } };

    const anonymous = new UserClient({ fetch: user.fetch, headers: { ApplicationToken: "demo-application-token" } });
    try {
      await anonymous["saveUntrustedCredentials"]?.(credentials);
      say("   unexpected success without a ticket");
      process.exitCode = 1;
    } catch (e) {
      if (!isServiceError(e)) throw e;
      say(`   without a ticket: ${e.name}: ${e.message}`);
    }
    const soPrincipal = new SoPrincipalClient({ fetch: principal.fetch, headers: { ApplicationToken: "demo-application-token" } });
    const wrong = (await soPrincipal["authenticateUsernamePassword"]?.({ UserName: "ann", Password: "wrong" })) as { AuthenticationSucceeded?: boolean };
    say(`   authenticateUsernamePassword(ann, wrong password): AuthenticationSucceeded=${String(wrong.AuthenticationSucceeded)}`);
    const auth = (await soPrincipal["authenticateUsernamePassword"]?.({ UserName: "ann", Password: "s3cr3t-password" })) as {
      AuthenticationSucceeded?: boolean;
      Credentials?: { Ticket?: string | null } | null;
      Response?: { Associate?: string | null; AssociateId?: number } | null;
    };
    say(
      `   authenticateUsernamePassword(ann): AuthenticationSucceeded=${String(auth.AuthenticationSucceeded)}, associate ${auth.Response?.Associate ?? "?"} (${auth.Response?.AssociateId ?? "?"}), a ticket of ${auth.Credentials?.Ticket?.length ?? 0} characters`,
    );
    const signedIn = new UserClient({ fetch: user.fetch, headers: { ApplicationToken: "demo-application-token", Credentials: { Ticket: auth.Credentials?.Ticket } } });
    await signedIn["saveUntrustedCredentials"]?.(credentials);
    const back = await signedIn["getUntrustedCredentials"]?.({ Type: "imap" });
    const shown = JSON.stringify(back, (k, v: unknown) => (k === "SecretValue" && typeof v === "string" ? `[${v.length} characters]` : v));
    say(`   with the ticket: saved, and read back ${shown}`);
    const withTicket = user.calls.filter((c) => (c.headers["Credentials"] as { Ticket?: unknown } | undefined)?.Ticket === ticket).length;
    say(`   the User mock recorded ${user.calls.length} calls (${user.calls.map((c) => c.method).join(", ")}), ${withTicket} of them with the ticket`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
