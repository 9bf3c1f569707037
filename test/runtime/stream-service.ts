/** The streaming client and server side shared by test/runtime/stream.test.ts and stream-soak.test.ts. */
import type { ServerResponse } from "node:http";
import { SoapClient, type CallOptions, type ClientOptions } from "../../templates/runtime/client.js";
import { streaming } from "../../templates/runtime/stream.js";
import { credentialXml, descriptor, NS, okHeaders, SOAP11, type RequestHeaders, type UserOps } from "./service.js";

export class StreamAgent extends SoapClient<UserOps, RequestHeaders> {
  constructor(options?: ClientOptions<RequestHeaders>) {
    super({ ...descriptor("1.1"), features: { streaming } }, options);
  }
  getUntrustedCredentials(input: UserOps["getUntrustedCredentials"]["input"], options?: CallOptions<RequestHeaders>) {
    return this.$call("getUntrustedCredentials", input, options);
  }
  getUntrustedCredentialsStream(input: UserOps["getUntrustedCredentials"]["input"], options?: CallOptions<RequestHeaders>) {
    return this.$stream("getUntrustedCredentials", input, options);
  }
  saveStream(input: UserOps["saveUntrustedCredentials"]["input"]) {
    return this.$stream("saveUntrustedCredentials", input);
  }
}

export /** Writes a response of `n` items in pieces, honouring backpressure, without ever holding it whole. */
function serveItems(res: ServerResponse, n: number, header = okHeaders()): void {
  res.writeHead(200, { "Content-Type": "text/xml; charset=utf-8" });
  res.write(
    `<s:Envelope xmlns:s="${SOAP11}"><s:Header>${header}</s:Header><s:Body><GetUntrustedCredentialsResponse xmlns="${NS}"><Response xmlns:i="http://www.w3.org/2001/XMLSchema-instance">`,
  );
  let i = 0;
  const pump = (): void => {
    while (i < n) {
      let batch = "";
      for (let k = 0; k < 100 && i < n; k++) batch += credentialXml(i++);
      if (!res.write(batch)) {
        res.once("drain", pump);
        return;
      }
    }
    res.end("</Response></GetUntrustedCredentialsResponse></s:Body></s:Envelope>");
  };
  res.on("error", () => undefined);
  pump();
}
