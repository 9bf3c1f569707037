/**
 * `npm run bench`: speed and memory of wsdlc side by side with node-soap and wsdl-tsclient, in one run,
 * reported as ratios. Not a test: nothing here asserts a time. Reads ../shared/corpus (SuperOffice Services75).
 *
 * Generation (each tool run as a fresh CLI process; wall time and peak RSS of that process):
 *   - the Services75 User WSDL alone;
 *   - the 45 Services75 agents: wsdlc in one invocation; wsdl-tsclient once per agent (it takes one WSDL).
 * Run time (in this process, warmed up, median of repeated runs):
 *   - client construction: the generated UserClient vs node-soap's createClientAsync on the User WSDL;
 *   - a GetUntrustedCredentials call through a local HTTP server, request building to decoded result;
 *   - decoding a 3.6 MB GetUntrustedCredentials response (wsdlc's decoder vs node-soap's xmlToObject; xml2js
 *     as a plain-parser reference).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import * as soap from "soap";
import { parseStringPromise } from "xml2js";
import { loadGenerated } from "../helpers/client.js";
import { ROOT } from "../helpers/generate.js";
import { CORPUS } from "../helpers/shared.js";
import { tempDir } from "../helpers/tmp.js";

const WSDL_DIR = join(CORPUS, "superoffice", "wsdl");
const USER_WSDL = join(WSDL_DIR, "Services75-User.wsdl");
const NS = "http://www.superoffice.net/ws/crm/NetServer/Services75";

if (!existsSync(USER_WSDL)) {
  process.stderr.write(`bench: ${WSDL_DIR} not found; the benchmark needs ../shared/corpus\n`);
  process.exit(2);
}

const out = (s = ""): void => void process.stdout.write(`${s}\n`);
const ms = (n: number): string => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
/** Milliseconds, or microseconds for very short times. */
const dur = (n: number): string => (n < 0.1 ? `${(n * 1000).toFixed(2)} µs` : `${ms(n)} ms`);
const bytes = (n: number): string => (n < 1024 ? `${Math.max(0, n).toFixed(0)} B` : n < 1 << 20 ? `${(n / 1024).toFixed(1)} KB` : `${(n / (1 << 20)).toFixed(1)} MB`);
const mb = (kb: number): string => (kb / 1024).toFixed(0);
const ratio = (theirs: number, ours: number): string => `${(theirs / ours).toFixed(1)}×`;

// ---------------------------------------------------------------------------------------------------------
// Generation, as CLI processes

/** Runs a node CLI as a child; wall time and the child's peak RSS (KiB) via a preloaded exit hook. */
function runNode(args: readonly string[], cwd: string): { ok: boolean; ms: number; rssKiB: number; stderr: string } {
  const rssFile = join(tempDir("wsdlc-bench-"), "rss");
  const preload = join(ROOT, "test", "bench", "rss-preload.cjs");
  const t = performance.now();
  const r = spawnSync(process.execPath, ["--require", preload, ...args], { cwd, encoding: "utf8", env: { ...process.env, WSDLC_BENCH_RSS: rssFile }, maxBuffer: 64 << 20 });
  const elapsed = performance.now() - t;
  const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, "utf8")) : Number.NaN;
  return { ok: r.status === 0, ms: elapsed, rssKiB: rss, stderr: r.stderr };
}

const WSDLC = join(ROOT, "bin", "wsdlc.js");
const TSCLIENT = join(ROOT, "node_modules", "wsdl-tsclient", "dist", "src", "cli.js");

