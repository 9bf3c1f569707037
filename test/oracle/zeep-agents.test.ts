/**
 * The zeep wire oracle (see zeep.test.ts for the method and for the zeep behaviours that are normalized) over
 * the other 44 Services75 agents: the User WSDL has no xs:long, xs:double, xs:base64Binary, xs:unsignedInt or
 * ser:duration in its requests, which these do (FileManager and BlobManager: long; Quote, Sale, Document…:
 * double and base64Binary; Appointment, Sale, Selection, ErpSync, Project: duration), and SoPrincipal has other
 * headers. One "full" and one "sparse" request per operation, one python process for every agent.
 */
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import type { ClientDescriptor, OperationDescriptor } from "../../templates/runtime/descriptors.js";
import { loadGenerated } from "../helpers/client.js";
import { newStats, sampleOperation, type SampleStats, type Variant } from "../helpers/samples.js";
import { CORPUS, corpusSkip } from "../helpers/shared.js";
import { canonical } from "../runtime/canonical.js";
import { findZeep, firstDifference, runZeep, TRIED, zeepCanonical, zeepSkip, type ZeepCase } from "./zeep.js";

const corpus = corpusSkip();
const zeep = corpus === false ? findZeep() : undefined;
const skip = corpus !== false ? corpus : zeepSkip(zeep);
const DIR = join(CORPUS, "superoffice", "wsdl");
const VARIANTS: readonly Variant[] = ["full", "sparse"];

type EncodeRequest = (client: ClientDescriptor, op: OperationDescriptor, input: unknown, headers: Record<string, unknown>) => string;

function isClientDescriptor(v: unknown): v is ClientDescriptor {
  return typeof v === "object" && v !== null && "operations" in v && "port" in v && "types" in v;
}

describe("zeep wire oracle: the other Services75 agents", { skip }, async () => {
  if (skip !== false) return;
  if (zeep === undefined) {
    test("python-zeep is installed", () => {
      assert.fail(`CI is set but no python with zeep was found (tried ${TRIED}): install python3-zeep`);
    });
    return;
  }
  const agents = readdirSync(DIR)
    .filter((n) => /^Services75-.*\.wsdl$/.test(n) && n !== "Services75-User.wsdl")
    .sort();
  const stats: Record<Variant, SampleStats> = { full: newStats(), sparse: newStats() };
  const cases: ZeepCase[] = [];
  const ours = new Map<string, { xml: string; action: string; endpoint: string }>();
  const byAgent = new Map<string, string[]>();
  for (const file of agents) {
    const wsdl = join(DIR, file);
    const { module } = await loadGenerated([wsdl]);
    // The descriptor's export name can vary (List: `listDescriptor_2`); find it by shape.
    const clients = Object.values(module).filter(isClientDescriptor);
    assert.equal(clients.length, 1, `${file}: one client descriptor`);
    const client = clients[0] as ClientDescriptor;
    const encodeRequest = module["encodeRequest"] as EncodeRequest;
    const ids: string[] = [];
    for (const op of Object.values(client.operations)) {
      for (const variant of VARIANTS) {
        const id = `${file}#${op.name}/${variant}`;
        const s = sampleOperation(client, op, { variant, stats: stats[variant] });
        ours.set(id, { xml: encodeRequest(client, op, s.input, s.headers), action: op.action, endpoint: client.endpoint });
        cases.push({ id, wsdl, operation: op.name, body: s.zeepBody, headers: s.zeepHeaders });
        ids.push(id);
      }
    }
    byAgent.set(file, ids);
  }
  const run = runZeep(zeep, undefined, cases);

  test("44 agents; the samples include the value types the User WSDL lacks", () => {
    assert.equal(agents.length, 44);
    assert.ok(stats.full.depthCut > 0, "the struct depth bound is reached (deeply nested types)");
    for (const kind of ["xs:long", "xs:double", "xs:base64Binary", "xs:unsignedInt", "xs:duration", "xs:dateTime", "dictionary", "list", "array"]) {
      assert.ok((stats.full.values.get(kind) ?? 0) > 0, `no ${kind} value in the full variant`);
    }
  });

  for (const [file, ids] of byAgent) {
    test(`${file.replace(/^Services75-|\.wsdl$/g, "")}: every request (${ids.length / 2} operations) equals zeep's`, () => {
      const failures: string[] = [];
      for (const id of ids) {
        const theirs = run.results.get(id);
        const mine = ours.get(id);
        if (theirs?.xml === undefined || mine === undefined) {
          failures.push(`${id}: zeep gave no envelope: ${theirs?.error ?? "missing"}`);
          continue;
        }
        const z = zeepCanonical(theirs.xml);
        if (z.wsa["Action"] !== mine.action || z.wsa["To"] !== mine.endpoint) failures.push(`${id}: wsa ${JSON.stringify(z.wsa)}`);
        const c = canonical(mine.xml);
        if (c !== z.canonical) failures.push(`${id}: our envelope differs from zeep's\n${firstDifference(c, z.canonical)}`);
      }
      assert.deepEqual(failures, []);
    });
  }
});
