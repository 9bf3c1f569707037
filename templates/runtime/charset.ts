/**
 * Response text from bytes, in the encoding the response declares (XML 1.0 Appendix F, RFC 7303 §3):
 * a byte order mark (UTF-8, UTF-16LE/BE) first, else the Content-Type `charset`, else the XML declaration's
 * `encoding`, else UTF-8. Decoding is strict (`TextDecoder` with `fatal: true`): bytes that are not valid in
 * that encoding, or an encoding the platform's TextDecoder does not know, are a `CharsetError`, never text
 * silently patched with U+FFFD.
 */
export class CharsetError extends Error {
  override name = "CharsetError";
}

/** The charset parameter of a media type, if any (quoted strings read whole: SOAP 1.2's `action="…;charset=…"` is none). */
export function charsetParam(contentType: string): string | undefined {
  const v = parseMediaType(contentType).params.get("charset");
  return v === "" ? undefined : v;
}

/** A media type (RFC 2045 §5.1): `type/subtype` lower-cased, parameter names lower-cased, values unquoted. */
export interface MediaType {
  readonly type: string;
  readonly params: ReadonlyMap<string, string>;
}

/**
 * Parses a Content-Type. Lenient where real services are sloppy: a trailing `;`, unquoted values holding
 * tspecials (`type=text/xml`), an unterminated quoted string. The first of repeated parameters wins.
 */
export function parseMediaType(value: string): MediaType {
  const semi = value.indexOf(";");
  const type = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  const params = new Map<string, string>();
  let i = semi < 0 ? value.length : semi + 1;
  while (i < value.length) {
    const eq = value.indexOf("=", i);
    const next = value.indexOf(";", i);
    if (eq < 0 || (next >= 0 && next < eq)) {
      // A parameter without a value: skip it.
      i = next < 0 ? value.length : next + 1;
      continue;
    }
    const name = value.slice(i, eq).trim().toLowerCase();
    let j = eq + 1;
    while (j < value.length && (value[j] === " " || value[j] === "\t")) j++;
    let v = "";
    if (value[j] === '"') {
      // quoted-string (RFC 822 §3.3): backslash quotes the next character.
      for (j++; j < value.length && value[j] !== '"'; j++) {
        if (value[j] === "\\" && j + 1 < value.length) j++;
        v += value[j];
      }
      const end = value.indexOf(";", j);
      i = end < 0 ? value.length : end + 1;
    } else {
      const end = value.indexOf(";", j);
      v = value.slice(j, end < 0 ? value.length : end).trim();
      i = end < 0 ? value.length : end + 1;
    }
    if (name !== "" && !params.has(name)) params.set(name, v);
  }
  return { type, params };
}

/** The encoding a byte order mark names (UTF-8: 3 bytes, UTF-16LE/BE: 2). Shared with the generator. */
export function bomEncoding(b: Uint8Array): string | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return "utf-8";
  if (b[0] === 0xff && b[1] === 0xfe) return "utf-16le";
  if (b[0] === 0xfe && b[1] === 0xff) return "utf-16be";
  return undefined;
}

/** The `encoding` of an XML declaration written in an ASCII-compatible encoding, if any. */
export function declaredEncoding(b: Uint8Array): string | undefined {
  return declaredEncodingAt(b)?.name;
}

/**
 * The same with the 1-based column of the value (for the generator's messages): read from at most the first
 * 200 bytes, up to the first non-ASCII byte or `>`.
 */
export function declaredEncodingAt(b: Uint8Array): { name: string; column: number } | undefined {
  if (b[0] !== 0x3c || b[1] !== 0x3f) return undefined;
  let head = "";
  for (let i = 0; i < b.length && i < 200; i++) {
    const c = b[i] ?? 0;
    if (c >= 0x80) break;
    head += String.fromCharCode(c);
    if (c === 0x3e) break;
  }
  const decl = /^<\?xml\s[^?>]*?\bencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/.exec(head);
  if (!decl || decl[2] === undefined) return undefined;
  return { name: decl[2], column: decl[0].length - decl[2].length };
}

/** Decodes a response body strictly; `charset` is the Content-Type's (or a MIME part's) charset parameter. */
export function decodeText(bytes: Uint8Array, charset: string | undefined): string {
  const label = bomEncoding(bytes) ?? charset ?? declaredEncoding(bytes) ?? "utf-8";
  const decoder = decoderFor(label);
  try {
    // TextDecoder drops the byte order mark of its own encoding.
    return decoder.decode(bytes);
  } catch {
    throw new CharsetError(`the body is not valid ${decoder.encoding} (invalid byte sequence)`);
  }
}

// Strict decoders by label, made once (a decode without `stream` starts afresh, so one serves every call). Few
// labels are ever met; a response naming many different ones only fills the cache up to its bound.
const decoders = new Map<string, TextDecoder>();
const MAX_DECODERS = 16;

function decoderFor(label: string): TextDecoder {
  const cached = decoders.get(label);
  if (cached !== undefined) return cached;
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw new CharsetError(`unsupported character encoding ${JSON.stringify(label.slice(0, 40))}`);
  }
  if (decoders.size < MAX_DECODERS) decoders.set(label, decoder);
  return decoder;
}

/** Lenient UTF-8, for diagnostics (error excerpts) of a body that could not be decoded. */
export function decodeLenient(bytes: Uint8Array): string {
  return new TextDecoder("utf-8").decode(bytes);
}
