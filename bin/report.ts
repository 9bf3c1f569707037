/**
 * Printing diagnostics for people: the one-line form (`file:line:column: error: message (in construct)
 * (included from …) [code]`), then for errors a code frame (the offending line of the document with a caret
 * under the place) and hints: the nearest defined names for a reference to a missing type, element, group,
 * attribute, message, binding or portType ("did you mean tCurrency?"), and `--allow-unresolved` where it
 * applies. Warnings stay one line each (repeated ones are summed up after the fifth, see `printDiagnostics`).
 *
 * The documents' text comes from `SourceRecorder`, which wraps the reader the generator is given: nothing is
 * read twice, and the hints are computed only when there is an error to explain.
 */
import { formatDiagnostic, DiagnosticSink, type Diagnostic } from "../generator/diagnostics.js";
import { XSD_BUILTIN_NAMES } from "../generator/analyze/builtins.js";
import { decodeDocument } from "../generator/load/encoding.js";
import { loadDocuments, type ResourceReader } from "../generator/load/loader.js";
import { buildDefinitions } from "../generator/parse/index.js";
import { NS } from "../generator/ns.js";

/** A reader that remembers what it read, for code frames and hints. */
export class SourceRecorder implements ResourceReader {
  private readonly bytes = new Map<string, string | Uint8Array>();
  private readonly texts = new Map<string, string | undefined>();
  private readonly byDisplay = new Map<string, string>();
  private readonly inner: ResourceReader;

  constructor(inner: ResourceReader) {
    this.inner = inner;
  }

  /** The inner reader's (a reader without it resolves nothing: the URL is what it is). */
  async realUrl(url: string): Promise<string | undefined> {
    return this.inner.realUrl ? this.inner.realUrl(url) : url;
  }

  async read(url: string): Promise<string | Uint8Array> {
    const cached = this.bytes.get(url);
    if (cached !== undefined) return cached;
    const data = await this.inner.read(url);
    this.bytes.set(url, data);
    this.byDisplay.set(this.inner.display(url), url);
    return data;
  }

  display(url: string): string {
    return this.inner.display(url);
  }

  /** The decoded text of the document shown as `file`; undefined when it was not read or cannot be decoded. */
  text(file: string): string | undefined {
    const url = this.byDisplay.get(file);
    if (url === undefined) return undefined;
    if (this.texts.has(url)) return this.texts.get(url);
    const data = this.bytes.get(url);
    let text: string | undefined;
    try {
      text = typeof data === "string" ? data : data === undefined ? undefined : decodeDocument(data, file);
    } catch {
      text = undefined;
    }
    this.texts.set(url, text);
    return text;
  }
}

/** Codes of references that `--allow-unresolved` turns into warnings. */
const UNRESOLVED = new Set(["missing-type", "missing-element", "missing-group", "missing-attribute-group", "missing-attribute"]);

export interface ReportContext {
  readonly sources?: SourceRecorder | undefined;
  /** The input URLs of the run (to reload the definitions, from the recorder, for "did you mean"). */
  readonly inputs?: readonly string[] | undefined;
  /** Whether the command has --allow-unresolved (so the hint can name it). */
  readonly allowUnresolvedFlag?: boolean | undefined;
  readonly allowOutsideRoot?: boolean | undefined;
}

/** Characters that could drive a terminal (escape sequences in a hostile document) are shown as "?". */
function printable(s: string): string {
  return s.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, "?");
}

const FRAME_WIDTH = 120;

/**
 * The offending line with a caret: under `column`, widened to the quoted attribute value there that names
 * `word` when there is one (`type="tns:Person"` → carets under `tns:Person`). Long lines are cut around the place.
 */
