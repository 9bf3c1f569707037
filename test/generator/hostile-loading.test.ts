/**
 * The loader under attack: documents that try to make wsdlc read local files, leak --wsdl-header to other
 * hosts, redirect elsewhere, exhaust memory or time, or smuggle bytes in a wrong encoding. Every refusal is a
 * diagnostic at the import element, and a refused target is never opened (fifos would hang, /dev/zero explode).
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, test } from "node:test";
import { generate } from "../../generator/index.js";
import { formatDiagnostic } from "../../generator/diagnostics.js";
import { deepText, MAX_NAMESPACE_NESTING, parseXml, XmlSyntaxError } from "../../generator/load/xml.js";
import { makeSecureReader, type SecureReaderOptions } from "../../bin/reader.js";
import { runtimeTemplates, wsdlAround } from "../helpers/generate.js";
import { runCliAsync } from "../helpers/cli.js";
import { tempDir } from "../helpers/tmp.js";

const XS = "http://www.w3.org/2001/XMLSchema";

/** A WSDL whose schema imports `location` (the xs:import is at line 6, column 1). */
function importing(location: string, how: "import" | "include" = "import"): string {
  const ref = how === "import" ? `<xs:import namespace="urn:other" schemaLocation="${location}"/>` : `<xs:include schemaLocation="${location}"/>`;
  return wsdlAround({
    schema: `${ref}
      <xs:element name="Req"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
      <xs:element name="Resp"><xs:complexType><xs:sequence/></xs:complexType></xs:element>`,
  });
}

const SCHEMA = `<xs:schema xmlns:xs="${XS}" targetNamespace="urn:other"><xs:complexType name="T"/></xs:schema>`;

async function run(inputs: string[], reader: SecureReaderOptions = {}, allowOutsideRoot = false) {
  return generate(inputs, { reader: makeSecureReader(process.cwd(), reader), runtime: runtimeTemplates(), allowOutsideRoot });
}

function fifo(path: string): string {
  execFileSync("mkfifo", [path]);
  return path;
}

interface Host {
  server: Server;
  base: string;
  seen: IncomingMessage[];
}

