import {
  type ApiKeyInfo,
  type ChatCompletionRequest,
  classPrices,
  isEmbeddingModel,
  type ModelInfo,
  priceAt,
  usageCost,
} from "@switchyard/core";
import type { AdmitResult, LimitsEngine, Reservation } from "@switchyard/limits";
import { estimatePromptTokens } from "../accounting/estimate-usage";
import type { ConfigState } from "../config/config-state";
import type { RouteAttempt, RouteDecision } from "../route/resolve-route";
import { isPriced, pricedRoute } from "./unpriced-guard";

/** Output tokens assumed for the worst case when neither the request nor the model bounds them. */
const DEFAULT_MAX_OUTPUT = 4_096;

export interface Admission {
  reservation: Reservation | null;
  rateHeaders: Record<string, string>;
  /** The route to use: a budget with action "downgrade" may have moved it to the cheapest model. */
  route: RouteDecision;
}

/**
 * The input and output prices a worst case reserves at: the dearest input class (a cache write
 * costs more than plain input) and the dearer of output and reasoning, in effect now. Unpriced:
 * nothing to reserve (such models are kept from budgeted requests, unpriced-guard.ts).
 */
function price(model: ModelInfo) {
  const prices = priceAt(model, new Date());
  if (prices === null) return { inputPerMillion: 0, outputPerMillion: 0 };
  const perToken = classPrices(prices, model.providerKind);
  const perMillion = (picos: number) => picos / 1_000_000;
  return {
    inputPerMillion: perMillion(
      Math.max(perToken.uncachedInput, perToken.cacheWrite5m, perToken.cacheWrite1h),
    ),
    outputPerMillion: perMillion(Math.max(perToken.output, perToken.reasoning)),
  };
}

/** A whole number of tokens ≥ 1, or undefined: a limit of 0 or less would reserve no output. */
const tokenLimit = (value: number | null | undefined): number | undefined =>
  value != null && value >= 1 ? Math.floor(value) : undefined;

function worstCase(
  plan: readonly RouteAttempt[],
  request: ChatCompletionRequest,
  promptTokens: number,
) {
  let picos = 0;
  let tokens = 0;
  for (const { model } of plan) {
    // The wire schemas accept 1..1,000,000; this also holds for requests built inside the gateway.
    const maxOutput =
      tokenLimit(request.max_completion_tokens) ??
      tokenLimit(request.max_tokens) ??
      tokenLimit(model.maxOutputTokens) ??
      DEFAULT_MAX_OUTPUT;
    picos = Math.max(picos, usageCost(price(model), promptTokens, maxOutput));
    tokens = Math.max(tokens, promptTokens + maxOutput);
  }
  return { picos, tokens };
}

/**
 * Worst-case cost and tokens of a route's first call: the most expensive target of the plan (a
 * fallback may serve it). A cascade's strong plan is reserved when it escalates (reserveFor).
 */
export function worstCaseOf(
  route: RouteDecision,
  request: ChatCompletionRequest,
): { picos: number; tokens: number } {
  return worstCase(route.plan, request, estimatePromptTokens(request));
}

/** Worst case of one more attempt against `target` (a retry, fallback or escalation). */
export function attemptWorstCase(target: RouteAttempt, request: ChatCompletionRequest) {
  return worstCase([target], request, estimatePromptTokens(request));
}

/**
 * The pipeline's hook before each upstream attempt: the first `covered` attempts (the first one,
 * by default) are covered by the admission; every other one (retry, fallback, cascade escalation,
 * a cascade judge's call) reserves its worst case for `request` on top, so a refusal ends the plan
 * with the budget error instead of overspending.
 */
export function reserveFor(
  limits: LimitsEngine,
  reservation: Reservation,
  request: ChatCompletionRequest,
  covered = 1,
): (target: RouteAttempt) => Promise<void> | undefined {
  let calls = 0;
  return (target) => {
    calls += 1;
    if (calls <= covered) return undefined;
    return limits.reserveMore(reservation, attemptWorstCase(target, request).picos).then((more) => {
      if (!more.ok) throw more.error;
    });
  };
}

