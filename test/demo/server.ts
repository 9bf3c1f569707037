/**
 * A stand-in for SuperOffice's User agent, served by node-soap (a SOAP stack nobody here wrote) from the
 * project's embedded WSDL: it keeps untrusted credentials in memory, checks the ticket in the Credentials
 * header, and reports failure the way NetServer does: `Succeeded` false plus `ExceptionInfo` in the response
 * headers. Used by the README's main job (`npm run demo`) and by the CLI tests.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import * as soap from "soap";

export const NS = "http://www.superoffice.net/ws/crm/NetServer/Services75";
export const DEMO_TICKET = "7T:demo-ticket-0123456789";

type Args = Record<string, unknown>;
type Headers = { Credentials?: { Ticket?: string } } | undefined;

export interface DemoServer {
  readonly url: string;
  /** Raw request bodies, in arrival order. */
  readonly requests: string[];
  close(): Promise<void>;
}

const escape = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function ticketOf(headers: Headers): string | undefined {
  return headers?.Credentials?.Ticket;
}

/** Response headers as NetServer sends them: Succeeded, and ExceptionInfo when the call failed. */
function responseHeaders(ok: boolean, operation: string): string {
  if (ok) return `<Succeeded xmlns="${NS}">true</Succeeded>`;
  return [
    `<ExceptionInfo xmlns="${NS}">`,
    "<Message>Not authenticated: the ticket is missing or has expired</Message>",
    "<ExceptionType>SoNotAuthenticatedException</ExceptionType>",
    `<Source>${escape(operation)}</Source>`,
    "<InnerException><Message>Ticket rejected by the session store</Message><ExceptionType>SoSessionException</ExceptionType></InnerException>",
    "<Parameters><SoExceptionInfoParametersKeyValuePair><Key>Operation</Key>",
    `<Value>${escape(operation)}</Value></SoExceptionInfoParametersKeyValuePair></Parameters>`,
    "</ExceptionInfo>",
    `<Succeeded xmlns="${NS}">false</Succeeded>`,
  ].join("");
}

/**
 * node-soap decodes xs:dateTime into a JavaScript Date (dropping the offset and digits past milliseconds) and
 * writes a Date back as an empty element; keep what it decoded as ISO strings so the answer carries a value.
 */
function storable(c: Args): Args {
  const out: Args = {};
  for (const [k, v] of Object.entries(c ?? {})) out[k] = v instanceof Date ? v.toISOString() : v;
  return out;
}

export async function startDemoServer(wsdlPath: string, ticket = DEMO_TICKET): Promise<DemoServer> {
  const store = new Map<string, Args[]>();
  const requests: string[] = [];
  const http: Server = createServer();
  const authorized = (headers: Headers): boolean => ticketOf(headers) === ticket;
  const guard = <T>(headers: Headers, run: () => T): T | Record<string, never> => (authorized(headers) ? run() : {});

  const port = {
    CreateDefaultUntrustedCredentials: (_a: Args, _cb: unknown, h: Headers) => guard(h, () => ({ Response: { IsActive: true, Comment: "", ValidFrom: "0001-01-01T00:00:00" } })),
    SaveUntrustedCredentials: (a: Args, _cb: unknown, h: Headers) =>
      guard(h, () => {
        const type = String(a["Type"] ?? "");
        const list = store.get(type) ?? [];
        list.push(storable(a["Credentials"] as Args));
        store.set(type, list);
        return {};
      }),
    GetUntrustedCredentials: (a: Args, _cb: unknown, h: Headers) => guard(h, () => ({ Response: { UntrustedCredentials: store.get(String(a["Type"] ?? "")) ?? [] } })),
    RemoveUntrustedCredentials: (a: Args, _cb: unknown, h: Headers) =>
      guard(h, () => {
        const type = String(a["Type"] ?? "");
        store.set(
          type,
          (store.get(type) ?? []).filter((c) => c["PublicValue"] !== a["PublicValue"]),
        );
        return {};
      }),
    GetCredentialTypes: (_a: Args, _cb: unknown, h: Headers) => guard(h, () => ({ Response: { string: ["imap", "smtp"] } })),
  };

  await new Promise<void>((ok) => http.listen(0, "127.0.0.1", ok));
  const server = soap.listen(http, "/Remote/Services75/User.svc", { WcfUserService: { BasicHttpBinding_User: port } }, readFileSync(wsdlPath, "utf8"));
  // node-soap owns the http server's request event; its log hook is where the raw request is seen.
  server.log = (type: string, data: unknown) => {
    if (type === "received" && typeof data === "string") requests.push(data);
  };
  server.addSoapHeader((methodName: string, _args: unknown, headers: Headers) => responseHeaders(authorized(headers), methodName));
  const { port: p } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${p}/Remote/Services75/User.svc`,
    requests,
    close: () => new Promise<void>((ok) => http.close(() => ok())),
  };
}
