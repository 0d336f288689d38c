import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Gateway } from "../create-gateway";

export interface GatewayServer {
  url: string;
  close(): Promise<void>;
}

/** A plain node:http server that serves the gateway (standalone process, benchmarks, tests). */
export function startGatewayServer(input: {
  gateway: Gateway;
  port?: number;
  host?: string;
}): Promise<GatewayServer> {
  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) =>
    input.gateway.handleNode(req, res),
  );
  const host = input.host ?? "127.0.0.1";
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(input.port ?? 0, host, () => {
      server.off("error", reject);
      const { port } = server.address() as AddressInfo;
      const shownHost = host.includes(":") ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