function generation(): void {
  const work = tempDir("wsdlc-bench-gen-");
  const agents = readdirSync(WSDL_DIR).filter((n) => n.endsWith(".wsdl")).sort();
  out("## Generation (fresh CLI process each; wall time, peak RSS)");
  out();
  out("| job | wsdlc | wsdl-tsclient 1.7 | wsdl-tsclient / wsdlc |");
  out("|---|---|---|---|");

  const ourUser = median(3, () => runNode([WSDLC, "generate", USER_WSDL, "-o", join(work, "w-user"), "-q"], work));
  const theirUser = median(3, () => runNode([TSCLIENT, USER_WSDL, "-o", join(work, "t-user"), "--quiet"], work));
  out(`| Services75 User (66 operations) | ${ms(ourUser.ms)} ms, ${mb(ourUser.rssKiB)} MB | ${theirUser.ok ? `${ms(theirUser.ms)} ms, ${mb(theirUser.rssKiB)} MB` : "failed"} | ${theirUser.ok ? `${ratio(theirUser.ms, ourUser.ms)} time, ${ratio(theirUser.rssKiB, ourUser.rssKiB)} memory` : "-"} |`);

  const suite = runNode([WSDLC, "generate", join(WSDL_DIR, "*.wsdl"), "-o", join(work, "w-suite"), "-q"], work);
  let theirTotal = 0;
  let theirPeak = 0;
  const failed: string[] = [];
  for (const a of agents) {
    const r = runNode([TSCLIENT, join(WSDL_DIR, a), "-o", join(work, "t-suite", a.replace(/\.wsdl$/, "")), "--quiet"], work);
    theirTotal += r.ms;
    theirPeak = Math.max(theirPeak, r.rssKiB);
    if (!r.ok) failed.push(a.replace(/^Services75-|\.wsdl$/g, ""));
  }
  out(
    `| all ${agents.length} Services75 agents | ${ms(suite.ms)} ms in one process (${ms(suite.ms / agents.length)} ms per agent), peak ${mb(suite.rssKiB)} MB${suite.ok ? "" : " FAILED"} | ${ms(theirTotal)} ms in ${agents.length} processes (${ms(theirTotal / agents.length)} ms per agent), peak ${mb(theirPeak)} MB; failed on ${failed.length}: ${failed.join(", ") || "none"} | ${ratio(theirTotal, suite.ms)} time |`,
  );
  out();
  rmSync(work, { recursive: true, force: true });
}

function median<T extends { ms: number }>(n: number, f: () => T): T {
  const runs = Array.from({ length: n }, f).sort((a, b) => a.ms - b.ms);
  return runs[Math.floor(n / 2)] as T;
}

// ---------------------------------------------------------------------------------------------------------
// Run time, in this process

async function timeIt(n: number, f: () => unknown): Promise<number> {
  for (let i = 0; i < Math.min(3, n); i++) await f();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(n / 2)] ?? Number.NaN;
}

function bigResponse(targetBytes: number): string {
  const item = (i: number): string =>
    `<UntrustedCredentials><TableRight><Mask>Select Update Delete</Mask><Reason i:nil="true"/></TableRight>` +
    `<FieldProperties><FieldPropertyDictionaryKeyValuePair><Key>Comment</Key><Value><FieldRight><Mask>Read Write</Mask><Reason/></FieldRight><FieldType>string</FieldType><FieldLength>255</FieldLength></Value></FieldPropertyDictionaryKeyValuePair></FieldProperties>` +
    `<ValidFrom>2022-03-25T21:34:02.1234567+01:00</ValidFrom><ValidTo>2032-03-25T21:34:02.1234567+01:00</ValidTo><Comment>Mailbox ${i} &amp; archive</Comment>` +
    `<SecretValue>secret-${i}</SecretValue><PublicValue>user${i}@example.com</PublicValue><IsActive>true</IsActive></UntrustedCredentials>`;
  const head = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><Succeeded xmlns="${NS}">true</Succeeded></s:Header><s:Body><GetUntrustedCredentialsResponse xmlns="${NS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><Response>`;
  const tail = "</Response></GetUntrustedCredentialsResponse></s:Body></s:Envelope>";
  const parts = [head];
  let size = head.length + tail.length;
  for (let i = 0; size < targetBytes; i++) {
    const s = item(i);
    parts.push(s);
    size += s.length;
  }
  parts.push(tail);
  return parts.join("");
}

interface Generated {
  UserClient: new (o: object) => { getUntrustedCredentials(i: object): Promise<unknown> };
  userDescriptor: { operations: Record<string, unknown> };
  decodeResponse: (client: unknown, op: unknown, xml: string) => unknown;
}

/** In-process generation time against input size, to show it grows with the input (not agents × types). */
async function scaling(): Promise<void> {
  const { generate } = await import("../../generator/index.js");
  const { makeReader } = await import("../../bin/io.js");
  const { runtimeTemplates } = await import("../helpers/generate.js");
  const { statSync } = await import("node:fs");
  const { pathToFileURL } = await import("node:url");
  const all = readdirSync(WSDL_DIR).filter((n) => n.endsWith(".wsdl")).sort();
  const run = (files: readonly string[]) => generate(files.map((f) => pathToFileURL(join(WSDL_DIR, f)).href), { reader: makeReader(process.cwd()), runtime: runtimeTemplates() });
  await run(all.slice(0, 1)); // load the TypeScript compiler first
  out("## Suite generation against input size (in process, after the compiler is loaded)");
  out();
  out("| agents | input | time | per MB |");
  out("|---|---|---|---|");
  for (const n of [5, 15, 30, all.length]) {
    const files = all.slice(0, n);
    const size = files.reduce((sum, f) => sum + statSync(join(WSDL_DIR, f)).size, 0) / 1e6;
    const t = performance.now();
    await run(files);
    const took = performance.now() - t;
    out(`| ${n} | ${size.toFixed(2)} MB | ${ms(took)} ms | ${ms(took / size)} ms |`);
  }
  out();
}

