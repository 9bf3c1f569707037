/**
 * Streaming a long response: 100,000 items over HTTP stay within bounded memory (what the call holds alive, after
 * full GCs). Apart from test/runtime/stream.test.ts because it takes seconds (it runs in the full suite, not in
 * `npm run test:unit`).
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { startLoopback, type Loopback } from "../helpers/loopback.js";
import { serveItems, StreamAgent } from "./stream-service.js";

let srv: Loopback;
before(async () => {
  srv = await startLoopback();
});
after(async () => {
  await srv.close();
});

test("100,000 items over HTTP: all decoded in order, heap growth bounded (the response is ~47 MB)", async () => {
  const N = 100_000;
  srv.handlers.set("/big", (_req, _b, res) => serveItems(res, N));
  // What the call holds alive (after a full GC), sampled while iterating: not garbage that happens to be uncollected.
  v8.setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  let count = 0;
  for await (const item of new StreamAgent({ endpoint: `${srv.base}/big`, timeout: 120_000 }).getUntrustedCredentialsStream({ UserId: 1 })) {
    assert.equal(item?.UntrustedCredentialsId, count);
    count++;
    if (count % 5000 === 0) {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed - base);
    }
  }
  assert.equal(count, N);
  // A buffered call holds the text (~47 MB) and 100,000 decoded objects at once; the stream holds a chunk.
  assert.ok(peak < 16 * 1024 * 1024, `the call held ${(peak / 1048576).toFixed(1)} MB`);
});
