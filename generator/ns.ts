/** Namespace URIs the generator knows by heart. */
export const NS = {
  wsdl: "http://schemas.xmlsoap.org/wsdl/",
  wsdl20: "http://www.w3.org/ns/wsdl",
  soap11: "http://schemas.xmlsoap.org/wsdl/soap/",
  soap12: "http://schemas.xmlsoap.org/wsdl/soap12/",
  http: "http://schemas.xmlsoap.org/wsdl/http/",
  xs: "http://www.w3.org/2001/XMLSchema",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
  xml: "http://www.w3.org/XML/1998/namespace",
  soapEnc11: "http://schemas.xmlsoap.org/soap/encoding/",
  soapEnc12: "http://www.w3.org/2003/05/soap-encoding",
  wsaw: "http://www.w3.org/2006/05/addressing/wsdl",
  wsam: "http://www.w3.org/2007/05/addressing/metadata",
  /** WCF DataContract serializer annotations (IsDictionary, ActualType, EnumerationValue) and ser:guid etc. */
  msSer: "http://schemas.microsoft.com/2003/10/Serialization/",
  msArrays: "http://schemas.microsoft.com/2003/10/Serialization/Arrays",
} as const;

export interface QName {
  readonly ns: string;
  readonly local: string;
}

/** `{ns}local`, the key used for every QName-keyed map. */
export function qkey(q: QName): string {
  return `{${q.ns}}${q.local}`;
}

export function qname(ns: string, local: string): QName {
  return { ns, local };
}

/** For messages: `prefix:local` when the namespace is well known, `{ns}local` otherwise. */
export function showQName(q: QName): string {
  if (q.ns === NS.xs) return `xs:${q.local}`;
  return q.ns ? `{${q.ns}}${q.local}` : q.local;
}