/**
 * The cheapest model the key may use, for a budget whose action is "downgrade". A key that called
 * a policy alias its scopes list (switchyard/auto, a policy's alias) may use whatever the policy
 * routes to, so, as for a key without scopes, every model of the team is a candidate.
 */
function downgradeRoute(
  route: RouteDecision,
  key: ApiKeyInfo,
  config: ConfigState,
  requested: string,
): RouteDecision | null {
  const anyModel =
    key.scopes.length === 0 ||
    (key.scopes.includes(requested) && config.modelFor(requested, key.teamId) === undefined);
  const allowed = config
    .modelsForTeam(key.teamId)
    .filter(
      (m) =>
        !isEmbeddingModel(m) &&
        isPriced(m, new Date()) &&
        (anyModel || [m.name, ...m.aliases].some((n) => key.scopes.includes(n))),
    );
  let cheapest: ModelInfo | null = null;
  for (const model of allowed) {
    const blended = model.inputPricePerMillion + model.outputPricePerMillion;
    if (
      cheapest === null ||
      blended < cheapest.inputPricePerMillion + cheapest.outputPricePerMillion
    )
      cheapest = model;
  }
  if (cheapest === null) return null;
  return {
    ...route,
    plan: [{ model: cheapest, reason: "budget-downgrade" }],
    reason: `${route.reason};budget-downgrade`,
    trace: { ...route.trace, downgradedTo: cheapest.name },
    cascade: null,
  };
}

/**
 * Admit the request against the team's and key's budgets and rate limits: reserve the worst-case
 * cost (settled with the real cost when the request is over). A refusal throws the limits engine's
 * typed error (429) carrying the rate headers. Answers without a promise when the engine does.
 */
export function admit(
  limits: LimitsEngine | undefined,
  key: ApiKeyInfo,
  route: RouteDecision,
  request: ChatCompletionRequest,
  config: ConfigState,
): Admission | Promise<Admission> {
  if (limits === undefined) return { reservation: null, rateHeaders: {}, route };
  route = pricedRoute(route, limits, key.teamId, key.id);
  const worst = worstCaseOf(route, request);
  const result = limits.admit({
    teamId: key.teamId,
    apiKeyId: key.id,
    estimatedTokens: worst.tokens,
    worstCaseCostPicos: worst.picos,
  });
  if (result instanceof Promise)
    return result.then((answer) => admitted(answer, limits, key, route, request, config));
  return admitted(result, limits, key, route, request, config);
}

function admitted(
  answer: AdmitResult,
  limits: LimitsEngine,
  key: ApiKeyInfo,
  route: RouteDecision,
  request: ChatCompletionRequest,
  config: ConfigState,
): Admission | Promise<Admission> {
  if (answer.ok) return { reservation: answer.reservation, rateHeaders: answer.rateHeaders, route };
  if (answer.downgrade) return admitDowngraded(limits, key, route, request, config, answer);
  throw refusal(answer);
}

function refusal(answer: Extract<AdmitResult, { ok: false }>) {
  Object.assign(answer.error.headers, answer.rateHeaders);
  return answer.error;
}

/** A "downgrade" budget is exhausted: admit the cheapest model the key may use instead. */
async function admitDowngraded(
  limits: LimitsEngine,
  key: ApiKeyInfo,
  route: RouteDecision,
  request: ChatCompletionRequest,
  config: ConfigState,
  answer: Extract<AdmitResult, { ok: false }>,
): Promise<Admission> {
  const cheaper = downgradeRoute(route, key, config, request.model);
  if (cheaper === null) throw refusal(answer);
  const worst = worstCaseOf(cheaper, request);
  const result = await limits.admit({
    teamId: key.teamId,
    apiKeyId: key.id,
    estimatedTokens: worst.tokens,
    worstCaseCostPicos: worst.picos,
    downgraded: true,
  });
  if (!result.ok) throw refusal(result);
  return { reservation: result.reservation, rateHeaders: result.rateHeaders, route: cheaper };
}
