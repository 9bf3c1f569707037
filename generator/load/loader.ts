/**
 * Load stage: reads the input documents and everything they import (wsdl:import, xs:import, xs:include,
 * xs:redefine), relative or absolute, file or http(s). The actual reading is injected (`ResourceReader`), so
 * this stage is pure apart from the reader it is handed; bin/ gives it the file system and fetch.
 */
import { createHash } from "node:crypto";
import { DiagnosticSink, type SourcePos } from "../diagnostics.js";
import { NS } from "../ns.js";
import { decodeDocument, EncodingError } from "./encoding.js";
import { attr, parseXml, XmlSyntaxError, type XElement } from "./xml.js";

export interface ResourceReader {
  /**
   * Returns the resource: its bytes (decoded here, by BOM and XML declaration) or its text, or throws an Error
   * whose message says why it could not be read. Limits (size, time) are the reader's to enforce.
   */
  read(url: string): Promise<string | Uint8Array>;
  /** How to show this URL to the user (a relative path for local files). Must not depend on the machine. */
  display(url: string): string;
  /**
   * For a file: URL, the URL of the file or folder it really is (symbolic links resolved), without opening it;
   * undefined when it does not exist. Lets the loader see a link inside the input folder that points outside.
   */
  realUrl?(url: string): Promise<string | undefined>;
}

export type DocumentKind = "wsdl" | "schema";

export interface LoadedDocument {
  readonly url: string;
  readonly display: string;
  readonly kind: DocumentKind;
  readonly root: XElement;
  readonly sha256: string;
  /** Documents this one refers to, resolved; filled in when the document is loaded. */
  readonly refs: readonly DocumentRef[];
}

export interface DocumentRef {
  readonly url: string;
  readonly how: "wsdl-import" | "import" | "include" | "redefine";
  /** The namespace an import says the document has. */
  readonly namespace?: string | undefined;
  /** Where the reference was written, for the diagnostic when it cannot be loaded. */
  readonly pos: SourcePos;
  readonly construct: string;
  /** URL of the document the reference is written in. */
  readonly parentUrl?: string | undefined;
}

export interface DocumentSet {
  /** In load order: inputs first (in the order given), then imports breadth-first. */
  readonly documents: readonly LoadedDocument[];
  readonly byUrl: ReadonlyMap<string, LoadedDocument>;
  /** The documents given as inputs (their URLs). */
  readonly roots: readonly string[];
}

interface PendingRef {
  readonly url: string;
  readonly from?: DocumentRef;
  /** For a local (file:) tree: the folder of the input it was reached from, which its imports may not leave. */
  readonly rootDir?: string | undefined;
}

export interface LoadOptions {
  /** Local imports may leave the folder of the input file given on the command line (`--allow-outside-root`). */
  readonly allowOutsideRoot?: boolean | undefined;
}

/**
 * Loads the inputs and their imports. Problems go into `sink`; documents that failed are left out.
 * Policy, checked before anything is read: a document fetched over http(s) may only import http(s) documents;
 * a local document may only import local files inside its input's folder (unless `allowOutsideRoot`).
 */
export async function loadDocuments(inputs: readonly string[], reader: ResourceReader, sink: DiagnosticSink, options: LoadOptions = {}): Promise<DocumentSet> {
  const byUrl = new Map<string, LoadedDocument>();
  const order: LoadedDocument[] = [];
  const seen = new Set<string>();
  let wave: PendingRef[] = inputs.map((url) => ({ url, rootDir: url.startsWith("file:") ? folderOf(url) : undefined }));
  const rootOf = new Map<string, string | undefined>();

  while (wave.length > 0) {
    const fresh: PendingRef[] = [];
    for (const r of wave) {
      if (r.from && !(await allowed(r, options, sink, reader))) continue;
      if (seen.has(r.url)) continue;
      seen.add(r.url);
      rootOf.set(r.url, r.rootDir);
      fresh.push(r);
    }
    const loaded = await Promise.all(fresh.map((ref) => loadOne(ref, reader, sink)));
    const next: PendingRef[] = [];
    for (const doc of loaded) {
      if (!doc) continue;
      byUrl.set(doc.url, doc);
      order.push(doc);
      for (const ref of doc.refs) next.push({ url: ref.url, from: ref, rootDir: rootOf.get(doc.url) });
    }
    wave = next;
  }
  return { documents: order, byUrl, roots: [...inputs] };
}

/** The folder of a file: URL, as a URL ending in `/`. */
function folderOf(url: string): string {
  return new URL(".", url).href;
}

function isHttp(url: string): boolean {
  return /^https?:/i.test(url);
}

