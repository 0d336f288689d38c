import { isSwitchyardError } from "@switchyard/core";
import type { Logger } from "pino";
import { anthropicSurface } from "../surface/anthropic-surface";
import { openAISurface } from "../surface/openai-surface";
import { responsesSurface } from "../surface/responses-surface";
import type { Surface } from "../surface/surface";
import { responseHeaders } from "./headers";
import { RoutedFailure } from "./routed-failure";
import type { GatewayRequest, GatewayResult } from "./types";

/** The one place an "/api" prefix is stripped: /api/v1/* and /v1/* are the same endpoints. */
export const normalisePath = (path: string): string =>
  path.startsWith("/api/v1/") ? path.slice(4) : path;

/**
 * The wire dialect of an endpoint: Anthropic's on /v1/messages (and below), the Responses API's on
 * /v1/responses (its errors are OpenAI's), else OpenAI chat's.
 */
export function surfaceFor(path: string): Surface {
  const normal = normalisePath(path);
  if (normal === "/v1/messages" || normal.startsWith("/v1/messages/")) return anthropicSurface;
  return normal === "/v1/responses" ? responsesSurface : openAISurface;
}

/**
 * Any error as a complete response in the caller's dialect, with the headers every gateway
 * response carries. A RoutedFailure names the model and route; an unexpected error is logged and
 * answered as a 500 that leaks nothing.
 */
export function errorResult(
  surfaceOrPath: Surface | string,
  error: unknown,
  request: Pick<GatewayRequest, "requestId" | "clientRequestId" | "receivedAt">,
  logger?: Logger,
): GatewayResult {
  const surface = typeof surfaceOrPath === "string" ? surfaceFor(surfaceOrPath) : surfaceOrPath;
  const routed = error instanceof RoutedFailure ? error : null;
  const failure = routed?.error ?? error;
  if (!isSwitchyardError(failure)) {
    logger?.error({ requestId: request.requestId, err: failure }, "unexpected error");
  }
  const { status, body, headers } = surface.errorResponse(failure);
  const overheadMs = performance.now() - request.receivedAt;
  return {
    kind: "json",
    status,
    headers: {
      ...responseHeaders(
        request,
        routed?.routedModel ?? "none",
        routed?.routeReason ?? "none",
        overheadMs,
        "json",
      ),
      ...headers,
    },
    body: JSON.stringify(body),
  };
}
