/**
 * Turning the bytes of a document into text the way XML 1.0 §4.3.3 and Appendix F say: a byte order mark
 * first, then the encoding the XML declaration names, else UTF-8. Decoding is strict (TextDecoder with
 * fatal: true): a byte sequence that is not valid in the encoding is an error with its position, never a
 * silent U+FFFD. The byte order mark and XML declaration rules are the runtime's (templates/runtime/charset.ts),
 * which reads responses the same way.
 */
import { bomEncoding, declaredEncodingAt } from "../../templates/runtime/charset.js";
import type { SourcePos } from "../diagnostics.js";

export class EncodingError extends Error {
  constructor(
    message: string,
    readonly pos: SourcePos,
  ) {
    super(message);
    this.name = "EncodingError";
  }
}

/** Decodes a document's bytes; throws EncodingError (with file:line:column) when they cannot be decoded. */
export function decodeDocument(bytes: Uint8Array, file: string): string {
  let encoding: string;
  let start = 0;
  let source: string;
  const bom = bomEncoding(bytes);
  if (bom) {
    encoding = bom;
    start = bom === "utf-8" ? 3 : 2;
    source = "byte order mark";
  } else if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) {
    encoding = "utf-16le";
    source = "first bytes (UTF-16LE without byte order mark)";
  } else if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) {
    encoding = "utf-16be";
    source = "first bytes (UTF-16BE without byte order mark)";
  } else {
    const declared = declaredEncodingAt(bytes);
    if (declared) {
      const label = declared.name.toLowerCase();
      if (/^utf-?16/.test(label) || /^(ucs-?2|utf-?32|ucs-?4)/.test(label)) {
        throw new EncodingError(`the XML declaration says encoding="${declared.name}", but the document has no byte order mark and its first bytes are single-byte text`, {
          file,
          line: 1,
          column: declared.column,
        });
      }
      let ok = true;
      try {
        new TextDecoder(label);
      } catch {
        ok = false;
      }
      if (!ok) throw new EncodingError(`unsupported encoding "${declared.name}" in the XML declaration`, { file, line: 1, column: declared.column });
      encoding = label;
      source = `XML declaration encoding="${declared.name}"`;
    } else {
      encoding = "utf-8";
      source = "default, no encoding declared";
    }
  }
  const body = bytes.subarray(start);
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const at = firstInvalid(body, encoding);
    const before = new TextDecoder(encoding, { fatal: false, ignoreBOM: true }).decode(body.subarray(0, at));
    const lines = before.split("\n");
    const line = lines.length;
    const column = (lines[lines.length - 1] ?? "").length + 1;
    const shown = [...body.subarray(at, at + 4)].map((b) => b.toString(16).padStart(2, "0")).join(" ");
    throw new EncodingError(`bytes ${shown} at offset ${at + start} are not valid ${encoding.toUpperCase()} (encoding from ${source})`, { file, line, column });
  }
}

/** Byte offset of the first byte that cannot be decoded (binary search over strict streaming decodes). */
function firstInvalid(bytes: Uint8Array, encoding: string): number {
  const validPrefix = (n: number): boolean => {
    try {
      new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, n), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let lo = 0;
  let hi = bytes.length;
  // Largest n with a valid prefix of n bytes.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (validPrefix(mid)) lo = mid;
    else hi = mid - 1;
  }
  // Byte `lo` makes the sequence invalid; the sequence starts at the last point where the text is whole.
  let at = lo;
  const whole = (n: number): boolean => {
    try {
      new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, n));
      return true;
    } catch {
      return false;
    }
  };
  for (let i = 0; i < 4 && at > 0 && !whole(at); i++) at--;
  return at;
}
