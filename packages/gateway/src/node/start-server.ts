import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Gateway } from "../create-gateway";
import type { DrainResult } from "../shutdown/in-flight";

export type NodeHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** Limits a server puts on its clients' connections (slow or too many clients). */
export interface ServerLimits {
  /** Longest wait for a request's headers (slow-header clients are cut). */
  headersTimeoutMs: number;
  /** Longest wait for a whole request (headers and body) to arrive; streams out are not limited. */
  requestTimeoutMs: number;
  /** Idle keep-alive connections are closed after this. */
  keepAliveTimeoutMs: number;
  /** Most open connections; beyond it new ones are refused. */
  maxConnections: number;
}

export const defaultServerLimits: ServerLimits = {
  headersTimeoutMs: 15_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 65_000,
  maxConnections: 10_000,
};

/** Apply the limits to a node:http server (the gateway's, or the console's that embeds it). */
export function applyServerLimits(
  server: ReturnType<typeof createServer>,
  limits: ServerLimits,
): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  // Expired header and request timers are checked this often.
  (server as unknown as { connectionsCheckingInterval?: number }).connectionsCheckingInterval =
    Math.min(1_000, limits.headersTimeoutMs);
}

export interface GatewayServer {
  url: string;
  /**
   * Shut down: stop accepting connections, let requests in flight (streams included) finish up
   * to `graceMs` (default 30 s), end what is left cleanly (gateway.drain), then close the
   * connections. The gateway itself is closed by its owner (after this): that flushes its
   * accounting.
   */
  close(graceMs?: number): Promise<DrainResult>;
}

/**
 * A plain node:http server that serves the gateway (the standalone process, benchmarks, tests),
 * with its own routes (e.g. /health, /ready, /metrics) matched by exact path first.
 */
export function startGatewayServer(input: {
  gateway: Gateway;
  port?: number;
  host?: string;
  routes?: Record<string, NodeHandler>;
  limits?: Partial<ServerLimits>;
}): Promise<GatewayServer> {
  const routes = input.routes ?? {};
  const server = createServer((req, res) => {
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    const route = routes[query === -1 ? url : url.slice(0, query)];
    if (route !== undefined) route(req, res);
    else input.gateway.handleNode(req, res);
  });
  applyServerLimits(server, { ...defaultServerLimits, ...input.limits });
  const host = input.host ?? "127.0.0.1";
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(input.port ?? 0, host, () => {
      server.off("error", reject);
      const { port } = server.address() as AddressInfo;
      const shownHost = host.includes(":") ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${port}`,
        async close(graceMs = 30_000) {
          const closed = new Promise<void>((done) => server.close(() => done()));
          server.closeIdleConnections();
          const drained = await input.gateway.drain(graceMs);
          server.closeAllConnections();
          await closed;
          return drained;
        },
      });
    });
  });
}