/** Whether the reference may be followed; a refusal is reported at the import and nothing is read. */
async function allowed(ref: PendingRef, options: LoadOptions, sink: DiagnosticSink, reader: ResourceReader): Promise<boolean> {
  const from = ref.from;
  if (!from) return true;
  const parent = from.pos.file;
  const target = reader.display(ref.url);
  const refuse = (why: string): false => {
    sink.error("import-forbidden", `refusing to load "${target}": ${why}`, from.pos, from.construct);
    return false;
  };
  if (from.parentUrl !== undefined && isHttp(from.parentUrl)) {
    if (!isHttp(ref.url)) return refuse(`a document fetched over http(s) (${parent}) may only import http(s) documents`);
    return true;
  }
  if (ref.url.startsWith("file:") && ref.rootDir !== undefined && !options.allowOutsideRoot && !ref.url.startsWith(ref.rootDir)) {
    return refuse(`it is outside the input's folder ${reader.display(ref.rootDir) || "."}/ (allow with --allow-outside-root, config "allowOutsideRoot": true)`);
  }
  if (ref.url.startsWith("file:") && ref.rootDir !== undefined && !options.allowOutsideRoot && reader.realUrl) {
    const [real, realRoot] = await Promise.all([reader.realUrl(ref.url), reader.realUrl(ref.rootDir)]);
    const rootPrefix = realRoot?.endsWith("/") ? realRoot : `${realRoot ?? ""}/`;
    if (real !== undefined && realRoot !== undefined && !real.startsWith(rootPrefix)) {
      return refuse(
        `it is a symbolic link to a file outside the input's folder ${reader.display(ref.rootDir) || "."}/ (allow with --allow-outside-root, config "allowOutsideRoot": true)`,
      );
    }
  }
  return true;
}

async function loadOne(ref: PendingRef, reader: ResourceReader, sink: DiagnosticSink): Promise<LoadedDocument | undefined> {
  const display = reader.display(ref.url);
  let text: string;
  try {
    const content = await reader.read(ref.url);
    text = typeof content === "string" ? content : decodeDocument(content, display);
  } catch (e) {
    if (e instanceof EncodingError) {
      sink.error("xml-encoding", `cannot decode ${display}: ${e.message}`, e.pos);
      return undefined;
    }
    const why = e instanceof Error ? e.message : String(e);
    if (ref.from) {
      sink.error("import-unresolvable", `cannot load "${display}": ${why}`, ref.from.pos, ref.from.construct);
    } else {
      sink.error("input-unreadable", `cannot read input "${display}": ${why}`, { file: display, line: 1, column: 1 });
    }
    return undefined;
  }
  let root: XElement;
  try {
    root = parseXml(text, display, ref.from?.pos);
  } catch (e) {
    if (e instanceof XmlSyntaxError) {
      sink.error("xml-malformed", `not well-formed XML: ${e.message}`, e.pos);
      return undefined;
    }
    throw e;
  }
  const kind = documentKind(root);
  if (!kind) {
    const what = root.ns ? `{${root.ns}}${root.local}` : root.local;
    const hint = root.ns === NS.wsdl20 ? " (WSDL 2.0 is not supported; wsdlc reads WSDL 1.1)" : " (expected wsdl:definitions or xs:schema)";
    sink.error("not-wsdl", `root element ${what} is not a WSDL 1.1 or XML Schema document${hint}`, root.pos);
    return undefined;
  }
  const sha256 = createHash("sha256").update(text).digest("hex");
  return { url: ref.url, display, kind, root, sha256, refs: findReferences(ref.url, kind, root) };
}

function documentKind(root: XElement): DocumentKind | undefined {
  if (root.ns === NS.wsdl && root.local === "definitions") return "wsdl";
  if (root.ns === NS.xs && root.local === "schema") return "schema";
  return undefined;
}

/** Every external document this one refers to, resolved against its URL. */
function findReferences(base: string, kind: DocumentKind, root: XElement): DocumentRef[] {
  const refs: DocumentRef[] = [];
  const add = (el: XElement, location: string | undefined, construct: string, how: DocumentRef["how"]): void => {
    if (!location) return;
    const url = resolveUrl(location, base);
    if (url) refs.push({ url, parentUrl: base, how, pos: el.pos, construct, namespace: how === "include" || how === "redefine" ? undefined : attr(el, "namespace") });
  };
  const schemaRefs = (schema: XElement): void => {
    for (const c of schema.children) {
      if (c.ns !== NS.xs) continue;
      const ns = attr(c, "namespace") ?? "";
      // Namespaces the generator knows by heart (XSD, SOAP encoding, xml:, WSDL) are not fetched: their
      // published schemas add nothing it uses, and fetching them would make generation depend on the network.
      if (c.local === "import" && BUILT_IN_NAMESPACES.has(ns)) continue;
      if (c.local === "import") add(c, attr(c, "schemaLocation"), `xs:import[namespace=${ns}]`, "import");
      else if (c.local === "include" || c.local === "redefine") add(c, attr(c, "schemaLocation"), `xs:${c.local}`, c.local);
    }
  };
  if (kind === "schema") {
    schemaRefs(root);
  } else {
    for (const c of root.children) {
      if (c.ns === NS.wsdl && c.local === "import") add(c, attr(c, "location"), `wsdl:import[namespace=${attr(c, "namespace") ?? ""}]`, "wsdl-import");
      if (c.ns === NS.wsdl && c.local === "types") {
        for (const s of c.children) if (s.ns === NS.xs && s.local === "schema") schemaRefs(s);
        // An xs:import directly under wsdl:types (WS-I BP R2003 forbids it; some vendors write it) is loaded
        // as if inside a schema; the parse stage warns about it where it is written.
        schemaRefs(c);
      }
    }
  }
  return refs;
}

const BUILT_IN_NAMESPACES: ReadonlySet<string> = new Set([NS.xs, NS.soapEnc11, NS.soapEnc12, NS.xml, NS.wsdl]);

/** Resolves a location against a base URL; undefined when it is not a usable URL. */
export function resolveUrl(location: string, base: string): string | undefined {
  try {
    const u = new URL(location.trim(), base);
    u.hash = "";
    return u.href;
  } catch {
    return undefined;
  }
}
