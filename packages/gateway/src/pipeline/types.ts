import type { AbortSource } from "../execute/abort-source";
import type { StreamHandle } from "../stream/stream-relay";

export type HeaderMap = Record<string, string | string[] | undefined>;

/** A request as the transport-free pipeline sees it. */
export interface GatewayRequest {
  method: string;
  /** Path without query string, e.g. "/v1/chat/completions" (an "/api" prefix is accepted). */
  path: string;
  /** The query string without "?" ("" or absent when none). */
  query?: string;
  headers: HeaderMap;
  /** Raw body text (already size-checked by the transport); null for bodiless requests. */
  bodyText: string | null;
  /** Aborts when the client goes away. */
  signal: AbortSource;
  /** The gateway's own id (a UUID): the log row's id and the response's x-request-id. */
  requestId: string;
  /** The caller's own id (x-client-request-id or x-request-id), logged and echoed; null when none. */
  clientRequestId: string | null;
  /** performance.now() when the request arrived. */
  receivedAt: number;
}

export type GatewayResult =
  | { kind: "json"; status: number; headers: Record<string, string>; body: string }
  | {
      kind: "stream";
      status: number;
      headers: Record<string, string>;
      /** The live stream: start it with a sink for the SSE frames; cancel when the client leaves. */
      stream: StreamHandle;
    };
