/**
 * `npm run bench`: wsdlc like for like with wsdl-tsclient 1.7 and node-soap 1.13, each row beside a floor
 * (the least any tool could do for that job). Not a test: nothing asserts a time. Reads ../shared/corpus.
 *
 * Every contender of a row runs in a process of its own (worker.mjs, plain JavaScript), and the contenders
 * of a row take turns - A B F, B F A, F A B ... - so a machine whose speed drifts moves them all alike.
 * Each row reports medians over those runs, the median of the pair-by-pair ratios wsdlc ÷ other, and each
 * process's peak RSS. Results go to JSON (default test/bench/results.json); README's table is rendered from
 * that JSON by render.ts.
 *
 *   npm run bench                       full run, writes test/bench/results.json
 *   npm run bench -- --reps 3           every row with 3 runs per contender
 *   npm run bench -- --smoke --out F    one run, tiny inputs: exercises every row quickly (CI)
 *   npm run bench -- --only decode-10k  some rows only (ids, comma-separated)
 *   npm run bench -- --note TEXT        recorded with the results (e.g. what else ran on the machine)
 * A full run with the default --out also renders README's table (render.ts). Every run also records bundle
 * sizes (bundle.ts; `node --import tsx test/bench/bundle.ts --update` records only those).
 */
import { spawn, spawnSync } from "node:child_process";
import { cpus } from "node:os";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { build } from "esbuild";
import { ROOT } from "../helpers/generate.js";
import { CORPUS } from "../helpers/shared.js";
import { tempDir } from "../helpers/tmp.js";
import { bundleSizes } from "./bundle.js";
import { README, RESULTS, renderTable, withBlock } from "./render.js";
import type { BenchResults, Contender, Role, Row } from "./results.js";

const WSDL_DIR = join(CORPUS, "superoffice", "wsdl");
const USER_WSDL = join(WSDL_DIR, "Services75-User.wsdl");
const WSDLC = join(ROOT, "bin", "wsdlc.js");
const TSCLIENT = join(ROOT, "node_modules", "wsdl-tsclient", "dist", "src", "cli.js");
const WORKER = join(ROOT, "test", "bench", "worker.mjs");
const SERVER = join(ROOT, "test", "bench", "server.mjs");
const PRELOAD = join(ROOT, "test", "bench", "rss-preload.cjs");

// ---------------------------------------------------------------------------------------------------------
// Options

interface Options {
  readonly smoke: boolean;
  readonly reps: number | undefined;
  readonly out: string;
  readonly only: ReadonlySet<string> | undefined;
  readonly note: string | undefined;
}

function parseArgs(argv: readonly string[]): Options {
  let smoke = false;
  let reps: number | undefined;
  let out = RESULTS;
  let only: Set<string> | undefined;
  let note: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      return v;
    };
    if (a === "--smoke") smoke = true;
    else if (a === "--reps") {
      reps = Number(value());
      if (!Number.isInteger(reps) || reps < 1 || reps > 100) fail("--reps takes a whole number from 1 to 100");
    } else if (a === "--out") out = value();
    else if (a === "--only") only = new Set(value().split(","));
    else if (a === "--note") note = value();
    else fail(`unknown option ${a}`);
  }
  return { smoke, reps: smoke ? 1 : reps, out, only, note };
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

const opts = parseArgs(process.argv.slice(2));
if (!existsSync(USER_WSDL)) fail(`${WSDL_DIR} not found; the benchmark needs ../shared/corpus`);
if (!existsSync(join(ROOT, "dist", "bin", "main.js"))) fail("dist/ is missing; run `npm run build` first");

/** Runs per contender for a row (its default, or --reps). */
const reps = (full: number): number => opts.reps ?? full;
/** Input sizes: the real ones, or tiny ones under --smoke. */
const size = (full: number, smoke: number): number => (opts.smoke ? smoke : full);
const log = (s: string): void => void process.stderr.write(`${s}\n`);

// ---------------------------------------------------------------------------------------------------------
// Processes

