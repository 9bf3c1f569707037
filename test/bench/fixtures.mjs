// Shared by the benchmark's worker and server processes (plain JavaScript, so a timed process loads no
// TypeScript tooling): the SuperOffice Services75 GetUntrustedCredentials response with N items.
export const NS = "http://www.superoffice.net/ws/crm/NetServer/Services75";

/** One UntrustedCredentials item (about 450 bytes). */
function item(i) {
  return (
    `<UntrustedCredentials><TableRight><Mask>Select Update Delete</Mask><Reason i:nil="true"/></TableRight>` +
    `<ValidFrom>2022-03-25T21:34:02.1234567+01:00</ValidFrom><ValidTo>2032-03-25T21:34:02.1234567+01:00</ValidTo><Comment>Mailbox ${i} &amp; archive</Comment>` +
    `<SecretValue>secret-${i}</SecretValue><PublicValue>user${i}@example.com</PublicValue><IsActive>true</IsActive></UntrustedCredentials>`
  );
}

/** A GetUntrustedCredentials response envelope with `items` credentials. */
export function response(items) {
  const head = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><Succeeded xmlns="${NS}">true</Succeeded></s:Header><s:Body><GetUntrustedCredentialsResponse xmlns="${NS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><Response>`;
  const parts = [head];
  for (let i = 0; i < items; i++) parts.push(item(i));
  parts.push("</Response></GetUntrustedCredentialsResponse></s:Body></s:Envelope>");
  return parts.join("");
}

/** What a bare HTTP client sends in the floor rows: a GetUntrustedCredentials request like the clients'. */
export const REQUEST =
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header>` +
  `<Credentials xmlns="${NS}"><Ticket>7T:x</Ticket></Credentials></soap:Header><soap:Body><GetUntrustedCredentials xmlns="${NS}">` +
  `<Type>imap</Type></GetUntrustedCredentials></soap:Body></soap:Envelope>`;
export const SOAP_ACTION = `"${NS}/User/GetUntrustedCredentials"`;
