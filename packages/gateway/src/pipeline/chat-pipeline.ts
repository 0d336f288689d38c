import { type ApiKeyInfo, isSwitchyardError, toSwitchyardError } from "@switchyard/core";
import type { Reservation } from "@switchyard/limits";
import { forResponsesRequest } from "@switchyard/providers";
import { promptText } from "../accounting/content-text";
import { RequestLedger } from "../accounting/request-ledger";
import { answerFromCache, cacheEntryFor, readCached } from "../cache/cached-answer";
import { drawSample, handOver, type SampleContext } from "../calibration/sample";
import { ClientClosedError, clientClosedResponse } from "../execute/errors";
import type { ExecuteContext } from "../execute/execute-plan";
import { PlanFailedError } from "../execute/execute-plan";
import { collectTags } from "../route/request-tags";
import { type RouteDecision, resolveRoute } from "../route/resolve-route";
import type { ParsedRequest, Surface } from "../surface/surface";
import { endRequestSpan, startRequestSpan, tracingOn } from "../tracing/spans";
import { type Admission, admit, reserveFor } from "./admission";
import { headerSafe } from "./headers";
import { cascadeJudge } from "./judge";
import type { PipelineDeps } from "./pipeline-deps";
import { checkScope } from "./refusals";
import { respondJson } from "./respond-json";
import { respondStream } from "./respond-stream";
import { RoutedFailure } from "./routed-failure";
import type { GatewayRequest, GatewayResult } from "./types";

/**
 * One chat request (either surface) through the pipeline: scope check, route, admit against
 * budgets and limits, execute with retries and fallbacks (a cascade through its runner), respond
 * (JSON or a live stream). Everything paid or logged goes in the request's ledger, which hands the
 * log row and the amount to settle to the accountant when the request is over, however it ends.
 * The caller (gateway core) has already authenticated and parsed the body.
 */
