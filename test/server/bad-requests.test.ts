/**
 * Bad requests to the generated User service, sent raw through its fetch handler: each is answered with a SOAP
 * fault of the request's version (or the binding's, when the request is no envelope) saying why, with the
 * right status and media type; no handler runs; nothing throws; no secret-looking value of the request appears
 * in a fault, even where the fault quotes the value it could not read.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { userService, type UserServiceHandlers } from "../../generated/services75-user/UserService.js";
import { child, parseXml, SO_NS, textOf } from "../helpers/peers.js";
import { prng } from "../helpers/prng.js";

const SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
const SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
const ACTION = "http://www.superoffice.net/ws/crm/NetServer/Services75/User/";
/** Long, with markup characters, so that its escaped forms matter too. */
const MARKER = "s3cr3t-MARKER-<&>-7f9d2c";
const MARKER_ESCAPED = "s3cr3t-MARKER-&lt;&amp;&gt;-7f9d2c";

let handled = 0;
const handlers: UserServiceHandlers = {
  createDefaultUntrustedCredentials: () => {
    handled++;
    return null;
  },
  saveUntrustedCredentials: () => {
    handled++;
  },
  getUntrustedCredentials: () => {
    handled++;
    return [];
  },
  removeUntrustedCredentials: () => {
    handled++;
  },
  getCredentialTypes: () => {
    handled++;
    return [];
  },
};
const service = userService(handlers, { maxRequestBytes: 4096 });

function envelope(body: string, header = "", ns = SOAP11): string {
  return `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="${ns}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><s:Header>${header}</s:Header><s:Body>${body}</s:Body></s:Envelope>`;
}

const ticketHeader = `<Credentials xmlns="${SO_NS}"><Ticket>${MARKER_ESCAPED}</Ticket></Credentials>`;

async function post(body: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; text: string }> {
  const res = await service.fetch(new Request("http://user.test/User.svc", { method: "POST", headers: { "Content-Type": "text/xml; charset=utf-8", ...headers }, body }));
  return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() };
}

interface Fault {
  version: "1.1" | "1.2";
  code: string;
  reason: string;
}

/** The fault in a response: checks the envelope, the status for the code, and the media type for the version. */
function fault(r: { status: number; type: string; text: string }): Fault {
  const env = parseXml(r.text);
  assert.equal(env.name, "Envelope");
  const version = env.ns === SOAP12 ? "1.2" : "1.1";
  const f = child(env, "Body", "Fault");
  if (version === "1.1") {
    assert.equal(r.type, "text/xml; charset=utf-8");
    const code = textOf(child(f, "faultcode"));
    if (r.status !== 413 && r.status !== 415) assert.equal(r.status, 500, "SOAP 1.1 §6.2: faults are HTTP 500");
    return { version, code: code.replace(/^soap:/, ""), reason: textOf(child(f, "faultstring")) };
  }
  assert.equal(r.type, "application/soap+xml; charset=utf-8");
  const code = textOf(child(f, "Code", "Value")).replace(/^soap:/, "");
  if (r.status !== 413 && r.status !== 415) assert.equal(r.status, code === "Sender" ? 400 : 500, "SOAP 1.2 Part 2 §7.5.2.2");
  return { version, code, reason: textOf(child(f, "Reason", "Text")) };
}

function assertNoMarker(text: string): void {
  for (const form of [MARKER, MARKER_ESCAPED, "s3cr3t-MARKER"]) assert.ok(!text.includes(form), `the secret leaked: ${text}`);
}

