/**
 * Round-trip property over the ../shared corpus: for a bounded, deterministic sample of the WSDLs that generate
 * (every third file under 250 kB, in path order, plus the SuperOffice User WSDL), every port's generated client
 * calls that port's generated mock service (`mock<Port>Service`, through its fetch handler) for each operation
 * (at most 12 per port, evenly spaced), with sampled inputs and outputs (test/helpers/samples.ts, "full" and
 * "sparse"; facet checks off on both sides, as the sampler does not write values that match patterns or length
 * limits: test/runtime/facets.test.ts covers facets). Properties, per call:
 * - the handler receives the input and request headers exactly as decoding the client's request gives them;
 * - the client gets back exactly the value and response headers the handler returned (values in their decoded
 *   form: what decoding the sampled response gives).
 * rpc/encoded operations are left out (their multi-reference form is covered by test/interop/rpc-encoded).
 */
import assert from "node:assert/strict";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, test } from "node:test";
import type { ClientDescriptor, OperationDescriptor } from "../../templates/runtime/descriptors.js";
import type { DecodedResponse } from "../../templates/runtime/decode.js";
import type { EncodeOptions } from "../../templates/runtime/encode.js";
import { loadGenerated } from "../helpers/client.js";
import { plain, USER_WSDL } from "../helpers/peers.js";
import { sampleOperation, type Variant } from "../helpers/samples.js";
import { CORPUS, corpusSkip } from "../helpers/shared.js";

type EncodeRequest = (client: ClientDescriptor, op: OperationDescriptor, input: unknown, headers: Record<string, unknown>, options?: EncodeOptions) => string;
type DecodeResponse = (client: ClientDescriptor, op: OperationDescriptor, xml: string) => DecodedResponse;
interface Mock {
  readonly fetch: typeof fetch;
  readonly calls: { input: unknown; headers: unknown }[];
  readonly handlers: Record<string, unknown>;
  readonly service: { readonly descriptor: ClientDescriptor };
}
interface Invoker {
  $invoke(method: string, input: unknown, options: { headers: unknown }): Promise<{ body: unknown; headers: unknown }>;
}
type ClientClass = (new (options: Record<string, unknown>) => Invoker) & { readonly descriptor: ClientDescriptor };

const VARIANTS: readonly Variant[] = ["full", "sparse"];
const MAX_OPS = 12;

function wsdlFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) {
        if (n !== "modules" && n !== "request-response-samples") walk(p);
      } else if (/\.wsdl$|\.wsdl\.xml$/.test(n) && statSync(p).size < 250_000) out.push(p);
    }
  };
  for (const d of ["real", "gowsdl", join("node-soap", "wsdl")]) walk(join(CORPUS, d));
  return [...out.filter((_, i) => i % 3 === 0), USER_WSDL];
}

function spaced<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)] as T);
}

/** The sampled response headers, with a failure rule's flag at its success value (else the client throws). */
function successHeaders(d: ClientDescriptor, headers: Record<string, unknown>): Record<string, unknown> {
  const rule = d.failure;
  if (rule === undefined || !Object.hasOwn(headers, rule.flag)) return headers;
  const out = { ...headers };
  if (typeof rule.failureValue === "boolean") out[rule.flag] = !rule.failureValue;
  else delete out[rule.flag];
  return out;
}

const skip = corpusSkip();

