import { type ApiKeyInfo, isSwitchyardError } from "@switchyard/core";
import type { LimitsEngine, Reservation, SettleResult } from "@switchyard/limits";
import { completionText, promptText } from "../accounting/content-text";
import {
  costPicosOf,
  type RequestOutcome,
  type RequestRecord,
  toLogEntry,
} from "../accounting/request-record";
import { ClientClosedError, clientClosedResponse } from "../execute/errors";
import { PlanFailedError } from "../execute/execute-plan";
import { type RouteDecision, resolveRoute } from "../route/resolve-route";
import type { ParsedRequest, Surface } from "../surface/surface";
import { type Admission, admit, reserveFor } from "./admission";
import { executeJson } from "./execute-json";
import { responseHeaders, scoresHeader } from "./headers";
import { addJudgeCall, type CascadeJudge, cascadeJudge, judgeCostPicos } from "./judge";
import type { PipelineDeps } from "./pipeline-deps";
import { checkScope, logRefusal } from "./refusals";
import { streamResponse } from "./stream-response";
import type { GatewayRequest, GatewayResult } from "./types";

/**
 * One chat request (either surface) through the pipeline: scope check, route, execute with
 * retries and fallbacks, respond (JSON or a live stream), account. The caller (gateway core)
 * has already authenticated and parsed the body.
 */
