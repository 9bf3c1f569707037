/**
 * The whole Services75 API as one package: all 45 agents in one invocation, shared types declared once,
 * conflicting definitions reported and named by the documented rule, strict type-check, identical output
 * from the raw one-line WSDLs, and a value decoded by one agent's client passed unchanged to another's.
 */
import assert from "node:assert/strict";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { before, describe, test } from "node:test";
import { generate, type GenerateResult } from "../../generator/index.js";
import { makeReader } from "../../bin/io.js";
import { canonical } from "../runtime/canonical.js";
import { runtimeTemplates, writePackage } from "../helpers/generate.js";
import { CORPUS, corpusSkip } from "../helpers/shared.js";
import { typecheck } from "../helpers/typecheck.js";
import { tempDir } from "../helpers/tmp.js";

const WSDL = join(CORPUS, "superoffice", "wsdl");
const skip = corpusSkip();

async function suite(files: readonly string[]): Promise<GenerateResult> {
  return generate(
    files.map((f) => pathToFileURL(f).href),
    { reader: makeReader(process.cwd()), runtime: runtimeTemplates() },
  );
}

describe("the 45 Services75 agents as one SDK", { skip }, () => {
  let result: GenerateResult;
  let dir = "";
  before(async () => {
    const files = readdirSync(WSDL)
      .filter((n) => n.endsWith(".wsdl"))
      .sort()
      .map((n) => join(WSDL, n));
    assert.equal(files.length, 45);
    result = await suite(files);
    dir = tempDir("wsdlc-suite-");
    writePackage(dir, result.files);
  });

  test("one client per agent; shared types declared once; conflicts reported and named by the rule", () => {
    assert.deepEqual(
      result.diagnostics.filter((d) => d.severity === "error"),
      [],
    );
    assert.deepEqual([...new Set(result.diagnostics.map((d) => d.code))], ["type-conflict"]);
    const clients = result.files.filter((f) => /Client\.ts$/.test(f.path));
    assert.equal(clients.length, 45);
    const types = result.files.find((f) => f.path === "types.ts")?.text ?? "";
    const declared = [...types.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1] ?? "");
    assert.equal(new Set(declared).size, declared.length, "no name declared twice");
    for (const shared of [
      "Associate",
      "Carrier",
      "TableRight",
      "FieldProperty",
      "FieldPropertyDictionary",
      "SoCredentials",
      "SoExceptionInfo",
      "SoTimeZone",
      "UntrustedCredentials",
    ]) {
      assert.ok(declared.includes(shared), `${shared} declared`);
    }
    // Every client file imports the shared types rather than declaring its own.
    for (const c of clients) assert.doesNotMatch(c.text, /^export interface (Associate|Carrier|SoCredentials) /m, c.path);
    // Appointment and EMail both define an operation wrapper `Delete`, with different content: the tie goes to the
    // input whose name sorts first (Appointment), and EMail's variant is named after its client.
    assert.match(types, /^export interface EMailDelete \{$/m);
    const conflict = result.diagnostics.find((d) => d.pos?.file.endsWith("Services75-EMail.wsdl") && d.message.startsWith("element Delete "));
    assert.ok(conflict, "the Delete conflict is reported");
    assert.match(conflict.message, /differs from the definition at .*Services75-Appointment\.wsdl:\d+:\d+ \(used by 1 input\); EMail's variant gets its own name/);
    assert.match(result.files.find((f) => f.path === "EMailClient.ts")?.text ?? "", /delete\(input: EMailDelete,/);
  });

  test("the package type-checks under strict flags, and a decoded Associate passes from Person to Appointment", () => {
    // Type-level proof: the decoded value is accepted unchanged by another agent's method.
    writeFileSync(
      join(dir, "cross-agent.ts"),
      [
        'import { AppointmentClient, PersonClient, type Associate } from "./index.js";',
        "export async function reuse(person: PersonClient, appointment: AppointmentClient): Promise<void> {",
        "  const entity = await person.getPersonEntity({ PersonEntityId: 1 });",
        "  const createdBy: Associate | null | undefined = entity?.CreatedBy;",
        "  if (createdBy) await appointment.saveAppointmentEntity({ AppointmentEntity: { Associate: createdBy } });",
        "}",
        "",
      ].join("\n"),
    );
    const tc = typecheck([dir]);
    assert.equal(tc.output, "");
    assert.equal(tc.status, 0);
  });

  test("raw one-line WSDLs give the same package, byte for byte", async () => {
    const raw = readdirSync(join(WSDL, "raw"))
      .filter((n) => /^WSDL-Services75-.*\.xml$/.test(n))
      .sort()
      .map((n) => join(WSDL, "raw", n));
    assert.equal(raw.length, 45);
    const r = await suite(raw);
    assert.deepEqual(
      r.files.map((f) => f.path),
      result.files.map((f) => f.path),
    );
    for (let i = 0; i < r.files.length; i++) assert.equal(r.files[i]?.text, result.files[i]?.text, r.files[i]?.path);
  });

  test("at run time, an Associate decoded by PersonClient is sent unchanged by AppointmentClient", async () => {
    const pkg = (await import(pathToFileURL(join(dir, "index.ts")).href)) as Record<string, unknown>;
    type Client = new (o: object) => Record<string, (input: unknown) => Promise<unknown>>;
    const NS = "http://www.superoffice.net/ws/crm/NetServer/Services75";
    const associateXml =
      "<TableRight><Mask>Select Update</Mask><Reason/></TableRight>" +
      `<FieldProperties><FieldPropertyDictionaryKeyValuePair><Key>name</Key><Value><FieldRight><Mask>Read Write</Mask><Reason i:nil="true"/></FieldRight><FieldType>string</FieldType><FieldLength>40</FieldLength></Value></FieldPropertyDictionaryKeyValuePair></FieldProperties>` +
      "<AssociateId>7</AssociateId><Name>ANN</Name><PersonId>12</PersonId><Rank>3</Rank><Tooltip>Ann &amp; co</Tooltip><Type>InternalAssociate</Type>" +
      '<GroupIdx>2</GroupIdx><FullName>Ann Ærø</FullName><FormalName i:nil="true"/><Deleted>false</Deleted><EjUserId>0</EjUserId>';
    const personResponse =
      `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><s:Header><Succeeded xmlns="${NS}">true</Succeeded></s:Header>` +
      `<s:Body><GetPersonEntityResponse xmlns="${NS}"><Response><PersonId>12</PersonId><CreatedBy>${associateXml}</CreatedBy></Response></GetPersonEntityResponse></s:Body></s:Envelope>`;
    const ok = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><Succeeded xmlns="${NS}">true</Succeeded></s:Header><s:Body><SaveAppointmentEntityResponse xmlns="${NS}"/></s:Body></s:Envelope>`;
    let sent = "";
    const person = new (pkg["PersonClient"] as Client)({
      endpoint: "http://person.test/",
      fetch: async () => new Response(personResponse, { headers: { "content-type": "text/xml" } }),
    });
    const appointment = new (pkg["AppointmentClient"] as Client)({
      endpoint: "http://appointment.test/",
      fetch: async (_u: unknown, init: { body: string }) => {
        sent = init.body;
        return new Response(ok, { headers: { "content-type": "text/xml" } });
      },
    });
    const entity = (await person["getPersonEntity"]?.({ PersonEntityId: 12 })) as { CreatedBy?: unknown };
    await appointment["saveAppointmentEntity"]?.({ AppointmentEntity: { Associate: entity.CreatedBy } });
    const inner = (xml: string, tag: string): string => {
      const m = new RegExp(`<(?:\\w+:)?${tag}\\b[^>]*>([\\s\\S]*)</(?:\\w+:)?${tag}>`).exec(xml);
      return m?.[1] ?? "";
    };
    const wrap = (body: string): string => `<X xmlns="${NS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">${body}</X>`;
    const wrapSent = (body: string): string => `<X xmlns:ns1="${NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${body}</X>`;
    // Compare the children only (the wrappers differ in name and namespace on purpose).
    const body = (xml: string): string => canonical(xml).split("\n").slice(1).join("\n");
    assert.ok(body(wrap(associateXml)).includes('"Ann & co"'));
    assert.equal(body(wrapSent(inner(sent, "Associate"))), body(wrap(associateXml)));
  });
});