interface Sample {
  /** The figure the row compares: the process's wall time, or the worker's own per-operation time. */
  readonly ms: number;
  readonly rssKiB: number;
  readonly heap?: number;
  /** RSS (KiB) the worker saw just before the measured call. */
  readonly baseKiB?: number;
  readonly ok: boolean;
  readonly detail?: string;
}

interface Proc {
  readonly ok: boolean;
  readonly status: number | null;
  readonly wallMs: number;
  readonly rssKiB: number;
  readonly json: Record<string, number> | undefined;
  readonly stderr: string;
}

/** Runs node with ARGS as a child; wall time from spawn to exit, peak RSS (KiB) via the preloaded exit hook. */
function runNode(args: readonly string[], nodeFlags: readonly string[] = []): Proc {
  const rssFile = join(tempDir("wsdlc-bench-rss-"), "rss");
  const t = performance.now();
  const r = spawnSync(process.execPath, [...nodeFlags, "--require", PRELOAD, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, WSDLC_BENCH_RSS: rssFile },
    maxBuffer: 64 << 20,
  });
  const wallMs = performance.now() - t;
  const rssKiB = existsSync(rssFile) ? Number(readFileSync(rssFile, "utf8")) : Number.NaN;
  const last = r.stdout.trim().split("\n").at(-1) ?? "";
  let json: Record<string, number> | undefined;
  try {
    json = last.startsWith("{") ? (JSON.parse(last) as Record<string, number>) : undefined;
  } catch {
    json = undefined;
  }
  return { ok: r.status === 0, status: r.status, wallMs, rssKiB, json, stderr: r.stderr };
}

/** A worker task; the sample is the worker's own `ms` figure (or its wall time when `wall`). */
function worker(task: string, args: readonly (string | number)[], wall = false): () => Sample {
  return () => {
    const p = runNode([WORKER, task, ...args.map(String)], ["--expose-gc"]);
    const ms = wall ? p.wallMs : (p.json?.["ms"] ?? Number.NaN);
    const ok = p.ok && Number.isFinite(ms);
    if (!ok) log(`  ${task} failed: ${p.stderr.trim().split("\n").slice(-3).join(" | ")}`);
    const base = p.json?.["baseRss"];
    return { ms, rssKiB: p.rssKiB, ok, ...(p.json?.["heap"] === undefined ? {} : { heap: p.json["heap"] }), ...(base === undefined ? {} : { baseKiB: base / 1024 }) };
  };
}

/** A CLI process (ARGS made fresh for each start); the sample is its wall time. */
function cli(args: () => readonly string[]): () => Sample {
  return () => {
    const p = runNode(args());
    return { ms: p.wallMs, rssKiB: p.rssKiB, ok: p.ok, ...(p.ok ? {} : { detail: `exit code ${p.status}` }) };
  };
}

// ---------------------------------------------------------------------------------------------------------
// Rows

interface Entry {
  readonly name: string;
  readonly role: Role;
  readonly run: () => Sample;
}

const median = (xs: readonly number[]): number => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : (s[Math.floor((s.length - 1) / 2)] ?? Number.NaN);
};

const rows: Row[] = [];

