/**
 * Tokenizer and decoder speed on a ~3.6 MB SuperOffice-like response.
 * Run: node --import tsx test/runtime/speed.bench.ts [runs]
 * The first run of each phase is "cold" (fresh process, code not yet optimised by the JIT); the others are warm.
 */
import { decodeResponse } from "../../templates/runtime/decode.js";
import { EOF, START, TEXT, XmlReader } from "../../templates/runtime/xml.js";
import { credentialsResponse, credentialXml, descriptor, envelope, getUntrustedCredentials, NS, okHeaders } from "./service.js";

const runs = Number(process.argv[2] ?? 20);

function buildResponse(targetChars: number): string {
  const items: string[] = [];
  let size = 0;
  for (let i = 0; size < targetChars; i++) {
    const item =
      "\n  " +
      credentialXml(i, `<Flags>Read Write</Flags>`).replace(
        '<FieldProperties i:nil="true"/>',
        `<FieldProperties xmlns:a="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><a:KeyValueOfstringstring><a:Key>k${i}</a:Key><a:Value>v &amp; ${i} – ü</a:Value></a:KeyValueOfstringstring></FieldProperties>`,
      );
    items.push(item);
    size += item.length;
  }
  return envelope(credentialsResponse(items), okHeaders(`<TimeZone xmlns="${NS}"><TimeZoneName>CET</TimeZoneName></TimeZone>`));
}

function tokenize(xml: string): number {
  const r = new XmlReader(xml);
  let n = 0;
  for (let k = r.next(); k !== EOF; k = r.next()) {
    if (k === START) n++;
    else if (k === TEXT) n += r.text.length > 0 ? 0 : 1;
  }
  return n;
}

function time(label: string, fn: () => unknown): void {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  const warm = times.slice(1).sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)] ?? Number.NaN;
  console.log(`${label}: cold ${times[0]?.toFixed(1)} ms, warm median ${median.toFixed(1)} ms, best ${warm[0]?.toFixed(1)} ms (${runs} runs)`);
}

const xml = buildResponse(3.6e6);
const bytes = new TextEncoder().encode(xml).length;
console.log(`response: ${(xml.length / 1e6).toFixed(2)} M chars, ${(bytes / 1024 / 1024).toFixed(2)} MiB UTF-8`);
time("tokenize", () => tokenize(xml));
const client = descriptor("1.1");
let items = 0;
time("decodeResponse", () => {
  items = (decodeResponse(client, getUntrustedCredentials, xml).body as unknown[]).length;
});
console.log(`decoded ${items} UntrustedCredentials`);
