/**
 * Typed faults: a client whose operations declare wsdl:faults gets `<Client>Faults` (fault name → detail type)
 * and `is<Client>Fault(e, name?)`, which narrows a caught error to the declared fault's typed detail.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { generateDocs, TNS, writePackage } from "../helpers/generate.js";
import { typecheck } from "../helpers/typecheck.js";
import { tempDir } from "../helpers/tmp.js";

const WSDL = `<?xml version="1.0"?>
<wsdl:definitions targetNamespace="${TNS}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="${TNS}" xmlns:xs="http://www.w3.org/2001/XMLSchema">
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

test("declared faults are typed and narrowed by the generated guard", async () => {
  const r = await generateDocs({ "mem:/bank.wsdl": WSDL });
  assert.deepEqual(r.diagnostics, []);
  const client = r.files.find((f) => f.path === "BankClient.ts")?.text ?? "";
  assert.match(client, /export interface BankFaults \{\n {2}AccountLockedFault: AccountLocked;\n {2}InsufficientFundsFault: InsufficientFunds;\n\}/);
  assert.match(client, /export function isBankFault<K extends keyof BankFaults>\(/);

  const dir = tempDir("wsdlc-faults-");
  writePackage(dir, r.files);
  writeFileSync(
    join(dir, "use.ts"),
    [
      'import { BankClient, isBankFault } from "./index.js";',
      "export async function pay(bank: BankClient): Promise<string> {",
      "  try {",
      '    return (await bank.transfer({ amount: "10.00" })) ?? "";',
      "  } catch (e) {",
      '    if (isBankFault(e, "InsufficientFundsFault")) return e.detail.balance;',
      '    if (isBankFault(e, "AccountLockedFault")) return e.detail.until;',
      "    // @ts-expect-error the detail of one fault does not have the other's members",
      '    if (isBankFault(e, "AccountLockedFault")) return e.detail.balance;',
      "    throw e;",
      "  }",
      "}",
      "",
    ].join("\n"),
  );
  const tc = typecheck([dir]);
  assert.equal(tc.output, "");

  const mod = (await import(pathToFileURL(join(dir, "index.ts")).href)) as Record<string, unknown>;
  const fault =
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>no money</faultstring>` +
    `<detail><InsufficientFunds xmlns="${TNS}"><balance>3.50</balance></InsufficientFunds></detail></s:Fault></s:Body></s:Envelope>`;
  const Bank = mod["BankClient"] as new (o: object) => { transfer(i: unknown): Promise<unknown> };
  const isBankFault = mod["isBankFault"] as (e: unknown, name?: string) => boolean;
  const bank = new Bank({ fetch: async () => new Response(fault, { status: 500, headers: { "content-type": "text/xml" } }) });
  const err = await bank.transfer({ amount: "10.00" }).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(isBankFault(err));
  assert.ok(isBankFault(err, "InsufficientFundsFault"));
  assert.ok(!isBankFault(err, "AccountLockedFault"));
  assert.deepEqual((err as { detail: unknown }).detail, { balance: "3.50" });
});