/** Runs the entries in turns (rotating the order each repetition) and records the row. */
function row(id: string, title: string, unit: string, n: number, entries: readonly Entry[], note?: string, inputBytes?: number): void {
  if (opts.only && !opts.only.has(id)) return;
  log(`${id}: ${n} run(s) of ${entries.map((e) => e.name).join(", ")}`);
  const samples = entries.map(() => [] as Sample[]);
  for (let rep = 0; rep < n; rep++) {
    for (let k = 0; k < entries.length; k++) {
      const i = (k + rep) % entries.length;
      const e = entries[i] as Entry;
      (samples[i] as Sample[]).push(e.run());
    }
  }
  const ours = samples[0] as Sample[];
  const contenders: Contender[] = entries.map((e, i) => {
    const s = samples[i] as Sample[];
    const ms = s.map((x) => x.ms);
    const heaps = s.flatMap((x) => (x.heap === undefined ? [] : [x.heap]));
    const bases = s.flatMap((x) => (x.baseKiB === undefined ? [] : [x.baseKiB]));
    const details = [...new Set(s.flatMap((x) => (x.detail === undefined ? [] : [x.detail])))];
    return {
      name: e.name,
      role: e.role,
      median: median(ms),
      min: Math.min(...ms),
      max: Math.max(...ms),
      runs: ms,
      peakRssMiB: median(s.map((x) => x.rssKiB)) / 1024,
      ...(heaps.length ? { heapBytes: median(heaps) } : {}),
      ...(bases.length ? { baseRssMiB: median(bases) / 1024 } : {}),
      ok: s.every((x) => x.ok),
      ...(details.length ? { detail: details.join("; ") } : {}),
      // The pair-by-pair ratio wsdlc ÷ this contender, run r with run r.
      ratio: i === 0 ? 1 : median(ours.map((o, r) => o.ms / (s[r] as Sample).ms)),
    };
  });
  const r: Row = { id, title, unit, reps: n, contenders, ...(note === undefined ? {} : { note }), ...(inputBytes === undefined ? {} : { inputBytes }) };
  rows.push(r);
  for (const c of contenders)
    log(`  ${c.name.padEnd(28)} ${c.median.toPrecision(4).padStart(10)} ${unit}  ×${c.ratio.toFixed(2)}  ${c.peakRssMiB.toFixed(0)} MiB${c.ok ? "" : "  (FAILED)"}`);
}

// ---------------------------------------------------------------------------------------------------------
// Set-up: the generated User package compiled to JavaScript, and the files for the write floors

const work = tempDir("wsdlc-bench-");
const agents = readdirSync(WSDL_DIR)
  .filter((n) => n.endsWith(".wsdl"))
  .sort()
  .slice(0, size(Infinity, 2))
  .map((n) => join(WSDL_DIR, n));
let outCount = 0;
const freshOut = (tag: string): string => {
  const dir = join(work, `${tag}-${outCount++}`);
  rmSync(dir, { recursive: true, force: true });
  return dir;
};

function generateOnce(inputs: readonly string[], out: string): void {
  const r = spawnSync(process.execPath, [WSDLC, "generate", ...inputs, "-o", out, "-q"], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) fail(`wsdlc generate failed: ${r.stderr}`);
}

/** Every file under DIR as {relative path: text}, for the write floor. */
function blobOf(dir: string): string {
  const files: Record<string, string> = {};
  (function walk(d: string): void {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files[relative(dir, p)] = readFileSync(p, "utf8");
    }
  })(dir);
  const blob = join(work, `blob-${outCount++}.json`);
  writeFileSync(blob, JSON.stringify(files));
  return blob;
}

const userSrc = join(work, "user-src");
generateOnce([USER_WSDL], userSrc);
const userBlob = blobOf(userSrc);
const suiteSrc = join(work, "suite-src");
generateOnce(agents, suiteSrc);
const suiteBlob = blobOf(suiteSrc);

/** The package as a user ships it: each TypeScript file compiled to a JavaScript module, not bundled. */
const PKG = join(work, "user-js");
const tsFiles: string[] = [];
(function walk(d: string): void {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith(".ts")) tsFiles.push(p);
  }
})(userSrc);
await build({ entryPoints: tsFiles, outdir: PKG, outbase: userSrc, format: "esm", platform: "node", target: "node20", bundle: false, logLevel: "error" });
mkdirSync(PKG, { recursive: true });
writeFileSync(join(PKG, "package.json"), '{ "type": "module" }\n');

// ---------------------------------------------------------------------------------------------------------
// Generation

const writeFloor = (blob: string): Entry => ({ name: "floor: node writing the same files", role: "floor", run: worker("write-floor", [blob, join(work, "floor")], true) });

row("generate-user", "Generate the Services75 User client (CLI process)", "ms", reps(5), [
  { name: "wsdlc", role: "wsdlc", run: cli(() => [WSDLC, "generate", USER_WSDL, "-o", freshOut("w-user"), "-q"]) },
  { name: "wsdl-tsclient", role: "incumbent", run: cli(() => [TSCLIENT, USER_WSDL, "-o", freshOut("t-user"), "--quiet"]) },
  writeFloor(userBlob),
]);

