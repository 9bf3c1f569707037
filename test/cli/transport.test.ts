/**
 * The recipes of docs/transport.md, run as written (only host names, ports and certificate folders replaced)
 * against local servers: a CA and certificates made with openssl, an HTTPS server trusting that CA (and one
 * that requires a client certificate), an HTTP CONNECT proxy, and an HTTP server counting connections. Each
 * recipe is also type-checked with the consumer's strict flags and Node's and undici's types.
 */
import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { connect, type AddressInfo, type Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ROOT } from "../helpers/generate.js";
import { tempDir } from "../helpers/tmp.js";
import { CONSUMER_FLAGS } from "../helpers/typecheck.js";

const NS = "http://www.superoffice.net/ws/crm/NetServer/Services75";
const REPLY = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><Succeeded xmlns="${NS}">true</Succeeded></s:Header><s:Body><GetCredentialTypesResponse xmlns="${NS}"><Response xmlns:a="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><a:string>imap</a:string><a:string>smtp</a:string></Response></GetCredentialTypesResponse></s:Body></s:Envelope>`;
const EXPECTED = '["imap","smtp"]';

const hasOpenssl = spawnSync("openssl", ["version"]).status === 0;

function recipes(): Map<string, string> {
  const text = readFileSync(join(ROOT, "docs", "transport.md"), "utf8");
  const out = new Map<string, string>();
  let heading = "";
  for (const m of text.matchAll(/^## (.+)$|^```typescript\n([\s\S]*?)^```$/gm)) {
    if (m[1]) heading = m[1];
    else if (m[2]) out.set(heading, m[2]);
  }
  return out;
}

/** A CA, a server certificate for 127.0.0.1 and a client certificate, all signed by the CA. */
function makeCerts(dir: string): void {
  const ssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  ssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem", "-out", "ca.pem", "-days", "2", "-subj", "/CN=wsdlc test CA");
  writeFileSync(join(dir, "san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
  ssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server-key.pem", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
  ssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "san.ext");
  ssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "client-key.pem", "-out", "client.csr", "-subj", "/CN=wsdlc-client");
  ssl("x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial", "-out", "client.pem", "-days", "2");
}

const soap = (_req: IncomingMessage, res: ServerResponse) => {
  _req.resume();
  _req.on("end", () => res.writeHead(200, { "Content-Type": "text/xml; charset=utf-8" }).end(REPLY));
};

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

describe("docs/transport.md recipes", { skip: hasOpenssl ? false : "openssl is not installed" }, () => {
  const work = tempDir("wsdlc-transport-");
  const servers: Server[] = [];
  let tls = 0;
  let mtls = 0;
  let plain = 0;
  const clientNames: string[] = [];
  let connections = 0;
  const connects: string[] = [];
  let proxy = 0;

  before(async () => {
    // The same layout as the docs: docs/examples/<recipe>.ts next to ../../generated/services75-user.
    mkdirSync(join(work, "docs", "examples"), { recursive: true });
    mkdirSync(join(work, "certs"));
    cpSync(join(ROOT, "generated", "services75-user"), join(work, "generated", "services75-user"), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(work, "node_modules"), "dir");
    writeFileSync(join(work, "package.json"), '{ "type": "module" }\n');
    makeCerts(join(work, "certs"));
    const certs = (f: string) => readFileSync(join(work, "certs", f));
    const https = createHttpsServer({ key: certs("server-key.pem"), cert: certs("server.pem") }, soap);
    const mutual = createHttpsServer({ key: certs("server-key.pem"), cert: certs("server.pem"), ca: certs("ca.pem"), requestCert: true, rejectUnauthorized: true }, (req, res) => {
      clientNames.push(String((req.socket as TLSSocket).getPeerCertificate().subject?.CN));
      soap(req, res);
    });
    const http = createHttpServer(soap);
    http.on("connection", () => connections++);
    // A CONNECT proxy that tunnels to 127.0.0.1 whatever host was asked for, and counts tunnels.
    const proxyServer = createHttpServer((_req, res) => res.writeHead(405).end());
    proxyServer.on("connect", (req: IncomingMessage, client: Socket, head: Buffer) => {
      connects.push(req.url ?? "");
      const port = Number((req.url ?? "").split(":").pop());
      const upstream = connect(port, "127.0.0.1", () => {
        client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on("error", () => client.destroy());
      client.on("error", () => upstream.destroy());
    });
    servers.push(https, mutual, http, proxyServer);
    const ports = await Promise.all(servers.map(listen));
    [tls, mtls, plain, proxy] = [ports[0] ?? 0, ports[1] ?? 0, ports[2] ?? 0, ports[3] ?? 0];
  });
  after(async () => {
    for (const s of servers) {
      s.closeAllConnections?.();
      await new Promise((r) => s.close(r));
    }
  });

  /** Writes the recipe with the example host replaced, runs it, returns its stdout (or throws with stderr). */
  async function run(
    name: string,
    code: string,
    replace: Record<string, string>,
    env: Record<string, string> = {},
  ): Promise<{ status: number | null; stdout: string; stderr: string }> {
    let text = code;
    for (const [from, to] of Object.entries(replace)) {
      assert.ok(text.includes(from), `${name} mentions ${from}`);
      text = text.split(from).join(to);
    }
    const file = join(work, "docs", "examples", `${name}.ts`);
    writeFileSync(file, text);
    // Not spawnSync: the servers answer from this process's event loop.
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", file], { cwd: work, timeout: 60_000, env: { ...process.env, ...env } });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
      child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
      child.on("error", reject);
      child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
  }

  const all = recipes();

  test("the documented recipes are these four", () => {
    assert.deepEqual(
      [...all.keys()],
      ["A custom CA (a corporate or self-signed root)", "Client certificates (mTLS)", "A proxy (HTTP CONNECT)", "Keep-alive and a connection pool"],
    );
  });

  test("they type-check with the consumer's strict flags", () => {
    for (const [i, code] of [...all.values()].entries()) writeFileSync(join(work, "docs", "examples", `check-${i}.ts`), code);
    const config = {
      compilerOptions: {
        target: "ES2022",
        lib: ["ES2022", "DOM"],
        module: "NodeNext",
        moduleResolution: "NodeNext",
        noEmit: true,
        skipLibCheck: true,
        types: ["node"],
        ...CONSUMER_FLAGS,
      },
      include: ["docs/examples/check-*.ts"],
    };
    writeFileSync(join(work, "tsconfig.json"), JSON.stringify(config));
    const r = spawnSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(work, "tsconfig.json")], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  test("custom CA: the call succeeds against a server whose certificate the CA signed; without the CA it fails", async () => {
    const code = all.get("A custom CA (a corporate or self-signed root)") ?? "";
    const r = await run("ca", code, { "https://crm.example.com": `https://127.0.0.1:${tls}` });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), EXPECTED);
    const without = await run("ca-missing", code.replace('{ connect: { ca: readFileSync("certs/ca.pem") } }', "{}"), { "https://crm.example.com": `https://127.0.0.1:${tls}` });
    assert.notEqual(without.status, 0, "an untrusted certificate must fail");
    assert.match(without.stderr, /TransportError|certificate/i);
  });

  test("NODE_EXTRA_CA_CERTS: the default transport (node:https, no fetch given) and the global fetch trust the CA", async () => {
    const code = (f: string) =>
      `import { UserClient } from "../../generated/services75-user/index.js";\n` +
      `const client = new UserClient({ endpoint: "https://127.0.0.1:${tls}/User.svc"${f} });\n` +
      "console.log(JSON.stringify(await client.getCredentialTypes({})));\n";
    for (const [name, f] of [
      ["extra-ca-default", ""],
      ["extra-ca-fetch", ", fetch: globalThis.fetch"],
    ] as const) {
      const r = await run(name, code(f), {}, { NODE_EXTRA_CA_CERTS: join(work, "certs", "ca.pem") });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout.trim(), EXPECTED);
      const without = await run(`${name}-missing`, code(f), {});
      assert.notEqual(without.status, 0, "an untrusted certificate must fail");
      assert.match(without.stderr, /TransportError/);
    }
  });

  test("mTLS: the server sees the client certificate; without it the handshake fails", async () => {
    const code = all.get("Client certificates (mTLS)") ?? "";
    const r = await run("mtls", code, { "https://crm.example.com": `https://127.0.0.1:${mtls}` });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), EXPECTED);
    assert.deepEqual(clientNames, ["wsdlc-client"]);
    const noCert = await run("mtls-missing", code.replace(/\n\s*cert: readFileSync\("certs\/client\.pem"\),\n\s*key: readFileSync\("certs\/client-key\.pem"\),/, ""), {
      "https://crm.example.com": `https://127.0.0.1:${mtls}`,
    });
    assert.notEqual(noCert.status, 0);
    assert.match(noCert.stderr, /TransportError/);
    assert.match(noCert.stderr, /kind: 'network'/);
    assert.deepEqual(clientNames, ["wsdlc-client"], "no request got through without a certificate");
  });

  test("proxy: the request goes through one CONNECT tunnel to the endpoint's host", async () => {
    const code = all.get("A proxy (HTTP CONNECT)") ?? "";
    const before = connects.length;
    const r = await run("proxy", code, { "http://proxy.example.com:3128": `http://127.0.0.1:${proxy}`, "http://crm.example.com": `http://127.0.0.1:${plain}` });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), EXPECTED);
    assert.deepEqual(connects.slice(before), [`127.0.0.1:${plain}`]);
  });

  test("keep-alive: six calls reuse the pool's connections instead of opening six", async () => {
    const code = all.get("Keep-alive and a connection pool") ?? "";
    const before = connections;
    const r = await run("keepalive", code, { "http://crm.example.com": `http://127.0.0.1:${plain}` });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), EXPECTED);
    const opened = connections - before;
    assert.ok(opened >= 1 && opened <= 2, `six sequential calls opened ${opened} TCP connections`);
  });
});