describe("round trip: generated client → generated service → generated client", { skip }, async () => {
  if (skip !== false) return;
  let wsdls = 0;
  let calls = 0;
  let capped = 0;
  let unsampled = 0;
  const problems: string[] = [];
  for (const path of wsdlFiles()) {
    const file = relative(CORPUS, path).split("\\").join("/");
    let pkg: Awaited<ReturnType<typeof loadGenerated>>;
    try {
      pkg = await loadGenerated([path]);
    } catch {
      continue; // rejected with a diagnostic: pinned in test/corpus/realworld.test.ts
    }
    wsdls++;
    const encodeRequest = pkg.module["encodeRequest"] as EncodeRequest;
    const decodeResponse = pkg.module["decodeResponse"] as DecodeResponse;
    const clients = Object.values(pkg.module).filter((v): v is ClientClass => typeof v === "function" && "descriptor" in v);
    const mocks: { mock: Mock; reply: (body: unknown, headers: unknown) => unknown }[] = [];
    for (const f of readdirSync(pkg.dir)
      .filter((n) => n.endsWith("Service.ts"))
      .sort()) {
      const m = (await import(pathToFileURL(join(pkg.dir, f)).href)) as Record<string, unknown>;
      const reply = m["reply"] as (body: unknown, headers: unknown) => unknown;
      for (const [name, v] of Object.entries(m))
        if (/^mock\w*Service$/.test(name) && typeof v === "function") mocks.push({ mock: (v as (h: object, o: object) => Mock)({}, { validate: false }), reply });
    }
    assert.equal(mocks.length, clients.length, `${file}: one mock per client`);
    for (const { mock, reply } of mocks) {
      const d = mock.service.descriptor;
      const Client = clients.find((c) => c.descriptor === d);
      assert.ok(Client, `${file}: the mock of ${d.port} runs its client's descriptor`);
      const client = new Client({ fetch: mock.fetch, endpoint: "http://roundtrip.test/", validate: false });
      const methods = spaced(
        Object.keys(d.operations).filter((m) => d.operations[m]?.encoded !== true),
        MAX_OPS,
      );
      capped += Object.keys(d.operations).length - methods.length;
      for (const method of methods) {
        const op = d.operations[method]!;
        for (const variant of VARIANTS) {
          const id = `${file}#${d.port}#${op.name}/${variant}`;
          const sent = sampleOperation(d, op, { variant });
          // What the handler must receive: the request as the decoder reads it.
          let expectedIn: DecodedResponse;
          let expectedOut: DecodedResponse | undefined;
          try {
            const requestXml = encodeRequest(d, op, sent.input, sent.headers, { validate: false });
            expectedIn = decodeResponse(d, { ...op, output: op.input }, requestXml);
            if (op.output !== undefined) {
              const asRequest = { ...op, input: op.output };
              const answer = sampleOperation(d, asRequest, { variant, seed: `${op.name}/out` });
              expectedOut = decodeResponse(d, op, encodeRequest(d, asRequest, answer.input, successHeaders(d, answer.headers), { validate: false }));
            }
          } catch (e) {
            unsampled++; // the sampler cannot build this message (facets it does not satisfy…): nothing to compare
            void e;
            continue;
          }
          const out = expectedOut;
          mock.handlers[method] = (input: unknown, call: { headers: unknown }) => {
            assert.deepEqual(plain(input), plain(expectedIn.body), `${id}: the input as received`);
            assert.deepEqual(plain(call.headers), plain(expectedIn.headers), `${id}: the request headers as received`);
            return out === undefined ? undefined : reply(out.body, out.headers);
          };
          try {
            const r = await client.$invoke(method, sent.input, { headers: sent.headers });
            if (out === undefined) assert.equal(r.body, undefined, id);
            else {
              assert.deepEqual(plain(r.body), plain(out.body), `${id}: the body the handler returned`);
              assert.deepEqual(plain(r.headers), plain(out.headers), `${id}: the headers the handler returned`);
            }
            calls++;
          } catch (e) {
            problems.push(`${id}: ${e instanceof Error ? e.message : String(e)}`);
          }
        }
      }
    }
  }

  test("the sample is covered, and every call round-trips exactly", (t) => {
    t.diagnostic(
      `${wsdls} WSDLs, ${calls} calls round-tripped; ${capped} operations beyond the per-port sample (or rpc/encoded), ${unsampled} samples the sampler could not build`,
    );
    assert.ok(unsampled <= calls / 20, `${unsampled} unbuildable samples`);
    assert.ok(wsdls >= 10, `${wsdls} WSDLs`);
    assert.ok(calls >= 150, `${calls} calls`);
    assert.deepEqual(problems.slice(0, 10), [], `${problems.length} calls did not round-trip`);
  });
});
