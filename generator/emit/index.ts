/**
 * Emit stage: service model → generated files, through declaration structures printed in one pass
 * (structures.ts). Every file starts with the same fixed header (no timestamp, no absolute path); declarations
 * come in name order and imports are the symbols each file recorded while it was built, sorted, so two runs on
 * the same input are byte-identical.
 */
import type { AnalyzedService } from "../analyze/index.js";
import type { ClientModel, TypeModel } from "../analyze/model.js";
import { clientFile } from "./client-file.js";
import { CLIENT_MODULE_PREFIX, constStatement, functionStatement, Imports, RUNTIME_MODULE, SCHEMA_MODULE, TYPES_MODULE } from "./context.js";
import type { TypeDescriptor, TypeTable } from "../../templates/runtime/descriptors.js";
import { DescriptorWriter, NamespaceTable, printDescriptor } from "./descriptors.js";
import { serviceFile } from "./service-file.js";
import { group, printFile, type Statement } from "./structures.js";
import { ALL_TYPES_MAKER, clientTableMaker, clientTableName, clientTypeIds, descriptorMaker, descriptorKept } from "./tables.js";
import { compareNames, typesFile } from "./types-file.js";

export interface GeneratedFile {
  /** Path relative to the output folder, with `/` separators. */
  readonly path: string;
  readonly text: string;
}

export interface EmitOptions {
  /** Names of the WSDL services (or ports) the output is for, for the header. */
  readonly services: readonly string[];
  /** Runtime template files: name → text, copied into `runtime/`. */
  readonly runtime: ReadonlyMap<string, string>;
  /** The output folder's README template (templates/package-readme.md); none is written without it. */
  readonly readme?: string | undefined;
}

