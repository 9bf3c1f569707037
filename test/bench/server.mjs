// The benchmark's SOAP server, run as its own process so that server work does not share the client's
// event loop: answers every POST with the same GetUntrustedCredentials response (keep-alive on).
// Usage: node server.mjs ITEMS; prints the port on stdout, runs until killed.
import { createServer } from "node:http";
import { response } from "./fixtures.mjs";

const body = Buffer.from(response(Number(process.argv[2] ?? "3")));
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "text/xml; charset=utf-8", "content-length": body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.stdout.write(`${server.address().port}\n`));
