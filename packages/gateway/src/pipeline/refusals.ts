import { type ApiKeyInfo, forbidden, isSwitchyardError } from "@switchyard/core";
import { type RequestRecord, toLogEntry } from "../accounting/request-record";
import type { ConfigState } from "../config/config-state";
import type { ParsedRequest, Surface } from "../surface/surface";
import type { PipelineDeps } from "./pipeline-deps";
import type { GatewayRequest } from "./types";

/** 403 unless the key's scopes allow the requested model (by name or by one of its aliases). */
export function checkScope(key: ApiKeyInfo, requested: string, config: ConfigState): void {
  if (key.scopes.length === 0 || key.scopes.includes(requested)) return;
  const model = config.modelFor(requested, key.teamId);
  if (
    model !== undefined &&
    (key.scopes.includes(model.name) || model.aliases.some((a) => key.scopes.includes(a)))
  ) {
    return;
  }
  throw forbidden(`This API key may not use the model '${requested}'.`, "model_not_allowed");
}

/** Log a request refused before routing (scope, unknown model) in the team's request log. */
export function logRefusal(
  deps: PipelineDeps,
  request: GatewayRequest,
  key: ApiKeyInfo,
  surface: Surface,
  parsed: ParsedRequest,
  error: unknown,
): void {
  if (!isSwitchyardError(error)) return;
  const latencyMs = performance.now() - request.receivedAt;
  const record: RequestRecord = {
    id: request.requestId,
    createdAt: new Date(),
    teamId: key.teamId,
    apiKeyId: key.id,
    policyVersionId: null,
    surface: surface.name,
    requestedModel: parsed.requestedModel,
    routeReason: "refused",
    routeTrace: null,
    baselineModel: null,
    streamed: parsed.stream,
    servedModel: null,
    attempts: [],
    cheapCall: null,
    promptText: null,
    completionText: null,
  };
  deps.usage.push(
    toLogEntry(record, {
      status: "error",
      httpStatus: error.status,
      errorCode: error.code,
      inputTokens: 0,
      outputTokens: 0,
      usageEstimated: false,
      latencyMs,
      ttftMs: null,
      overheadMs: latencyMs,
    }),
  );
}
