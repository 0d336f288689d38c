/**
 * POST /v1/embeddings through the gateway: scope check, the named embedding model (and its
 * embedding fallbacks; policies route chats, so an alias is refused), budgets and rate limits
 * (input tokens at the model's input price), the plan's retries, fallbacks, breakers and
 * deadlines, the request log and settlement through the request ledger, as for a chat.
 */
import {
  type ApiKeyInfo,
  invalidRequest,
  isEmbeddingModel,
  isSwitchyardError,
  notFound,
  toSwitchyardError,
  usageCost,
} from "@switchyard/core";
import type { Reservation } from "@switchyard/limits";
import type { EmbeddingsResult } from "@switchyard/providers";
import { RequestLedger } from "../accounting/request-ledger";
import type { ConfigState } from "../config/config-state";
import { ClientClosedError, clientClosedResponse } from "../execute/errors";
import { type ExecuteContext, executePlan, PlanFailedError } from "../execute/execute-plan";
import { responseHeaders } from "../pipeline/headers";
import type { PipelineDeps } from "../pipeline/pipeline-deps";
import { checkScope } from "../pipeline/refusals";
import { RoutedFailure } from "../pipeline/routed-failure";
import { tracked } from "../pipeline/tracked-plan";
import type { GatewayRequest, GatewayResult } from "../pipeline/types";
import { pricedRoute } from "../pipeline/unpriced-guard";
import { collectTags } from "../route/request-tags";
import type { RouteAttempt, RouteDecision } from "../route/resolve-route";
import { endRequestSpan, startRequestSpan, tracingOn } from "../tracing/spans";
import { type EmbeddingsCall, toBase64 } from "./embeddings-request";

/** The named embedding model, then its fallbacks that embed too. */
function embeddingsRoute(config: ConfigState, key: ApiKeyInfo, name: string): RouteDecision {
  const model = config.modelFor(name, key.teamId);
  if (model === undefined) {
    if (config.policyFor(key.teamId, name) !== undefined || name === "switchyard/auto")
      throw invalidRequest(
        `'${name}' is a routing policy, which routes chats: ask for an embedding model by name.`,
        "model",
        "model_not_embedding",
      );
    throw notFound(
      `The model '${name}' does not exist or you do not have access to it.`,
      "model_not_found",
      "model",
    );
  }
  if (!isEmbeddingModel(model))
    throw invalidRequest(
      `The model '${name}' is not an embedding model (its capabilities do not include "embeddings").`,
      "model",
      "model_not_embedding",
    );
  const plan: RouteAttempt[] = [{ model, reason: "requested" }];
  for (const fallback of config.fallbacksOf(model)) {
    const next = config.modelFor(fallback, key.teamId);
    if (next !== undefined && next.id !== model.id) plan.push({ model: next, reason: "fallback" });
  }
  return {
    plan: plan.filter((attempt) => isEmbeddingModel(attempt.model)),
    trace: { steps: [`embeddings with '${name}' → ${model.name}`] },
    reason: "embeddings",
    policyVersionId: null,
    // Embeddings compare with themselves: no routing saving is claimed.
    baselineModel: model,
    cascade: null,
  };
}

