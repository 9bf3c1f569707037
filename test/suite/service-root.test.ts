/**
 * `--service-root`: one line builds agents from a NetServer URL root (`<root>/<Agent>.svc?wsdl`), with the
 * agent list configurable; the result equals generating from the same WSDL files.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { runCliAsync } from "../helpers/cli.js";
import { CORPUS, corpusSkip } from "../helpers/shared.js";
import { tempDir } from "../helpers/tmp.js";

const WSDL = join(CORPUS, "superoffice", "wsdl");

describe("generate --service-root", { skip: corpusSkip() }, () => {
  let http: Server;
  let root = "";
  const served: string[] = [];
  before(async () => {
    http = createServer((req, res) => {
      const m = /^\/Cust1\/Remote\/Services75\/(\w+)\.svc\?wsdl$/.exec(req.url ?? "");
      const file = m ? join(WSDL, `Services75-${m[1]}.wsdl`) : "";
      try {
        const text = readFileSync(file, "utf8");
        served.push(m?.[1] ?? "");
        res.writeHead(200, { "content-type": "text/xml; charset=utf-8" }).end(text);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((ok) => http.listen(0, "127.0.0.1", ok));
    root = `http://127.0.0.1:${(http.address() as AddressInfo).port}/Cust1/Remote/Services75`;
  });
  after(() => new Promise<void>((done) => http.close(() => done())));

  test("--agents picks agents; the package equals the one generated from files", async () => {
    const dir = tempDir("wsdlc-root-");
    const a = await runCliAsync(["generate", "--service-root", root, "--agents", "SoPrincipal,User", "-o", "fromurl", "-q"], dir);
    assert.equal(a.status, 0, a.stderr);
    assert.deepEqual(served.sort(), ["SoPrincipal", "User"]);
    const b = await runCliAsync(["generate", join(WSDL, "Services75-SoPrincipal.wsdl"), join(WSDL, "Services75-User.wsdl"), "-o", "fromfiles", "-q"], dir);
    assert.equal(b.status, 0, b.stderr);
    const names = readdirSync(join(dir, "fromurl")).sort();
    assert.deepEqual(names, readdirSync(join(dir, "fromfiles")).sort());
    assert.ok(names.includes("SoPrincipalClient.ts") && names.includes("UserClient.ts"));
    for (const n of names.filter((x) => x.endsWith(".ts"))) {
      assert.equal(readFileSync(join(dir, "fromurl", n), "utf8"), readFileSync(join(dir, "fromfiles", n), "utf8"), n);
    }
  });

  test("without --agents every Services75 agent is read; an agent the server lacks is an error naming its URL", async () => {
    const dir = tempDir("wsdlc-root-");
    const all = await runCliAsync(["generate", "--service-root", root, "-o", "sdk", "-q"], dir);
    assert.equal(all.status, 0, all.stderr);
    assert.equal(readdirSync(join(dir, "sdk")).filter((n) => n.endsWith("Client.ts")).length, 45);
    const missing = await runCliAsync(["generate", "--service-root", root, "--agents", "User,Nope", "-o", "x"], dir);
    assert.equal(missing.status, 2);
    assert.ok(missing.stderr.includes(`error: cannot read input "${root}/Nope.svc?wsdl": HTTP 404 Not Found [input-unreadable]`), missing.stderr);
  });
});
