/**
 * Renders README's performance table from a results file (test/bench/results.json by default) and writes it
 * between README's bench markers. `--check` only compares, exit 1 when README differs.
 *   node --import tsx test/bench/render.ts [--check] [results.json]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchResults, BundleSize, Contender, Row } from "./results.js";

export const BEGIN = "<!-- bench:begin (rendered from test/bench/results.json by test/bench/render.ts; do not edit) -->";
export const END = "<!-- bench:end -->";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const README = join(ROOT, "README.md");
export const RESULTS = join(ROOT, "test", "bench", "results.json");

/** A time in ms as µs, ms or s with three significant digits. */
function time(ms: number): string {
  if (!Number.isFinite(ms)) return "—";
  if (ms < 1) return `${(ms * 1000).toPrecision(3)} µs`;
  if (ms < 1000) return `${ms.toPrecision(3)} ms`;
  return `${(ms / 1000).toPrecision(3)} s`;
}

const x = (r: number): string => (Number.isFinite(r) ? `${r.toFixed(2)}×` : "—");
const mib = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(0)} MB` : "—");
const heap = (b: number): string => (b < 1 << 20 ? `${(b / 1024).toFixed(0)} KB` : `${(b / (1 << 20)).toFixed(1)} MB`);

/** Per MB of input (rows with inputBytes): time and peak RSS divided by the input's size in MB (10^6 bytes). */
const perMB = (c: Contender, bytes: number): string => `${time(c.median / (bytes / 1e6))}/MB, ${(c.peakRssMiB / (bytes / 1e6)).toFixed(0)} MB RSS/MB`;

function cell(c: Contender, withName: boolean, inputBytes?: number): string {
  const parts = [time(c.median)];
  if (inputBytes !== undefined && c.ok) parts.push(perMB(c, inputBytes));
  if (c.heapBytes !== undefined) parts.push(`heap ${heap(c.heapBytes)}`);
  let s = parts.join(", ");
  if (withName) s = `${c.name.replace(/^floor: /, "")} ${s}`;
  if (c.detail) s += ` (${c.detail})`;
  else if (!c.ok) s += " (failed)";
  return s;
}

function line(row: Row): string {
  const [ours, ...others] = row.contenders as [Contender, ...Contender[]];
  const incumbents = others.filter((c) => c.role === "incumbent");
  const floors = others.filter((c) => c.role === "floor");
  const join = (cs: readonly Contender[], f: (c: Contender) => string): string => cs.map(f).join("; ") || "—";
  const incName = (c: Contender): string => (incumbents.length > 1 || !/^(node-soap|wsdl-tsclient)$/.test(c.name) ? `${c.name} ` : "");
  return [
    row.title,
    cell(ours, false, row.inputBytes),
    join(incumbents, (c) => `${incName(c)}${cell(c, false, row.inputBytes)}`),
    join(floors, (c) => cell(c, floors.length > 1)),
    join(incumbents, (c) => x(c.ratio)),
    join(floors, (c) => (floors.length > 1 ? `${x(c.ratio)} (${c.name.replace(/^floor: /, "")})` : x(c.ratio))),
    [ours, ...incumbents, ...floors].map((c) => mib(c.peakRssMiB) + (c.baseRssMiB === undefined ? "" : ` (+${mib(c.peakRssMiB - c.baseRssMiB)})`)).join(" / "),
  ].join(" | ");
}

/** The README block: a caption with date and machine, the table, and each row's note. */
export function renderTable(r: BenchResults): string {
  const incumbentNames = (row: Row): string =>
    row.contenders
      .filter((c) => c.role === "incumbent")
      .map((c) => c.name.split(",")[0])
      .join(", ");
  const out = [
    BEGIN,
    "",
    `Measured ${r.date.slice(0, 10)} (${r.mode} run) on a ${r.machine.nproc}-core machine (\`nproc\`; ${r.machine.cpu}), Node ${r.machine.node}. ${r.method}`,
    "",
    "| row | wsdlc | incumbent | floor | wsdlc ÷ incumbent | wsdlc ÷ floor | peak RSS: wsdlc / incumbent / floor |",
    "|---|---|---|---|---|---|---|",
    ...r.rows.map((row) => `| ${line(row)} |`),
    "",
    ...r.rows.map((row) => `- ${row.title} (${row.reps} runs each; incumbent ${incumbentNames(row)}): ${row.note ?? ""}`.trimEnd()),
    "",
    ...linearity(r.rows),
    ...bundleTable(r.bundles ?? []),
    END,
  ];
  return out.join("\n");
}