async function runtime(): Promise<void> {
  const pkg = (await loadGenerated([USER_WSDL])).module as unknown as Generated;
  const wsdlText = readFileSync(USER_WSDL, "utf8");
  out("## Run time (this process, warmed up, median)");
  out();
  out("| measure | wsdlc | node-soap 1.13 | node-soap / wsdlc |");
  out("|---|---|---|---|");

  // Client construction.
  global.gc?.();
  // One construction is too short to time alone: time batches of 1000.
  const ours = (await timeIt(50, () => {
    for (let i = 0; i < 1000; i++) new pkg.UserClient({ endpoint: "http://127.0.0.1:1/" });
  })) / 1000;
  // node-soap caches parsed WSDLs by path; without the cache each client pays what a new process pays.
  const fresh = { disableCache: true };
  const theirs = await timeIt(10, () => soap.createClientAsync(USER_WSDL, fresh, "http://127.0.0.1:1/"));
  global.gc?.();
  const keep: unknown[] = [];
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 5; i++) keep.push(await soap.createClientAsync(USER_WSDL, fresh));
  global.gc?.();
  const perNodeSoap = (process.memoryUsage().heapUsed - before) / 5;
  const before2 = process.memoryUsage().heapUsed;
  for (let i = 0; i < 1000; i++) keep.push(new pkg.UserClient({}));
  global.gc?.();
  const perOurs = Math.max(1, (process.memoryUsage().heapUsed - before2) / 1000);
  out(`| create a User client | ${dur(ours)} | ${dur(theirs)} (parses the ${(wsdlText.length / 1024).toFixed(0)} KB WSDL; cache off) | ${ratio(theirs, ours)} |`);
  out(`| heap retained per client | ${bytes(perOurs)} (descriptors are shared module data) | ${bytes(perNodeSoap)} | ${ratio(perNodeSoap, perOurs)} |`);

  // A whole call over HTTP.
  const small = bigResponse(2000);
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "text/xml; charset=utf-8" }).end(small));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/User.svc`;
  const client = new pkg.UserClient({ endpoint: url, headers: { Credentials: { Ticket: "7T:x" } } });
  const ns = (await soap.createClientAsync(USER_WSDL, {}, url)) as unknown as { GetUntrustedCredentialsAsync(a: object): Promise<unknown> };
  const callOurs = await timeIt(300, () => client.getUntrustedCredentials({ Type: "imap" }));
  const callTheirs = await timeIt(300, () => ns.GetUntrustedCredentialsAsync({ Type: "imap" }));
  out(`| GetUntrustedCredentials call over local HTTP (2 KB answer) | ${dur(callOurs)} | ${dur(callTheirs)} | ${ratio(callTheirs, callOurs)} |`);
  server.close();

  // Decoding a big response.
  const big = bigResponse(3.6e6);
  const op = pkg.userDescriptor.operations["getUntrustedCredentials"];
  const decOurs = await timeIt(7, () => pkg.decodeResponse(pkg.userDescriptor, op, big));
  const nsClient = (await soap.createClientAsync(USER_WSDL)) as unknown as { wsdl: { xmlToObject(x: string): unknown } };
  const decTheirs = await timeIt(7, () => nsClient.wsdl.xmlToObject(big));
  const decXml2js = await timeIt(7, () => parseStringPromise(big));
  const mbSize = big.length / 1e6;
  out(`| decode a ${mbSize.toFixed(1)} MB response | ${ms(decOurs)} ms (${(mbSize / (decOurs / 1000)).toFixed(0)} MB/s) | ${ms(decTheirs)} ms (${(mbSize / (decTheirs / 1000)).toFixed(0)} MB/s) | ${ratio(decTheirs, decOurs)} |`);
  out(`| (reference) xml2js parse of the same text, no types | | ${ms(decXml2js)} ms | ${ratio(decXml2js, decOurs)} |`);
  out();
  keep.length = 0;
}

out(`# wsdlc benchmark — node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
out();
generation();
await scaling();
await runtime();