export async function runChat(
  deps: PipelineDeps,
  surface: Surface,
  request: GatewayRequest,
  key: ApiKeyInfo,
  parsed: ParsedRequest,
): Promise<GatewayResult> {
  const config = deps.config();
  const team = config.teamsById.get(key.teamId) ?? key.team;
  const taskHeader = request.headers["x-switchyard-task"];
  const task = Array.isArray(taskHeader) ? taskHeader[0] : taskHeader;
  const tags = collectTags({
    task: task ?? parsed.canonical.metadata?.task,
    metadata: parsed.canonical.metadata,
    user: parsed.canonical.user,
    header: request.headers["x-switchyard-tags"],
    keyTags: key.tags,
  });
  const span = !tracingOn()
    ? null
    : startRequestSpan("chat", parsed.requestedModel, request.receivedAt, () => ({
        "switchyard.surface": surface.name,
        "gen_ai.request.max_tokens":
          parsed.canonical.max_completion_tokens ?? parsed.canonical.max_tokens ?? undefined,
        "gen_ai.request.temperature": parsed.canonical.temperature ?? undefined,
      }));
  let reservation: Reservation | null = null;
  let sample: SampleContext | null = null;
  let learningRoute: RouteDecision["learning"];
  const ledger = new RequestLedger(
    {
      id: request.requestId,
      clientRequestId: request.clientRequestId,
      teamId: key.teamId,
      apiKeyId: key.id,
      surface: surface.name,
      requestedModel: parsed.requestedModel,
      streamed: parsed.stream,
      keepText: team.contentLogging,
      tags,
    },
    (closed) => {
      endRequestSpan(span, closed.entry);
      if (learningRoute !== undefined)
        deps.calibration?.served(
          learningRoute.policyId,
          learningRoute.settings.maxShare,
          closed.costPicos,
        );
      const record = (entry: typeof closed) => deps.accountant.record(entry, reservation);
      if (sample === null) record(closed);
      else handOver(sample, ledger, closed, record);
    },
  );
  const failed = (error: unknown, status: "error" | "blocked", upstreamMs = 0): never => {
    const latencyMs = performance.now() - request.receivedAt;
    if (!isSwitchyardError(error))
      deps.logger.error({ requestId: request.requestId, err: error }, "unexpected error");
    const typed = toSwitchyardError(error);
    ledger.close({
      status,
      httpStatus: typed.status,
      errorCode: typed.code,
      latencyMs,
      ttftMs: null,
      overheadMs: latencyMs - upstreamMs,
    });
    throw new RoutedFailure(typed, ledger.served?.name ?? null, ledger.routeReason);
  };

  let route: RouteDecision;
  try {
    checkScope(key, parsed.requestedModel, config);
    route = resolveRoute({
      requestedModel: parsed.requestedModel,
      request: parsed.canonical,
      key,
      config,
      task,
      tags,
      onPolicyError: (policy, error) =>
        deps.logger.error(
          { policyVersionId: policy.versionId, err: error.message },
          "published policy does not compile; using its default model",
        ),
    });
  } catch (error) {
    // Refused before routing (scope, unknown model): still in the team's request log.
    return failed(error, "error");
  }
  ledger.route(route);
  ledger.setPromptText(() => promptText(parsed.canonical));
  // The policy's response cache: a hit answers now, at no cost (no admission, no call).
  const cacheEntry = cacheEntryFor(route, parsed, key.teamId);
  if (cacheEntry !== null) {
    const cached = await readCached(deps.responseCache, cacheEntry.key);
    if (cached !== null)
      return answerFromCache({
        surface,
        request,
        parsed,
        route,
        ledger,
        model: cacheEntry.model,
        cached,
      });
  }

  let admission: Admission;
  try {
    const pending =
      deps.limits === undefined
        ? { reservation: null, rateHeaders: {}, route }
        : admit(deps.limits, key, route, parsed.canonical, config);
    // An admission decided in memory continues in this turn; only a real promise is awaited.
    admission = pending instanceof Promise ? await pending : pending;
  } catch (error) {
    return failed(error, "blocked");
  }
  reservation = admission.reservation;
  route = admission.route;
  ledger.route(route);
  learningRoute = route.learning;
  const drawn = drawSample(deps.calibration, route, key);
  if (drawn !== null) {
    ledger.keepServedAnswer();
    sample = {
      runner: deps.calibration,
      ...drawn,
      request: parsed.canonical,
      surface: surface.name,
      keepText: team.contentLogging,
      classifier: config.classifier,
    };
  }

  const context: ExecuteContext = {
    plan: route.plan,
    request: parsed.canonical,
    stream: parsed.stream,
    signal: request.signal,
    // A Responses API request goes to OpenAI and Azure through their own Responses API.
    providers:
      surface.name === "responses"
        ? (kind) => forResponsesRequest(deps.providers(kind), parsed.canonical)
        : deps.providers,
    pools: deps.pools,
    deadlines: deps.deadlines,
    options: deps.options,
    logger: deps.logger,
    clientHeaders: request.headers,
    span,
    beforeAttempt:
      reservation === null || deps.limits === undefined
        ? undefined
        : reserveFor(deps.limits, reservation, parsed.canonical),
  };
  const responder = {
    deps,
    surface,
    request,
    parsed,
    route,
    ledger,
    context,
    judge:
      route.cascade?.scorer.judge === undefined
        ? null
        : cascadeJudge(route, config, key.teamId, deps.limits, reservation),
    extraHeaders: {
      ...admission.rateHeaders,
      "x-switchyard-requested-model": headerSafe(parsed.requestedModel),
      ...(cacheEntry !== null && { "x-switchyard-cache": "miss" }),
      ...parsed.extraHeaders,
    },
    cacheEntry: cacheEntry ?? undefined,
  };
  try {
    return parsed.stream ? await respondStream(responder) : await respondJson(responder);
  } catch (error) {
    if (!(error instanceof PlanFailedError)) throw error;
    ledger.attempted(error.lastTarget?.model ?? null);
    if (!(error.error instanceof ClientClosedError)) {
      Object.assign(error.error.headers, admission.rateHeaders);
      return failed(error.error, "error", ledger.upstreamMs);
    }
    const latencyMs = performance.now() - request.receivedAt;
    ledger.close({
      status: "client_closed",
      httpStatus: 499,
      errorCode: "client_closed",
      latencyMs,
      ttftMs: null,
      overheadMs: latencyMs - ledger.upstreamMs,
    });
    throw new RoutedFailure(
      clientClosedResponse(),
      ledger.served?.name ?? null,
      ledger.routeReason,
    );
  }
}