export function codeFrame(text: string, line: number, column: number, word?: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  const src = lines[line - 1];
  if (src === undefined) return [];
  let start = Math.max(0, Math.min(column - 1, src.length));
  let width = 1;
  if (word) {
    const re = new RegExp(`"([^"]*\\b${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")})"|'([^']*\\b${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")})'`, "g");
    re.lastIndex = start;
    const m = re.exec(src);
    if (m) {
      start = m.index + 1;
      width = (m[1] ?? m[2] ?? "").length;
    }
  }
  let from = 0;
  if (src.length > FRAME_WIDTH) from = Math.max(0, Math.min(start - 40, src.length - FRAME_WIDTH));
  const shown = src.slice(from, from + FRAME_WIDTH);
  const lead = from > 0 ? "…" : "";
  const tail = from + FRAME_WIDTH < src.length ? "…" : "";
  const num = String(line);
  const pad = " ".repeat(num.length);
  const before = printable(shown.slice(0, start - from)).replace(/[^\t]/g, " ");
  const carets = "^".repeat(Math.max(1, Math.min(width, FRAME_WIDTH - (start - from))));
  return [`  ${num} | ${lead}${printable(shown)}${tail}`, `  ${pad} | ${lead ? " " : ""}${before}${carets}`];
}

/** Damerau-Levenshtein (optimal string alignment) distance, case-insensitive. */
function distance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[s.length] as number[])[t.length] as number;
}

