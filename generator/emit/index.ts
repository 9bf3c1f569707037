/**
 * Emit stage: service model → generated files, through ts-morph structures printed in an in-memory project.
 * Every file starts with the same fixed header (no timestamp, no absolute path); declarations come in name
 * order and imports are written by one finaliser, sorted, so two runs on the same input are byte-identical.
 */
import { IndentationText, NewLineKind, Project, QuoteKind, type StatementStructures } from "ts-morph";
import type { AnalyzedService } from "../analyze/index.js";
import type { ClientModel, TypeModel } from "../analyze/model.js";
import { clientFile } from "./client-file.js";
import { CLIENT_MODULE_PREFIX, constStatement, Imports, RUNTIME_MODULE, SCHEMA_MODULE, TYPES_MODULE } from "./context.js";
import { DescriptorWriter, NamespaceTable } from "./descriptors.js";
import { Code, literal, type Literal } from "./literal.js";
import { clientTableName, clientTypeIds, descriptorConst } from "./tables.js";
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
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Double, newLineKind: NewLineKind.LineFeed },
  });
  const header = fileHeader(options);
  const files: GeneratedFile[] = [];
  const print = (path: string, statements: (StatementStructures | string)[], imports: Imports | undefined): void => {
    const sf = project.createSourceFile(path, { statements: [...(imports?.text() ?? []), ...statements] }, { overwrite: true });
    files.push({ path, text: `${header}\n${layout(sf.getFullText())}` });
  };

  const types = typesFile(model.types, model.usage);
  print("types.ts", types.statements, types.imports);

  const ns = new NamespaceTable(model.namespaces);
  const d = new DescriptorWriter(model.types, ns);
  const sorted = [...model.types.values()].sort((a, b) => compareNames(a.tsName, b.tsName));
  const descriptorConsts = sorted.map((m) => constStatement(descriptorConst(m.tsName), "TypeDescriptor", descriptorText(d.type(m)), false));
  const tableOf = (ms: readonly TypeModel[]): string => {
    const table: Record<string, Literal> = Object.create(null) as Record<string, Literal>;
    for (const m of ms) table[m.tsName] = new Code(descriptorConst(m.tsName));
    return literal(table);
  };
  const clients = [...model.clients].sort((a, b) => compareNames(a.className, b.className));
  const clientTables = clients.map((c) => {
    const ids = clientTypeIds(c, model.types);
    const own = sorted.filter((m) => ids.has(m.id));
    // A client that uses every type (a one-client package, typically) shares the full table.
    const value = own.length === sorted.length ? "typeTable" : tableOf(own);
    return constStatement(clientTableName(c), "TypeTable", value, true, `The descriptors \`${c.className}\` uses (generated; not meant to be edited).`);
  });
  print(
    "schema.ts",
    [
      ...ns.takeDeclarations().map(({ name, uri }) => constStatement(name, undefined, JSON.stringify(uri), false)),
      ...descriptorConsts,
      constStatement("typeTable", "TypeTable", tableOf(sorted), true, "Descriptors of every type, keyed by TypeScript name, for the runtime (generated; not meant to be edited)."),
      ...clientTables,
    ],
    typeTableImports(),
  );

  for (const c of clients) {
    const f = clientFile(c, model.types, ns);
    print(`${c.fileName}.ts`, f.statements, f.imports);
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

/** A type descriptor laid out as it was as an entry of one table (each line then 2 characters shorter than the limit). */
function descriptorText(value: Literal): string {
  return literal(value, "  ").replace(/\n {2}/g, "\n");
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
  const list = clients.map((c) => `- \`${c.className}\`: port \`${c.port}\`${c.service ? ` of \`${c.service}\`` : ""}, SOAP ${c.soap}, ${ops(c)}; endpoint ${c.endpoint ? `\`${c.endpoint}\`` : "(none in the WSDL)"}`);
  const values: Record<string, string> = {
    for: label,
    clientRows: rows.join("\n"),
    clientList: list.join("\n"),
    firstClient: clients[0]?.className ?? "Client",
  };
  return template.replace(/\{\{(\w+)\}\}/g, (all, key: string) => values[key] ?? all);
}

function runtimeHeader(): string {
  return "// The wsdlc runtime, copied into the output by the generator. DO NOT EDIT.";
}

/**
 * Final layout of a printed file: a blank line between top-level declarations (imports and namespace
 * constants stay grouped), `{}` for empty bodies, no trailing spaces, one final newline.
 */
export function layout(text: string): string {
  const lines = text.replace(/\{\n\s*\}/g, "{}").replace(/[ \t]+$/gm, "").replace(/\n+$/, "").split("\n");
  const out: string[] = [];
  let prevGroup: string | undefined;
  for (const line of lines) {
    const start = /^(\/\*\*|export |const |type |interface |import |class |declare )/.exec(line);
    if (start) {
      const group = line.startsWith("import") ? "import" : /^const ns\d+ = /.test(line) ? "ns" : "decl";
      const prev = out[out.length - 1];
      const afterDoc = prev !== undefined && (prev === " */" || (prev.startsWith("/**") && prev.endsWith("*/")));
      if (prev !== undefined && prev !== "" && !afterDoc && !(group === prevGroup && group !== "decl")) out.push("");
      if (!afterDoc) prevGroup = group;
    }
    out.push(line);
  }
  return `${out.join("\n")}\n`;
}
