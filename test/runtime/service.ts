/**
 * Hand-made descriptors for runtime tests: a small SuperOffice-like service (what the generator would emit),
 * plus a concrete client class and envelope helpers.
 */
import type { ClientDescriptor, FieldDescriptor, OperationDescriptor, TypeTable } from "../../templates/runtime/descriptors.js";
import { SoapClient, type CallOptions, type ClientOptions } from "../../templates/runtime/client.js";
import type { DateTimeInput, DateTimeString, XmlElement } from "../../templates/runtime/values.js";

export const NS = "http://www.superoffice.net/ws/crm/NetServer/Services88";
export const ARR = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";
export const SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
export const SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
export const XSI = "http://www.w3.org/2001/XMLSchema-instance";
export const XSD = "http://www.w3.org/2001/XMLSchema";

const q = (local: string) => [NS, local] as const;

export const types = {
  Carrier: {
    kind: "struct",
    qname: q("Carrier"),
    fields: [{ name: "FieldProperties", ns: NS, type: "StringDictionary", min: 0, nillable: true }],
  },
  UntrustedCredentials: {
    kind: "struct",
    qname: q("UntrustedCredentials"),
    base: "Carrier",
    fields: [
      { name: "UntrustedCredentialsId", ns: NS, type: "xs:int" },
      { name: "ValidFrom", ns: NS, type: "xs:dateTime" },
      { name: "ValidTo", ns: NS, type: "xs:dateTime", min: 0 },
      { name: "Description", ns: NS, type: "xs:string", min: 0, nillable: true },
      { name: "IsActive", ns: NS, type: "xs:boolean", min: 0 },
      { name: "SecretValue", ns: NS, type: "xs:string", min: 0, nillable: true },
      { name: "Flags", ns: NS, type: "CredentialFlags", min: 0 },
      { name: "TokenCount", ns: NS, type: "xs:int", min: 0 },
    ],
  },
  ExternalCredentials: {
    kind: "struct",
    qname: q("ExternalCredentials"),
    base: "UntrustedCredentials",
    fields: [{ name: "Provider", ns: NS, type: "xs:string", min: 0 }],
  },
  ArrayOfUntrustedCredentials: {
    kind: "array",
    qname: q("ArrayOfUntrustedCredentials"),
    item: { name: "UntrustedCredentials", ns: NS, type: "UntrustedCredentials", min: 0, max: "unbounded", nillable: true },
  },
  StringDictionary: {
    kind: "dictionary",
    qname: [ARR, "ArrayOfKeyValueOfstringstring"],
    entry: { name: "KeyValueOfstringstring", ns: ARR },
    key: { name: "Key", ns: ARR, type: "xs:string" },
    value: { name: "Value", ns: ARR, type: "xs:string", nillable: true },
  },
  CredentialFlag: { kind: "enum", qname: q("CredentialFlag"), base: "xs:string", values: ["None", "Read", "Write", "Delete"] },
  CredentialFlags: { kind: "list", qname: q("CredentialFlags"), item: "CredentialFlag" },
  ExceptionInfo: {
    kind: "struct",
    qname: q("SoExceptionInfo"),
    fields: [
      { name: "Message", ns: NS, type: "xs:string", min: 0, nillable: true },
      { name: "StackTrace", ns: NS, type: "xs:string", min: 0, nillable: true },
      { name: "FriendlyText", ns: NS, type: "xs:string", min: 0, nillable: true },
      { name: "ExceptionType", ns: NS, type: "xs:string", min: 0, nillable: true },
      { name: "Source", ns: NS, type: "xs:string", min: 0, nillable: true },
      { name: "InnerException", ns: NS, type: "ExceptionInfo", min: 0, nillable: true },
      { name: "Parameters", ns: NS, type: "StringDictionary", min: 0, nillable: true },
    ],
  },
  Credentials: { kind: "struct", qname: q("Credentials"), fields: [{ name: "Ticket", ns: NS, type: "xs:string", min: 0, nillable: true }] },
  TimeZone: { kind: "struct", qname: q("TimeZone"), fields: [{ name: "TimeZoneName", ns: NS, type: "xs:string", min: 0 }] },
  GetUntrustedCredentials: { kind: "struct", fields: [{ name: "UserId", ns: NS, type: "xs:int" }] },
  GetUntrustedCredentialsResponse: {
    kind: "struct",
    fields: [{ name: "Response", ns: NS, type: "ArrayOfUntrustedCredentials", min: 0, nillable: true }],
  },
  SaveUntrustedCredentials: { kind: "struct", fields: [{ name: "Credentials", ns: NS, type: "UntrustedCredentials", nillable: true }] },
  SaveUntrustedCredentialsResponse: { kind: "struct", fields: [{ name: "Response", ns: NS, type: "xs:boolean" }] },
} as const satisfies TypeTable;

const inHeaders: readonly FieldDescriptor[] = [
  { name: "ApplicationToken", ns: NS, type: "xs:string", nillable: true },
  { name: "Credentials", ns: NS, type: "Credentials", nillable: true },
  { name: "TimeZone", ns: NS, type: "TimeZone", nillable: true },
];
const outHeaders: readonly FieldDescriptor[] = [
  { name: "ExceptionInfo", ns: NS, type: "ExceptionInfo", nillable: true },
  { name: "ExtraInfo", ns: NS, type: "StringDictionary", nillable: true },
  { name: "Succeeded", ns: NS, type: "xs:boolean" },
  { name: "TimeZone", ns: NS, type: "TimeZone", nillable: true },
];

export const faults = [{ name: "SoExceptionInfo", field: { name: "SoExceptionInfo", ns: NS, type: "ExceptionInfo" } }] as const;

