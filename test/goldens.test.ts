/**
 * The goldens are current: each case, regenerated in memory, equals its committed files byte for byte (no file
 * missing, none extra). After an intended change to the emitted code, run `npm run goldens` and commit the diff.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { CASES, committedFiles, firstDifference, goldenFiles } from "./goldens/goldens.js";
import { corpusSkip } from "./helpers/shared.js";

for (const c of CASES) {
  test(`golden ${c.name} (${c.why}) matches its regenerated output`, { skip: corpusSkip() }, async () => {
    const got = await goldenFiles(c);
    const want = committedFiles(c.name);
    assert.ok(want.size > 0, `no committed goldens for ${c.name}: run \`npm run goldens\``);
    assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort(), `files of ${c.name} differ: run \`npm run goldens\` and review the diff`);
    for (const [path, text] of got) {
      const committed = want.get(path) ?? "";
      if (text !== committed) assert.fail(`test/goldens/out/${c.name}/${path} is stale (run \`npm run goldens\` and review the diff)\n${firstDifference(committed, text)}`);
    }
  });
}
