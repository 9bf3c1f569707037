/** The shape of test/bench/results.json (written by run.ts, rendered into README by render.ts). */
export type Role = "wsdlc" | "incumbent" | "floor";

export interface Contender {
  readonly name: string;
  readonly role: Role;
  /** Median over the row's runs, in the row's unit; min, max and every run beside it. */
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: readonly number[];
  /** Median peak RSS of the contender's process (for several processes: the largest one). */
  readonly peakRssMiB: number;
  /** Cold start: heap held after the first request beyond the process's start (after GC). */
  readonly heapBytes?: number;
  /** Memory rows: median RSS of the process just before the measured call (peak − base: what the call took). */
  readonly baseRssMiB?: number;
  /** Whether every run exited 0 and gave a figure. */
  readonly ok: boolean;
  readonly detail?: string;
  /** Median of the pair-by-pair ratios wsdlc ÷ this contender (1 for wsdlc itself). */
  readonly ratio: number;
}

export interface Row {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly reps: number;
  /** wsdlc first. */
  readonly contenders: readonly Contender[];
  readonly note?: string;
  /** Rows of one input file: the bytes of the input and every document it imports (figures per MB of it). */
  readonly inputBytes?: number;
}

export interface BenchResults {
  readonly date: string;
  readonly machine: { readonly nproc: number; readonly node: string; readonly cpu: string };
  readonly mode: "full" | "smoke";
  readonly method: string;
  readonly rows: readonly Row[];
  /** Bundle sizes (bundle.ts), in BUNDLE_IDS order. */
  readonly bundles?: readonly BundleSize[];
}

/** Every row a run writes (without --only), in order. */
export const ROW_IDS = [
  "generate-user",
  "generate-agents",
  "generate-agents-processes",
  "generate-exchange",
  "generate-vsphere",
  "cold-start",
  "call-no-network",
  "decode-10k",
  "decode-100k",
  "http-sequential",
  "http-64",
  "http-100k",
] as const;

/** Every bundle-size figure a run writes, in order (see bundle.ts). */
export const BUNDLE_IDS = ["user-client", "agents-one-client", "agent-own-package", "runtime"] as const;

const finite = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);

/** What is wrong with a results file (empty when nothing): every row present, every figure a finite number. */
export function problems(value: unknown): string[] {
  const out: string[] = [];
  const r = value as Partial<BenchResults> | null;
  if (typeof r !== "object" || r === null) return ["not an object"];
  if (typeof r.date !== "string" || Number.isNaN(Date.parse(r.date))) out.push("date is not an ISO date");
  if (!finite(r.machine?.nproc) || typeof r.machine?.node !== "string") out.push("machine lacks nproc or node");
  if (r.mode !== "full" && r.mode !== "smoke") out.push("mode is neither full nor smoke");
  if (!Array.isArray(r.rows)) return [...out, "rows is not an array"];
  const ids = r.rows.map((row) => row.id);
  if (ids.join(",") !== ROW_IDS.join(",")) out.push(`rows are ${ids.join(",")}, expected ${ROW_IDS.join(",")}`);
  for (const row of r.rows) {
    const cs = row.contenders;
    if (!Array.isArray(cs) || cs.length < 2) {
      out.push(`${row.id}: fewer than two contenders`);
      continue;
    }
    if (row.inputBytes !== undefined && (!finite(row.inputBytes) || row.inputBytes <= 0)) out.push(`${row.id}: inputBytes is ${String(row.inputBytes)}`);
    if (cs[0]?.role !== "wsdlc") out.push(`${row.id}: wsdlc is not the first contender`);
    if (!cs.some((c) => c.role === "incumbent")) out.push(`${row.id}: no incumbent`);
    for (const c of cs) {
      const where = `${row.id}/${c.name}`;
      if (!Array.isArray(c.runs) || c.runs.length !== row.reps) out.push(`${where}: ${c.runs?.length} runs, row says ${row.reps}`);
      const runs: readonly unknown[] = Array.isArray(c.runs) ? c.runs : [];
      const figures: [string, unknown][] = [
        ["median", c.median],
        ["min", c.min],
        ["max", c.max],
        ["ratio", c.ratio],
        ["peakRssMiB", c.peakRssMiB],
      ];
      runs.forEach((v, i) => figures.push([`runs[${i}]`, v]));
      for (const [k, v] of figures) {
        if (!finite(v) || v <= 0) out.push(`${where}: ${k} is ${String(v)}, not a positive number`);
      }
      if (c.heapBytes !== undefined && !finite(c.heapBytes)) out.push(`${where}: heapBytes is not a number`);
      if (c.baseRssMiB !== undefined && !finite(c.baseRssMiB)) out.push(`${where}: baseRssMiB is not a number`);
      if (typeof c.ok !== "boolean") out.push(`${where}: ok is not a boolean`);
    }
  }
  const bundles = Array.isArray(r.bundles) ? r.bundles : [];
  if (bundles.map((b) => b.id).join(",") !== BUNDLE_IDS.join(",")) out.push(`bundles are ${bundles.map((b) => b.id).join(",")}, expected ${BUNDLE_IDS.join(",")}`);
  for (const b of bundles) {
    if (!finite(b.minified) || b.minified <= 0 || !finite(b.gzip) || b.gzip <= 0 || b.gzip > b.minified)
      out.push(`bundle ${b.id}: sizes ${b.minified}/${b.gzip} are not positive (gzip ≤ minified)`);
  }
  return out;
}

/** One bundle-size figure (test/bench/bundle.ts): esbuild, minified, and that output gzipped. */
export interface BundleSize {
  readonly id: string;
  readonly title: string;
  /** Bytes. */
  readonly minified: number;
  readonly gzip: number;
}
