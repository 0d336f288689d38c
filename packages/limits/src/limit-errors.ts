import { formatUsd, SwitchyardError } from "@switchyard/core";
import type { Budget } from "./budget-spec";
import type { PlannedRate, RateHeaders } from "./types";

const periodText = {
  day: "per day",
  week: "per week",
  month: "per month",
  lifetime: "lifetime",
} as const;

/** 429 budget_exceeded naming the budget, its limit and when it resets. */
export function budgetError(budget: Budget, periodEnd: number | null): SwitchyardError {
  const owner = budget.scope === "team" ? `team ${budget.teamId}` : `API key ${budget.apiKeyId}`;
  const label = budget.name ? `"${budget.name}" (${budget.id})` : budget.id;
  const resets =
    periodEnd === null
      ? "It does not reset."
      : `It resets at ${new Date(periodEnd).toISOString()}${budget.timeZone === "UTC" ? "" : ` (period in ${budget.timeZone})`}.`;
  const message = `Budget ${label} for ${owner} is exhausted: limit ${formatUsd(budget.limitPicos)} ${periodText[budget.period]}. ${resets}`;
  const headers: Record<string, string> = { "x-switchyard-budget": budget.id };
  if (periodEnd !== null) headers["x-switchyard-budget-reset"] = new Date(periodEnd).toISOString();
  return new SwitchyardError(message, {
    status: 429,
    code: "budget_exceeded",
    type: "budget_exceeded",
    headers,
  });
}

/** 429 rate_limit_exceeded with retry-after and the x-ratelimit-* headers. */
export function rateError(
  rate: PlannedRate,
  retryAfterMs: number,
  headers: RateHeaders,
): SwitchyardError {
  const owner = rate.scope === "team" ? `team ${rate.id}` : `API key ${rate.id}`;
  const unit = rate.kind === "requests" ? "requests" : "tokens";
  const tooLarge = rate.kind === "tokens" && retryAfterMs > rate.windowMs;
  const message = tooLarge
    ? `Request too large for ${owner}: it needs more tokens than the limit of ${rate.limit} ${unit} per minute.`
    : `Rate limit reached for ${owner}: ${rate.limit} ${unit} per minute. Try again in ${Math.ceil(retryAfterMs / 1000)}s.`;
  return new SwitchyardError(message, {
    status: 429,
    code: "rate_limit_exceeded",
    type: "rate_limit_error",
    retryAfterSeconds: Math.max(1, Math.ceil(Math.min(retryAfterMs, rate.windowMs) / 1000)),
    headers,
  });
}

/** 503 when shared limit state is unreachable and the team fails closed. */
export const limitsUnavailable = (): SwitchyardError =>
  new SwitchyardError("Budgets and rate limits are temporarily unavailable; try again shortly.", {
    status: 503,
    code: "limits_unavailable",
    type: "overloaded_error",
    retryable: false,
    retryAfterSeconds: 1,
  });
