import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Gateway } from "../create-gateway";

export interface GatewayServer {
  url: string;
  /**
   * Stop accepting connections, let requests in flight finish (up to `graceMs`, default 10 s),
   * then drop what is left. The gateway itself is closed by its owner (after this).
   */
  close(graceMs?: number): Promise<void>;
}

/** A plain node:http server that serves the gateway (standalone process, benchmarks, tests). */
export function startGatewayServer(input: {
  gateway: Gateway;
  port?: number;
  host?: string;
}): Promise<GatewayServer> {
  let inFlight = 0;
  let drained: (() => void) | null = null;
  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    inFlight += 1;
    res.on("close", () => {
      inFlight -= 1;
      if (inFlight === 0) drained?.();
    });
    input.gateway.handleNode(req, res);
  });
  const host = input.host ?? "127.0.0.1";
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(input.port ?? 0, host, () => {
      server.off("error", reject);
      const { port } = server.address() as AddressInfo;
      const shownHost = host.includes(":") ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${port}`,
        async close(graceMs = 10_000) {
          const closed = new Promise<void>((done) => server.close(() => done()));
          server.closeIdleConnections();
          if (inFlight > 0) {
            await new Promise<void>((done) => {
              const timer = setTimeout(done, graceMs);
              drained = () => {
                clearTimeout(timer);
                done();
              };
            });
          }
          server.closeAllConnections();
          await closed;
        },
      });
    });
  });
}
