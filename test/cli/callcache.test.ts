/** The cache of compiled `wsdlc call` packages: pruning to the most recently used, its location, its mode. */
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { CACHE_ENTRIES_KEPT, cacheRoot, prune } from "../../bin/callcache.js";
import { ROOT } from "../helpers/generate.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/tmp.js";

describe("call cache", () => {
  test(`keeps the ${CACHE_ENTRIES_KEPT} most recently used entries and removes stale staging folders`, async () => {
    const dir = tempDir("wsdlc-cache-prune-");
    const now = Date.now() / 1000;
    for (let i = 0; i < CACHE_ENTRIES_KEPT + 5; i++) {
      mkdirSync(join(dir, `entry${String(i).padStart(2, "0")}`));
      writeFileSync(join(dir, `entry${String(i).padStart(2, "0")}`, "complete"), "");
      utimesSync(join(dir, `entry${String(i).padStart(2, "0")}`), now - 1000 + i, now - 1000 + i);
    }
    mkdirSync(join(dir, "abc.stage-old"));
    utimesSync(join(dir, "abc.stage-old"), now - 7200, now - 7200);
    mkdirSync(join(dir, "abc.stage-fresh"));
    await prune(dir);
    const left = readdirSync(dir).sort();
    assert.equal(left.filter((n) => n.startsWith("entry")).length, CACHE_ENTRIES_KEPT);
    assert.ok(!left.includes("entry00") && !left.includes("entry04") && left.includes("entry05") && left.includes(`entry${CACHE_ENTRIES_KEPT + 4}`));
    assert.ok(!left.includes("abc.stage-old"), "a staging folder older than an hour is removed");
    assert.ok(left.includes("abc.stage-fresh"), "one being written is left alone");
  });

  test("location: WSDLC_CACHE_DIR, else XDG_CACHE_HOME/wsdlc/call, else ~/.cache/wsdlc/call", () => {
    const saved = { ...process.env };
    try {
      process.env["WSDLC_CACHE_DIR"] = "/x/y";
      assert.equal(cacheRoot(), "/x/y");
      delete process.env["WSDLC_CACHE_DIR"];
      process.env["XDG_CACHE_HOME"] = "/xdg";
      assert.equal(cacheRoot(), join("/xdg", "wsdlc", "call"));
      delete process.env["XDG_CACHE_HOME"];
      assert.match(cacheRoot(), /[/\\]\.cache[/\\]wsdlc[/\\]call$/);
    } finally {
      process.env = saved;
    }
  });

  test("a cache folder wsdlc creates is private to the user (mode 0700)", () => {
    const base = tempDir("wsdlc-cache-mode-");
    const cache = join(base, "deep", "cache");
    const r = runCli(
      ["call", join(ROOT, "test", "fixtures", "cli", "Calculator.wsdl"), "Add", "--body", '{"a":1,"b":2}', "--endpoint", "http://127.0.0.1:1/", "--timeout", "3000"],
      base,
      { WSDLC_CACHE_DIR: cache },
    );
    assert.equal(r.status, 1, r.stderr);
    assert.equal(statSync(cache).mode & 0o777, 0o700);
    assert.equal(readdirSync(cache).length, 1);
  });

  test("a cache that cannot be used (a file in its place) does not stop the call: one line says so", () => {
    const base = tempDir("wsdlc-cache-file-");
    const cache = join(base, "cache");
    writeFileSync(cache, "not a folder\n");
    const r = runCli(
      ["call", join(ROOT, "test", "fixtures", "cli", "Calculator.wsdl"), "Add", "--body", '{"a":1,"b":2}', "--endpoint", "http://127.0.0.1:1/", "--timeout", "3000"],
      base,
      { WSDLC_CACHE_DIR: cache },
    );
    // The call itself ran (and failed to connect: exit 1 with its JSON error), not an internal error (70).
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /"name": "TransportError"/);
    assert.match(
      r.stderr,
      new RegExp(`^wsdlc: the cache folder ${cache.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")} cannot be used \\(EEXIST: file already exists\\); compiling without it$`, "m"),
    );
    assert.doesNotMatch(r.stderr, /internal error/);
  });
});
