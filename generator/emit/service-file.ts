/**
 * <Port>Service.ts: the service side of one port, beside its client: the handler interface (one method per
 * operation, taking the request as decoded and returning the client's output type), a factory for the
 * fetch-style service, a mock for tests, and typed helpers for the port's failure rule and declared faults.
 * It reuses the client file's descriptor and operation types, and imports the runtime's server module
 * (`./runtime/server.js`) directly, so a client bundle never contains it (index.ts does not re-export it).
 *
 * Received shapes: a request arrives decoded, in the shapes responses have (a dateTime as its string, a long as
 * a bigint…). A request wrapper declared only in its request form (it accepts `Date`s…) is written out inline
 * in the response form here; types below it keep their declared names, the response form when one is declared.
 */
import type { ClientModel, FieldModel, MessageModel, OperationModel, TypeModel } from "../analyze/model.js";
import { propertyKey } from "../analyze/names.js";
import type { Usage } from "../analyze/usage.js";
import { Imports, jsdoc, TypeWriter, TYPES_MODULE } from "./context.js";

export const SERVER_MODULE = "./runtime/server.js";

export interface ServiceFileNames {
  readonly fileName: string;
  readonly handlers: string;
  readonly factory: string;
  readonly mock: string;
}

/** Names of one port's service file and its exports: `UserClient` → `UserService.ts`, `userService`… */
export function serviceNames(c: ClientModel): ServiceFileNames {
  const base = c.className.replace(/Client$/, "") || "Port";
  const lower = base.charAt(0).toLowerCase() + base.slice(1);
  return {
    fileName: `${c.fileName.replace(/Client$/, "")}Service`,
    handlers: `${base}ServiceHandlers`,
    factory: `${lower}Service`,
    mock: `mock${base}Service`,
  };
}

export function serviceFile(
  c: ClientModel,
  types: ReadonlyMap<string, TypeModel>,
  usage: ReadonlyMap<string, Usage>,
): { names: ServiceFileNames; statements: string[]; imports: Imports } {
  const names = serviceNames(c);
  const imports = new Imports();
  const w = new TypeWriter(types, imports, TYPES_MODULE);
  const clientModule = `./${c.fileName}.js`;
  const statements: string[] = [];
  const base = names.handlers.replace(/ServiceHandlers$/, "");

  // Request headers as received (response shapes), one interface per client header type.
  const received = new Map<string, string>();
  for (const op of c.operations) {
    const msg = op.input;
    if (!msg.headersType || received.has(msg.headersType)) continue;
    const name = `Received${msg.headersType}`;
    received.set(msg.headersType, name);
    statements.push(receivedHeaders(name, msg, w, c));
  }

  imports.use(SERVER_MODULE, "ServiceCall", true);
  imports.use(SERVER_MODULE, "ServiceResult", true);
  imports.use(clientModule, c.operationsName, true);
  const lines = [
    `/**`,
    ` * Handlers of the operations of port \`${c.port}\`${c.service ? ` of service \`${c.service}\`` : ""} (SOAP ${c.soap}), keyed like \`${c.className}\`'s methods.`,
    ` * Each takes the request as decoded and returns what the client's method returns (or \`reply(output, headers)\`),`,
    ` * or throws a \`SoapFault\`${c.failure ? ` or a \`ServiceFailure\`` : ""}. For \`${names.factory}\` and \`${names.mock}\`.`,
    ` */`,
    `export interface ${names.handlers} {`,
  ];
  for (const op of c.operations) {
    const t = (k: string): string => `${c.operationsName}[${JSON.stringify(op.method)}][${JSON.stringify(k)}]`;
    const headers = op.input.headersType ? (received.get(op.input.headersType) ?? "Record<string, never>") : "Record<string, never>";
    const doc = jsdoc(op.doc, `SOAP operation \`${op.name}\`${op.action ? ` (action \`${op.action}\`)` : ""}.`);
    if (doc) lines.push("  /**", ...doc.split("\n").map((l) => (l === "" ? "   *" : `   * ${l}`)), "   */");
    lines.push(
      `  ${propertyKey(op.method)}(input: ${receivedBody(op, w, types, usage, "  ")}, call: ServiceCall<${headers}>): ServiceResult<${t("output")}, ${t("responseHeaders")}>;`,
    );
  }
  lines.push("}");
  statements.push(lines.join("\n"));

  imports.use(SERVER_MODULE, "createSoapService", false);
  imports.use(SERVER_MODULE, "ServiceOptions", true);
  imports.use(SERVER_MODULE, "SoapService", true);
  imports.use(clientModule, c.descriptorName, false);
  statements.push(
    [
      `/**`,
      ` * The service of port \`${c.port}\`: \`.fetch(request)\` answers a SOAP request (a fetch-style handler for Node, Deno,`,
      ` * Bun, Workers or MSW); in Node, \`http.createServer(toNodeListener(${names.factory}(handlers)))\`.`,
      ` */`,
      `export function ${names.factory}(handlers: ${names.handlers}, options?: ServiceOptions): SoapService {`,
      `  return createSoapService(${c.descriptorName}, handlers, options);`,
      `}`,
    ].join("\n"),
  );

  imports.use(SERVER_MODULE, "createSoapMock", false);
  imports.use(SERVER_MODULE, "SoapMock", true);
  statements.push(
    [
      `/**`,
      ` * A mock of port \`${c.port}\` for tests: \`new ${c.className}({ fetch: mock.fetch })\` calls it in memory; \`mock.calls\``,
      ` * records the calls; an operation without a handler is answered with a fault naming it.`,
      ` */`,
      `export function ${names.mock}(handlers: Partial<${names.handlers}> = {}, options?: ServiceOptions): SoapMock<${names.handlers}> {`,
      `  return createSoapMock(${JSON.stringify(names.mock)}, ${c.descriptorName}, handlers, options);`,
      `}`,
    ].join("\n"),
  );

  const failure = c.failure;
  const detailType = failure?.detail === undefined ? undefined : failureDetailType(c, failure.detail, w);
  if (failure) {
    imports.use(SERVER_MODULE, "ServiceFailure", false);
    const responseHeaders = c.operations.find((op) => op.output?.headersType)?.output?.headersType;
    if (responseHeaders) imports.use(clientModule, responseHeaders, true);
    statements.push(
      [
        `/**`,
        ` * To throw from a handler: the call is answered as port \`${c.port}\` reports failure, with \`${failure.flag}\` = ${JSON.stringify(failure.failureValue)}${failure.detail ? ` and \`detail\` in \`${failure.detail}\`` : ""}`,
        ` * (the client then rejects with a ServiceError${failure.detail ? `, an InnerException chain as its causes` : ""}).`,
        ` */`,
        `export function ${base.charAt(0).toLowerCase()}${base.slice(1)}Failure(detail${detailType ? `: ${detailType}` : ": unknown"}, headers?: ${responseHeaders ?? "object"}): ServiceFailure {`,
        `  return new ServiceFailure(detail, headers);`,
        `}`,
      ].join("\n"),
    );
  }

  if (c.faultsName) {
    imports.use(SERVER_MODULE, "SoapFault", false);
    imports.use(SERVER_MODULE, "SoapFaultOptions", true);
    imports.use(clientModule, c.faultsName, true);
    statements.push(
      [
        `/** To throw from a handler: a SOAP fault whose detail is the declared fault \`name\` (\`${c.faultGuardName}\` recognises it). */`,
        `export function ${base.charAt(0).toLowerCase()}${base.slice(1)}Fault<K extends keyof ${c.faultsName} & string>(`,
        `  name: K,`,
        `  detail: ${c.faultsName}[K],`,
        `  reason: string,`,
        `  options: Omit<SoapFaultOptions, "faultName" | "detail"> = {},`,
        `): SoapFault {`,
        `  return new SoapFault(reason, { ...options, faultName: name, detail });`,
        `}`,
      ].join("\n"),
    );
  }
  // What handlers and servers use besides this file's own exports, so that one import serves.
  statements.push(
    `export { reply, ServiceFailure, ServiceReply, SoapFault, toNodeListener, type MockCall, type ServiceCall, type ServiceOptions, type SoapService } from "${SERVER_MODULE}";`,
  );
  return { names, statements, imports };
}

function receivedHeaders(name: string, msg: MessageModel, w: TypeWriter, c: ClientModel): string {
  const lines = [`/** SOAP headers of ${c.className} requests as a service receives them (decoded). */`, `export interface ${name} {`];
  for (const h of msg.headers) {
    const doc = jsdoc(h.doc, `SOAP header \`${h.name.local}\`.`);
    if (doc) lines.push(`  /** ${doc.replace(/\n/g, " ")} */`);
    lines.push(`  ${propertyKey(h.prop)}?: ${w.field({ ...h, max: 1 }, "out")};`);
  }
  lines.push("}");
  return lines.join("\n");
}

