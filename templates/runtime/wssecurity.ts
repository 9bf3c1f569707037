/**
 * WS-Security UsernameToken (OASIS Web Services Security UsernameToken Profile 1.1), as an extra SOAP header:
 *
 *   // A fresh token for every call (a new nonce and Created each time):
 *   const client = new UserClient({
 *     soapHeaders: async () => [await usernameToken({ username, password, passwordType: "PasswordDigest" })],
 *   });
 *   // Or for one call:
 *   await client.getUser(input, { soapHeaders: [await usernameToken({ username, password })] });
 *
 * A token with a nonce or a timestamp must be made per message (services cache nonces to refuse replays and
 * check Created for freshness), hence the function form of `ClientOptions.soapHeaders`.
 *
 * The element is built with the URIs the profile defines (its Type and EncodingType URIs are the 1.0 ones,
 * which version 1.1 keeps). WebCrypto provides SHA-1 (`crypto.subtle`, which browsers only offer in secure
 * contexts: https or localhost) and the random nonce (`crypto.getRandomValues`).
 */
import { SOAP_ENVELOPE_NS } from "./encode.js";
import { SOAP11_ENV, SOAP12_ENV } from "./schema.js";
import { encodePrimitive } from "./values.js";
import type { XmlAttribute, XmlElement } from "./xml.js";

/** WS-Security 1.0 `wsse:` namespace. */
export const WSSE_NS = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
/** WS-Security utility `wsu:` namespace (Timestamp, Created, Expires, Id). */
export const WSU_NS = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";

// The URIs are written out whole: a bundler keeps the computation (a template or `+`) of an unused constant.
/** wsse:Password/@Type (username token profile 1.0 §3.1). */
export const PASSWORD_TEXT = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";
export const PASSWORD_DIGEST = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
/** wsse:Nonce/@EncodingType (SOAP Message Security 1.1 §4.1). */
export const BASE64_BINARY = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";

const NONCE_BYTES = 16;

export interface UsernameTokenOptions {
  readonly username: string;
  readonly password: string;
  /** Default "PasswordText" (the password as is: only over TLS). */
  readonly passwordType?: "PasswordText" | "PasswordDigest";
  /**
   * wsse:Nonce: its bytes, `true` for 16 random bytes, `false` for none. Default: random with PasswordDigest,
   * none with PasswordText (some profiles forbid Nonce and Created with PasswordText).
   */
  readonly nonce?: Uint8Array | boolean;
  /**
   * The token's wsu:Created: a time, `true` for now, `false` for none. Default: now with PasswordDigest, none
   * with PasswordText. A Date is written as xsd:dateTime in UTC with milliseconds (`2024-05-01T12:00:00.000Z`);
   * a string is written as it is (an xsd:dateTime with a zone; `2024-05-01T12:00:00Z` for a server that wants
   * whole seconds) and is what the digest covers.
   */
  readonly created?: Date | string | boolean;
  /**
   * Adds a wsu:Timestamp (first in the Security header) whose Created is the token's creation time (now when
   * the token has none) and whose Expires is `ttlSeconds` later; both in UTC, with milliseconds unless the
   * token's Created was given as a string without fractional seconds.
   */
  readonly timestamp?: { readonly ttlSeconds: number };
  /** Adds `mustUnderstand="1"` (SOAP 1.1 §4.2.3, SOAP 1.2 Part 1 §5.2.3) to wsse:Security. */
  readonly mustUnderstand?: boolean;
  /**
   * The SOAP version whose envelope namespace qualifies `mustUnderstand`. Default: `SOAP_ENVELOPE_NS`, which the
   * encoder replaces by the namespace of the envelope the header is sent in, so one token suits both versions.
   * Set it when the element is serialized by something other than this runtime.
   */
  readonly soapVersion?: "1.1" | "1.2";
}

/**
 * A `wsse:Security` header holding a UsernameToken (and a Timestamp when asked), for `soapHeaders`.
 * Async because SHA-1 comes from WebCrypto. With `nonce` and `created` given, the result is deterministic.
 * The password (or its digest) is in `wsse:Password`, a secret-looking name: the client redacts it in hook
 * output and error messages. Username, Nonce and Created are not redacted: they are public by design (a
 * nonce and a time are no use without the password); `secretNames: ["Nonce"]` hides the nonce too.
 */
