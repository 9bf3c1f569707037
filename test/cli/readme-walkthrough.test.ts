/**
 * The README's generic quick start, followed as a new user would: every command of the walkthrough section is
 * run as written in an empty folder (with this checkout's tarball and the example WSDL in place), `src/main.ts`
 * is the README's code with only the endpoint pointed at a local server, and the compiled program must print
 * what the README says it prints.
 */
import assert from "node:assert/strict";
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ROOT } from "../helpers/generate.js";
import { startLoopback, type Loopback } from "../helpers/loopback.js";
import { run, show } from "../helpers/npm.js";
import { tempDir } from "../helpers/tmp.js";

const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

function walkthrough(): { steps: { kind: "sh" | "ts"; text: string }[]; expected: string } {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = /<!-- walkthrough:start -->([\s\S]*?)<!-- walkthrough:end -->/.exec(readme)?.[1] ?? "";
  const steps = [...section.matchAll(/^```(sh|ts)\n([\s\S]*?)^```$/gm)].map((m) => ({ kind: m[1] as "sh" | "ts", text: m[2] ?? "" }));
  const expected = /node build\/main\.js\s+# (.+)$/m.exec(section)?.[1]?.trim() ?? "";
  return { steps, expected };
}

let srv: Loopback;
before(async () => {
  srv = await startLoopback();
  srv.handlers.set("/calc", (_req, body, res) => {
    const n = (tag: string) => Number(new RegExp(`<(?:\\w+:)?${tag}>(-?\\d+)<`).exec(body)?.[1]);
    const result = n("a") + n("b");
    res
      .writeHead(200, { "Content-Type": "text/xml; charset=utf-8" })
      .end(
        `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><AddResponse xmlns="urn:example:calc"><result>${result}</result></AddResponse></s:Body></s:Envelope>`,
      );
  });
});
after(() => srv.close());

test("README quick start: from an empty folder to a typed call, following the README alone", { timeout: 600_000 }, async () => {
  const { steps, expected } = walkthrough();
  assert.deepEqual(
    steps.map((s) => s.kind),
    ["sh", "ts", "sh"],
    "the walkthrough's shape",
  );
  assert.equal(expected, "2 + 3 = 5");

  const packDir = tempDir("wsdlc-walk-pack-");
  const packed = await run("npm", ["pack", "--ignore-scripts", "--pack-destination", packDir], ROOT, 120_000);
  assert.equal(packed.status, 0, show(packed));
  const app = tempDir("wsdlc-walk-app-");
  cpSync(join(packDir, `wsdlc-${VERSION}.tgz`), join(app, `wsdlc-${VERSION}.tgz`));
  mkdirSync(join(app, "wsdl"));
  cpSync(join(ROOT, "test", "fixtures", "cli", "Calculator.wsdl"), join(app, "wsdl", "Calculator.wsdl"));

  const sh = async (script: string): Promise<string> => {
    let out = "";
    for (const raw of script.split("\n")) {
      const line = raw.replace(/\s+#\s.*$/, "").trim();
      if (!line) continue;
      // Installs come from the npm cache where it has the package (as on a developer's machine).
      const r = await run("sh", ["-c", line.replace(/^npm i /, "npm i --prefer-offline --no-audit --no-fund ")], app, 300_000);
      assert.equal(r.status, 0, `${line}\n${show(r)}`);
      out += r.stdout;
    }
    return out;
  };
  const [setup, code, build] = steps;
  const printed = await sh(setup?.text ?? "");
  assert.match(printed, /CalculatorClient {2}\(CalculatorService \/ CalculatorSoap, SOAP 1\.1, 1 operation\)/);
  assert.match(printed, /add\(input: Add\): Promise<number>/);
  assert.ok(readdirSync(join(app, "src", "generated")).includes("CalculatorClient.ts"));

  mkdirSync(join(app, "src"), { recursive: true });
  const main = (code?.text ?? "").replace("http://localhost:8080/calc", `${srv.base}/calc`);
  assert.notEqual(main, code?.text, "the endpoint was replaced");
  writeFileSync(join(app, "src", "main.ts"), main);
  const out = await sh(build?.text ?? "");
  assert.equal(out.trim().split("\n").pop(), expected);
  assert.match(srv.received.at(-1)?.body ?? "", /<(\w+:)?a>2<\/(\w+:)?a><(\w+:)?b>3<\/(\w+:)?b>/);
});
