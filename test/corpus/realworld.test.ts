/**
 * Beyond SuperOffice: every WSDL in ../shared/corpus/real, gowsdl and node-soap's fixtures either generates a
 * package that type-checks strictly (one tsc run over all of them), or is rejected with diagnostics — never a
 * crash. The rejected ones are listed below with the first diagnostic code; each was checked by hand to be a
 * real defect of that file (an undeclared prefix, a reference to something no schema defines, no SOAP binding,
 * an import of a server that is not there).
 */
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, test } from "node:test";
import { generate } from "../../generator/index.js";
import { makeReader } from "../../bin/io.js";
import { generateCached } from "../helpers/gencache.js";
import { runtimeTemplates, writePackage } from "../helpers/generate.js";
import { CORPUS, corpusSkip } from "../helpers/shared.js";
import { typecheck } from "../helpers/typecheck.js";
import { tempDir } from "../helpers/tmp.js";

/** Inputs that must be rejected, with the code of their first error. */
const REJECTED: Readonly<Record<string, string>> = {
  "gowsdl/stock.wsdl": "missing-binding",
  "gowsdl/vim.wsdl": "import-unresolvable",
  "gowsdl/workday-time-min.wsdl": "no-soap-binding",
  "node-soap/wsdl/attachments.wsdl": "xml-malformed",
  "node-soap/wsdl/binding-exception.wsdl": "prefix-undeclared",
  "node-soap/wsdl/binding_document.wsdl": "prefix-undeclared",
  "node-soap/wsdl/builtin_types.wsdl": "missing-element",
  "node-soap/wsdl/connection/econnrefused.wsdl": "xml-malformed",
  "node-soap/wsdl/default_namespace_soap12.wsdl": "xml-malformed",
  "node-soap/wsdl/extended_element.wsdl": "wsdl-part",
  // Imports ../../xsd/platform.core.xsd: outside the input's folder, refused without --allow-outside-root.
  "node-soap/wsdl/fixedPath/netsuite.wsdl": "import-forbidden",
  "node-soap/wsdl/json_response.wsdl": "missing-element",
  "node-soap/wsdl/marketo.wsdl": "missing-type",
  "node-soap/wsdl/mergeWithAttributes/main.wsdl": "xml-malformed",
  "node-soap/wsdl/missing_message_definition.wsdl": "missing-message",
  "node-soap/wsdl/recursive/file.wsdl": "xml-malformed",
  "node-soap/wsdl/recursive2.wsdl": "missing-message",
  "node-soap/wsdl/schemas_without_targetnamespace.wsdl": "wsdl-part",
  "node-soap/wsdl/strict/CyberSourceTransaction_1.26_3.wsdl": "missing-element",
  "node-soap/wsdl/strict/ImportSample.wsdl": "xml-malformed",
  // Its NetSuitePlatform.messages.xsd imports ../../platform/*.xsd, outside the input's folder.
  "node-soap/wsdl/strict/Netsuite.wsdl": "import-forbidden",
  "node-soap/wsdl/strict/npe.wsdl": "prefix-undeclared",
  "node-soap/wsdl/strict/stockquote-url.wsdl": "import-unresolvable",
  "node-soap/wsdl/strict/stockquote.wsdl": "missing-element",
  "node-soap/wsdl/tnsImportConflict/bar.wsdl": "no-soap-binding",
  "node-soap/wsdl/tnsImportConflict/root.wsdl": "missing-binding",
  "node-soap/wsdl/typeof_null_extend_check.wsdl": "missing-type",
  "node-soap/wsdl/typeref/order.wsdl": "missing-type",
  "node-soap/wsdl/ws-policy.wsdl": "xml-malformed",
  "node-soap/wsdl/wsdlImport/overridden.wsdl": "no-soap-binding",
  "node-soap/wsdl/wsdlImport/sub.wsdl": "no-soap-binding",
  "node-soap/wsdl/wsdl_with_attributes.wsdl": "xml-malformed",
  "node-soap/wsdl/xsdinclude/xsd_include.wsdl": "missing-type",
  "node-soap/wsdl/xsdinclude/xsd_include_http.wsdl": "import-unresolvable",
  "node-soap/wsdl/xsdinclude/xsd_include_inline_xmlns.wsdl": "missing-type",
  "real/amazon-sqs/QueueService.wsdl": "no-soap-binding",
  "real/onvif-local/bw-2.wsdl": "no-soap-binding",
  "real/onvif-local/rw-2.wsdl": "no-soap-binding",
  "real/wcf-partnerservice/PartnerService.wsdl": "import-unresolvable",
};

function wsdlFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) {
        // Magento's module fragments are merged into v2-merged.wsdl; alone they reference each other's types.
        if (n !== "modules" && n !== "request-response-samples") walk(p);
      } else if (/\.wsdl$|\.wsdl\.xml$|^betfair\.xml$/.test(n)) out.push(p);
    }
  };
  for (const d of ["real", "gowsdl", join("node-soap", "wsdl")]) walk(join(CORPUS, d));
  return out;
}

describe("real-world WSDLs", { skip: corpusSkip() }, () => {
  test("each generates a strictly type-checking package or is rejected with a diagnostic", async () => {
    const root = tempDir("wsdlc-real-");
    const generated: string[] = [];
    const rejected: Record<string, string> = {};
    for (const file of wsdlFiles()) {
      const name = relative(CORPUS, file).split("\\").join("/");
      const r = await generateCached([pathToFileURL(file).href]);
      const error = r.diagnostics.find((d) => d.severity === "error");
      if (error) {
        assert.equal(r.files.length, 0, `${name}: files despite an error`);
        rejected[name] = error.code;
        continue;
      }
      const dir = join(root, name.replace(/[^\w]+/g, "_"));
      mkdirSync(dir, { recursive: true });
      writePackage(dir, r.files);
      generated.push(dir);
    }
    assert.deepEqual(rejected, REJECTED);
    assert.ok(generated.length >= 40, `only ${generated.length} generated`);
    const tc = typecheck(generated);
    assert.equal(tc.output, "");
    assert.equal(tc.status, 0);
  });
});

describe("a family of services sharing schema files, as one package", { skip: corpusSkip() }, () => {
  test("ONVIF device, media, PTZ and events: one package, each shared type once, strict type-check", async () => {
    const names = ["devicemgmt", "media", "ptz", "events"];
    const r = await generate(
      names.map((n) => pathToFileURL(join(CORPUS, "real", "onvif-local", `${n}.wsdl`)).href),
      { reader: makeReader(process.cwd()), runtime: runtimeTemplates() },
    );
    // ONVIF's topic expressions (t-1.xsd) use XSD character class subtraction (`[\i-[:]]`), which JavaScript
    // cannot express: each such pattern is reported once, where it is written, and left unchecked.
    const where = r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.pos?.file.replace(/^.*\//, "")}:${d.pos?.line}:${d.pos?.column}`);
    assert.ok(where.length > 0 && where.every((w) => /^warning xsd-pattern-unsupported t-1\.xsd:\d+:\d+$/.test(w)), where.join("\n"));
    assert.equal(new Set(where).size, where.length, `reported more than once:\n${where.join("\n")}`);
    const types = r.files.find((f) => f.path === "types.ts")?.text ?? "";
    const declared = [...types.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]);
    assert.equal(new Set(declared).size, declared.length);
    // onvif.xsd is imported by all four services; its types are declared once.
    for (const shared of ["IntRectangle", "VideoSourceConfiguration", "PTZVector"]) assert.ok(declared.includes(shared), shared);
    assert.ok(r.files.filter((f) => f.path.endsWith("Client.ts")).length >= 4);
    const dir = tempDir("wsdlc-onvif-");
    writePackage(dir, r.files);
    const tc = typecheck([dir]);
    assert.equal(tc.output, "");
  });
});