describe("bad requests get a SOAP fault saying why", () => {
  test("not XML, HTML, empty, truncated", async () => {
    for (const body of ["hello", "<html><body>hi</body></html>", "", envelope(`<GetUntrustedCredentials xmlns="${SO_NS}"><Type>x</Type>`).slice(0, -30)]) {
      const r = await post(body);
      const f = fault(r);
      assert.equal(f.version, "1.1");
      assert.equal(f.code, "Client");
      assert.match(
        f.reason,
        body.startsWith("<html")
          ? /not a SOAP envelope \(the root element is \{\}html\)/
          : /(not well-formed XML|malformed XML).*\(line \d+, column \d+\)|\(line \d+, column \d+\): malformed XML/,
      );
    }
  });

  test("a DOCTYPE (entity expansion, external entities) is refused before anything is read", async () => {
    const body = `<?xml version="1.0"?><!DOCTYPE s:Envelope [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY y "&x;&x;">]>${envelope(`<GetUntrustedCredentials xmlns="${SO_NS}"><Type>&y;</Type></GetUntrustedCredentials>`).replace(/^<\?xml[^>]*\?>/, "")}`;
    const f = fault(await post(body, { SOAPAction: `"${ACTION}GetUntrustedCredentials"` }));
    assert.equal(f.code, "Client");
    assert.match(f.reason, /DOCTYPE is not allowed \(no DTDs, no entity declarations\)/);
  });

  test("no operation matches (unknown SOAPAction and Body element)", async () => {
    const f = fault(await post(envelope(`<DropDatabase xmlns="${SO_NS}"/>`), { SOAPAction: '"urn:nope"' }));
    assert.equal(f.code, "Client");
    assert.equal(f.reason, `no operation of port BasicHttpBinding_User matches the request (SOAPAction "urn:nope", Body element {${SO_NS}}DropDatabase)`);
  });

  test("the right SOAPAction with the Body element in the wrong namespace", async () => {
    const f = fault(
      await post(envelope(`<GetUntrustedCredentials xmlns="urn:other"><Type>x</Type></GetUntrustedCredentials>`), { SOAPAction: `"${ACTION}GetUntrustedCredentials"` }),
    );
    assert.equal(f.code, "Client");
    assert.equal(f.reason, `GetUntrustedCredentials: the Body holds Body element {urn:other}GetUntrustedCredentials, not the operation's {${SO_NS}}GetUntrustedCredentials`);
    // Without a SOAPAction, the wrong namespace matches nothing.
    const g = fault(await post(envelope(`<GetUntrustedCredentials xmlns="urn:other"/>`)));
    assert.match(g.reason, /^no operation of port BasicHttpBinding_User matches the request \(no SOAPAction, Body element \{urn:other\}GetUntrustedCredentials\)$/);
  });

  test("not an envelope, or an envelope without a Body, or a Fault as the request", async () => {
    assert.match(fault(await post(`<Envelope xmlns="urn:x"/>`)).reason, /not a SOAP envelope \(the root element is \{urn:x\}Envelope\)/);
    assert.match(fault(await post(`<s:Envelope xmlns:s="${SOAP11}"><s:Header/></s:Envelope>`)).reason, /the envelope has no Body/);
    const f = fault(await post(envelope(`<s:Fault><faultcode>s:Client</faultcode><faultstring>x</faultstring></s:Fault>`), { SOAPAction: `"${ACTION}GetCredentialTypes"` }));
    assert.match(f.reason, /^GetCredentialTypes: the Body holds Body element \{http:\/\/schemas.xmlsoap.org\/soap\/envelope\/\}Fault, not the operation's/);
  });

  test("an invalid value names the element and the problem (SOAP 1.1 and 1.2)", async () => {
    const body = `<SaveUntrustedCredentials xmlns="${SO_NS}"><Type>imap</Type><Credentials><ValidFrom>2022-13-45T99:00:00</ValidFrom></Credentials></SaveUntrustedCredentials>`;
    const f = fault(await post(envelope(body), { SOAPAction: `"${ACTION}SaveUntrustedCredentials"` }));
    assert.equal(f.code, "Client");
    assert.match(f.reason, /^SaveUntrustedCredentials: cannot decode the request at Envelope\/Body\/SaveUntrustedCredentials\/Credentials\/ValidFrom \(line 1, column \d+\): /);
    const r = await post(envelope(body, "", SOAP12), { "Content-Type": `application/soap+xml; charset=utf-8; action="${ACTION}SaveUntrustedCredentials"` });
    const g = fault(r);
    assert.equal(g.version, "1.2");
    assert.equal(g.code, "Sender");
    assert.equal(r.status, 400);
    assert.match(g.reason, /cannot decode the request at Envelope\/Body\/SaveUntrustedCredentials\/Credentials\/ValidFrom/);
  });

  test("oversize: 413 with a fault, whether Content-Length says so or the stream runs over", async () => {
    const big = envelope(`<GetUntrustedCredentials xmlns="${SO_NS}"><Type>${"x".repeat(5000)}</Type></GetUntrustedCredentials>`);
    const r = await post(big);
    assert.equal(r.status, 413);
    assert.match(fault(r).reason, /the request is larger than 4096 bytes/);
    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 1000) c.enqueue(bytes.subarray(i, i + 1000));
        c.close();
      },
    });
    const res = await service.fetch(new Request("http://user.test/", { method: "POST", body: stream, headers: { "Content-Type": "text/xml" }, duplex: "half" } as RequestInit));
    assert.equal(res.status, 413);
    await res.text();
  });

  test("media types and methods", async () => {
    const r = await post("{}", { "Content-Type": "application/json" });
    assert.equal(r.status, 415);
    assert.match(fault(r).reason, /unsupported media type "application\/json"/);
    const m = await post("--b\r\n", { "Content-Type": 'multipart/related; boundary="b"' });
    assert.equal(m.status, 415);
    for (const method of ["PUT", "DELETE", "GET"]) {
      const res = await service.fetch(new Request("http://user.test/User.svc?wsdl", { method }));
      assert.equal(res.status, 405);
      assert.equal(res.headers.get("allow"), "POST");
      await res.text();
    }
  });

  test("compressed requests: gzip and deflate are read, a bomb stops at maxRequestBytes, others are a 415", async () => {
    // Before, a gzip body was read as its bytes: "the body is not valid utf-8".
    const { brotliCompressSync, deflateSync, gzipSync } = await import("node:zlib");
    const call = envelope(`<GetCredentialTypes xmlns="${SO_NS}"/>`);
    const send = async (coding: string, body: Uint8Array): Promise<{ status: number; type: string; text: string }> => {
      const res = await service.fetch(
        new Request("http://user.test/User.svc", {
          method: "POST",
          headers: { "Content-Type": "text/xml; charset=utf-8", "Content-Encoding": coding, SOAPAction: `"${ACTION}GetCredentialTypes"` },
          body: new Uint8Array(body),
        }),
      );
      return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() };
    };
    for (const [coding, pack] of [
      ["gzip", gzipSync],
      ["deflate", deflateSync],
    ] as const) {
      const before = handled;
      const r = await send(coding, pack(call));
      assert.equal(r.status, 200, r.text);
      assert.equal(handled, before + 1);
    }
    // 4 KiB allowed (this service's maxRequestBytes): counted after decompression.
    const bomb = await send("gzip", gzipSync(Buffer.alloc(64 << 20)));
    assert.equal(bomb.status, 413);
    assert.match(fault(bomb).reason, /larger than 4096 bytes/);
    const br = await send("br", brotliCompressSync(call));
    assert.equal(br.status, 415);
    assert.match(fault(br).reason, /Content-Encoding "br" is not supported/);
    const corrupt = await send("gzip", new TextEncoder().encode(call));
    assert.equal(corrupt.status, 500);
    assert.match(fault(corrupt).reason, /the request body is not valid gzip/);
  });

  test("a wsdl option that throws: a 500 without the reason, the exception to onError; fetch never rejects", async () => {
    // Before, the service's fetch rejected with the exception (under toNodeListener an empty 500, onError unaware).
    const seen: unknown[] = [];
    const failing = userService(handlers, {
      wsdl: () => {
        throw new Error(`cannot read /srv/${MARKER}.wsdl`);
      },
      onError: (e) => seen.push(e),
    });
    const res = await failing.fetch(new Request("http://user.test/User.svc?wsdl"));
    assert.equal(res.status, 500);
    const text = await res.text();
    assert.equal(text, "the WSDL cannot be served\n");
    assert.equal(seen.length, 1);
    assert.match(String(seen[0]), /cannot read/);
  });

  test("no secret from the request appears in a fault, even when the bad value is the secret", async () => {
    const save = (inner: string): string => `<SaveUntrustedCredentials xmlns="${SO_NS}"><Type>imap</Type><Credentials>${inner}</Credentials></SaveUntrustedCredentials>`;
    const cases = [
      // The invalid value is the secret (sent also in a secret-named element and as the ticket header).
      envelope(save(`<ValidFrom>${MARKER_ESCAPED}</ValidFrom><SecretValue>${MARKER_ESCAPED}</SecretValue>`), ticketHeader),
      envelope(save(`<IsActive>${MARKER_ESCAPED}</IsActive>`), ticketHeader),
      // The invalid value is the text of a secret-named element, no ticket sent.
      envelope(save(`<ValidTo>${MARKER_ESCAPED}</ValidTo><SecretValue>${MARKER_ESCAPED}</SecretValue>`)),
      // Malformed XML right after the secret.
      envelope(save(`<SecretValue>${MARKER_ESCAPED}</SecretValu>`), ticketHeader),
      envelope(`<GetUntrustedCredentials xmlns="${SO_NS}"><Type>${MARKER_ESCAPED}</Type></GetUntrustedCredentials>`, ticketHeader).replace(
        "</s:Envelope>",
        `<x>${MARKER_ESCAPED}</x>`,
      ),
      // A header value that does not decode, next to the ticket.
      envelope(`<GetCredentialTypes xmlns="${SO_NS}"/>`, `${ticketHeader}<TimeZone xmlns="${SO_NS}"><SoTimeZoneId>${MARKER_ESCAPED}</SoTimeZoneId></TimeZone>`),
    ];
    for (const [i, body] of cases.entries()) {
      for (const version of [SOAP11, SOAP12]) {
        const text = version === SOAP11 ? body : body.replaceAll(SOAP11, SOAP12);
        const r = await post(text, { SOAPAction: `"${ACTION}SaveUntrustedCredentials"` });
        assert.notEqual(r.status, 200, `case ${i} (${version}) was accepted`);
        const f = fault(r);
        assert.equal(f.code, version === SOAP11 ? "Client" : "Sender", `case ${i}: ${f.reason}`);
        assertNoMarker(r.text);
      }
    }
  });

  test("nothing crashes: every truncation and a seeded set of byte flips of a valid request get an answer", async () => {
    const good = envelope(
      `<SaveUntrustedCredentials xmlns="${SO_NS}"><Type>imap</Type><Credentials><TableRight><Mask>Select Update</Mask></TableRight><ValidFrom>2022-03-25T21:34:02.1234567+01:00</ValidFrom><Comment>a &amp; b</Comment><SecretValue>${MARKER_ESCAPED}</SecretValue><IsActive>true</IsActive></Credentials></SaveUntrustedCredentials>`,
      ticketHeader,
    );
    const before = handled;
    assert.equal((await post(good, { SOAPAction: `"${ACTION}SaveUntrustedCredentials"` })).status, 200);
    assert.equal(handled, before + 1);
    const random = prng(12);
    const variants: string[] = [];
    for (let cut = 0; cut < good.length; cut += 7) variants.push(good.slice(0, cut));
    const chars = ["<", ">", "&", '"', "/", ":", "x", "\u0000", "\uFFFF", " "];
    for (let i = 0; i < 300; i++) {
      const at = Math.floor(random() * good.length);
      variants.push(good.slice(0, at) + (chars[Math.floor(random() * chars.length)] ?? "") + good.slice(at + 1));
    }
    let faults = 0;
    for (const v of variants) {
      const r = await post(v, { SOAPAction: `"${ACTION}SaveUntrustedCredentials"` });
      assert.ok([200, 400, 500].includes(r.status), `status ${r.status}`);
      if (r.status !== 200) {
        const f = fault(r);
        assert.ok(["Client", "Sender"].includes(f.code), f.reason);
        faults++;
      }
      assertNoMarker(r.text);
    }
    assert.ok(faults > variants.length / 2, `${faults} faults of ${variants.length}`);
  });
});