/** For the rows of one input (inputBytes): how wsdlc's time and peak RSS grow with the input, and the RSS target. */
function linearity(rows: readonly Row[]): string[] {
  const sized = rows.filter((row) => row.inputBytes !== undefined).sort((a, b) => (a.inputBytes ?? 0) - (b.inputBytes ?? 0));
  const small = sized[0];
  const big = sized.at(-1);
  if (small === undefined || big === undefined || small === big) return [];
  const ours = (row: Row): Contender => row.contenders[0] as Contender;
  const mb = (row: Row): number => (row.inputBytes ?? 0) / 1e6;
  const worst = Math.max(...sized.map((row) => ours(row).peakRssMiB / mb(row)));
  // What node takes anyway: the floor's process (node writing the same files).
  const above = (row: Row): string => {
    const floor = row.contenders.find((c) => c.role === "floor");
    return floor === undefined ? "" : ` (${((ours(row).peakRssMiB - floor.peakRssMiB) / mb(row)).toFixed(0)} MB/MB above the floor's)`;
  };
  return [
    `Big WSDLs, wsdlc per MB of input: ${sized.map((row) => `${row.id.replace(/^generate-/, "")} ${mb(row).toFixed(2)} MB: ${perMB(ours(row), row.inputBytes ?? 0)}${above(row)}`).join("; ")}. ` +
      `${(mb(big) / mb(small)).toFixed(1)}× the input took ${(ours(big).median / ours(small).median).toFixed(1)}× the time and ${(ours(big).peakRssMiB / ours(small).peakRssMiB).toFixed(1)}× the peak RSS. ` +
      `Target ≤ 25 MB RSS per MB of WSDL: ${worst <= 25 ? "met" : `not met (${worst.toFixed(0)})`}.`,
    "",
  ];
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

/** Bundle sizes (test/bench/bundle.ts) and the targets they are held to. */
function bundleTable(bundles: readonly BundleSize[]): string[] {
  if (bundles.length === 0) return [];
  const by = (id: string): BundleSize | undefined => bundles.find((b) => b.id === id);
  const user = by("user-client");
  const one = by("agents-one-client");
  const own = by("agent-own-package");
  const target = (b: BundleSize): string => {
    if (b === user) return `≤ 20 KB gzip: ${b.gzip <= 20 * 1024 ? "met" : "not met (where the bytes are: docs/decisions/0010)"}`;
    if (b === one && own !== undefined) {
      const ratio = b.gzip / own.gzip;
      return `≤ 1.3× its own package: ${ratio.toFixed(2)}× gzip, ${(b.minified / own.minified).toFixed(2)}× minified (${ratio <= 1.3 ? "met" : "not met"})`;
    }
    return "";
  };
  return [
    "Bundle sizes (test/bench/bundle.ts): esbuild bundle, minified, ESM for the browser, from an entry that imports one client class from the package's index; gzip at level 9.",
    "",
    "| bundle | minified | gzip | target |",
    "|---|---|---|---|",
    ...bundles.map((b) => `| ${b.title} | ${kb(b.minified)} | ${kb(b.gzip)} | ${target(b)} |`),
    "",
  ];
}

/** README with its bench block replaced by `block`. */
export function withBlock(readme: string, block: string): string {
  const a = readme.indexOf(BEGIN);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md has no ${BEGIN} … ${END} block`);
  return readme.slice(0, a) + block + readme.slice(b + END.length);
}

/** The bench block now in README. */
export function currentBlock(readme: string): string {
  const a = readme.indexOf(BEGIN);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md has no ${BEGIN} … ${END} block`);
  return readme.slice(a, b + END.length);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const check = args.includes("--check");
  const file = args.find((a) => !a.startsWith("--")) ?? RESULTS;
  const block = renderTable(JSON.parse(readFileSync(file, "utf8")) as BenchResults);
  const readme = readFileSync(README, "utf8");
  if (check) {
    if (currentBlock(readme) !== block) {
      process.stderr.write("README's performance table differs from what test/bench/render.ts makes of the results\n");
      process.exit(1);
    }
  } else {
    writeFileSync(README, withBlock(readme, block));
    process.stderr.write(`README.md: performance table rendered from ${file}\n`);
  }
}