row(
  "generate-agents",
  `Generate all ${agents.length} Services75 agents, one process each tool`,
  "ms",
  reps(3),
  [
    { name: "wsdlc", role: "wsdlc", run: cli(() => [WSDLC, "generate", ...agents, "-o", freshOut("w-suite"), "-q"]) },
    { name: "wsdl-tsclient", role: "incumbent", run: cli(() => [TSCLIENT, ...agents, "-o", freshOut("t-suite"), "--quiet"]) },
    writeFloor(suiteBlob),
  ],
  "wsdl-tsclient takes every WSDL in one process; it exits 1 when one of them fails (Services75-List), after generating the others.",
);

row(
  "generate-agents-processes",
  `Generate all ${agents.length} agents: wsdl-tsclient as ${agents.length} processes`,
  "ms",
  reps(1),
  [
    { name: "wsdlc", role: "wsdlc", run: cli(() => [WSDLC, "generate", ...agents, "-o", freshOut("w-suite"), "-q"]) },
    {
      name: `wsdl-tsclient, ${agents.length} processes`,
      role: "incumbent",
      run: () => {
        const out = freshOut("t-procs");
        const all = agents.map((a) => runNode([TSCLIENT, a, "-o", join(out, String(agents.indexOf(a))), "--quiet"]));
        const failed = all.flatMap((p, i) => (p.ok ? [] : [(agents[i] ?? "").replace(/^.*Services75-|\.wsdl$/g, "")]));
        return {
          ms: all.reduce((s, p) => s + p.wallMs, 0),
          rssKiB: Math.max(...all.map((p) => p.rssKiB)),
          ok: true,
          ...(failed.length ? { detail: `failed on ${failed.join(", ")}` } : {}),
        };
      },
    },
  ],
  "The way the earlier README figure was taken (one wsdl-tsclient process per WSDL, times summed, peak of any one process).",
);

// ---------------------------------------------------------------------------------------------------------
// Big WSDLs: time and peak RSS per MB of input (the WSDL and every document it imports)

/** The big WSDLs of the corpus (a small one under --smoke, which runs the same code path). */
const BIG_WSDLS = opts.smoke
  ? ([
      ["generate-exchange", "calculator", join(CORPUS, "real", "calculator-dneonline", "calculator.wsdl")],
      ["generate-vsphere", "calculator", join(CORPUS, "real", "calculator-dneonline", "calculator.wsdl")],
    ] as const)
  : ([
      ["generate-exchange", "Exchange EWS", join(CORPUS, "real", "exchange-ews", "services.wsdl")],
      ["generate-vsphere", "vSphere vim25", join(CORPUS, "real", "vsphere-vim25", "vimService.wsdl")],
    ] as const);

/** Generates WSDL once with --lock; the bytes of every document the lock lists, and the files for the floor. */
function inputOf(wsdl: string): { bytes: number; blob: string } {
  const out = freshOut("big-src");
  const r = spawnSync(process.execPath, [WSDLC, "generate", wsdl, "-o", out, "-q", "--lock"], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) fail(`wsdlc generate ${wsdl} failed: ${r.stderr}`);
  const lock = JSON.parse(readFileSync(join(out, "wsdlc.lock.json"), "utf8")) as { documents: { source: string }[] };
  const bytes = lock.documents.reduce((sum, d) => sum + statSync(resolve(out, d.source)).size, 0);
  rmSync(join(out, "wsdlc.lock.json"));
  return { bytes, blob: blobOf(out) };
}

