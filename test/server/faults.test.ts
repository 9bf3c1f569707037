/**
 * Typed faults from a generated service: `<port>Fault(name, detail, reason)` is typed by the client's
 * `<Client>Faults` map (a wrong detail does not compile), and the client recognises it with `is<Client>Fault`
 * with the detail decoded by its declared type; SOAP 1.1 and 1.2 (code, status, media type). A fault name the
 * operation does not declare is an internal error, not a fault with an undeclared detail.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { generateDocs, TNS, writePackage } from "../helpers/generate.js";
import { typecheck } from "../helpers/typecheck.js";
import { tempDir } from "../helpers/tmp.js";

function bankWsdl(soap12: boolean): string {
  const soapNs = soap12 ? "http://schemas.xmlsoap.org/wsdl/soap12/" : "http://schemas.xmlsoap.org/wsdl/soap/";
  return `<?xml version="1.0"?>
<wsdl:definitions targetNamespace="${TNS}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="${soapNs}" xmlns:tns="${TNS}" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <wsdl:types><xs:schema targetNamespace="${TNS}" elementFormDefault="qualified">
    <xs:element name="Transfer"><xs:complexType><xs:sequence><xs:element name="amount" type="xs:decimal"/></xs:sequence></xs:complexType></xs:element>
    <xs:element name="TransferResponse"><xs:complexType><xs:sequence><xs:element name="id" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
    <xs:element name="InsufficientFunds"><xs:complexType><xs:sequence><xs:element name="balance" type="xs:decimal"/></xs:sequence></xs:complexType></xs:element>
    <xs:element name="AccountLocked"><xs:complexType><xs:sequence><xs:element name="until" type="xs:dateTime"/></xs:sequence></xs:complexType></xs:element>
  </xs:schema></wsdl:types>
  <wsdl:message name="In"><wsdl:part name="p" element="tns:Transfer"/></wsdl:message>
  <wsdl:message name="Out"><wsdl:part name="p" element="tns:TransferResponse"/></wsdl:message>
  <wsdl:message name="Funds"><wsdl:part name="f" element="tns:InsufficientFunds"/></wsdl:message>
  <wsdl:message name="Locked"><wsdl:part name="f" element="tns:AccountLocked"/></wsdl:message>
  <wsdl:portType name="Bank"><wsdl:operation name="Transfer"><wsdl:input message="tns:In"/><wsdl:output message="tns:Out"/>
    <wsdl:fault name="InsufficientFundsFault" message="tns:Funds"/><wsdl:fault name="AccountLockedFault" message="tns:Locked"/></wsdl:operation></wsdl:portType>
  <wsdl:binding name="B" type="tns:Bank"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Transfer"><soap:operation soapAction="urn:Transfer"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output>
      <wsdl:fault name="InsufficientFundsFault"><soap:fault name="InsufficientFundsFault" use="literal"/></wsdl:fault>
      <wsdl:fault name="AccountLockedFault"><soap:fault name="AccountLockedFault" use="literal"/></wsdl:fault></wsdl:operation></wsdl:binding>
  <wsdl:service name="S"><wsdl:port name="P" binding="tns:B"><soap:address location="http://bank.test/"/></wsdl:port></wsdl:service>
</wsdl:definitions>`;
}

interface Fault {
  readonly version: string;
  readonly code: { local: string };
  readonly reason: string;
  readonly status: number;
  readonly faultName?: string;
  readonly detail?: unknown;
}

for (const soap12 of [false, true]) {
  test(`declared faults thrown by a handler reach the client typed (SOAP ${soap12 ? "1.2" : "1.1"})`, async () => {
    const r = await generateDocs({ "mem:/bank.wsdl": bankWsdl(soap12) });
    assert.deepEqual(r.diagnostics, []);
    const service = r.files.find((f) => f.path === "BankService.ts")?.text ?? "";
    assert.match(service, /export function bankFault<K extends keyof BankFaults & string>\(/);
    const dir = tempDir("wsdlc-server-faults-");
    writePackage(dir, r.files);
    writeFileSync(
      join(dir, "use.ts"),
      [
        'import { bankFault, bankService, type BankServiceHandlers } from "./BankService.js";',
        "export const handlers: BankServiceHandlers = {",
        "  async transfer(input) {",
        '    if (input.amount === "0") throw bankFault("AccountLockedFault", { until: "2030-01-01T00:00:00Z" }, "locked");',
        "    // @ts-expect-error the detail of one fault does not fit the other",
        '    if (input.amount === "1") throw bankFault("AccountLockedFault", { balance: "1" }, "wrong");',
        "    // @ts-expect-error not a declared fault",
        '    if (input.amount === "2") throw bankFault("Nope", {}, "wrong");',
        "    return `t-${input.amount}`;",
        "  },",
        "};",
        "export const service = bankService(handlers);",
        "",
      ].join("\n"),
    );
    const tc = typecheck([dir]);
    assert.equal(tc.output, "");

    const idx = (await import(pathToFileURL(join(dir, "index.ts")).href)) as Record<string, unknown>;
    const svc = (await import(pathToFileURL(join(dir, "BankService.ts")).href)) as Record<string, unknown>;
    const mockBank = svc["mockBankService"] as (h: object, o?: object) => { fetch: typeof fetch };
    const bankFault = svc["bankFault"] as (name: string, detail: unknown, reason: string, o?: object) => Error;
    const SoapFault = svc["SoapFault"] as new (reason: string, o: object) => Error;
    const errors: unknown[] = [];
    const mock = mockBank(
      {
        transfer: (input: { amount: string }) => {
          if (input.amount === "10.50") throw bankFault("InsufficientFundsFault", { balance: "3.5000000000000000001" }, "no money & <none>", { code: "Client" });
          if (input.amount === "2") throw new SoapFault("undeclared", { faultName: "Nope", detail: {} });
          return `t-${input.amount}`;
        },
      },
      { onError: (e: unknown) => errors.push(e) },
    );
    const Bank = idx["BankClient"] as new (o: object) => { transfer(i: unknown): Promise<unknown> };
    const isBankFault = idx["isBankFault"] as (e: unknown, name?: string) => boolean;
    const bank = new Bank({ fetch: mock.fetch });
    assert.equal(await bank.transfer({ amount: "1.25" }), "t-1.25");
    const err = (await bank.transfer({ amount: "10.50" }).then(
      () => undefined,
      (e: unknown) => e,
    )) as Fault;
    assert.ok(isBankFault(err, "InsufficientFundsFault"));
    assert.deepEqual(err.detail, { balance: "3.5000000000000000001" });
    assert.equal(err.reason, "no money & <none>");
    assert.equal(err.version, soap12 ? "1.2" : "1.1");
    assert.equal(err.code.local, soap12 ? "Sender" : "Client");
    assert.equal(err.status, soap12 ? 400 : 500);
    const bad = (await bank.transfer({ amount: "2" }).then(
      () => undefined,
      (e: unknown) => e,
    )) as Fault;
    assert.ok(!isBankFault(bad));
    assert.equal(bad.reason, 'Transfer: internal error (fault "Nope" is not declared by the operation)');
    assert.equal(bad.code.local, soap12 ? "Receiver" : "Server");
    assert.equal(bad.status, 500);
    assert.equal(errors.length, 1);
  });
}