async function host(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Host> {
  const seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
    handler(req, res);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function close(h: Host): void {
  h.server.closeAllConnections();
  h.server.close();
}

describe("a remote document cannot make wsdlc read local files", () => {
  let h: Host;
  const dir = tempDir("wsdlc-hostile-");
  const trap = fifo(join(dir, "trap.xsd"));
  const docs: Record<string, string> = {};
  before(async () => {
    h = await host((req, res) => {
      const text = docs[req.url ?? ""];
      if (text === undefined) res.writeHead(404).end();
      else res.writeHead(200, { "content-type": "text/xml" }).end(text);
    });
    docs["/fifo.wsdl"] = importing(pathToFileURL(trap).href);
    docs["/zero.wsdl"] = importing("file:///dev/zero");
  });
  after(() => close(h));

  test("file:// imports from an http document are refused at the import, the fifo and /dev/zero never opened", { timeout: 20_000 }, async () => {
    for (const name of ["fifo", "zero"]) {
      const r = await run([`${h.base}/${name}.wsdl`]);
      const d = r.diagnostics.find((x) => x.code === "import-forbidden");
      assert.ok(d, JSON.stringify(r.diagnostics));
      assert.deepEqual(d.pos, { file: `${h.base}/${name}.wsdl`, line: 6, column: 1 });
      assert.match(d.message, /refusing to load ".*(trap\.xsd|\/dev\/zero)": a document fetched over http\(s\) .* may only import http\(s\) documents/);
      assert.equal(r.files.length, 0);
      assert.equal(r.documents.length, 1);
    }
  });
});

describe("relative includes of a local input stay in its folder", () => {
  const dir = tempDir("wsdlc-root-");
  mkdirSync(join(dir, "in", "sub"), { recursive: true });
  fifo(join(dir, "outside.xsd"));
  writeFileSync(join(dir, "ok.xsd"), SCHEMA);
  writeFileSync(join(dir, "in", "sub", "climb.wsdl"), importing("../../outside.xsd"));
  writeFileSync(join(dir, "in", "sub", "abs.wsdl"), importing("/dev/zero"));
  writeFileSync(join(dir, "in", "sub", "allowed.wsdl"), importing("../../ok.xsd"));
  writeFileSync(join(dir, "in", "sub", "encoded.wsdl"), importing("%2e%2e/%2e%2e/outside.xsd"));

  test("../../ and absolute paths are refused without reading (fifo, /dev/zero)", { timeout: 20_000 }, async () => {
    for (const name of ["climb", "abs", "encoded"]) {
      const r = await run([pathToFileURL(join(dir, "in", "sub", `${name}.wsdl`)).href]);
      const d = r.diagnostics.find((x) => x.code === "import-forbidden");
      assert.ok(d, `${name}: ${JSON.stringify(r.diagnostics)}`);
      assert.equal(d.pos?.line, 6);
      assert.equal(d.pos?.column, 1);
      assert.match(d.message, /outside the input's folder .* --allow-outside-root/);
      assert.equal(r.documents.length, 1);
    }
  });

  test("a symbolic link inside the folder that points outside is refused too", { timeout: 20_000 }, async () => {
    symlinkSync(join(dir, "outside.xsd"), join(dir, "in", "sub", "link.xsd"));
    writeFileSync(join(dir, "in", "sub", "linked.wsdl"), importing("link.xsd"));
    const r = await run([pathToFileURL(join(dir, "in", "sub", "linked.wsdl")).href]);
    const d = r.diagnostics.find((x) => x.code === "import-forbidden");
    assert.match(d?.message ?? "", /^refusing to load ".*link\.xsd": it is a symbolic link to a file outside the input's folder/);
    assert.equal(r.documents.length, 1);
  });

  test("allowOutsideRoot lets a local import leave the folder", async () => {
    const input = pathToFileURL(join(dir, "in", "sub", "allowed.wsdl")).href;
    const refused = await run([input]);
    assert.equal(refused.diagnostics[0]?.code, "import-forbidden");
    const r = await run([input], {}, true);
    assert.deepEqual(
      r.diagnostics.filter((x) => x.severity === "error"),
      [],
    );
    assert.equal(r.documents.length, 2);
  });

  test("CLI: exit 2, file:line:column of the import, config key allowOutsideRoot", { timeout: 60_000 }, async () => {
    const cli = await runCliAsync(["generate", "in/sub/climb.wsdl", "--out", "out"], dir);
    assert.equal(cli.status, 2);
    assert.match(cli.stderr, /^in\/sub\/climb\.wsdl:6:1: error: refusing to load "outside\.xsd": it is outside the input's folder in\/sub\/ .*\[import-forbidden\]$/m);
    writeFileSync(join(dir, "wsdlc.config.json"), JSON.stringify({ inputs: ["in/sub/allowed.wsdl"], out: "out", allowOutsideRoot: true }));
    const ok = await runCliAsync(["generate", "--config", "wsdlc.config.json", "-q"], dir);
    assert.equal(ok.status, 0, ok.stderr);
    const refused = await runCliAsync(["inspect", "in/sub/allowed.wsdl"], dir);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /\[import-forbidden\]/);
    const inspected = await runCliAsync(["inspect", "in/sub/allowed.wsdl", "--allow-outside-root"], dir);
    assert.equal(inspected.status, 0, inspected.stderr);
  });
});

describe("--wsdl-header goes only to the inputs' origins", () => {
  let a: Host;
  let b: Host;
  before(async () => {
    b = await host((_req, res) => res.writeHead(200, { "content-type": "text/xml" }).end(SCHEMA));
    a = await host((req, res) => {
      if (req.url === "/svc.wsdl") res.writeHead(200).end(importing("/same.xsd"));
      else if (req.url === "/two.wsdl") res.writeHead(200).end(importing(`${b.base}/other.xsd`));
      else if (req.url === "/same.xsd") res.writeHead(200).end(SCHEMA);
      else res.writeHead(404).end();
    });
  });
  after(() => {
    close(a);
    close(b);
  });

  test("sent to the input's host for the input and same-origin imports, never to another host", async () => {
    const headers = { Authorization: "Bearer s3cret" };
    const same = await run([`${a.base}/svc.wsdl`], { headers, headerOrigins: [a.base] });
    assert.deepEqual(
      same.diagnostics.filter((x) => x.severity === "error"),
      [],
    );
    const other = await run([`${a.base}/two.wsdl`], { headers, headerOrigins: [a.base] });
    assert.deepEqual(
      other.diagnostics.filter((x) => x.severity === "error"),
      [],
    );
    assert.equal(other.documents.length, 2);
    assert.deepEqual(
      a.seen.map((r) => [r.url, r.headers.authorization]),
      [
        ["/svc.wsdl", "Bearer s3cret"],
        ["/same.xsd", "Bearer s3cret"],
        ["/two.wsdl", "Bearer s3cret"],
      ],
    );
    assert.equal(b.seen.length, 1);
    assert.equal(b.seen[0]?.headers.authorization, undefined);
  });

  test("CLI generate and inspect scope --wsdl-header to the inputs' origins", { timeout: 60_000 }, async () => {
    const dir = tempDir("wsdlc-hdr-");
    const seenBefore = b.seen.length;
    for (const args of [
      ["generate", `${a.base}/two.wsdl`, "--out", "out", "-q"],
      ["inspect", `${a.base}/two.wsdl`],
    ]) {
      const cli = await runCliAsync([...args, "--wsdl-header", "Authorization: Bearer s3cret"], dir);
      assert.equal(cli.status, 0, cli.stderr);
    }
    assert.equal(b.seen.length, seenBefore + 2);
    assert.ok(b.seen.slice(seenBefore).every((r) => r.headers.authorization === undefined));
    assert.ok(a.seen.filter((r) => r.url === "/two.wsdl").every((r) => r.headers.authorization === "Bearer s3cret"));
  });
});

describe("redirects: same origin only, at most 5", () => {
  let a: Host;
  let b: Host;
  before(async () => {
    b = await host((_req, res) => res.writeHead(200).end(SCHEMA));
    a = await host((req, res) => {
      const url = req.url ?? "";
      const hop = /^\/hop(\d+)$/.exec(url);
      if (url === "/svc.wsdl") res.writeHead(200).end(importing("/moved.xsd"));
      else if (url === "/moved.xsd") res.writeHead(301, { location: "/real.xsd" }).end();
      else if (url === "/real.xsd") res.writeHead(200).end(SCHEMA);
      else if (url === "/away.wsdl") res.writeHead(200).end(importing("/away.xsd"));
      else if (url === "/away.xsd") res.writeHead(302, { location: `${b.base}/stolen.xsd?token=s3cret` }).end();
      else if (url === "/loop.wsdl") res.writeHead(200).end(importing("/hop0"));
      else if (hop) res.writeHead(307, { location: `/hop${Number(hop[1]) + 1}` }).end();
      else res.writeHead(404).end();
    });
  });
  after(() => {
    close(a);
    close(b);
  });

  test("a same-origin redirect is followed", async () => {
    const r = await run([`${a.base}/svc.wsdl`]);
    assert.deepEqual(
      r.diagnostics.filter((x) => x.severity === "error"),
      [],
    );
  });

  test("a cross-origin redirect is a diagnostic naming the target without its query; the other host is never asked", async () => {
    const r = await run([`${a.base}/away.wsdl`], { headers: { Authorization: "x" }, headerOrigins: [a.base] });
    const d = r.diagnostics.find((x) => x.code === "import-unresolvable");
    assert.equal(
      d?.message,
      `cannot load "${a.base}/away.xsd": redirected (HTTP 302) to another origin, ${b.base}/stolen.xsd; wsdlc follows redirects only within the same origin`,
    );
    assert.deepEqual([d?.pos?.line, d?.pos?.column], [6, 1]);
    assert.ok(!formatDiagnostic(d).includes("s3cret"));
    assert.equal(b.seen.length, 0);
  });

  test("more than 5 redirects", async () => {
    const r = await run([`${a.base}/loop.wsdl`]);
    assert.match(r.diagnostics.find((x) => x.code === "import-unresolvable")?.message ?? "", /hop0": more than 5 redirects$/);
    assert.equal(a.seen.filter((x) => x.url?.startsWith("/hop")).length, 6);
  });
});

describe("size and time limits name the document and where it was imported", () => {
  let h: Host;
  before(async () => {
    h = await host((req, res) => {
      const url = req.url ?? "";
      if (url === "/big.wsdl") res.writeHead(200).end(importing("/endless.xsd"));
      else if (url === "/endless.xsd") {
        // An endless body without content-length: only a streaming cap stops it.
        res.writeHead(200);
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const pump = (): void => {
          while (res.write(chunk));
          res.once("drain", pump);
        };
        res.on("close", () => res.removeAllListeners("drain"));
        pump();
      } else if (url === "/stall.wsdl") res.writeHead(200).end(importing("/stall.xsd"));
      else if (url === "/stall.xsd")
        res.writeHead(200).write("<xs:schema"); // and nothing more
      else if (/^\/slow\d\.xsd$/.test(url)) {
        const n = Number(url[5]);
        const text = n < 4 ? `<xs:schema xmlns:xs="${XS}" targetNamespace="urn:other"><xs:include schemaLocation="slow${n + 1}.xsd"/></xs:schema>` : SCHEMA;
        setTimeout(() => res.writeHead(200).end(text), 250);
      } else if (url === "/slow.wsdl") res.writeHead(200).end(importing("/slow1.xsd"));
      else res.writeHead(404).end();
    });
  });
  after(() => close(h));

  test("a document over --max-document-bytes is aborted while streaming", { timeout: 20_000 }, async () => {
    const r = await run([`${h.base}/big.wsdl`], { maxDocumentBytes: 1024 * 1024 });
    const d = r.diagnostics.find((x) => x.code === "import-unresolvable");
    assert.equal(d?.message, `cannot load "${h.base}/endless.xsd": larger than 1 MiB (limit: --max-document-bytes)`);
    assert.deepEqual(d?.pos, { file: `${h.base}/big.wsdl`, line: 6, column: 1 });
  });

  test("the default cap is 32 MiB", { timeout: 30_000 }, async () => {
    const r = await run([`${h.base}/big.wsdl`]);
    assert.equal(r.diagnostics.find((x) => x.code === "import-unresolvable")?.message, `cannot load "${h.base}/endless.xsd": larger than 32 MiB (limit: --max-document-bytes)`);
  });

  test("CLI: --document-timeout and --max-document-bytes reach the reader; bad values are usage errors", { timeout: 60_000 }, async () => {
    const dir = tempDir("wsdlc-limits-");
    const stalled = await runCliAsync(["generate", `${h.base}/stall.wsdl`, "--out", "out", "--document-timeout", "300"], dir);
    assert.equal(stalled.status, 2);
    assert.match(stalled.stderr, /stall\.wsdl:6:1: error: cannot load ".*\/stall\.xsd": timed out after 0\.3 s \(limit: --document-timeout\)/);
    const big = await runCliAsync(["inspect", `${h.base}/big.wsdl`], dir);
    assert.equal(big.status, 2);
    assert.match(big.stderr, /larger than 32 MiB/);
    const bad = await runCliAsync(["generate", `${h.base}/stall.wsdl`, "--out", "out", "--max-document-bytes", "lots"], dir);
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr, 'wsdlc: --max-document-bytes "lots": expected a positive whole number\n');
  });

  test("a local input that never ends (/dev/zero) hits the cap", { timeout: 20_000 }, async () => {
    const r = await run(["file:///dev/zero"], { maxDocumentBytes: 4 * 1024 * 1024 });
    assert.match(r.diagnostics[0]?.message ?? "", /^cannot read input ".*dev\/zero": larger than 4 MiB/);
  });

  test("a stalled import times out, and says after how long", { timeout: 20_000 }, async () => {
    const r = await run([`${h.base}/stall.wsdl`], { documentTimeoutMs: 300 });
    const d = r.diagnostics.find((x) => x.code === "import-unresolvable");
    assert.equal(d?.message, `cannot load "${h.base}/stall.xsd": timed out after 0.3 s (limit: --document-timeout)`);
    assert.deepEqual([d?.pos?.line, d?.pos?.column], [6, 1]);
  });

  test("chained slow documents hit the total budget", { timeout: 20_000 }, async () => {
    const ok = await run([`${h.base}/slow.wsdl`], { documentTimeoutMs: 2000, totalTimeoutMs: 5000 });
    assert.deepEqual(
      ok.diagnostics.filter((x) => x.severity === "error"),
      [],
    );
    const r = await run([`${h.base}/slow.wsdl`], { documentTimeoutMs: 2000, totalTimeoutMs: 600 });
    const d = r.diagnostics.find((x) => x.code === "import-unresolvable");
    assert.match(d?.message ?? "", /^cannot load ".*\/slow\d\.xsd": timed out: all fetching together took longer than 0\.6 s \(limit: --total-timeout\)$/);
    assert.match(d?.pos?.file ?? "", /\/slow(\d)?\.(xsd|wsdl)$/);
  });
});

describe("encodings: BOM, then the XML declaration, strictly", () => {
  const dir = tempDir("wsdlc-enc-");
  const wsdl = (decl: string): string =>
    wsdlAround({
      schema: `<xs:simpleType name="Drink"><xs:restriction base="xs:string"><xs:enumeration value="Café"/></xs:restriction></xs:simpleType>
      <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="D" type="tns:Drink"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Resp"><xs:complexType><xs:sequence/></xs:complexType></xs:element>`,
    }).replace('<?xml version="1.0"?>', decl);
  const types = (r: Awaited<ReturnType<typeof run>>): string => r.files.find((f) => f.path === "types.ts")?.text ?? "";

  test("ISO-8859-1 declared: Café arrives as Café", async () => {
    const file = join(dir, "latin1.wsdl");
    writeFileSync(file, Buffer.from(wsdl('<?xml version="1.0" encoding="ISO-8859-1"?>'), "latin1"));
    const r = await run([pathToFileURL(file).href]);
    assert.deepEqual(
      r.diagnostics.filter((x) => x.severity === "error"),
      [],
    );
    assert.match(types(r), /"Café"/);
    assert.ok(!types(r).includes("\uFFFD"));
  });

  test("UTF-16LE and UTF-16BE with a byte order mark", async () => {
    const text = wsdl('<?xml version="1.0" encoding="UTF-16"?>');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const be = Buffer.from(le);
    be.swap16();
    for (const [name, bytes] of [
      ["le", le],
      ["be", be],
    ] as const) {
      const file = join(dir, `utf16${name}.wsdl`);
      writeFileSync(file, bytes);
      const r = await run([pathToFileURL(file).href]);
      assert.deepEqual(
        r.diagnostics.filter((x) => x.severity === "error"),
        [],
        name,
      );
      assert.match(types(r), /"Café"/);
    }
  });

  test("invalid UTF-8 is an xml-encoding error at its position, never a silent U+FFFD", async () => {
    const file = join(dir, "bad.wsdl");
    const text = wsdl('<?xml version="1.0" encoding="UTF-8"?>');
    const at = text.indexOf("Café") + 3;
    writeFileSync(file, Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0xe9]), Buffer.from(text.slice(at + 1))]));
    const r = await run([pathToFileURL(file).href]);
    const d = r.diagnostics.find((x) => x.code === "xml-encoding");
    const before = text.slice(0, at).split("\n");
    assert.deepEqual(d?.pos, { file: r.diagnostics[0]?.pos?.file, line: before.length, column: (before.at(-1) ?? "").length + 1 });
    assert.match(d?.message ?? "", /bytes e9 .* are not valid UTF-8/);
    assert.equal(r.files.length, 0);
  });

  test("UTF-16 declared in single-byte text is refused, not misread", async () => {
    const file = join(dir, "lying16.wsdl");
    writeFileSync(file, wsdl('<?xml version="1.0" encoding="UTF-16"?>'));
    const r = await run([pathToFileURL(file).href]);
    assert.equal(r.diagnostics[0]?.code, "xml-encoding");
    assert.match(r.diagnostics[0]?.message ?? "", /encoding="UTF-16", but the document has no byte order mark/);
  });

  test("an encoding nobody knows is refused with its name", async () => {
    const file = join(dir, "ebcdic.wsdl");
    writeFileSync(file, wsdl('<?xml version="1.0" encoding="X-EBCDIC-NOPE"?>'));
    const r = await run([pathToFileURL(file).href]);
    assert.equal(r.diagnostics[0]?.code, "xml-encoding");
    assert.match(r.diagnostics[0]?.message ?? "", /unsupported encoding "X-EBCDIC-NOPE"/);
  });
});

