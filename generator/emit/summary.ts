/**
 * A summary of the service model for people and scripts (`wsdlc inspect`): each client with its endpoint,
 * headers and failure rule, each operation with the TypeScript signature the generated method has, and the
 * types by kind. Signatures come from the same writer the client files use.
 */
import type { AnalyzedService } from "../analyze/index.js";
import type { MessageModel } from "../analyze/model.js";
import { operationTypes } from "./client-file.js";
import { Imports, TypeWriter } from "./context.js";

export interface OperationSummary {
  readonly name: string;
  readonly method: string;
  readonly signature: string;
  readonly action: string;
  readonly style: "document" | "rpc";
  readonly faults: readonly string[];
  readonly doc: string | undefined;
}

export interface ClientSummary {
  readonly className: string;
  readonly service: string;
  readonly port: string;
  readonly soap: string;
  readonly endpoint: string;
  readonly requestHeaders: readonly string[];
  readonly responseHeaders: readonly string[];
  readonly failure: string | undefined;
  readonly operations: readonly OperationSummary[];
}

export interface Summary {
  readonly clients: readonly ClientSummary[];
  /** Number of declared types by kind (struct, enum, array, dictionary, list, alias, union). */
  readonly types: Readonly<Record<string, number>>;
}

export function summarize(model: AnalyzedService): Summary {
  const w = new TypeWriter(model.types, new Imports(), undefined);
  const headerList = (msgs: (MessageModel | undefined)[], mode: "in" | "out"): string[] => {
    const seen = new Map<string, string>();
    for (const m of msgs) for (const h of m?.headers ?? []) seen.set(h.prop, `${h.prop}?: ${w.field({ ...h, max: 1 }, mode)}`);
    return [...seen.values()];
  };
  const clients = [...model.clients]
    .sort((a, b) => (a.className < b.className ? -1 : 1))
    .map(
      (c): ClientSummary => ({
        className: c.className,
        service: c.service,
        port: c.port,
        soap: c.soap,
        endpoint: c.endpoint,
        requestHeaders: headerList(
          c.operations.map((o) => o.input),
          "in",
        ),
        responseHeaders: headerList(
          c.operations.map((o) => o.output),
          "out",
        ),
        failure: c.failure ? `${c.failure.flag} = ${String(c.failure.failureValue)}${c.failure.detail ? ` (detail: ${c.failure.detail})` : ""} → ServiceError` : undefined,
        operations: c.operations.map((op) => {
          const t = operationTypes(op, w);
          return {
            name: op.name,
            method: op.method,
            signature: `${op.method}(${t.input ? `input: ${t.input}` : ""}): Promise<${t.output}>`,
            action: op.action,
            style: op.style,
            faults: op.faults.map((f) => f.name),
            doc: op.doc,
          };
        }),
      }),
    );
  const types: Record<string, number> = {};
  for (const m of model.types.values()) types[m.kind] = (types[m.kind] ?? 0) + 1;
  return { clients, types };
}

/** The summary as text. */
export function formatSummary(s: Summary): string {
  const out: string[] = [];
  for (const c of s.clients) {
    out.push(`${c.className}  (${c.service ? `${c.service} / ` : ""}${c.port}, SOAP ${c.soap}, ${c.operations.length} operation${c.operations.length === 1 ? "" : "s"})`);
    out.push(`  endpoint: ${c.endpoint || "(none in the WSDL)"}`);
    if (c.requestHeaders.length) out.push(`  request headers: ${c.requestHeaders.join("; ")}`);
    if (c.responseHeaders.length) out.push(`  response headers: ${c.responseHeaders.join("; ")}`);
    if (c.failure) out.push(`  failure: ${c.failure}`);
    out.push("");
    for (const op of c.operations) {
      out.push(`  ${op.signature}`);
      const extra = [`${op.style} ${op.name}`, op.action ? `action ${op.action}` : "", op.faults.length ? `faults ${op.faults.join(", ")}` : ""].filter(Boolean);
      out.push(`      ${extra.join("; ")}`);
    }
    out.push("");
  }
  const kinds = Object.entries(s.types).sort(([a], [b]) => (a < b ? -1 : 1));
  out.push(`types: ${kinds.reduce((n, [, v]) => n + v, 0)} (${kinds.map(([k, v]) => `${v} ${k}`).join(", ")})`);
  return `${out.join("\n")}\n`;
}
