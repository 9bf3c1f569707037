/**
 * Optional parts of the runtime. The generic client imports none of them: generated code references the ones
 * its descriptors need (`features` in the ClientDescriptor) and a bundler leaves the others out. A feature
 * left out is not run: without `facets` values are not checked against XSD facets, without `multiRef`
 * rpc/encoded references are not inlined, without `multipart` a multipart/related response is a DecodeError (and a binary value is read as its text:
 * an xop:Include or `cid:` reference in it is not resolved),
 * without `streaming` the `$stream` form is a SoapError (ClientOptions.features adds one to a client whose WSDL
 * did not call for it).
 */
import type { FacetBase, FacetChain } from "./facets.js";
import type { UnpackedBody } from "./multipart.js";
import type { ClientDescriptor, FacetsDescriptor, OperationDescriptor, TypeRef, TypeTable } from "./descriptors.js";
import type { ValueReader } from "./reader.js";
import type { XmlReader } from "./xml.js";
import type { StreamOptions, StreamPath } from "./stream.js";
import type { HttpRequest, RawResponse } from "./transport.js";

/** XSD facet checks of request values (facets.ts `facetChecks`). */
export interface FacetFeature {
  chain(types: TypeTable, type: TypeRef): FacetChain;
  violation(own: FacetsDescriptor | undefined, steps: readonly FacetsDescriptor[], base: FacetBase, text: string, secret: boolean): string | undefined;
}

/** SOAP-encoded multi-reference values (multiref.ts `multiRef`). */
export interface MultiRefFeature {
  /** Whether the response may hold references (a cheap text test). */
  has(xml: string): boolean;
  /** The response with every reference replaced by the value it points at. */
  inline(xml: string): string;
}

/** multipart/related responses: MTOM/XOP and SOAP with Attachments (multipart.ts `multipart`). */
export interface MultipartFeature {
  /**
   * The body's text, and the attachments of a multipart/related body; `malformed` (why, without content) for a
   * package that cannot be split. Throws CharsetError for text not valid in its declared encoding.
   */
  unpack(body: Uint8Array, contentType: string): UnpackedBody | { readonly malformed: string };
  /** Attachments found by Content-ID. */
  index(attachments: ReadonlyMap<string, Uint8Array>): AttachmentLookup;
  /** base64Binary or hexBinary when `type` is one of them or restricts one; else undefined. */
  binaryBase(types: TypeTable, type: TypeRef): "base64Binary" | "hexBinary" | undefined;
  /**
   * A binary value (the reader on its START, left on its END): the attachment its content refers to (an
   * xop:Include, SwA's `href`, a `cid:` text), else its lexical value decoded.
   */
  binary(v: ValueReader, prim: "base64Binary" | "hexBinary"): unknown;
  /** Whether the reader is on an xop:Include start tag. */
  isInclude(r: XmlReader): boolean;
  /** On an xop:Include: its href (the reader left on its END). */
  include(v: ValueReader): string;
  /** The bytes binary simple content refers to (an xop:Include read by `include`, or a `cid:` text), if it refers to one. */
  content(v: ValueReader, include: string | undefined, text: string): Uint8Array | undefined;
}

/** Attachments by Content-ID: a `cid:` URL, `<id>` or a bare id name the same part. */
export interface AttachmentLookup {
  get(ref: string): Uint8Array | undefined;
  /** The Content-ID a reference names (`cid:a%40b` → `a%40b`), for messages. */
  id(ref: string): string;
}

/** Streamed list results, the generated `<method>Stream` methods (stream.ts `streaming`). */
export interface StreamFeature {
  /** Where the items of the operation's response are, or undefined when its result is not a list. */
  path(d: ClientDescriptor, op: OperationDescriptor): StreamPath | undefined;
  /** The items of a 2xx, single-part response, decoded as its body arrives. */
  items(raw: RawResponse, req: HttpRequest, d: ClientDescriptor, op: OperationDescriptor, path: StreamPath, options: StreamOptions): AsyncGenerator<unknown, void, undefined>;
}

export interface Features {
  readonly facets?: FacetFeature;
  readonly multiRef?: MultiRefFeature;
  readonly multipart?: MultipartFeature;
  readonly streaming?: StreamFeature;
}
