// The wsdlc runtime, copied into the output by the generator. DO NOT EDIT.
/**
 * Public API of the runtime that generated clients import (`./runtime/index.js`).
 */
export type * from "./descriptors.js";
export {
  SoapClient,
  type CallOptions,
  type CallResult,
  type ClientHooks,
  type AttachmentSummary,
  type ClientOptions,
  type DefaultHeaders,
  type OperationMap,
  type OperationTypes,
  type RequestEvent,
  type ResponseEvent,
  type RetryOptions,
  type SoapHeaderProvider,
} from "./client.js";
export {
  DecodeError,
  EncodeError,
  HttpError,
  isDecodeError,
  isEncodeError,
  isHttpError,
  isServiceError,
  isSoapError,
  isSoapFaultError,
  isTransportError,
  ServiceError,
  SoapError,
  SoapFaultError,
  TransportError,
  type QNameValue,
  type TransportErrorKind,
} from "./errors.js";
export type {
  CharInput,
  DateTimeInput,
  DateTimeString,
  DecimalInput,
  DecimalString,
  Guid,
  IntegerInput,
  OneOf,
  QNameString,
} from "./values.js";
export type { XmlAttribute, XmlElement } from "./xml.js";
export { encodeRequest, SOAP_ENVELOPE_NS, type EncodeOptions } from "./encode.js";
export { decodeResponse, type DecodedResponse, type DecodeOptions } from "./decode.js";
export { streaming, type StreamItem } from "./stream.js";
export { extras, type Extras } from "./reader.js";
export { Redactor, SecretPolicy } from "./redact.js";
export { basicAuth, bearerAuth } from "./auth.js";
export { multipart, type ResponseAttachment } from "./multipart.js";
export { multiRef } from "./multiref.js";
export { facetChecks } from "./facets.js";
export type { AttachmentLookup, FacetFeature, Features, MultipartFeature, MultiRefFeature, StreamFeature } from "./features.js";
export {
  passwordDigest,
  usernameToken,
  WSSE_NS,
  WSU_NS,
  type UsernameTokenOptions,
} from "./wssecurity.js";