export function emit(model: AnalyzedService, options: EmitOptions): GeneratedFile[] {
  const header = fileHeader(options);
  const files: GeneratedFile[] = [];
  const print = (path: string, statements: readonly Statement[], imports: Imports | undefined): void => {
    files.push({ path, text: printFile(header, imports?.text() ?? [], statements) });
  };

  const types = typesFile(model.types, model.usage);
  print("types.ts", types.statements, types.imports);

  const ns = new NamespaceTable(model.namespaces);
  const d = new DescriptorWriter(model.types, ns);
  const sorted = [...model.types.values()].sort((a, b) => compareNames(a.tsName, b.tsName));
  // Each type's descriptor is made by a function of its own (t$Name), and each table is a function that calls
  // those it lists: a bundler keeps only the functions of the tables the imported client uses (a table's constant
  // is marked pure, so an unused one goes with its functions). Functions, not constants: a reference to a
  // top-level constant from another top-level statement costs TypeScript's checker a walk back over every
  // statement in between, so a file of thousands of descriptor constants naming the namespace constants took time
  // growing with the square of its size; inside a function the walk stops at the function's start (figures in
  // docs/decisions/0008-descriptors-as-functions.md).
  const descriptors = sorted.map((m) => [m, d.type(m)] as const);
  const byValue = new Map<object, string>(descriptors.map(([m, t]) => [t, `${descriptorMaker(m.tsName)}()`]));
  const clients = [...model.clients].sort((a, b) => compareNames(a.className, b.className));
  // The types each client's descriptors reach (a subset of the package's), worked out once per client.
  const reached = new Map(clients.map((c) => [c, clientTypeIds(c, model.types)] as const));
  // A client that uses every type (a one-client package, typically) shares the full table.
  const usesAll = (c: ClientModel): boolean => (reached.get(c)?.size ?? 0) === sorted.length;
  // With a table of its own for some client, a descriptor may be called by several tables: it is then made once
  // and kept (`d$Name`), so that the tables share it as they would share a constant.
  const several = !clients.every(usesAll);
  const descriptorFunctions = descriptors.map(([m, t]): Statement => {
    const name = descriptorMaker(m.tsName);
    if (!several) return functionStatement(name, "TypeDescriptor", printDescriptor(t, ns));
    const kept = descriptorKept(m.tsName);
    return group([`let ${kept}: TypeDescriptor | undefined;`, functionStatement(name, "TypeDescriptor", `(${kept} ??= ${printDescriptor(t, ns)})`)]);
  });
  const tableOf = (ids: ReadonlySet<string> | undefined): string => {
    const table: Record<string, TypeDescriptor> = Object.create(null) as Record<string, TypeDescriptor>;
    for (const [m, t] of descriptors) if (ids === undefined || ids.has(m.id)) table[m.tsName] = t;
    return printDescriptor(table satisfies TypeTable, ns, byValue);
  };
  /** `export const name: TypeTable = /* @__PURE__ *\/ maker();` and the maker function returning `table`. */
  const tableStatements = (name: string, maker: string, table: string, doc: string): Statement[] => [
    constStatement(name, "TypeTable", `/* @__PURE__ */ ${maker}()`, true, doc),
    functionStatement(maker, "TypeTable", table),
  ];
  const clientTables = clients.flatMap((c) => {
    const doc = `The descriptors \`${c.className}\` uses (generated; not meant to be edited).`;
    if (usesAll(c)) return [constStatement(clientTableName(c), "TypeTable", "typeTable", true, doc)];
    return tableStatements(clientTableName(c), clientTableMaker(c), tableOf(reached.get(c) ?? new Set<string>()), doc);
  });
  print(
    "schema.ts",
    [
      group(ns.takeDeclarations().map(({ name, uri }) => constStatement(name, undefined, JSON.stringify(uri), false))),
      ...descriptorFunctions,
      ...tableStatements(
        "typeTable",
        ALL_TYPES_MAKER,
        tableOf(undefined),
        "Descriptors of every type, keyed by TypeScript name, for the runtime (generated; not meant to be edited).",
      ),
      ...clientTables,
    ],
    typeTableImports(),
  );

  for (const c of clients) {
    const f = clientFile(c, model.types, ns, reached.get(c) ?? new Set<string>());
    print(`${c.fileName}.ts`, f.statements, f.imports);
    const svc = serviceFile(c, model.types, model.usage);
    print(`${svc.names.fileName}.ts`, svc.statements, svc.imports);
  }

  const indexLines = [
    `export * from "${RUNTIME_MODULE}";`,
    `export { typeTable } from "${SCHEMA_MODULE}";`,
    `export * from "${TYPES_MODULE}";`,
    ...clients.map((c) => `export * from "${CLIENT_MODULE_PREFIX}${c.fileName}.js";`),
  ];
  files.push({ path: "index.ts", text: `${header}\n${indexLines.join("\n")}\n` });

  if (options.readme) files.push({ path: "README.md", text: packageReadme(options.readme, clients, servicesLabel(options)) });

  for (const [name, text] of [...options.runtime.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    files.push({ path: `runtime/${name}`, text: `${runtimeHeader()}\n${text}` });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function typeTableImports(): Imports {
  const i = new Imports();
  i.use(RUNTIME_MODULE, "TypeDescriptor", true);
  i.use(RUNTIME_MODULE, "TypeTable", true);
  return i;
}

/**
 * The same header on every file. It names no input file, version or date: the output depends only on what
 * the WSDL says (the same service saved indented or on one line gives the same bytes), and upgrading wsdlc
 * alone does not churn it.
 */
function fileHeader(o: EmitOptions): string {
  return [`// Code generated by wsdlc${servicesLabel(o)}. DO NOT EDIT.`, "// Regenerate with `wsdlc generate` instead of changing this file."].join("\n");
}

function servicesLabel(o: EmitOptions): string {
  return o.services.length === 0 ? "" : o.services.length <= 3 ? ` for ${o.services.join(", ")}` : ` for ${o.services.length} services`;
}

/** The output folder's README, from its template: the file table and one line per client. */
function packageReadme(template: string, clients: readonly ClientModel[], label: string): string {
  const ops = (c: ClientModel): string => `${c.operations.length} operation${c.operations.length === 1 ? "" : "s"}`;
  const rows = clients.map((c) => `| \`${c.fileName}.ts\` | \`${c.className}\` (port \`${c.port}\`, SOAP ${c.soap}, ${ops(c)}), its header types and descriptor |`);
  const list = clients.map(
    (c) =>
      `- \`${c.className}\`: port \`${c.port}\`${c.service ? ` of \`${c.service}\`` : ""}, SOAP ${c.soap}, ${ops(c)}; endpoint ${c.endpoint ? codeSpan(c.endpoint) : "(none in the WSDL)"}`,
  );
  const values: Record<string, string> = {
    for: label,
    clientRows: rows.join("\n"),
    clientList: list.join("\n"),
    firstClient: clients[0]?.className ?? "Client",
  };
  return template.replace(/\{\{(\w+)\}\}/g, (all, key: string) => values[key] ?? all);
}

/**
 * A Markdown code span of any text (CommonMark §6.1): line breaks and other control characters written as JSON
 * escapes, and a backtick fence longer than any run inside, so that a document's text (a hostile address) can
 * neither end the span nor the list item and add links or images to the README.
 */
export function codeSpan(text: string): string {
  const shown = JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"');
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = shown.startsWith("`") || shown.endsWith("`") ? " " : "";
  return `${fence}${pad}${shown}${pad}${fence}`;
}

function runtimeHeader(): string {
  return "// The wsdlc runtime, copied into the output by the generator. DO NOT EDIT.";
}
