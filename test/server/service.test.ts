/**
 * The generated User service (generated/services75-user/UserService.ts) answering the generated UserClient:
 * through the mock (the client's `fetch`, no port) and through Node's http server (toNodeListener). Values arrive
 * exactly in both directions, response headers reach the client, the failure rule becomes a ServiceError chain,
 * thrown SoapFaults become SoapFaultErrors, other exceptions an "internal error" fault that leaks nothing, the
 * WSDL is served only when asked, and an operation the mock does not implement fails naming it.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { UserClient } from "../../generated/services75-user/UserClient.js";
import { mockUserService, reply, SoapFault, toNodeListener, userFailure, userService, type UserServiceHandlers } from "../../generated/services75-user/UserService.js";
import { isServiceError, isSoapFaultError, type SaveUntrustedCredentials, type UntrustedCredentials } from "../../generated/services75-user/index.js";
import { plain } from "../helpers/peers.js";
import { CHOSEN_DECODED, REQUEST_HEADERS, SENT_A, SENT_B, TICKET, asDecoded } from "../interop/fixtures.js";

const ENDPOINT = "http://user.test/Remote/Services75/User.svc";

function client(fetch: typeof globalThis.fetch): UserClient {
  return new UserClient({ endpoint: ENDPOINT, fetch, headers: REQUEST_HEADERS });
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  assert.fail("the call did not fail");
}

describe("mockUserService", () => {
  test("the handler receives what the client sent (decoded), the client gets exactly what the handler returned", async () => {
    const stored: unknown[] = [];
    const mock = mockUserService({
      saveUntrustedCredentials: async (input, call) => {
        stored.push({ input, headers: { ...call.headers } });
      },
      getUntrustedCredentials: async (input) => {
        assert.deepEqual(input, { Type: "imap" });
        return CHOSEN_DECODED as unknown as UntrustedCredentials[];
      },
    });
    const c = client(mock.fetch);
    await c.saveUntrustedCredentials(SENT_A as SaveUntrustedCredentials);
    await c.saveUntrustedCredentials(SENT_B);
    assert.deepEqual(plain(stored), [
      { input: SENT_A, headers: REQUEST_HEADERS },
      { input: { Type: "imap", Credentials: asDecoded(SENT_B.Credentials) }, headers: REQUEST_HEADERS },
    ]);
    assert.deepEqual(plain(await c.getUntrustedCredentials({ Type: "imap" })), CHOSEN_DECODED);
    assert.deepEqual(
      mock.calls.map((x) => [x.method, x.operation, x.handled]),
      [
        ["saveUntrustedCredentials", "SaveUntrustedCredentials", true],
        ["saveUntrustedCredentials", "SaveUntrustedCredentials", true],
        ["getUntrustedCredentials", "GetUntrustedCredentials", true],
      ],
    );
    assert.deepEqual(mock.calls[2]?.input, { Type: "imap" });
    assert.equal((mock.calls[0]?.headers["Credentials"] as { Ticket: string }).Ticket, TICKET);
  });

  test("an operation the test did not implement fails clearly, naming the handler to add", async () => {
    const mock = mockUserService({});
    const e = await rejection(client(mock.fetch).getCredentialTypes());
    assert.ok(isSoapFaultError(e));
    assert.match(e.message, /mockUserService: operation getCredentialTypes \(GetCredentialTypes\) is not implemented by this mock/);
    assert.deepEqual(
      mock.calls.map((x) => [x.method, x.handled]),
      [["getCredentialTypes", false]],
    );
    // A handler added later is used.
    mock.handlers.getCredentialTypes = async () => ["imap", null, ""];
    assert.deepEqual(await client(mock.fetch).getCredentialTypes(), ["imap", null, ""]);
  });

  test("reply(): response headers reach the client typed, as from NetServer", async () => {
    const mock = mockUserService({
      getCredentialTypes: () => reply(["a"], { Succeeded: true, ExtraInfo: { "a & b": "<x>", empty: "", nil: null }, TimeZone: { SoTimeZoneId: 7, SoTimeZoneLocationCode: null } }),
    });
    const r = await client(mock.fetch).$invoke("getCredentialTypes", {});
    assert.deepEqual(r.body, ["a"]);
    assert.deepEqual(plain(r.headers), { Succeeded: true, ExtraInfo: { "a & b": "<x>", empty: "", nil: null }, TimeZone: { SoTimeZoneId: 7, SoTimeZoneLocationCode: null } });
    assert.equal(r.status, 200);
    assert.match(r.httpHeaders.get("content-type") ?? "", /^text\/xml; charset=utf-8$/);
  });

  test("a failure (Succeeded=false with an ExceptionInfo chain) is a ServiceError chain on the client", async () => {
    const mock = mockUserService({
      getUntrustedCredentials: () => {
        throw userFailure({
          ExceptionType: "SoException",
          Message: "Not allowed & <denied>",
          InnerException: { ExceptionType: "SqlException", Message: "timeout", Parameters: { table: "credentials" } },
        });
      },
    });
    const e = await rejection(client(mock.fetch).getUntrustedCredentials({ Type: "imap" }));
    assert.ok(isServiceError(e));
    assert.equal(e.message, "GetUntrustedCredentials: SoException: Not allowed & <denied>");
    assert.ok(isServiceError(e.cause));
    assert.equal(e.cause.message, "GetUntrustedCredentials: SqlException: timeout");
    assert.deepEqual(plain((e.cause.detail as { Parameters: unknown }).Parameters), { table: "credentials" });
    assert.equal((e.headers as { Succeeded: unknown }).Succeeded, false);
  });

  test("a thrown SoapFault reaches the client as a SOAP fault; any other exception as an internal error that leaks nothing", async () => {
    const seen: unknown[] = [];
    const mock = mockUserService(
      {
        getUntrustedCredentials: () => {
          throw new SoapFault("no such type", { code: "Client" });
        },
        getCredentialTypes: () => {
          throw new Error(`database password hunter2-${TICKET}`);
        },
      },
      { onError: (e) => seen.push(e) },
    );
    const c = client(mock.fetch);
    const f = await rejection(c.getUntrustedCredentials({ Type: "x" }));
    assert.ok(isSoapFaultError(f));
    assert.equal(f.version, "1.1");
    assert.deepEqual(f.code, { ns: "http://schemas.xmlsoap.org/soap/envelope/", local: "Client" });
    assert.equal(f.reason, "no such type");
    assert.equal(f.status, 500);
    const g = await rejection(c.getCredentialTypes());
    assert.ok(isSoapFaultError(g));
    assert.equal(g.reason, "GetCredentialTypes: internal error");
    assert.deepEqual(g.code.local, "Server");
    assert.ok(!JSON.stringify(g).includes("hunter2") && !g.message.includes("hunter2"));
    assert.equal(seen.length, 1);
    assert.match(String(seen[0]), /hunter2/);
  });

  test("a reply that does not fit the schema is an internal error naming the path, not a malformed answer", async () => {
    const mock = mockUserService({ getCredentialTypes: () => [1 as unknown as string] });
    const e = await rejection(client(mock.fetch).getCredentialTypes());
    assert.ok(isSoapFaultError(e));
    assert.match(e.reason, /^GetCredentialTypes: internal error: the reply does not fit the schema \(GetCredentialTypes: GetCredentialTypesResponse\.Response\[0\]/);
    // A reply object with a property its type does not have (a misspelt name) is refused the same way.
    const typo = mockUserService({ createDefaultUntrustedCredentials: () => ({ IsActive: true, IsActiv: false }) as unknown as { IsActive: boolean } });
    const t = await rejection(client(typo.fetch).createDefaultUntrustedCredentials());
    assert.ok(isSoapFaultError(t));
    assert.match(t.reason, /the reply does not fit the schema \(.*\.IsActiv: unknown property; the properties are /);
  });
});

describe("userService over HTTP (toNodeListener)", () => {
  test("the listener reads no more than the service's own maxRequestBytes: an oversized body is a 413 fault, not held", async () => {
    // Before, toNodeListener read up to its own default (64 MiB) unless given the limit a second time.
    const real = userService({ getCredentialTypes: () => [] } as unknown as UserServiceHandlers, { maxRequestBytes: 4096 });
    assert.equal(real.maxRequestBytes, 4096);
    const received: number[] = [];
    const spy: typeof real = {
      ...real,
      fetch: async (request) => {
        received.push((await request.clone().arrayBuffer()).byteLength);
        return real.fetch(request);
      },
    };
    const server = createServer(toNodeListener(spy));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/User.svc`;
      const big = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${"<x/>".repeat(500_000)}</s:Body></s:Envelope>`;
      const r = await fetch(url, { method: "POST", headers: { "Content-Type": "text/xml" }, body: big });
      assert.equal(r.status, 413);
      assert.match(await r.text(), /the request is larger than 4096 bytes/);
      // What the listener kept of the 2 MB body: one byte past the limit, enough to tell it is too large.
      assert.deepEqual(received, [4097]);
      // A compressed body past the limit is too large as it is (not inflated from a cut, which would be corrupt).
      const { gzipSync } = await import("node:zlib");
      const { randomBytes } = await import("node:crypto");
      const packed = await fetch(url, { method: "POST", headers: { "Content-Type": "text/xml", "Content-Encoding": "gzip" }, body: gzipSync(randomBytes(100_000)) });
      assert.equal(packed.status, 413);
      assert.match(await packed.text(), /the request is larger than 4096 bytes/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test("a Node http server answers the client; ?wsdl only when asked", async () => {
    const handlers: UserServiceHandlers = {
      createDefaultUntrustedCredentials: () => ({ IsActive: true }),
      saveUntrustedCredentials: () => undefined,
      getUntrustedCredentials: async (input) => [{ Comment: input.Type ?? "none", ValidFrom: "2022-03-25T21:34:02.1234567+01:00" }, null],
      removeUntrustedCredentials: () => undefined,
      getCredentialTypes: () => [],
    };
    for (const wsdl of [undefined, "<definitions/>"]) {
      const server = createServer(toNodeListener(userService(handlers, wsdl === undefined ? {} : { wsdl: () => wsdl })));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/User.svc`;
        const c = new UserClient({ endpoint: url });
        assert.deepEqual(await c.getUntrustedCredentials({ Type: "smtp" }), [{ Comment: "smtp", ValidFrom: "2022-03-25T21:34:02.1234567+01:00" }, null]);
        assert.deepEqual(await c.createDefaultUntrustedCredentials(), { IsActive: true });
        assert.equal(await c.saveUntrustedCredentials({ Type: "x" }), undefined);
        const get = await fetch(`${url}?wsdl`);
        if (wsdl === undefined) {
          assert.equal(get.status, 405);
          assert.equal(get.headers.get("allow"), "POST");
          await get.text();
        } else {
          assert.equal(get.status, 200);
          assert.equal(await get.text(), wsdl);
          const plain = await fetch(url);
          assert.equal(plain.status, 405);
          await plain.text();
        }
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    }
  });
});

test("a reply holding a handler's XmlElement declares its namespace escaped: the client reads it back as given", async () => {
  // The reply's namespace declarations used escapeText (no `"`): a namespace `urn:"x` broke the envelope.
  const { createSoapService } = await import("../../generated/services75-user/runtime/server.js");
  const { decodeResponse } = await import("../../generated/services75-user/runtime/decode.js");
  const types = {
    V: { kind: "struct" as const, qname: ["urn:n", "V"] as const, fields: [{ name: "Any", ns: "urn:n", type: "xs:anyType", min: 0 }] },
  };
  const op = {
    name: "Op",
    action: "urn:Op",
    input: { body: { kind: "element" as const, field: { name: "V", ns: "urn:n", type: "V" } } },
    output: { body: { kind: "element" as const, field: { name: "V", ns: "urn:n", type: "V" } } },
  };
  const d = { port: "P", soap: "1.1" as const, endpoint: "", types, operations: { op } };
  const odd = 'urn:"x<&>';
  const answer = { Any: { name: "a", ns: "", attributes: [], children: [{ name: "c", ns: odd, attributes: [], children: ["t"] }] } };
  const svc = createSoapService(d, { op: () => answer });
  const res = await svc.fetch(
    new Request("http://t.test/", {
      method: "POST",
      headers: { "Content-Type": "text/xml", SOAPAction: '"urn:Op"' },
      body: `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><V xmlns="urn:n"/></s:Body></s:Envelope>`,
    }),
  );
  const text = await res.text();
  assert.equal(res.status, 200, text);
  const back = decodeResponse(d, op, text).body as { Any: { children: { ns: string; name: string }[] } };
  assert.equal(back.Any.children[0]?.ns, odd);
  assert.equal(back.Any.children[0]?.name, "c");
});
