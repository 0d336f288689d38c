/**
 * Which handler a request goes to in the production server: the gateway's node:http fast path for
 * the API (/v1/* and its Next.js-style alias /api/v1/*), the operations endpoints (/metrics,
 * /health, /ready) by exact path, Next.js for everything else.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { PEER_ADDRESS_HEADER } from "../src/features/auth/server/client-address";

export type Destination = "gateway" | "ops" | "next";

/** The operations endpoints (see @switchyard/server's createOps). */
const opsPaths = new Set(["/metrics", "/health", "/ready"]);

const gatewayPrefixes = ["/v1", "/api/v1"] as const;

/** The path part of a request target ("/v1/models?x=1" → "/v1/models"); tolerant of odd input. */
export function pathOf(target: string | undefined): string {
  if (!target) return "/";
  const end = target.search(/[?#]/);
  const path = end === -1 ? target : target.slice(0, end);
  return path.startsWith("/") ? path : `/${path}`;
}

export function destinationFor(target: string | undefined): Destination {
  const path = pathOf(target);
  if (opsPaths.has(path)) return "ops";
  for (const prefix of gatewayPrefixes) {
    if (path === prefix || path.startsWith(`${prefix}/`)) return "gateway";
  }
  return "next";
}

export type NodeHandler = (request: IncomingMessage, response: ServerResponse) => void;

export function createDispatcher(handlers: {
  gateway: NodeHandler;
  /** Exact paths → handlers: /metrics, /health, /ready. */
  ops: Record<string, NodeHandler>;
  next: NodeHandler;
}): NodeHandler {
  return (request, response) => {
    const destination = destinationFor(request.url);
    // The gateway serves /api/v1/* as /v1/* itself.
    if (destination === "gateway") handlers.gateway(request, response);
    else if (destination === "ops") {
      const handler = handlers.ops[pathOf(request.url)];
      if (handler) handler(request, response);
      else handlers.next(request, response);
    } else {
      // The console's sign-in throttle reads the client's address from here; what a client
      // sends in this header itself is replaced.
      request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? "";
      handlers.next(request, response);
    }
  };
}