export async function runChat(
  deps: PipelineDeps,
  surface: Surface,
  request: GatewayRequest,
  key: ApiKeyInfo,
  parsed: ParsedRequest,
): Promise<GatewayResult> {
  const config = deps.config();
  const task = request.headers["x-switchyard-task"];
  let resolved: RouteDecision;
  try {
    checkScope(key, parsed.requestedModel, config);
    resolved = resolveRoute({
      requestedModel: parsed.requestedModel,
      request: parsed.canonical,
      key,
      config,
      task: Array.isArray(task) ? task[0] : task,
      onPolicyError: (policy, error) =>
        deps.logger.error(
          { policyVersionId: policy.versionId, err: error.message },
          "published policy does not compile; using its default model",
        ),
    });
  } catch (error) {
    // Refused before routing (scope, unknown model): still in the team's request log.
    logRefusal(deps, request, key, surface, parsed, error);
    throw error;
  }
  const record: RequestRecord = {
    id: request.requestId,
    createdAt: new Date(),
    teamId: key.teamId,
    apiKeyId: key.id,
    policyVersionId: resolved.policyVersionId,
    surface: surface.name,
    requestedModel: parsed.requestedModel,
    routeReason: resolved.reason,
    routeTrace: resolved.trace,
    baselineModel: resolved.baselineModel,
    streamed: parsed.stream,
    servedModel: null,
    attempts: [],
    cheapCall: null,
    promptText: null,
    completionText: null,
  };
  const team = config.teamsById.get(key.teamId) ?? key.team;
  if (team.contentLogging) record.promptText = promptText(parsed.canonical);
  let reservation: Reservation | null = null;
  let judge: CascadeJudge | null = null;
  const finish = (outcome: RequestOutcome) => {
    const entry = toLogEntry(record, outcome);
    if (judge !== null) addJudgeCall(entry, judge);
    deps.usage.push(entry);
    if (reservation !== null && deps.limits !== undefined) {
      const cost = costPicosOf(record, outcome) + (judge === null ? 0 : judgeCostPicos(judge));
      // Every call's tokens: the served one's, and a cascade's cheap and judge calls'.
      const tokens = entry.inputTokens + entry.outputTokens;
      // Tokens used (even at no cost) are settled so the token rate limit counts them.
      settleReservation(deps.limits, deps, record.id, reservation, cost, tokens);
    }
    deps.logger.info(
      {
        requestId: record.id,
        team: record.teamId,
        model: record.servedModel?.name ?? null,
        route: record.routeReason,
        status: outcome.httpStatus,
        outcome: outcome.status,
        latencyMs: Math.round(outcome.latencyMs * 100) / 100,
        overheadMs: Math.round(outcome.overheadMs * 1000) / 1000,
        attempts: record.attempts.length,
      },
      "request finished",
    );
  };
  let admission: Admission;
  try {
    const pending =
      deps.limits === undefined
        ? { reservation: null, rateHeaders: {}, route: resolved }
        : admit(deps.limits, key, resolved, parsed.canonical, config);
    // An admission decided in memory continues in this turn; only a real promise is awaited.
    admission = pending instanceof Promise ? await pending : pending;
  } catch (error) {
    const latencyMs = performance.now() - request.receivedAt;
    finish({
      status: "blocked",
      httpStatus: isSwitchyardError(error) ? error.status : 500,
      errorCode: isSwitchyardError(error) ? error.code : "internal_error",
      inputTokens: 0,
      outputTokens: 0,
      usageEstimated: false,
      latencyMs,
      ttftMs: null,
      overheadMs: latencyMs,
    });
    throw Object.assign(error as object, { routeReason: resolved.reason });
  }
  reservation = admission.reservation;
  const route = admission.route;
  const rateHeaders = admission.rateHeaders;
  record.routeReason = route.reason;
  record.routeTrace = route.trace;
  if (route.cascade?.scorer.judge !== undefined)
    judge = cascadeJudge(route, config, key.teamId, deps.limits, reservation);
  const context = {
    plan: route.plan,
    request: parsed.canonical,
    stream: parsed.stream,
    signal: request.signal,
    providers: deps.providers,
    pools: deps.pools,
    deadlines: deps.deadlines,
    options: deps.options,
    logger: deps.logger,
    beforeAttempt:
      reservation === null || deps.limits === undefined
        ? undefined
        : reserveFor(deps.limits, reservation, parsed.canonical),
  };
  try {
    if (!parsed.stream) {
      const outcome = await executeJson(context, route, deps.logger, judge);
      record.servedModel = outcome.served;
      record.attempts = outcome.attempts;
      record.routeReason = outcome.reason;
      if (outcome.cascade !== null)
        record.routeTrace = { ...(route.trace as object), cascadeResult: outcome.cascade };
      record.cheapCall = outcome.cheapCall;
      if (team.contentLogging) record.completionText = completionText(outcome.response);
      const body = JSON.stringify(surface.encodeResponse(outcome.response, parsed));
      const latencyMs = performance.now() - request.receivedAt;
      const overheadMs = latencyMs - outcome.upstreamMs;
      finish({
        ...outcome.usage,
        status: "ok",
        httpStatus: 200,
        errorCode: null,
        latencyMs,
        ttftMs: null,
        overheadMs,
      });
      const headers = responseHeaders(
        request.requestId,
        outcome.served.name,
        outcome.reason,
        overheadMs,
        "json",
      );
      if (deps.options.exposeScores)
        Object.assign(headers, scoresHeader(route.trace, outcome.cascade));
      Object.assign(headers, rateHeaders);
      return { kind: "json", status: 200, headers, body };
    }
    return await streamResponse({
      deps,
      surface,
      request,
      parsed,
      route,
      record,
      context,
      collectText: team.contentLogging,
      extraHeaders: rateHeaders,
      judge,
      finish,
    });
  } catch (error) {
    if (!(error instanceof PlanFailedError)) throw error;
    record.attempts = error.attempts;
    // A cascade's cheap answer was paid for even though the client left before the end.
    if (error.paidCheapCall !== undefined) record.cheapCall = error.paidCheapCall;
    record.servedModel = error.lastTarget?.model ?? null;
    const latencyMs = performance.now() - request.receivedAt;
    const closed = error.error instanceof ClientClosedError;
    const status = closed ? 499 : error.error.status;
    finish({
      status: closed ? "client_closed" : "error",
      httpStatus: status,
      errorCode: closed ? "client_closed" : (error.error as { code: string }).code,
      inputTokens: 0,
      outputTokens: 0,
      usageEstimated: false,
      latencyMs,
      ttftMs: null,
      overheadMs: latencyMs - error.upstreamMs,
    });
    const failure = closed ? clientClosedResponse() : error.error;
    Object.assign(failure.headers, rateHeaders);
    throw Object.assign(failure, {
      routedModel: record.servedModel?.name,
      routeReason: route.reason,
    });
  }
}

/** Settles (or releases, when nothing was used) without holding the request's state meanwhile. */
function settleReservation(
  limits: LimitsEngine,
  deps: PipelineDeps,
  requestId: string,
  reservation: Reservation,
  cost: number,
  tokens: number,
): void {
  const failed = (error: unknown) =>
    deps.logger.error({ requestId, err: String(error) }, "budget settle failed");
  const record = ({ thresholds }: SettleResult) => {
    if (thresholds.length > 0) void deps.alerts?.record(thresholds);
  };
  if (cost === 0 && tokens === 0) {
    limits.release(reservation).catch(failed);
    return;
  }
  try {
    const settled = limits.settle(reservation, cost, tokens);
    if (settled instanceof Promise) settled.then(record, failed);
    else record(settled);
  } catch (error) {
    failed(error);
  }
}
