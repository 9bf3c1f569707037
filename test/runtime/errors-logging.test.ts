/**
 * Logging an error never prints what the service echoed back: the headers and detail of a ServiceError and
 * the detail of a SoapFaultError stay readable by code but are not enumerable, so console.log, util.inspect
 * and JSON.stringify show the (redacted) message only.
 */
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { test } from "node:test";
import { ServiceError, SoapFaultError } from "../../templates/runtime/errors.js";
import type { XmlElement } from "../../templates/runtime/xml.js";

const ECHO = "7T:echoed-ticket-value";

test("ServiceError: headers and detail are readable but not printed", () => {
  const detail = { Message: `ticket ${ECHO} expired`, ExceptionType: "SoException" };
  const e = new ServiceError("Op: SoException: ticket [redacted] expired", { operation: "Op", headers: { ExceptionInfo: detail, Succeeded: false }, detail, status: 200 });
  assert.equal(e.detail, detail);
  assert.deepEqual(e.headers, { ExceptionInfo: detail, Succeeded: false });
  for (const text of [inspect(e, { depth: 10 }), JSON.stringify(e), String(e), Object.keys(e).join(",")]) assert.ok(!text.includes(ECHO), text);
});

test("SoapFaultError: detail and raw detail are readable but not printed", () => {
  const rawDetail: XmlElement[] = [{ name: "Why", ns: "urn:x", attributes: [], children: [ECHO] }];
  const e = new SoapFaultError("Op: SOAP fault", {
    operation: "Op",
    version: "1.1",
    code: { ns: "http://schemas.xmlsoap.org/soap/envelope/", local: "Client" },
    subcodes: [],
    reason: "bad ticket [redacted]",
    actor: undefined,
    node: undefined,
    detail: { Why: ECHO },
    faultName: "Why",
    rawDetail,
    status: 500,
  });
  assert.deepEqual(e.detail, { Why: ECHO });
  assert.equal(e.rawDetail, rawDetail);
  assert.ok(!inspect(e, { depth: 10 }).includes(ECHO));
  assert.ok(!JSON.stringify(e).includes(ECHO));
});
