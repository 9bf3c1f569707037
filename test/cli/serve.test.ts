/**
 * `wsdlc serve`: the embedded User WSDL's port served from the command line with a handlers module; the committed
 * generated client calls it over HTTP; operations without a handler answer with a fault naming them; GET ?wsdl only
 * with --serve-wsdl; SIGINT stops it with exit 0; bad input (a handler for no operation, an unreadable module, a bad
 * --listen) is exit 2 with one clear line.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { UserClient } from "../../generated/services75-user/UserClient.js";
import { isSoapFaultError } from "../../generated/services75-user/index.js";
import { runCli } from "../helpers/cli.js";
import { ROOT } from "../helpers/generate.js";
import { freePort } from "../helpers/peers.js";
import { tempDir } from "../helpers/tmp.js";

const WSDL = join(ROOT, "test", "fixtures", "embedded", "Services75-User.wsdl");

test("wsdlc serve answers the generated client with the given handlers", async () => {
  const dir = tempDir("wsdlc-serve-");
  const handlers = join(dir, "handlers.ts");
  writeFileSync(
    handlers,
    [
      "export default {",
      '  getCredentialTypes: async (): Promise<string[]> => ["imap", "smtp"],',
      '  GetUntrustedCredentials: async (input: { Type?: string | null }) => [{ Comment: `for ${input.Type ?? ""}`, ValidFrom: "2022-03-25T21:34:02.1234567+01:00" }],',
      "};",
      "",
    ].join("\n"),
  );
  for (const serveWsdl of [false, true]) {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [join(ROOT, "bin", "wsdlc.js"), "serve", WSDL, "--handlers", handlers, "--listen", `127.0.0.1:${port}`, ...(serveWsdl ? ["--serve-wsdl"] : [])],
      { cwd: dir },
    );
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
    const exited = new Promise<number | null>((ok) => child.on("close", ok));
    try {
      const deadline = Date.now() + 60_000;
      while (!out.includes("listening") && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
      assert.match(
        out,
        new RegExp(
          `^wsdlc serve: port BasicHttpBinding_User listening on http://127\\.0\\.0\\.1:${port}/ \\(2 of 5 operations implemented${serveWsdl ? "; WSDL at \\?wsdl" : ""}\\)\\n$`,
        ),
        err,
      );
      const user = new UserClient({ endpoint: `http://127.0.0.1:${port}/Remote/Services75/User.svc` });
      assert.deepEqual(await user.getCredentialTypes(), ["imap", "smtp"]);
      assert.deepEqual(await user.getUntrustedCredentials({ Type: "imap" }), [{ Comment: "for imap", ValidFrom: "2022-03-25T21:34:02.1234567+01:00" }]);
      const e = await user.saveUntrustedCredentials({ Type: "imap" }).then(
        () => undefined,
        (x: unknown) => x,
      );
      assert.ok(isSoapFaultError(e));
      assert.equal(e.reason, "SaveUntrustedCredentials: no handler for operation saveUntrustedCredentials");
      const wsdl = await fetch(`http://127.0.0.1:${port}/Remote/Services75/User.svc?wsdl`);
      assert.equal(wsdl.status, serveWsdl ? 200 : 405);
      if (serveWsdl) assert.match(await wsdl.text(), /<wsdl:definitions name="WcfUserService"/);
      else await wsdl.text();
    } finally {
      child.kill("SIGINT");
    }
    assert.equal(await exited, 0, err);
  }
});

test("wsdlc serve: bad input is exit 2 with one clear line", () => {
  const dir = tempDir("wsdlc-serve-bad-");
  writeFileSync(join(dir, "typo.mjs"), "export default { getCredentialTipes: async () => [] };\n");
  writeFileSync(join(dir, "none.mjs"), "export const x = 1;\n");
  const cases: [string[], RegExp][] = [
    [["--handlers", join(dir, "typo.mjs")], /^wsdlc: --handlers: no operation "getCredentialTipes" in port BasicHttpBinding_User; operations: createDefaultUntrustedCredentials, /],
    [["--handlers", join(dir, "none.mjs")], /^wsdlc: --handlers: .*none\.mjs must export default an object of handlers/],
    [["--handlers", join(dir, "missing.mjs")], /^wsdlc: --handlers: cannot read .*missing\.mjs\n$/],
    [["--listen", "localhost:99999"], /^wsdlc: --listen must be \[host:\]port, not "localhost:99999"\n$/],
    [["--port", "Nope"], /^wsdlc: no port "Nope" in the WSDL; ports: BasicHttpBinding_User\n$/],
  ];
  for (const [args, message] of cases) {
    const r = runCli(["serve", WSDL, ...args], dir);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, message);
    assert.ok(!r.stderr.includes("    at "), "no stack trace");
  }
});
