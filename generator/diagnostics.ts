/**
 * Diagnostics: every problem the generator finds in its input, with the place it was found.
 * The generator never throws for a user's mistake; it returns diagnostics and `bin/` decides the exit code.
 */

/** A place in an input document. `file` is the document's display name (as the user gave it, or its URL). */
export interface SourcePos {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** For a position in an imported document: where it was imported (or included) from. */
  readonly via?: SourcePos | undefined;
}

export type Severity = "error" | "warning";

export interface Diagnostic {
  readonly severity: Severity;
  /** Stable machine-readable code, e.g. `xml-malformed`, `missing-type`. */
  readonly code: string;
  readonly message: string;
  readonly pos?: SourcePos | undefined;
  /** Path to the construct, e.g. `wsdl:binding[BasicHttpBinding_User]/wsdl:operation[GetUser]`. */
  readonly construct?: string | undefined;
}

export function formatPos(pos: SourcePos | undefined): string {
  return pos ? `${pos.file}:${pos.line}:${pos.column}` : "<input>";
}

/** One line per diagnostic: `file:line:column: error: message (construct) [code]`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.construct ? ` (in ${d.construct})` : "";
  const chain: string[] = [];
  for (let v = d.pos?.via; v && chain.length < 32; v = v.via) chain.push(formatPos({ file: v.file, line: v.line, column: v.column }));
  const via = chain.length ? ` (included from ${chain.join(", from ")})` : "";
  return `${formatPos(d.pos)}: ${d.severity}: ${d.message}${where}${via} [${d.code}]`;
}

/**
 * Collects diagnostics during a run. Stages report into it and keep going where they can, so that a user
 * sees every problem at once rather than one per run.
 */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];

  /** `allowUnresolved`: references to schema components no loaded schema defines are warnings, not errors. */
  constructor(readonly allowUnresolved = false) {}

  /**
   * A reference to a type, element, group or attribute that no loaded schema defines: an error, or with
   * `allowUnresolved` a warning that says what was made of it (`consequence`).
   */
  unresolved(code: string, message: string, consequence: string, pos?: SourcePos, construct?: string): void {
    if (this.allowUnresolved) this.warn(code, `${message}; ${consequence} (allowUnresolved)`, pos, construct);
    else this.error(code, message, pos, construct);
  }

  error(code: string, message: string, pos?: SourcePos, construct?: string): void {
    this.items.push({ severity: "error", code, message, pos, construct });
  }

  warn(code: string, message: string, pos?: SourcePos, construct?: string): void {
    this.items.push({ severity: "warning", code, message, pos, construct });
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === "error");
  }

  /** Sorted by file, line, column, then message, so output does not depend on traversal order. */
  sorted(): Diagnostic[] {
    return [...this.items].sort((a, b) => {
      const fa = a.pos?.file ?? "";
      const fb = b.pos?.file ?? "";
      if (fa !== fb) return fa < fb ? -1 : 1;
      const la = a.pos?.line ?? 0;
      const lb = b.pos?.line ?? 0;
      if (la !== lb) return la - lb;
      const ca = a.pos?.column ?? 0;
      const cb = b.pos?.column ?? 0;
      if (ca !== cb) return ca - cb;
      return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
    });
  }
}