export async function runEmbeddings(
  deps: PipelineDeps,
  request: GatewayRequest,
  key: ApiKeyInfo,
  call: EmbeddingsCall,
): Promise<GatewayResult> {
  const config = deps.config();
  const team = config.teamsById.get(key.teamId) ?? key.team;
  const tags = collectTags({
    user: call.user,
    header: request.headers["x-switchyard-tags"],
    keyTags: key.tags,
  });
  let reservation: Reservation | null = null;
  const span = !tracingOn()
    ? null
    : startRequestSpan("embeddings", call.model, request.receivedAt, () => ({
        "switchyard.surface": "openai",
        "switchyard.inputs": call.inputs.length,
      }));
  const ledger = new RequestLedger(
    {
      id: request.requestId,
      clientRequestId: request.clientRequestId,
      teamId: key.teamId,
      apiKeyId: key.id,
      surface: "openai",
      requestedModel: call.model,
      streamed: false,
      keepText: team.contentLogging,
      tags,
    },
    (closed) => {
      endRequestSpan(span, closed.entry);
      deps.accountant.record(closed, reservation);
    },
  );
  const failed = (
    error: unknown,
    status: "error" | "blocked" | "client_closed",
    upstreamMs = 0,
  ): never => {
    const latencyMs = performance.now() - request.receivedAt;
    if (!isSwitchyardError(error) && !(error instanceof ClientClosedError))
      deps.logger.error({ requestId: request.requestId, err: error }, "unexpected error");
    const typed =
      error instanceof ClientClosedError ? clientClosedResponse() : toSwitchyardError(error);
    ledger.close({
      status,
      httpStatus: status === "client_closed" ? 499 : typed.status,
      errorCode: status === "client_closed" ? "client_closed" : typed.code,
      latencyMs,
      ttftMs: null,
      overheadMs: latencyMs - upstreamMs,
    });
    throw new RoutedFailure(typed, ledger.served?.name ?? null, ledger.routeReason);
  };

  let route: RouteDecision;
  try {
    checkScope(key, call.model, config);
    route = embeddingsRoute(config, key, call.model);
    for (const { model } of route.plan)
      if (deps.providers(model.providerKind).embeddings === undefined)
        throw invalidRequest(
          `The model '${model.name}' is served by ${model.providerKind}, which has no embeddings API.`,
          "model",
          "model_not_embedding",
        );
    // A budget cannot count an unknown cost: unpriced models are kept from budgeted requests.
    if (deps.limits !== undefined) route = pricedRoute(route, deps.limits, key.teamId, key.id);
  } catch (error) {
    return failed(error, "error");
  }
  ledger.route(route);
  ledger.setPromptText(() =>
    call.inputs
      .map((input) => (typeof input === "string" ? input : `[${input.length} tokens]`))
      .join("\n"),
  );

  let rateHeaders: Record<string, string> = {};
  if (deps.limits !== undefined) {
    let worst = 0;
    for (const { model } of route.plan) {
      const price = { inputPerMillion: model.inputPricePerMillion, outputPerMillion: 0 };
      worst = Math.max(worst, usageCost(price, call.estimatedTokens, 0));
    }
    try {
      const pending = deps.limits.admit({
        teamId: key.teamId,
        apiKeyId: key.id,
        estimatedTokens: call.estimatedTokens,
        worstCaseCostPicos: worst,
      });
      const answer = pending instanceof Promise ? await pending : pending;
      if (!answer.ok) {
        Object.assign(answer.error.headers, answer.rateHeaders);
        throw answer.error;
      }
      reservation = answer.reservation;
      rateHeaders = answer.rateHeaders;
    } catch (error) {
      return failed(error, "blocked");
    }
  }

  const upstreamRequest = {
    input: call.inputs,
    dimensions: call.dimensions,
    user: call.user,
  };
  const context: ExecuteContext = {
    plan: route.plan,
    request: { model: call.model, messages: [] },
    stream: false,
    signal: request.signal,
    providers: deps.providers,
    pools: deps.pools,
    deadlines: deps.deadlines,
    options: deps.options,
    logger: deps.logger,
    span,
    operation: "embeddings",
    build: (adapter, target) => {
      const embeddings = adapter.embeddings;
      if (embeddings === undefined) throw invalidRequest(`${adapter.kind} has no embeddings API.`);
      return embeddings.buildRequest(target.model, upstreamRequest);
    },
  };
  let result: EmbeddingsResult;
  let served: RouteAttempt;
  try {
    const executed = await tracked(
      ledger,
      executePlan(context, async (upstream, adapter, target) => {
        const body = await upstream.response.body.json();
        return (adapter.embeddings as NonNullable<typeof adapter.embeddings>).parseResponse(
          target.model,
          body,
          call.inputs.length,
        );
      }),
    );
    result = executed.value;
    served = executed.target;
  } catch (error) {
    if (error instanceof PlanFailedError) {
      ledger.attempted(error.lastTarget?.model ?? null);
      const closed = error.error instanceof ClientClosedError;
      if (!closed) Object.assign(error.error.headers, rateHeaders);
      return failed(error.error, closed ? "client_closed" : "error", ledger.upstreamMs);
    }
    return failed(error, "error", ledger.upstreamMs);
  }
  const inputTokens = result.inputTokens ?? call.estimatedTokens;
  ledger.pay("served", served.model, {
    inputTokens,
    outputTokens: 0,
    usageEstimated: result.inputTokens === null,
  });
  const body = JSON.stringify({
    object: "list",
    data: result.vectors.map((vector, index) => ({
      object: "embedding",
      index,
      embedding: call.encoding === "base64" ? toBase64(vector) : vector,
    })),
    model: served.model.name,
    usage: { prompt_tokens: inputTokens, total_tokens: inputTokens },
  });
  const latencyMs = performance.now() - request.receivedAt;
  const overheadMs = latencyMs - ledger.upstreamMs;
  ledger.close({
    status: "ok",
    httpStatus: 200,
    errorCode: null,
    latencyMs,
    ttftMs: null,
    overheadMs,
  });
  const headers = responseHeaders(
    request,
    served.model.name,
    ledger.routeReason,
    overheadMs,
    "json",
  );
  Object.assign(headers, rateHeaders);
  return { kind: "json", status: 200, headers, body };
}
