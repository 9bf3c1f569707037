/**
 * Running python-zeep as a wire oracle: finding a python that has it, feeding it cases, and comparing its
 * envelopes with ours in the canonical form of test/runtime/canonical.ts.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { canonical, type CanonicalOptions } from "../runtime/canonical.js";
import { zeepJson, type ZeepValue } from "../helpers/samples.js";

export const ORACLE_SCRIPT = fileURLToPath(new URL("./zeep_oracle.py", import.meta.url));

export interface ZeepPython {
  readonly python: string;
  readonly version: string;
}

/**
 * A python with zeep: the one `WSDLC_ZEEP_PYTHON` names if set (only that one), else /usr/bin/python3 (where
 * Debian's python3-zeep lives; the `python3` on PATH may be a pyenv without it), else `python3`.
 */
export function findZeep(): ZeepPython | undefined {
  const chosen = process.env["WSDLC_ZEEP_PYTHON"];
  const candidates = chosen ? [chosen] : ["/usr/bin/python3", "python3"];
  for (const python of candidates) {
    const r = spawnSync(python, ["-c", "import zeep, lxml; print(zeep.__version__)"], { encoding: "utf8", timeout: 30_000 });
    if (r.status === 0) return { python, version: r.stdout.trim() };
  }
  return undefined;
}

export const TRIED = process.env["WSDLC_ZEEP_PYTHON"] ? `$WSDLC_ZEEP_PYTHON=${process.env["WSDLC_ZEEP_PYTHON"]}` : "/usr/bin/python3, python3";

/** Whether the zeep tests run: false, or the reason they are skipped. Under CI a missing zeep is a failure. */
export function zeepSkip(zeep: ZeepPython | undefined): false | string {
  if (zeep !== undefined) return false;
  if (process.env["CI"]) return false; // the suite runs and fails, saying why
  return `python-zeep not found (tried ${TRIED}; install python3-zeep): zeep oracle skipped`;
}

export interface ZeepCase {
  readonly id: string;
  /** The WSDL, when not the run's. */
  readonly wsdl?: string;
  /** The WSDL port whose binding builds the message, when not zeep's default (the first port of the first service). */
  readonly port?: string;
  readonly operation: string;
  /** Positional arguments (a document/literal body element of a simple type is zeep's first argument). */
  readonly args?: readonly ZeepValue[];
  /** The local name of the document/literal body element whose members `body` holds (see body_kwargs in zeep_oracle.py). */
  readonly bodyElement?: string;
  /** "output": zeep renders the operation's response message instead of its request. */
  readonly direction?: "input" | "output";
  readonly body: Record<string, ZeepValue>;
  readonly headers: Record<string, ZeepValue>;
}

export interface ZeepRun {
  readonly zeep: string;
  /** zeep bugs the oracle script works around (see zeep_oracle.py), and whether this zeep has them. */
  readonly quirks: Readonly<Record<string, boolean>>;
  /** Envelope text or zeep's error, by case id. */
  readonly results: ReadonlyMap<string, { readonly xml?: string; readonly error?: string }>;
}

/** One python process for all cases (`wsdl`: the cases' WSDL unless a case names its own). */
export function runZeep(zeep: ZeepPython, wsdl: string | undefined, cases: readonly ZeepCase[]): ZeepRun {
  const r = spawnSync(zeep.python, [ORACLE_SCRIPT], {
    input: zeepJson({ wsdl, cases }),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`zeep oracle failed (status ${r.status}, ${r.error?.message ?? ""}):\n${r.stderr}`);
  const out = JSON.parse(r.stdout) as { zeep: string; quirks: Record<string, boolean>; results: { id: string; xml?: string; error?: string }[] };
  return { zeep: out.zeep, quirks: out.quirks, results: new Map(out.results.map((x) => [x.id, x])) };
}

export const WSA_NS = "http://www.w3.org/2005/08/addressing";
const HEADERS = new Set(["  {http://schemas.xmlsoap.org/soap/envelope/}Header", "  {http://www.w3.org/2003/05/soap-envelope}Header"]);

export interface ZeepCanonical {
  /** The canonical envelope without zeep's WS-Addressing header entries. */
  readonly canonical: string;
  /** The WS-Addressing header entries removed: local name → text. */
  readonly wsa: Readonly<Record<string, string>>;
}

/**
 * zeep's envelope in canonical form, minus its WS-Addressing header entries (see zeep.test.ts for why they are
 * zeep's own addition). Works on the canonical text: Header entries are the lines indented by four spaces
 * under the `{soap}Header` line, each with its deeper-indented content. A Header left without entries is
 * removed with them: zeep wrote it only to hold them (without header values it writes no Header at all,
 * zeep/wsdl/messages/soap.py `_serialize_header`), and an empty Header says nothing (SOAP 1.1 §4.2).
 */
export function zeepCanonical(xml: string, options: CanonicalOptions = {}): ZeepCanonical {
  const lines = canonical(xml, options).split("\n");
  const out: string[] = [];
  const wsa: Record<string, string> = {};
  let inHeader = false;
  let headerLine = -1;
  let headerEntries = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    if (indent === 2) {
      if (inHeader && headerEntries === 0) out.splice(headerLine, 1);
      inHeader = HEADERS.has(line);
      if (inHeader) {
        headerLine = out.length;
        headerEntries = 0;
      }
    } else if (inHeader && indent === 4 && line.startsWith(`    {${WSA_NS}}`)) {
      const name = line.slice(`    {${WSA_NS}}`.length);
      let text = "";
      while ((/^ */.exec(lines[i + 1] ?? "")?.[0].length ?? 0) > 4) {
        text += JSON.parse((lines[++i] ?? "").trim()) as string;
      }
      wsa[name] = text;
      continue;
    } else if (inHeader && indent === 4) headerEntries++;
    out.push(line);
  }
  if (inHeader && headerEntries === 0) out.splice(headerLine, 1);
  return { canonical: out.join("\n"), wsa };
}

/** The first differing line of two canonical texts, with context, for assertion messages. */
export function firstDifference(ours: string, theirs: string): string {
  const a = ours.split("\n");
  const b = theirs.split("\n");
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 4);
  const show = (lines: string[]) =>
    lines
      .slice(from, i + 4)
      .map((l, k) => `${from + k + 1 === i + 1 ? ">" : " "} ${l}`)
      .join("\n");
  return `first difference at line ${i + 1}\n--- ours\n${show(a)}\n--- zeep\n${show(b)}`;
}
