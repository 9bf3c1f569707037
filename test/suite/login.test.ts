/**
 * The SuperOffice login flow with the generated Services75 SDK, end to end against node-soap serving the
 * real SoPrincipal and User WSDLs: a call without a ticket is rejected (Succeeded=false + ExceptionInfo →
 * ServiceError); AuthenticateUsernamePassword issues a ticket; User.SaveUntrustedCredentials with the ticket in
 * the Credentials header succeeds, and the saved credentials read back.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import * as soap from "soap";
import { loadGenerated, type GeneratedPackage } from "../helpers/client.js";
import { CORPUS, corpusSkip } from "../helpers/shared.js";

const NS = "http://www.superoffice.net/ws/crm/NetServer/Services75";
const WSDL = join(CORPUS, "superoffice", "wsdl");
const TICKET = "7T:5gHBXTh7pCDmdQOXy3NY4GTEP1TD2E0s4pyxLJLNH0w=";

type Headers = { Credentials?: { Ticket?: string } } | undefined;
type Args = Record<string, unknown>;

function failure(message: string): string {
  return `<ExceptionInfo xmlns="${NS}"><Message>${message}</Message><ExceptionType>SoNotAuthenticatedException</ExceptionType></ExceptionInfo><Succeeded xmlns="${NS}">false</Succeeded>`;
}

describe("SuperOffice login flow through the generated SDK", { skip: corpusSkip() }, () => {
  let http: Server;
  let root = "";
  let pkg: GeneratedPackage;
  const saved: Args[] = [];

  before(async () => {
    pkg = await loadGenerated([join(WSDL, "Services75-SoPrincipal.wsdl"), join(WSDL, "Services75-User.wsdl")]);
    http = createServer();
    await new Promise<void>((ok) => http.listen(0, "127.0.0.1", ok));
    root = `http://127.0.0.1:${(http.address() as AddressInfo).port}/Remote/Services75`;
    const principal = soap.listen(
      http,
      "/Remote/Services75/SoPrincipal.svc",
      {
        WcfSoPrincipalService: {
          BasicHttpBinding_SoPrincipal: {
            AuthenticateUsernamePassword: (a: Args) =>
              a["UserName"] === "ann" && a["Password"] === "s3cr3t-password"
                ? { Response: { Associate: "ANN", AssociateId: 42, IsPerson: true }, Credentials: { Ticket: TICKET }, AuthenticationSucceeded: true }
                : { AuthenticationSucceeded: false },
          },
        },
      },
      readFileSync(join(WSDL, "Services75-SoPrincipal.wsdl"), "utf8"),
    );
    principal.addSoapHeader(() => `<Succeeded xmlns="${NS}">true</Succeeded>`);

    const ok = (h: Headers): boolean => h?.Credentials?.Ticket === TICKET;
    const user = soap.listen(
      http,
      "/Remote/Services75/User.svc",
      {
        WcfUserService: {
          BasicHttpBinding_User: {
            SaveUntrustedCredentials: (a: Args, _cb: unknown, h: Headers) => {
              if (ok(h)) saved.push(a["Credentials"] as Args);
              return {};
            },
            GetUntrustedCredentials: (_a: Args, _cb: unknown, h: Headers) => (ok(h) ? { Response: { UntrustedCredentials: saved } } : {}),
          },
        },
      },
      readFileSync(join(WSDL, "Services75-User.wsdl"), "utf8"),
    );
    user.addSoapHeader((_m: string, _a: unknown, h: Headers) => (ok(h) ? `<Succeeded xmlns="${NS}">true</Succeeded>` : failure("A valid ticket is required")));
  });
  after(() => new Promise<void>((done) => http.close(() => done())));

  test("authenticate, then call User with the ticket", async () => {
    type Client = new (o: object) => Record<string, (input: unknown, opts?: unknown) => Promise<unknown>>;
    const SoPrincipalClient = pkg.module["SoPrincipalClient"] as Client;
    const UserClient = pkg.module["UserClient"] as Client;
    const isServiceError = pkg.module["isServiceError"] as (e: unknown) => e is Error & { headers: { ExceptionInfo?: { Message?: string } } };
    const credentials = { Type: "imap", Credentials: { Comment: "login flow", SecretValue: "imap-password", PublicValue: "ann@example.com", IsActive: true } };

    // Without a ticket the service says Succeeded=false: a typed error, never a silent success.
    const anonymous = new UserClient({ endpoint: `${root}/User.svc`, headers: { ApplicationToken: "app-token" } });
    const rejected = await anonymous["saveUntrustedCredentials"]?.(credentials).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(isServiceError(rejected), `expected a ServiceError, got ${String(rejected)}`);
    assert.equal(rejected.message, "SaveUntrustedCredentials: SoNotAuthenticatedException: A valid ticket is required");
    assert.equal(saved.length, 0);

    const principal = new SoPrincipalClient({ endpoint: `${root}/SoPrincipal.svc`, headers: { ApplicationToken: "app-token" } });
    const wrong = (await principal["authenticateUsernamePassword"]?.({ UserName: "ann", Password: "wrong" })) as { AuthenticationSucceeded?: boolean };
    assert.equal(wrong.AuthenticationSucceeded, false);
    const auth = (await principal["authenticateUsernamePassword"]?.({ UserName: "ann", Password: "s3cr3t-password" })) as {
      AuthenticationSucceeded?: boolean;
      Credentials?: { Ticket?: string | null } | null;
      Response?: { AssociateId?: number } | null;
    };
    assert.equal(auth.AuthenticationSucceeded, true);
    assert.equal(auth.Response?.AssociateId, 42);
    const ticket = auth.Credentials?.Ticket;
    assert.equal(ticket, TICKET);

    const user = new UserClient({ endpoint: `${root}/User.svc`, headers: { ApplicationToken: "app-token", Credentials: { Ticket: ticket } } });
    assert.equal(await user["saveUntrustedCredentials"]?.(credentials), undefined);
    assert.deepEqual(saved, [credentials.Credentials]);
    const back = await user["getUntrustedCredentials"]?.({ Type: "imap" });
    assert.deepEqual(back, [credentials.Credentials]);
  });
});
