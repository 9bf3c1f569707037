/**
 * URL rules the runtime and the wsdlc command share (bin/reader.ts imports this file): which redirects are
 * followed, and how a URL is shown in a message.
 */

/** A URL as messages show it: origin and path only (no userinfo, query or fragment: they may carry secrets). */
export function shownUrl(href: string): string {
  try {
    const u = new URL(href);
    return `${u.origin}${u.pathname}`;
  } catch {
    return "(an invalid URL)";
  }
}

/**
 * Whether two URLs share one origin (scheme, host and port), the only redirects that are followed; undefined
 * when either is not a URL.
 */
export function sameOrigin(a: string, b: string): boolean | undefined {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return undefined;
  }
}