export async function usernameToken(options: UsernameTokenOptions): Promise<XmlElement> {
  const { username, password } = options;
  if (typeof username !== "string" || typeof password !== "string") throw new TypeError("usernameToken: username and password must be strings");
  const type = options.passwordType ?? "PasswordText";
  if (type !== "PasswordText" && type !== "PasswordDigest") throw new TypeError('usernameToken: passwordType must be "PasswordText" or "PasswordDigest"');
  const digest = type === "PasswordDigest";
  const nonceOption = options.nonce ?? digest;
  const nonce = nonceOption === true ? randomBytes(NONCE_BYTES) : nonceOption === false ? undefined : nonceOption;
  if (nonce !== undefined && (!(nonce instanceof Uint8Array) || nonce.length === 0)) throw new TypeError("usernameToken: nonce must be a non-empty Uint8Array or a boolean");
  const createdOption = options.created ?? digest;
  const createdAt = createdOption === true ? new Date() : createdOption === false ? undefined : createdOption;
  const created = createdAt === undefined ? undefined : typeof createdAt === "string" ? checkedDateTime(createdAt) : dateTime(createdAt, "created", true);

  const token: XmlElement[] = [el(WSSE_NS, "Username", [], [username])];
  const passwordText = digest ? await passwordDigest(nonce, created, password) : password;
  token.push(el(WSSE_NS, "Password", [attr("", "Type", digest ? PASSWORD_DIGEST : PASSWORD_TEXT)], [passwordText]));
  if (nonce !== undefined) token.push(el(WSSE_NS, "Nonce", [attr("", "EncodingType", BASE64_BINARY)], [base64(nonce)]));
  if (created !== undefined) token.push(el(WSU_NS, "Created", [], [created]));

  const children: XmlElement[] = [];
  if (options.timestamp !== undefined) {
    const ttl = options.timestamp.ttlSeconds;
    if (typeof ttl !== "number" || !Number.isFinite(ttl) || ttl <= 0) throw new RangeError("usernameToken: timestamp.ttlSeconds must be a positive number");
    const start = typeof createdAt === "string" ? new Date(createdAt) : (createdAt ?? new Date());
    const millis = created === undefined || /T[0-9:]+\./.test(created);
    const expires = dateTime(new Date(start.getTime() + ttl * 1000), "timestamp expiry", millis);
    children.push(el(WSU_NS, "Timestamp", [], [el(WSU_NS, "Created", [], [dateTime(start, "created", millis)]), el(WSU_NS, "Expires", [], [expires])]));
  }
  children.push(el(WSSE_NS, "UsernameToken", [], token));
  const envNs = options.soapVersion === undefined ? SOAP_ENVELOPE_NS : options.soapVersion === "1.2" ? SOAP12_ENV : SOAP11_ENV;
  return el(WSSE_NS, "Security", options.mustUnderstand === true ? [attr(envNs, "mustUnderstand", "1")] : [], children);
}

/**
 * The profile's §3.1 digest: Base64(SHA-1(nonce + created + password)), the nonce as its bytes (not its base64
 * text), `created` as the exact text of wsu:Created and the password in UTF-8; an absent nonce or created is
 * left out of the concatenation.
 */
export async function passwordDigest(nonce: Uint8Array | undefined, created: string | undefined, password: string): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) throw new Error("PasswordDigest needs WebCrypto (crypto.subtle); browsers only provide it in secure contexts (https)");
  const tail = new TextEncoder().encode(`${created ?? ""}${password}`);
  const head = nonce ?? new Uint8Array(0);
  const input = new Uint8Array(head.length + tail.length);
  input.set(head, 0);
  input.set(tail, head.length);
  return base64(new Uint8Array(await subtle.digest("SHA-1", input)));
}

function randomBytes(n: number): Uint8Array {
  const c = globalThis.crypto;
  if (c === undefined || typeof c.getRandomValues !== "function") throw new Error("usernameToken: a random nonce needs WebCrypto (crypto.getRandomValues)");
  return c.getRandomValues(new Uint8Array(n));
}

/** xsd:dateTime in UTC, with milliseconds or whole seconds (WS-I BSP: at most three fractional digits). */
function dateTime(d: Date, what: string, millis: boolean): string {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new RangeError(`usernameToken: ${what} is not a valid Date`);
  const s = d.toISOString();
  if (!/^\d{4}-/.test(s)) throw new RangeError(`usernameToken: ${what} is outside the years 0000–9999`);
  return millis ? s : `${s.slice(0, 19)}Z`;
}

// xsd:dateTime with a time zone (WS-Security times are instants).
const DATE_TIME = /^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;

function checkedDateTime(s: string): string {
  if (!DATE_TIME.test(s) || Number.isNaN(new Date(s).getTime())) throw new RangeError("usernameToken: created must be an xsd:dateTime with a time zone");
  return s;
}

function base64(bytes: Uint8Array): string {
  return encodePrimitive("base64Binary", bytes);
}

function el(ns: string, name: string, attributes: readonly XmlAttribute[], children: readonly (XmlElement | string)[]): XmlElement {
  return { name, ns, attributes, children };
}

function attr(ns: string, name: string, value: string): XmlAttribute {
  return { name, ns, value };
}
