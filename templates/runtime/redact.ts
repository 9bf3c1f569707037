/**
 * Keeping secrets out of error messages, excerpts and hook output.
 *
 * Two complementary mechanisms:
 * - by name: the text directly inside an element (or the value of an attribute) whose name looks secret is
 *   replaced by `[redacted]` in XML excerpts. Only the element's own name counts: an operation such as
 *   `GetUntrustedCredentials` does not make its whole body secret;
 * - by value: every string value the runtime put into the outgoing request under a secret-looking name (at any
 *   depth, body or headers) is replaced wherever it appears (a fault reason echoing a ticket, an HTML error
 *   page showing a password…). Values shorter than `MIN_SECRET_LENGTH` are only redacted by name: replacing
 *   every "1" or "abc" in a text would destroy it while protecting nothing worth protecting.
 */
import type { FieldDescriptor } from "./descriptors.js";
import { escapeAttribute, escapeText } from "./xml.js";

export const REDACTED = "[redacted]";
export const MIN_SECRET_LENGTH = 4;

const DEFAULT_SECRET = /password|passwd|secret|ticket|token|api[-_]?key|credential/i;

/** Decides which names are secret: the defaults plus extra names (matched whole, case-insensitively). */
export class SecretPolicy {
  private readonly extra: ReadonlySet<string>;
  private readonly fields = new WeakMap<FieldDescriptor, boolean>();

  constructor(extraNames: readonly string[] = []) {
    this.extra = new Set(extraNames.map((n) => n.toLowerCase()));
  }

  isSecretName(name: string): boolean {
    return DEFAULT_SECRET.test(name) || this.extra.has(name.toLowerCase());
  }

  /** Whether a field's element name or property name looks secret (cached per descriptor). */
  isSecretField(f: FieldDescriptor): boolean {
    let s = this.fields.get(f);
    if (s === undefined) {
      s = this.isSecretName(f.name) || (f.prop !== undefined && this.isSecretName(f.prop));
      this.fields.set(f, s);
    }
    return s;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export class Redactor {
  // Built on first use: most calls never redact anything (only hooks and errors do).
  #values: Iterable<string> | undefined;
  #pattern: RegExp | undefined;
  readonly policy: SecretPolicy;

  constructor(policy: SecretPolicy, values: Iterable<string> = []) {
    this.policy = policy;
    this.#values = values;
  }

  #compile(values: Iterable<string>): RegExp | undefined {
    const forms = new Set<string>();
    for (const v of values) {
      if (v.length < MIN_SECRET_LENGTH) continue;
      // The value as sent, as echoed inside XML, in a URL, and quoted in a message (JSON.stringify).
      forms.add(v).add(escapeText(v)).add(escapeAttribute(v)).add(encodeURIComponent(v)).add(JSON.stringify(v).slice(1, -1));
    }
    // Longest first, so that a secret containing another is replaced whole.
    const sorted = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
    return sorted.length === 0 ? undefined : new RegExp(sorted.join("|"), "g");
  }

  /** Replaces every known secret value. */
  text(s: string): string {
    const values = this.#values;
    if (values !== undefined) {
      this.#values = undefined;
      this.#pattern = this.#compile(values);
    }
    return this.#pattern === undefined ? s : s.replace(this.#pattern, REDACTED);
  }

  /**
   * Redacts an XML (or XML-looking) text: secret-named elements' content and secret-named attributes, then
   * secret values. Tolerant of malformed input (truncated bodies, HTML), since it only runs for diagnostics.
   */
  xml(s: string): string {
    return this.text(redactByName(s, this.policy));
  }

  /** A diagnostic excerpt of a response body: HTML reduced to text, whitespace collapsed, redacted, ≤ `max`. */
  excerpt(body: string, contentType: string, max = 500): string {
    const html = /html/i.test(contentType) || /^\s*(<!doctype html|<html)/i.test(body);
    const redacted = html ? this.text(htmlToText(body)) : this.xml(body);
    const collapsed = redacted.replace(/\s+/g, " ").trim();
    return collapsed.length <= max ? collapsed : `${collapsed.slice(0, max - 1)}…`;
  }
}

const TAG = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<\?[\s\S]*?(?:\?>|$)|<\/?([^\s/>!?]+)([^>]*)>/g;
const ATTR = /([^\s=/]+)(\s*=\s*)("[^"]*"|'[^']*')/g;

function localName(qname: string): string {
  return qname.slice(qname.indexOf(":") + 1);
}

function redactByName(xml: string, policy: SecretPolicy): string {
  const stack: boolean[] = [];
  let out = "";
  let last = 0;
  let secret = false;
  for (let m = TAG.exec(xml); m !== null; m = TAG.exec(xml)) {
    const text = xml.slice(last, m.index);
    out += secret && text.trim() !== "" ? REDACTED : text;
    last = TAG.lastIndex;
    const tag = m[0];
    const name = m[1];
    if (name === undefined) {
      out += secret && tag.startsWith("<![CDATA[") ? `<![CDATA[${REDACTED}]]>` : tag;
      continue;
    }
    if (tag.startsWith("</")) {
      stack.pop();
      secret = stack[stack.length - 1] ?? false;
      out += tag;
      continue;
    }
    const own = policy.isSecretName(localName(name));
    out += redactAttributes(tag, policy);
    if (!tag.endsWith("/>")) {
      stack.push(own);
      secret = own;
    }
  }
  TAG.lastIndex = 0;
  const rest = xml.slice(last);
  return out + (secret && rest.trim() !== "" ? REDACTED : rest);
}

function redactAttributes(tag: string, policy: SecretPolicy): string {
  return tag.replace(ATTR, (all: string, name: string, eq: string, quoted: string) => {
    if (name.startsWith("xmlns") || !policy.isSecretName(localName(name))) return all;
    const q = quoted.charAt(0);
    return `${name}${eq}${q}${REDACTED}${q}`;
  });
}

/** Visible text of an HTML page (scripts and styles dropped, a few common entities decoded). */
function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

const SECRET_HTTP_HEADERS = /^(authorization|proxy-authorization|cookie|set-cookie)$/i;

/** HTTP headers for hooks: credentials and secret-named headers redacted. */
/** Authorization, Proxy-Authorization, Cookie, Set-Cookie. */
export function isSecretHttpHeader(name: string): boolean {
  return SECRET_HTTP_HEADERS.test(name);
}

export function redactHttpHeaders(headers: Readonly<Record<string, string>>, r: Redactor): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    out[k] = SECRET_HTTP_HEADERS.test(k) || r.policy.isSecretName(k) ? REDACTED : r.text(v);
  }
  return out;
}

