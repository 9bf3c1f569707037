/**
 * Long soak (not run in CI): sequential and concurrent calls against a loopback server, reporting heap after GC
 * every 10,000 calls, and checking every answer against its call (no mix-ups).
 *
 *   node --expose-gc --import tsx test/bench/soak.ts [calls=100000] [concurrency=50]
 *
 * Exits 1 if any answer is wrong or the heap after GC grew by more than 16 MiB between the first report and
 * the last. Bounded: stops after `calls` calls or 30 minutes, whichever comes first.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { credentialsResponse, credentialXml, envelope, okHeaders, UserAgent } from "../runtime/service.js";

const calls = Number(process.argv[2] ?? 100_000);
const concurrency = Number(process.argv[3] ?? 50);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) console.warn("soak: run with --expose-gc for heap figures after GC");

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const id = Number(/<ns1:UserId>(\d+)</.exec(Buffer.concat(chunks).toString("utf8"))?.[1] ?? -1);
    res.writeHead(200, { "Content-Type": "text/xml" }).end(envelope(credentialsResponse([credentialXml(id)]), okHeaders()));
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const ua = new UserAgent({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/soak`, timeout: 30_000 });

const deadline = Date.now() + 30 * 60_000;
let next = 0;
let wrong = 0;
const heaps: number[] = [];
const started = performance.now();
async function worker(): Promise<void> {
  while (next < calls && Date.now() < deadline) {
    const id = next++;
    const r = await ua.getUntrustedCredentials({ UserId: id }, { headers: { ApplicationToken: `tok-${id}` } });
    if (r?.[0]?.UntrustedCredentialsId !== id) wrong++;
    if (id > 0 && id % 10_000 === 0) {
      gc?.();
      const heap = process.memoryUsage().heapUsed;
      heaps.push(heap);
      console.log(`${id} calls, ${((performance.now() - started) / 1000).toFixed(1)} s, heap ${(heap / 1048576).toFixed(1)} MiB`);
    }
  }
}
await Promise.all(Array.from({ length: concurrency }, () => worker()));
server.closeAllConnections();
server.close();
const grown = heaps.length >= 2 ? (heaps[heaps.length - 1] ?? 0) - (heaps[0] ?? 0) : 0;
console.log(`${next} calls in ${((performance.now() - started) / 1000).toFixed(1)} s; wrong answers: ${wrong}; heap growth ${(grown / 1048576).toFixed(1)} MiB`);
process.exit(wrong === 0 && (gc === undefined || grown < 16 * 1024 * 1024) ? 0 : 1);