/** Up to three names nearest to `wanted` (same namespace first), close enough to be a likely typo. */
export function nearest(wanted: { ns: string; local: string }, candidates: readonly { ns: string; local: string }[]): { ns: string; local: string }[] {
  const limit = Math.max(2, Math.floor(wanted.local.length / 3));
  const scored = candidates
    .map((c) => {
      const dist = distance(wanted.local, c.local);
      const [short, long] = c.local.length < wanted.local.length ? [c.local, wanted.local] : [wanted.local, c.local];
      const contains = short.length >= 4 && long.toLowerCase().includes(short.toLowerCase());
      return { c, score: (dist <= limit ? dist : contains ? limit : Infinity) + (c.ns === wanted.ns ? 0 : 0.5) };
    })
    .filter((x) => Number.isFinite(x.score))
    .sort((x, y) => x.score - y.score || (x.c.local < y.c.local ? -1 : 1));
  // Only the best and those nearly as good: one clear guess is not buried under weaker ones.
  const best = scored[0]?.score ?? 0;
  const seen = new Set<string>();
  const out: { ns: string; local: string }[] = [];
  for (const { c, score } of scored) {
    if (score > best + 1) break;
    const k = `{${c.ns}}${c.local}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(c);
    if (out.length === 3) break;
  }
  return out;
}

/** `nearest` for plain names (no namespaces): the likely meant ones among `names`. */
export function nearestNames(wanted: string, names: readonly string[]): string[] {
  return nearest(
    { ns: "", local: wanted },
    names.map((local) => ({ ns: "", local })),
  ).map((q) => q.local);
}

type Kind = "type" | "element" | "group" | "attribute group" | "attribute" | "message" | "binding" | "portType";
const KIND_OF: Readonly<Record<string, Kind>> = {
  "missing-type": "type",
  "missing-element": "element",
  "missing-group": "group",
  "missing-attribute-group": "attribute group",
  "missing-attribute": "attribute",
  "missing-message": "message",
  "missing-binding": "binding",
  "missing-port-type": "portType",
};

function parseKey(key: string): { ns: string; local: string } | undefined {
  const m = /^\{([^}]*)\}(.+)$/.exec(key);
  return m ? { ns: m[1] ?? "", local: m[2] ?? "" } : undefined;
}

/** The QName a "missing-…" message is about: `{urn:t}Person`, `xs:strin`, or a bare local name. */
function missingName(d: Diagnostic): { ns: string; local: string } | undefined {
  const m =
    /(?:^|\s)(?:type|element|group|attribute group|attribute|message|binding|portType) (\{[^}]*\}[^\s;,()]+|xs:[^\s;,()]+|[^\s;,(){}]+)/.exec(d.message) ??
    /^(xs:[^\s;,()]+) is not an XSD built-in type/.exec(d.message);
  const q = m?.[1];
  if (!q) return undefined;
  if (q.startsWith("xs:")) return { ns: NS.xs, local: q.slice(3) };
  return parseKey(q) ?? { ns: "", local: q };
}

/** Computes the names the loaded documents define, once, on first use. */
class NameIndex {
  private names: Map<Kind, { ns: string; local: string }[]> | undefined;
  private readonly ctx: ReportContext;
  constructor(ctx: ReportContext) {
    this.ctx = ctx;
  }

  async of(kind: Kind): Promise<{ ns: string; local: string }[]> {
    if (!this.names) {
      this.names = new Map();
      const { sources, inputs } = this.ctx;
      if (sources && inputs?.length) {
        const sink = new DiagnosticSink(true);
        const set = await loadDocuments(inputs, sources, sink, { allowOutsideRoot: this.ctx.allowOutsideRoot });
        const defs = buildDefinitions(set.documents, sink);
        const keys = (m: ReadonlyMap<string, unknown>) => [...m.keys()].map(parseKey).filter((q): q is { ns: string; local: string } => q !== undefined);
        this.names.set("type", [...keys(defs.schema.types), ...XSD_BUILTIN_NAMES.map((local) => ({ ns: NS.xs, local }))]);
        this.names.set("element", keys(defs.schema.elements));
        this.names.set("group", keys(defs.schema.groups));
        this.names.set("attribute group", keys(defs.schema.attributeGroups));
        this.names.set("attribute", keys(defs.schema.attributes));
        this.names.set("message", keys(defs.wsdl.messages));
        this.names.set("binding", keys(defs.wsdl.bindings));
        this.names.set("portType", keys(defs.wsdl.portTypes));
      }
    }
    return this.names.get(kind) ?? [];
  }
}

function showName(q: { ns: string; local: string }, wanted: { ns: string; local: string }): string {
  if (q.ns === NS.xs) return `xs:${q.local}`;
  return q.ns === wanted.ns ? q.local : `{${q.ns}}${q.local}`;
}

/** The lines printed for one diagnostic: the line itself, then (errors only) the code frame and the hints. */
async function render(d: Diagnostic, ctx: ReportContext, index: NameIndex): Promise<string[]> {
  const out = [printable(formatDiagnostic(d))];
  if (d.severity !== "error") return out;
  const wanted = KIND_OF[d.code] ? missingName(d) : undefined;
  const text = d.pos ? ctx.sources?.text(d.pos.file) : undefined;
  if (d.pos && text !== undefined) out.push(...codeFrame(text, d.pos.line, d.pos.column, wanted?.local));
  const kind = KIND_OF[d.code];
  if (kind && wanted) {
    const near = nearest(wanted, await index.of(kind)).filter((q) => !(q.ns === wanted.ns && q.local === wanted.local));
    if (near.length) out.push(`  hint: did you mean ${near.map((q) => printable(showName(q, wanted))).join(", ")}?`);
  }
  if (UNRESOLVED.has(d.code) && ctx.allowUnresolvedFlag)
    out.push('  hint: use --allow-unresolved to generate anyway (config "allowUnresolved": true; such values are kept as XML)');
  return out;
}

/** Warnings of one code printed before the rest are summed up in one line. */
export const WARNINGS_SHOWN_PER_CODE = 5;

export interface PrintOptions extends ReportContext {
  readonly quiet?: boolean | undefined;
  /** Warning codes not to print. */
  readonly ignore?: ReadonlySet<string> | undefined;
  /** Print only errors (e.g. `call`, where warnings are not the user's business). */
  readonly errorsOnly?: boolean | undefined;
}

/** Prints diagnostics on stderr: errors with code frames and hints; warnings one line each, summed up per code. */
export async function printDiagnostics(diags: readonly Diagnostic[], options: PrintOptions = {}): Promise<void> {
  const index = new NameIndex(options);
  const shown = new Map<string, number>();
  const lines: string[] = [];
  for (const d of diags) {
    if (d.severity !== "error") {
      if (options.quiet || options.errorsOnly || options.ignore?.has(d.code)) continue;
      const n = (shown.get(d.code) ?? 0) + 1;
      shown.set(d.code, n);
      if (n > WARNINGS_SHOWN_PER_CODE) continue;
    }
    lines.push(...(await render(d, options, index)));
  }
  for (const [code, n] of shown) {
    if (n > WARNINGS_SHOWN_PER_CODE) {
      const more = n - WARNINGS_SHOWN_PER_CODE;
      lines.push(`wsdlc: ... and ${more} more ${code} warning${more === 1 ? "" : "s"} (--ignore ${code} hides them all)`);
    }
  }
  if (lines.length) process.stderr.write(`${lines.join("\n")}\n`);
}
