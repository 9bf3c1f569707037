/**
 * HTTP authentication headers to spread into `httpHeaders`. Their values are secrets: the client redacts the
 * Authorization header in hook events, and its value (and, for Basic, the decoded user:password and password)
 * wherever a response echoes it (see `authorizationSecrets`).
 */

/** RFC 7617 Basic: `user:password` as UTF-8, base64. No Node Buffer: the runtime also runs in browsers. */
export function basicAuth(user: string, password: string): { Authorization: string } {
  if (user.includes(":")) throw new TypeError("basicAuth: the user name must not contain ':' (RFC 7617)");
  return { Authorization: `Basic ${base64(new TextEncoder().encode(`${user}:${password}`))}` };
}

/** RFC 6750 Bearer token. */
export function bearerAuth(token: string): { Authorization: string } {
  if (/[\r\n]/.test(token)) throw new TypeError("bearerAuth: the token must not contain a line break");
  return { Authorization: `Bearer ${token}` };
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** The forms of an Authorization-like header value a response might echo: whole, credentials, and Basic's decoded parts. */
export function authorizationSecrets(value: string): string[] {
  const out = [value];
  const m = /^(\S+)\s+(.+)$/.exec(value.trim());
  if (m?.[1] === undefined || m[2] === undefined) return out;
  out.push(m[2]);
  if (m[1].toLowerCase() !== "basic") return out;
  try {
    const binary = atob(m[2]);
    const decoded = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    out.push(decoded);
    const colon = decoded.indexOf(":");
    if (colon >= 0) out.push(decoded.slice(colon + 1));
  } catch {
    // Not base64 or not UTF-8: the raw forms are enough.
  }
  return out;
}
