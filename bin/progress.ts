/**
 * Progress of `wsdlc generate` on stderr, for runs that take a while: several inputs, or documents fetched
 * over http(s). On a terminal one status line is rewritten in place (documents fetched, inputs analysed, files
 * written) and erased when done; otherwise (stderr not a TTY, or `CI` set) a few plain lines whose text
 * depends only on the inputs, never on timing:
 *
 *   wsdlc: read 46 documents
 *   wsdlc: analysed 45 inputs
 *   wsdlc: generated 236 files
 *
 * `WSDLC_PROGRESS=tty|plain|off` overrides the choice (`tty` lets tests fake a terminal); `-q` turns it off.
 */
import type { ProgressEvent } from "../generator/index.js";

export type ProgressMode = "tty" | "plain" | "off";

export function progressMode(quiet: boolean, env: NodeJS.ProcessEnv = process.env, isTTY = process.stderr.isTTY === true): ProgressMode {
  const forced = env["WSDLC_PROGRESS"];
  if (forced === "tty" || forced === "plain" || forced === "off") return forced;
  if (quiet) return "off";
  const ci = env["CI"];
  if (ci !== undefined && ci !== "" && ci !== "0" && ci.toLowerCase() !== "false") return "plain";
  return isTTY ? "tty" : "plain";
}

/** Whether a run is worth reporting: several inputs, or any fetched over http(s). */
export function wantsProgress(inputs: readonly string[]): boolean {
  return inputs.length > 1 || inputs.some((u) => /^https?:/i.test(u));
}

export class Progress {
  private readonly mode: ProgressMode;
  private readonly write: (s: string) => void;
  private fetched = 0;
  private shown = false;

  constructor(mode: ProgressMode, write: (s: string) => void = (s) => void process.stderr.write(s)) {
    this.mode = mode;
    this.write = write;
  }

  /** Called by the reader for each document it starts to read. */
  reading(display: string): void {
    this.fetched++;
    this.status(`reading document ${this.fetched}: ${display}`);
  }

  /** The generator's events. */
  readonly onEvent = (e: ProgressEvent): void => {
    switch (e.stage) {
      case "loaded":
        this.line(`read ${e.documents} document${e.documents === 1 ? "" : "s"}`);
        break;
      case "parsed":
        this.status(`analysing ${e.index}/${e.total}: ${e.input}`);
        break;
      case "analysed":
        this.line(`analysed ${e.inputs} input${e.inputs === 1 ? "" : "s"}`);
        break;
      case "emitted":
        this.line(`generated ${e.files} files`);
        break;
    }
  };

  writing(out: string, files: number): void {
    this.status(`writing ${files} files to ${out}`);
  }

  /** Erases the status line (terminal) before other output. */
  done(): void {
    if (this.mode === "tty" && this.shown) {
      this.write("\r\x1b[2K");
      this.shown = false;
    }
  }

  /** A transient status: only on a terminal. */
  private status(text: string): void {
    if (this.mode !== "tty") return;
    const width = Math.max(20, (process.stderr.columns || 80) - 1);
    const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");
    this.write(`\r\x1b[2Kwsdlc: ${clean.length + 7 > width ? `${clean.slice(0, width - 8)}…` : clean}`);
    this.shown = true;
  }

  /** A stage finished: the status line on a terminal, a plain line otherwise. */
  private line(text: string): void {
    if (this.mode === "off") return;
    if (this.mode === "tty") this.status(text);
    else this.write(`wsdlc: ${text}\n`);
  }
}
