/** A loopback HTTP server (127.0.0.1, a free port) recording every request; per-path handlers. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

export interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
}

export interface Loopback {
  /** `http://127.0.0.1:<port>` */
  readonly base: string;
  readonly port: number;
  readonly received: Received[];
  /** Handlers by exact path (query included); `*` answers any other path. Unknown paths get 404. */
  readonly handlers: Map<string, Handler>;
  close(): Promise<void>;
}

export async function startLoopback(): Promise<Loopback> {
  const received: Received[] = [];
  const handlers = new Map<string, Handler>();
  const open = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body });
      open.add(res);
      res.on("close", () => open.delete(res));
      const h = handlers.get(req.url ?? "") ?? handlers.get("*");
      if (h === undefined) res.writeHead(404).end("no handler");
      else h(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    received,
    handlers,
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