for (const [id, name, wsdl] of BIG_WSDLS) {
  if (opts.only && !opts.only.has(id)) continue;
  const input = inputOf(wsdl);
  row(
    id,
    `Generate the ${name} client (${(input.bytes / 1e6).toFixed(2)} MB of WSDL and XSD), CLI process`,
    "ms",
    reps(3),
    [
      { name: "wsdlc", role: "wsdlc", run: cli(() => [WSDLC, "generate", wsdl, "-o", freshOut("w-big"), "-q"]) },
      { name: "wsdl-tsclient", role: "incumbent", run: cli(() => [TSCLIENT, wsdl, "-o", freshOut("t-big"), "--quiet"]) },
      writeFloor(input.blob),
    ],
    "Input size counts every document the WSDL reaches (from wsdlc's lock). Per MB of input: wall time and peak RSS of the whole process (node's own start included). wsdl-tsclient 1.7 stops with an error on both big WSDLs; its figures then run to that failure (its exit code is shown).",
    input.bytes,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Client construction: a new process, to the first request

row(
  "cold-start",
  "New process: import, construct the User client, first request (stub transport)",
  "ms",
  reps(9),
  [
    { name: "wsdlc", role: "wsdlc", run: worker("cold-wsdlc", [PKG], true) },
    { name: "node-soap", role: "incumbent", run: worker("cold-soap", [USER_WSDL], true) },
    { name: "floor: node starting", role: "floor", run: worker("cold-floor", [], true) },
  ],
  "Whole-process wall time. Heap is what the process holds after the first request beyond its start (after GC): the module's code and data (descriptors; node-soap's parsed WSDL) and the client.",
);

// ---------------------------------------------------------------------------------------------------------
// Per call without a network

const CALL_WARM = size(3000, 20);
const CALL_N = size(5000, 20);
row(
  "call-no-network",
  "Per call without network: encode + stub transport + decode (3 items)",
  "ms per call",
  reps(5),
  [
    { name: "wsdlc", role: "wsdlc", run: worker("call-wsdlc", [PKG, CALL_WARM, CALL_N, 3]) },
    { name: "node-soap", role: "incumbent", run: worker("call-soap", [USER_WSDL, CALL_WARM, CALL_N, 3]) },
    { name: "floor: the stub fetch alone", role: "floor", run: worker("call-floor", ["-", CALL_WARM, CALL_N, 3]) },
    { name: "floor: wsdlc's encode + decode alone", role: "floor", run: worker("call-codec", [PKG, CALL_WARM, CALL_N, 3]) },
  ],
  `${CALL_WARM} calls of warm-up, then ${CALL_N} timed, in each process. node-soap's stub is its HttpClient interface; wsdlc's is a fetch giving a Response. The client's overhead outside encode/decode is wsdlc's ratio to its own encode + decode, minus 1 (the stub fetch included).`,
);

// ---------------------------------------------------------------------------------------------------------
// Decoding

for (const [id, items, warm, n] of [
  ["decode-10k", size(10_000, 10), size(5, 1), size(9, 1)],
  ["decode-100k", size(100_000, 100), size(1, 1), size(3, 1)],
] as const) {
  row(
    id,
    `Decode a response of ${items.toLocaleString("en")} items`,
    "ms",
    reps(3),
    [
      { name: "wsdlc", role: "wsdlc", run: worker("decode-wsdlc", [PKG, items, warm, n]) },
      { name: "node-soap", role: "incumbent", run: worker("decode-soap", [USER_WSDL, items, warm, n]) },
      { name: "floor: wsdlc's XML tokenizer", role: "floor", run: worker("decode-tokenizer", [PKG, items, warm, n]) },
      { name: "floor: saxes", role: "floor", run: worker("decode-saxes", ["-", items, warm, n]) },
    ],
    `In memory, one string; ${warm} untimed, then the median of ${n}, in each process. The tokenizer floor reads every token and text without typing; saxes is node-soap's parser (events only).`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// HTTP, against a server in another process

const server = spawn(process.execPath, [SERVER, "3"], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
try {
  const port = await new Promise<string>((ok, no) => {
    let buf = "";
    server.stdout.on("data", (c: Buffer) => {
      buf += c.toString();
      if (buf.includes("\n")) ok(buf.trim());
    });
    server.on("exit", (code) => no(new Error(`server exited (${code})`)));
  });
  const url = `http://127.0.0.1:${port}/User.svc`;
  for (const [id, concurrency, warm, n] of [
    ["http-sequential", 1, size(2000, 20), size(2000, 20)],
    ["http-64", 64, size(2000, 64), size(3000, 128)],
  ] as const) {
    row(
      id,
      concurrency === 1 ? "GetUntrustedCredentials over local HTTP, one call at a time" : `GetUntrustedCredentials over local HTTP, ${concurrency} calls in flight`,
      "ms per call",
      reps(3),
      [
        { name: "wsdlc", role: "wsdlc", run: worker("http-wsdlc", [PKG, url, concurrency, warm, n]) },
        { name: "node-soap", role: "incumbent", run: worker("http-soap", [USER_WSDL, url, concurrency, warm, n]) },
        { name: "floor: bare fetch", role: "floor", run: worker("http-fetch", ["-", url, concurrency, warm, n]) },
        { name: "floor: bare http.request", role: "floor", run: worker("http-request", ["-", url, concurrency, warm, n]) },
      ],
      `Server in its own process (keep-alive, 3-item answer). ${warm} calls of warm-up, then ${n} timed; ms per call is elapsed time ÷ calls.`,
    );
  }
} finally {
  server.kill();
}

// ---------------------------------------------------------------------------------------------------------
// A big response over HTTP, read to its last item (memory)

const BIG = size(100_000, 100);
const bigServer = opts.only && !opts.only.has("http-100k") ? undefined : spawn(process.execPath, [SERVER, String(BIG)], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
if (bigServer !== undefined)
  try {
    const port = await new Promise<string>((ok, no) => {
      let buf = "";
      bigServer.stdout.on("data", (c: Buffer) => {
        buf += c.toString();
        if (buf.includes("\n")) ok(buf.trim());
      });
      bigServer.on("exit", (code) => no(new Error(`server exited (${code})`)));
    });
    const url = `http://127.0.0.1:${port}/User.svc`;
    row(
      "http-100k",
      `A ${BIG.toLocaleString("en")}-item response over local HTTP, read to its last item`,
      "ms",
      reps(3),
      [
        { name: "wsdlc, streamed (getUntrustedCredentialsStream)", role: "wsdlc", run: worker("stream-wsdlc", [PKG, url, BIG]) },
        { name: "node-soap, stream: true", role: "incumbent", run: worker("stream-soap", [USER_WSDL, url, BIG]) },
        { name: "floor: bare http.request, bytes discarded", role: "floor", run: worker("stream-floor", ["-", url]) },
      ],
      `About ${Math.round((BIG * 470) / 1e6)} MB of XML. Peak RSS per process, with (+N) the growth over its RSS just before the call: what holding the response took. node-soap's \`stream: true\` parses the body as it arrives but builds the whole result.`,
    );
  } finally {
    bigServer.kill();
  }

// Bundle sizes (no timing: the same figures every run)

log("bundle sizes");
const bundles = await bundleSizes(opts.smoke);
for (const b of bundles) log(`  ${b.id.padEnd(28)} ${(b.minified / 1024).toFixed(1).padStart(8)} KB minified ${(b.gzip / 1024).toFixed(1).padStart(8)} KB gzip`);

// ---------------------------------------------------------------------------------------------------------
// Results

const results: BenchResults = {
  date: new Date().toISOString(),
  machine: { nproc: Number(spawnSync("nproc", { encoding: "utf8" }).stdout.trim()) || cpus().length, node: process.version, cpu: cpus()[0]?.model ?? "unknown" },
  mode: opts.smoke ? "smoke" : "full",
  method:
    "Each contender runs in its own process; contenders take turns (order rotated every repetition). Figures are medians; ratios are medians of pair-by-pair ratios wsdlc ÷ other (below 1: wsdlc takes less)." +
    (opts.note === undefined ? "" : ` ${opts.note}`),
  rows,
  bundles,
};
mkdirSync(join(opts.out, ".."), { recursive: true });
writeFileSync(opts.out, `${JSON.stringify(results, null, 2)}\n`);
log(`wrote ${opts.out}`);
if (!opts.smoke && opts.only === undefined && resolve(opts.out) === RESULTS) {
  writeFileSync(README, withBlock(readFileSync(README, "utf8"), renderTable(results)));
  log("README.md: performance table rendered");
}