test("content nested too deeply for the decoder (a recursive type) is a Client fault; the service keeps answering", async () => {
  const { generateSnippet, writePackage } = await import("../helpers/generate.js");
  const { tempDir } = await import("../helpers/tmp.js");
  const { pathToFileURL } = await import("node:url");
  const { join } = await import("node:path");
  const files = await generateSnippet({
    schemaAttrs: 'xmlns:tns="urn:test"',
    schema: `<xs:complexType name="Node"><xs:sequence><xs:element name="x" type="tns:Node" minOccurs="0"/></xs:sequence></xs:complexType>
      <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="any" type="xs:anyType"/><xs:element name="x" type="tns:Node"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Resp"><xs:complexType><xs:sequence><xs:element name="ok" type="xs:boolean"/></xs:sequence></xs:complexType></xs:element>`,
  });
  const dir = tempDir("wsdlc-server-deep-");
  writePackage(
    dir,
    [...files].map(([path, text]) => ({ path, text })),
  );
  const svc = (await import(pathToFileURL(join(dir, "TestService.ts")).href)) as Record<string, unknown>;
  const s = (svc["testService"] as (h: object) => { fetch: (r: Request) => Promise<Response> })({ op: () => true });
  const send = async (inner: string): Promise<Response> =>
    s.fetch(
      new Request("http://t.test/", {
        method: "POST",
        headers: { "Content-Type": "text/xml", SOAPAction: '"urn:test/Op"' },
        body: envelope(`<Req xmlns="urn:test"><any>${inner}</any><x>${inner}</x></Req>`),
      }),
    );
  const n = 200_000;
  const deep = await send(`${"<x>".repeat(n)}${"</x>".repeat(n)}`);
  assert.equal(deep.status, 500);
  // The reader's depth bound (MAX_DEPTH), not a stack overflow caught afterwards.
  assert.match(await deep.text(), /Op: cannot decode the request at Envelope\/Body\/Req\/any[^<]* malformed XML: elements nested deeper than 256 levels/);
  const ok = await send("<x><x/></x>");
  assert.equal(ok.status, 200);
  assert.match(await ok.text(), /<ns1:ok>true<\/ns1:ok>/);
});