export const getUntrustedCredentials: OperationDescriptor = {
  name: "GetUntrustedCredentials",
  action: `${NS}/UserService/GetUntrustedCredentials`,
  input: { body: { kind: "element", field: { name: "GetUntrustedCredentials", ns: NS, type: "GetUntrustedCredentials" } }, headers: inHeaders },
  output: {
    body: { kind: "element", field: { name: "GetUntrustedCredentialsResponse", ns: NS, type: "GetUntrustedCredentialsResponse" } },
    headers: outHeaders,
    unwrap: "Response",
  },
  faults,
};

export const saveUntrustedCredentials: OperationDescriptor = {
  name: "SaveUntrustedCredentials",
  action: `${NS}/UserService/SaveUntrustedCredentials`,
  input: { body: { kind: "element", field: { name: "SaveUntrustedCredentials", ns: NS, type: "SaveUntrustedCredentials" } }, headers: inHeaders },
  output: {
    body: { kind: "element", field: { name: "SaveUntrustedCredentialsResponse", ns: NS, type: "SaveUntrustedCredentialsResponse" } },
    headers: outHeaders,
    unwrap: "Response",
  },
  faults,
};

export function descriptor(soap: "1.1" | "1.2" = "1.1", endpoint = "http://crm.example/Services88/User.svc"): ClientDescriptor {
  return {
    port: "BasicHttpBinding_User",
    soap,
    endpoint,
    types,
    operations: { getUntrustedCredentials, saveUntrustedCredentials },
    failure: { flag: "Succeeded", failureValue: false, detail: "ExceptionInfo", type: "ExceptionType", message: "Message", inner: "InnerException" },
  };
}

// ---- what the generator would emit as TypeScript types ----

export type CredentialFlag = "None" | "Read" | "Write" | "Delete";
export interface UntrustedCredentials {
  FieldProperties?: Record<string, string | null> | null;
  UntrustedCredentialsId: number;
  ValidFrom: DateTimeString;
  ValidTo?: DateTimeString;
  Description?: string | null;
  IsActive?: boolean;
  SecretValue?: string | null;
  Flags?: CredentialFlag[];
  TokenCount?: number;
}
export interface UntrustedCredentialsInput extends Omit<UntrustedCredentials, "ValidFrom" | "ValidTo"> {
  ValidFrom: DateTimeInput;
  ValidTo?: DateTimeInput;
  $type?: "UntrustedCredentials" | "ExternalCredentials";
  Provider?: string;
}
export interface ExceptionInfo {
  Message?: string | null;
  StackTrace?: string | null;
  FriendlyText?: string | null;
  ExceptionType?: string | null;
  Source?: string | null;
  InnerException?: ExceptionInfo | null;
  Parameters?: Record<string, string | null> | null;
}
export interface RequestHeaders {
  ApplicationToken?: string | null;
  Credentials?: { Ticket?: string | null } | null;
  TimeZone?: { TimeZoneName?: string } | null;
}
export interface ResponseHeaders {
  ExceptionInfo?: ExceptionInfo | null;
  ExtraInfo?: Record<string, string | null> | null;
  Succeeded?: boolean;
  TimeZone?: { TimeZoneName?: string } | null;
}

export interface UserOps {
  getUntrustedCredentials: { input: { UserId: number }; output: UntrustedCredentials[] | null | undefined; requestHeaders: RequestHeaders; responseHeaders: ResponseHeaders };
  saveUntrustedCredentials: { input: { Credentials: UntrustedCredentialsInput | null }; output: boolean; requestHeaders: RequestHeaders; responseHeaders: ResponseHeaders };
}

export class UserAgent extends SoapClient<UserOps, RequestHeaders> {
  constructor(options?: ClientOptions<RequestHeaders>, soap: "1.1" | "1.2" = "1.1") {
    super(descriptor(soap), options);
  }
  getUntrustedCredentials(input: UserOps["getUntrustedCredentials"]["input"], options?: CallOptions<RequestHeaders>) {
    return this.$call("getUntrustedCredentials", input, options);
  }
  saveUntrustedCredentials(input: UserOps["saveUntrustedCredentials"]["input"], options?: CallOptions<RequestHeaders>) {
    return this.$call("saveUntrustedCredentials", input, options);
  }
}

// ---- response builders ----

export function envelope(body: string, header = "", soap: "1.1" | "1.2" = "1.2"): string {
  const ns = soap === "1.2" ? SOAP12 : SOAP11;
  return `<?xml version="1.0" encoding="utf-8"?>\n<s:Envelope xmlns:s="${ns}">` + (header === "" ? "" : `<s:Header>${header}</s:Header>`) + `<s:Body>${body}</s:Body></s:Envelope>`;
}

export function okHeaders(extra = ""): string {
  return `<Succeeded xmlns="${NS}">true</Succeeded>${extra}`;
}

export function credentialXml(id: number, extra = ""): string {
  return (
    `<UntrustedCredentials><FieldProperties i:nil="true"/><UntrustedCredentialsId>${id}</UntrustedCredentialsId>` +
    `<ValidFrom>2022-03-25T21:34:02.1234567+01:00</ValidFrom><Description>Cred ${id}</Description>` +
    `<IsActive>true</IsActive><SecretValue>s3cret-value-${id}</SecretValue>${extra}</UntrustedCredentials>`
  );
}

export function credentialsResponse(items: string[]): string {
  return `<GetUntrustedCredentialsResponse xmlns="${NS}"><Response xmlns:i="${XSI}">${items.join("")}</Response></GetUntrustedCredentialsResponse>`;
}

export type { XmlElement };