/**
 * An endpoint for messages and hooks: userinfo (user name and password) removed, secret-named query parameters
 * and known secret values redacted.
 */
export function redactUrl(endpoint: string, r: Redactor): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return r.text(endpoint.replace(/\/\/[^/@?#]*@/, "//"));
  }
  url.username = "";
  url.password = "";
  // forEach rather than keys(): iterating URLSearchParams needs lib "DOM.Iterable", which consumers may not have.
  const secretKeys: string[] = [];
  url.searchParams.forEach((_value, key) => {
    if (r.policy.isSecretName(key)) secretKeys.push(key);
  });
  for (const key of secretKeys) url.searchParams.set(key, "redacted");
  return r.text(url.toString());
}

/** The user name and password of an endpoint's userinfo (as written and percent-decoded), to redact as values. */
export function urlSecrets(endpoint: string): string[] {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    const m = /\/\/([^/@?#]*)@/.exec(endpoint);
    return m?.[1] === undefined ? [] : m[1].split(":");
  }
  const out: string[] = [];
  for (const v of [url.username, url.password]) {
    if (v === "") continue;
    out.push(v);
    try {
      out.push(decodeURIComponent(v));
    } catch {
      // Not valid percent-encoding: the raw form is enough.
    }
  }
  return out;
}

/**
 * A cause chain safe to keep on an error: each link a plain Error with its name, its `code` (ECONNREFUSED…) and
 * its message redacted (the platform's messages may quote a URL with its userinfo, a parser's the offending
 * text). At most 8 links; anything that is not an Error becomes its redacted String().
 */
export function redactCause(e: unknown, r: Redactor, depth = 0): Error {
  // The standard classes are kept (code may test `cause instanceof TypeError`); anything else is an Error.
  const Ctor = e instanceof TypeError ? TypeError : e instanceof RangeError ? RangeError : Error;
  const safe = new Ctor(r.text(e instanceof Error ? e.message : String(e)));
  if (e instanceof Error) {
    safe.name = r.text(e.name);
    const code = (e as Error & { code?: unknown }).code;
    if (typeof code === "string" || typeof code === "number") Object.assign(safe, { code: r.text(String(code)) });
    if (e.cause !== undefined && depth < 8) safe.cause = redactCause(e.cause, r, depth + 1);
  }
  safe.stack = `${safe.name}: ${safe.message}`;
  return safe;
}