/** The type of the request body as decoded. */
function receivedBody(op: OperationModel, w: TypeWriter, types: ReadonlyMap<string, TypeModel>, usage: ReadonlyMap<string, Usage>, indent: string): string {
  const b = op.input.body;
  if (b.kind === "empty") return "undefined";
  if (b.kind === "parts") return inlineOrNamed(b.typeId, w, types, usage, indent) ?? w.value({ kind: "type", id: b.typeId }, "out");
  const t = b.field.type;
  const inline = t.kind === "type" && b.field.max <= 1 ? inlineOrNamed(t.id, w, types, usage, indent) : undefined;
  if (inline === undefined) return w.field(b.field, "out");
  return b.field.nillable ? `${inline} | null` : inline;
}

/** An object type literal of a struct's fields in response shapes, when its declared name is its request form. */
function inlineOrNamed(id: string, w: TypeWriter, types: ReadonlyMap<string, TypeModel>, usage: ReadonlyMap<string, Usage>, indent: string): string | undefined {
  const m = types.get(id);
  const u = usage.get(id);
  if (m?.kind !== "struct" || !u || u.output || !u.differs) return undefined;
  if (m.base || m.attributes.length > 0 || m.text || m.fields.some((f) => f.wildcard || f.alternatives)) return undefined;
  const props = m.fields.map((f: FieldModel) => {
    const optional = (f.min === 0 || f.choice !== undefined) && !(f.max > 1);
    return `${indent}  ${propertyKey(f.prop)}${optional ? "?" : ""}: ${w.field(f, "out")};`;
  });
  return props.length === 0 ? "Record<string, never>" : `{\n${props.join("\n")}\n${indent}}`;
}

/** The failure detail header's type (response shape, not null). */
function failureDetailType(c: ClientModel, detail: string, w: TypeWriter): string | undefined {
  for (const op of c.operations) {
    const h = op.output?.headers.find((f) => f.prop === detail);
    if (h) return w.field({ ...h, max: 1, nillable: false }, "out");
  }
  return undefined;
}