describe("deep documents load in linear time", () => {
  const deep = (n: number): string => `<xs:schema xmlns:xs="${XS}">${"<xs:a>".repeat(n)}${"</xs:a>".repeat(n)}</xs:schema>`;

  test("100,000 nested elements parse in seconds (was minutes when the generator parsed with saxes, which walked every open tag per element)", { timeout: 60_000 }, () => {
    const t0 = performance.now();
    const root = parseXml(deep(100_000), "deep.xsd");
    const ms = performance.now() - t0;
    let depth = 0;
    for (let el = root.children[0]; el; el = el.children[0]) depth++;
    assert.equal(depth, 100_000);
    assert.equal(deepText(root), "");
    // Quadratic took ~80 s for 40,000; linear takes ~1 s for 100,000 on a loaded machine.
    assert.ok(ms < 15_000, `took ${Math.round(ms)} ms`);
  });

  test("namespace declarations nested beyond the bound are an error with a position", () => {
    assert.throws(
      () => parseXml(`<r>${'<a xmlns:q="urn:q">'.repeat(MAX_NAMESPACE_NESTING + 1)}${"</a>".repeat(MAX_NAMESPACE_NESTING + 1)}</r>`, "ns.xsd"),
      (e: unknown) => e instanceof XmlSyntaxError && /nested more than 256 deep/.test(e.message) && e.pos.line === 1 && e.pos.column === 4 + 19 * MAX_NAMESPACE_NESTING,
    );
  });
});

describe("diagnostics in an imported document name the document that imported it", () => {
  test("(included from a.wsdl:6:1)", async () => {
    const dir = tempDir("wsdlc-via-");
    writeFileSync(join(dir, "a.wsdl"), importing("b.xsd"));
    writeFileSync(join(dir, "b.xsd"), `<xs:schema xmlns:xs="${XS}" targetNamespace="urn:other">\n  <xs:include schemaLocation="c.xsd"/>\n</xs:schema>`);
    writeFileSync(join(dir, "c.xsd"), `<xs:schema xmlns:xs="${XS}">\n  <oops>\n</xs:schema>`);
    const r = await generate([pathToFileURL(join(dir, "a.wsdl")).href], { reader: makeSecureReader(dir), runtime: runtimeTemplates() });
    const d = r.diagnostics.find((x) => x.code === "xml-malformed");
    assert.ok(d, JSON.stringify(r.diagnostics));
    assert.match(formatDiagnostic(d), /^c\.xsd:3:\d+: error: not well-formed XML: .* \(included from b\.xsd:2:3, from a\.wsdl:6:1\) \[xml-malformed\]$/);
  });
});
