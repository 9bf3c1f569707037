/**
 * A generated rpc/encoded service (test/interop/php/rpc-encoded.wsdl) answering PHP's SoapClient
 * (test/interop/php/soapclient-rpc-encoded.php): PHP's requests carry xsi:type on every value, SOAP-encoded arrays
 * (soapenc:arrayType) and a multi-reference value (one Address object used twice is written once, `href="#ref1"`);
 * the handlers receive them decoded (the reference resolved into both places), and PHP decodes the service's
 * encoded answers (arrays, nil parts, a decimal beyond double precision, a 7-digit dateTime kept as text).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath, pathToFileURL } from "node:url";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { loadGenerated } from "../helpers/client.js";
import { PHP_BIN, phpSkip, plain } from "../helpers/peers.js";

const WSDL = fileURLToPath(new URL("./php/rpc-encoded.wsdl", import.meta.url));
const SCRIPT = fileURLToPath(new URL("./php/soapclient-rpc-encoded.php", import.meta.url));
const ADDRESS = { street: "Storgata 1 & <2>", city: "Ærøskøbing", country: null };
const ITEM = { name: 'widget "w"', qty: 3, price: 2.5, inStock: true, note: null };
const ORDER = {
  id: 7,
  customer: "ann\ttab",
  placed: "2022-03-25T21:34:02.1234567+01:00",
  total: "12345678901234567890.125",
  items: [ITEM, ITEM],
  tags: ["a", "", "c"],
  billTo: ADDRESS,
  shipTo: ADDRESS,
  comment: null,
};

describe("PHP SoapClient calls a generated rpc/encoded service", { skip: phpSkip() }, () => {
  let server: Server;
  let url = "";
  const received: Record<string, unknown> = {};

  before(async () => {
    const pkg = await loadGenerated([WSDL]);
    const file = readdirSync(pkg.dir).find((n) => n.endsWith("Service.ts")) ?? "";
    const svc = (await import(pathToFileURL(join(pkg.dir, file)).href)) as Record<string, unknown>;
    const record = (name: string) => (input: unknown) => {
      received[name] = plain(input);
      return input;
    };
    const handlers = {
      echoScalars: record("echoScalars"),
      echoItem: (input: { item: unknown }) => input.item,
      echoArrays: record("echoArrays"),
      submitOrder: (input: unknown) => {
        received["submitOrder"] = plain(input);
        return true;
      },
      getOrder: (input: { id: number }) => ({ order: { ...ORDER, id: input.id }, lines: [ITEM] }),
      echoNil: record("echoNil"),
      echoPriority: (input: { priority: number }) => input.priority,
    };
    const factory = Object.entries(svc).find(([k, v]) => /^[a-z]\w*Service$/.test(k) && !k.startsWith("mock") && typeof v === "function")?.[1] as (h: object) => unknown;
    server = createServer((svc["toNodeListener"] as (s: unknown) => Parameters<typeof createServer>[0])(factory(handlers)));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rpc-encoded`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test("encoded requests (xsi:type, arrays, a multi-reference) decode; encoded answers reach PHP", async () => {
    const p = spawn(PHP_BIN, [SCRIPT, WSDL, url], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
    p.stderr.on("data", (d: Buffer) => (err += d.toString("utf8")));
    const code = await new Promise<number | null>((resolve) => p.on("close", resolve));
    assert.equal(code, 0, err);
    assert.equal(err.trim(), "");
    const r = JSON.parse(out) as Record<string, unknown>;
    // PHP wrote the shared Address once and referred to it.
    assert.match(String(r["submitRequest"]), /href="#ref1"/);
    assert.deepEqual(received["submitOrder"], { order: ORDER });
    assert.equal(r["submit"], true);
    assert.deepEqual(received["echoArrays"], { items: [ITEM], names: ["x", "y"] });
    assert.deepEqual(r["arrays"], { items: [ITEM], names: ["x", "y"] });
    assert.deepEqual(received["echoNil"], { text: null, count: null, item: null, names: null });
    assert.deepEqual(r["nil"], { text: null, count: null, item: null, names: null });
    const got = r["get"] as { order: Record<string, unknown>; lines: unknown };
    assert.deepEqual(got.lines, [ITEM]);
    assert.equal(got.order["placed"], ORDER.placed);
    assert.equal(got.order["total"], ORDER.total);
    assert.deepEqual(got.order["billTo"], ADDRESS);
    assert.deepEqual(got.order["tags"], ["a", "", "c"]);
  });
});
