/**
 * wsdlc.config.json: the shipped JSON Schema is the validator's own schema object; unknown keys and wrong types
 * are rejected with file:line:column, the key's path and a "did you mean"; several services in one file, found
 * by `wsdlc generate` with no arguments, generated and checked together; warnings silenced by code.
 */
import { strict as assert } from "node:assert";
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { CONFIG_SCHEMA, parseConfig, schemaFileText, validate } from "../../bin/config.js";
import { runCli } from "../helpers/cli.js";
import { ROOT, wsdlAround } from "../helpers/generate.js";
import { tempDir } from "../helpers/tmp.js";

const USER_WSDL = join(ROOT, "test", "fixtures", "embedded", "Services75-User.wsdl");

function project(config: unknown | string, name = "wsdlc.config.json"): string {
  const dir = tempDir("wsdlc-config-");
  mkdirSync(join(dir, "wsdl"));
  cpSync(USER_WSDL, join(dir, "wsdl", "User.wsdl"));
  writeFileSync(join(dir, name), typeof config === "string" ? config : JSON.stringify(config, null, 2));
  return dir;
}

describe("config schema", () => {
  test("the committed schema/wsdlc.config.schema.json is the validator's schema object", () => {
    assert.equal(readFileSync(join(ROOT, "schema", "wsdlc.config.schema.json"), "utf8"), schemaFileText());
    const shipped = JSON.parse(readFileSync(join(ROOT, "schema", "wsdlc.config.schema.json"), "utf8")) as typeof CONFIG_SCHEMA;
    // The shipped file, used as the validator's schema, judges like the built-in one.
    const bad = { services: [{ inputs: ["a.wsdl"], out: "x", lok: true }] };
    assert.deepEqual(validate(bad, shipped), validate(bad, CONFIG_SCHEMA));
    assert.equal(validate(bad, shipped).length, 1);
  });

  test("every key of the project's own config and of a services config validates", () => {
    assert.deepEqual(validate(JSON.parse(readFileSync(join(ROOT, "wsdlc.config.json"), "utf8")), CONFIG_SCHEMA), []);
    const full = {
      $schema: "./node_modules/wsdlc/schema/wsdlc.config.schema.json",
      ignore: ["type-conflict"],
      lock: true,
      services: [
        { inputs: ["a.wsdl"], out: "a", failureHeaders: false, allowUnresolved: true },
        { serviceRoot: "https://h/Remote/Services75", agents: ["User"], out: "b", failureHeaders: ["Succeeded=false:ExceptionInfo"], ignore: ["xsd-unknown"] },
      ],
    };
    assert.deepEqual(validate(full, CONFIG_SCHEMA), []);
  });

  test("messages name file:line:column, the key's path, and a likely key", () => {
    const text = ["{", '  "inputs": "wsdl/User.wsdl",', '  "out": "gen",', '  "lok": true,', '  "failureHeaders": ["Succeeded"]', "}"].join("\n");
    const r = parseConfig(text, "wsdlc.config.json");
    assert.ok("errors" in r);
    assert.deepEqual(r.errors, [
      'wsdlc.config.json:2:13: inputs: must be an array of strings, not the string "wsdl/User.wsdl"',
      'wsdlc.config.json:4:3: lok: unknown key; did you mean "lock"?',
      'wsdlc.config.json:5:22: failureHeaders[0]: "Succeeded" does not have the form ^[^=:\\s]+=[^:]*(:\\S+)?$',
    ]);
    const manyText = '{"services": [{"inputs": ["a"], "out": "a"}, {"inputs": ["b"], "out": "b", "AllowUnresolvd": 1}]}';
    const many = parseConfig(manyText, "c.json");
    assert.ok("errors" in many);
    assert.deepEqual(many.errors, [`c.json:1:${manyText.indexOf('"AllowUnresolvd"') + 1}: services[1].AllowUnresolvd: unknown key; did you mean "allowUnresolved"?`]);
    const far = parseConfig('{"zzzzzz": 1}', "c.json");
    assert.ok("errors" in far);
    assert.match(
      far.errors[0] ?? "",
      /^c\.json:1:2: zzzzzz: unknown key \(known keys: \$schema, inputs, serviceRoot, agents, out, lock, allowUnresolved, allowOutsideRoot, failureHeaders, ignore, services\)$/,
    );
    const types = parseConfig('{"failureHeaders": true, "lock": "yes", "services": []}', "c.json");
    assert.ok("errors" in types);
    assert.deepEqual(types.errors, [
      "c.json:1:20: failureHeaders: must be an array of strings or false, not true",
      'c.json:1:34: lock: must be true or false, not the string "yes"',
      "c.json:1:53: services: must have at least 1 item",
    ]);
  });

  test("services: no inputs or out, a shared out, and top-level inputs beside services are named", () => {
    const r = parseConfig(JSON.stringify({ out: "x", services: [{ inputs: ["a"] }, { out: "o" }, { inputs: ["c"], out: "o" }] }), "c.json");
    assert.ok("errors" in r);
    assert.deepEqual(
      r.errors.map((e) => e.replace(/^c\.json:\d+:\d+: /, "")),
      [
        'out: cannot stand beside "services": give it in each service',
        'services[0]: has no "out"',
        'services[1]: has no "inputs" or "serviceRoot"',
        'services[2].out: "o" is also the output of services[1]',
      ],
    );
  });

  test("invalid JSON names its line and column; a byte order mark is not an error", () => {
    assert.ok("config" in parseConfig('\uFEFF{"out": "x", "inputs": ["a"]}', "c.json"));
    const r = parseConfig('{\n  "out": "x",\n}', "c.json");
    assert.ok("errors" in r);
    assert.deepEqual(r.errors, ['c.json:3:1: invalid JSON: unexpected "}", expected a string']);
  });
});

