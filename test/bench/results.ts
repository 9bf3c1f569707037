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
}

export interface BenchResults {
  readonly date: string;
  readonly machine: { readonly nproc: number; readonly node: string; readonly cpu: string };
  readonly mode: "full" | "smoke";
  readonly method: string;
  readonly rows: readonly Row[];
}