describe("wsdlc generate with a config", () => {
  test('{"lok": true} is an error (exit 2, nothing written), not silently ignored', () => {
    const dir = project({ inputs: ["wsdl/User.wsdl"], out: "gen", lok: true });
    const r = runCli(["generate"], dir);
    assert.equal(r.status, 2, r.stderr);
    // JSON.stringify(…, null, 2) puts "inputs" on lines 2-4, "out" on 5.
    assert.equal(r.stderr, 'wsdlc: wsdlc.config.json:6:3: lok: unknown key; did you mean "lock"?\n');
    assert.equal(existsSync(join(dir, "gen")), false);
  });

  test("several services: `wsdlc generate` with no arguments reads ./wsdlc.config.json; --check covers all", () => {
    const dir = project({
      $schema: "./node_modules/wsdlc/schema/wsdlc.config.schema.json",
      lock: true,
      services: [
        { inputs: ["wsdl/*.wsdl"], out: "gen/user" },
        { inputs: ["wsdl/User.wsdl"], out: "gen/plain", failureHeaders: false, lock: false },
      ],
    });
    const r = runCli(["generate"], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^gen\/user: \d+ files, \d+ changed\ngen\/plain: \d+ files, \d+ changed\n$/);
    // Defaults from the top level, overridden per service.
    assert.ok(existsSync(join(dir, "gen", "user", "wsdlc.lock.json")));
    assert.equal(existsSync(join(dir, "gen", "plain", "wsdlc.lock.json")), false);
    assert.match(readFileSync(join(dir, "gen", "user", "UserClient.ts"), "utf8"), /failure: \{\s*flag: "Succeeded"/);
    assert.doesNotMatch(readFileSync(join(dir, "gen", "plain", "UserClient.ts"), "utf8"), /failure: \{/);

    const clean = runCli(["generate", "--check"], dir);
    assert.equal(clean.status, 0, clean.stderr);
    assert.match(clean.stdout, /^gen\/user: up to date \(\d+ files\)\ngen\/plain: up to date \(\d+ files\)\n$/);

    const types = join(dir, "gen", "plain", "types.ts");
    writeFileSync(types, readFileSync(types, "utf8") + "// edited\n");
    const stale = runCli(["generate", "--check"], dir);
    assert.equal(stale.status, 1, stale.stderr);
    assert.match(stale.stdout, /^gen\/user: up to date \(\d+ files\)\ngen\/plain: 1 file would change: the inputs changed [^\n]*\n  \w+ +types\.ts\n$/);

    // The command line's inputs and --out belong to a single service.
    const clash = runCli(["generate", "--out", "x"], dir);
    assert.equal(clash.status, 2);
    assert.match(clash.stderr, /wsdlc\.config\.json has several "services": --out cannot be given on the command line as well/);
  });

  test("one broken service: nothing is written for any of them", () => {
    const dir = project({
      services: [
        { inputs: ["wsdl/User.wsdl"], out: "a" },
        { inputs: ["wsdl/broken.wsdl"], out: "b" },
      ],
    });
    writeFileSync(join(dir, "wsdl", "broken.wsdl"), "<wsdl:definitions");
    const r = runCli(["generate"], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /broken\.wsdl:\d+:\d+: error: /);
    assert.match(r.stderr, /nothing was written\n$/);
    assert.equal(existsSync(join(dir, "a")), false);
    assert.equal(existsSync(join(dir, "b")), false);
  });

  test("a missing --config file is exit 2 with its name", () => {
    const r = runCli(["generate", "--config", "nope.json"], tempDir("wsdlc-config-"));
    assert.equal(r.status, 2);
    assert.equal(r.stderr, "wsdlc: cannot read config nope.json: no such file\n");
  });
});

describe("warnings: --ignore and the per-code summary", () => {
  const noisy = (n: number): string =>
    wsdlAround({
      schema: [
        '<xs:element name="Req"><xs:complexType><xs:sequence/></xs:complexType></xs:element>',
        '<xs:element name="Resp"><xs:complexType><xs:sequence/></xs:complexType></xs:element>',
        ...Array.from({ length: n }, (_, k) => `<xs:unheardOf${k}/>`),
      ].join("\n"),
    });

  test("more than 5 warnings of one code are summed up after the fifth", () => {
    const dir = project("{}", "unused.json");
    writeFileSync(join(dir, "noisy.wsdl"), noisy(26));
    const r = runCli(["generate", "noisy.wsdl", "--out", "gen"], dir);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stderr.trimEnd().split("\n");
    assert.equal(lines.filter((l) => l.endsWith("[xsd-unknown]")).length, 5);
    assert.equal(lines.at(-1), "wsdlc: ... and 21 more xsd-unknown warnings (--ignore xsd-unknown hides them all)");
    assert.equal(lines.length, 6);
  });

  test('--ignore <code> and config "ignore" silence that code only; errors still print', () => {
    const dir = project({ inputs: ["noisy.wsdl"], out: "gen", ignore: ["xsd-unknown"] });
    writeFileSync(
      join(dir, "noisy.wsdl"),
      noisy(3)
        .replace('<wsdl:portType name="Test">', '<wsdl:portType name="Test"><wsdl:operation name="Tell"><wsdl:output message="tns:OpOut"/></wsdl:operation>')
        .replace(
          '<wsdl:operation name="Op">\n      <soap:operation',
          '<wsdl:operation name="Tell"><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>\n    <wsdl:operation name="Op">\n      <soap:operation',
        ),
    );
    const viaConfig = runCli(["generate"], dir);
    assert.equal(viaConfig.status, 0, viaConfig.stderr);
    assert.doesNotMatch(viaConfig.stderr, /xsd-unknown/);
    assert.match(viaConfig.stderr, /\[wsdl-notification\]/);

    const viaFlags = runCli(["generate", "noisy.wsdl", "--out", "gen2", "--ignore", "xsd-unknown", "--ignore", "wsdl-notification"], dir);
    assert.equal(viaFlags.status, 0, viaFlags.stderr);
    assert.equal(viaFlags.stderr, "");

    writeFileSync(join(dir, "bad.wsdl"), "<wsdl:definitions");
    const errors = runCli(["generate", "bad.wsdl", "--out", "gen3", "--ignore", "xml-malformed"], dir);
    assert.equal(errors.status, 2);
    assert.match(errors.stderr, /\[xml-malformed\]/);
  });
});

test("the README's config example is valid against the schema", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const blocks = [...readme.matchAll(/^( *)```json\n([\s\S]*?)^\1```$/gm)].map((m) => m[2] ?? "");
  const configs = blocks.filter((b) => b.includes("wsdlc.config.schema.json"));
  assert.equal(configs.length, 1);
  const r = parseConfig(configs[0] ?? "", "README.md");
  assert.ok("config" in r, "errors" in r ? r.errors.join("\n") : "");
  assert.equal(r.config.services?.length, 2);
});

describe("wsdlc init", () => {
  test("writes a starter config that `wsdlc generate` then runs; never replaces one without --force", () => {
    const dir = project("{}", "unused.json");
    const r = runCli(["init", "wsdl/User.wsdl", "--out", "src/soap"], dir);
    assert.equal(r.status, 0, r.stderr);
    const written = JSON.parse(readFileSync(join(dir, "wsdlc.config.json"), "utf8")) as Record<string, unknown>;
    assert.deepEqual(written, { $schema: "./node_modules/wsdlc/schema/wsdlc.config.schema.json", inputs: ["wsdl/User.wsdl"], out: "src/soap", lock: true });
    const gen = runCli(["generate"], dir);
    assert.equal(gen.status, 0, gen.stderr);
    assert.ok(existsSync(join(dir, "src", "soap", "UserClient.ts")));

    const again = runCli(["init", "wsdl/User.wsdl"], dir);
    assert.equal(again.status, 2);
    assert.equal(again.stderr, "wsdlc: wsdlc.config.json already exists; edit it, or pass --force to replace it\n");
    const forced = runCli(["init", "https://host/Cust1/Remote/Services75/", "--force"], dir);
    assert.equal(forced.status, 0, forced.stderr);
    const root = JSON.parse(readFileSync(join(dir, "wsdlc.config.json"), "utf8")) as Record<string, unknown>;
    assert.equal(root["serviceRoot"], "https://host/Cust1/Remote/Services75");
    assert.equal(root["out"], "src/generated");
    assert.equal(root["inputs"], undefined);

    const missing = runCli(["init", "nope.wsdl", "--force"], dir);
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, "wsdlc: nope.wsdl: no such file\n");
    // The failed init left the previous config as it was.
    assert.equal((JSON.parse(readFileSync(join(dir, "wsdlc.config.json"), "utf8")) as Record<string, unknown>)["serviceRoot"], "https://host/Cust1/Remote/Services75");
  });

  test("a folder where the config goes (--force) is exit 2 with the platform's words, not an internal error", () => {
    const dir = project("{}", "unused.json");
    mkdirSync(join(dir, "wsdlc.config.json"));
    const r = runCli(["init", "wsdl/User.wsdl", "--force"], dir);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /^wsdlc: EISDIR: illegal operation on a directory, open '.*wsdlc\.config\.json'\n$/);
  });

  test("an absolute path inside the project is written relative to the config (a committed config works in any checkout)", () => {
    const dir = project("{}", "unused.json");
    const r = runCli(["init", join(dir, "wsdl", "User.wsdl"), "--out", join(dir, "src", "soap")], dir);
    assert.equal(r.status, 0, r.stderr);
    const written = JSON.parse(readFileSync(join(dir, "wsdlc.config.json"), "utf8")) as Record<string, unknown>;
    assert.deepEqual([written["inputs"], written["out"]], [["wsdl/User.wsdl"], "src/soap"]);
    assert.equal(r.stdout, "wrote wsdlc.config.json (inputs: wsdl/User.wsdl, out: src/soap); now run: npx wsdlc generate\n");
    // The project moved elsewhere (another checkout): the config still generates.
    const moved = join(tempDir("wsdlc-config-moved-"), "project");
    renameSync(dir, moved);
    const gen = runCli(["generate"], moved);
    assert.equal(gen.status, 0, gen.stderr);
    assert.ok(existsSync(join(moved, "src", "soap", "UserClient.ts")));
    // A path outside the project stays as it was given: no ../ chain that only fits this machine's layout.
    const outside = project("{}", "unused.json");
    const o = runCli(["init", join(moved, "wsdl", "User.wsdl")], outside);
    assert.equal(o.status, 0, o.stderr);
    assert.deepEqual((JSON.parse(readFileSync(join(outside, "wsdlc.config.json"), "utf8")) as Record<string, unknown>)["inputs"], [join(moved, "wsdl", "User.wsdl")]);
  });
});
