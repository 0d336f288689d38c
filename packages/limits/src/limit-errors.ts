import { budgetExceeded, formatUsd, SwitchyardError } from "@switchyard/core";
import type { Budget } from "./budget-spec";
import type { PlannedRate, RateHeaders } from "./types";

const periodText = {
  day: "per day",
  week: "per week",
  month: "per month",
  lifetime: "lifetime",
} as const;

const periodAdjective = {
  day: "daily",
  week: "weekly",
  month: "monthly",
  lifetime: "lifetime",
} as const;

/** Who a limit belongs to, by name: a refusal is read by callers, who never see internal ids. */
const ownerText = (scope: "team" | "key", name: string | undefined) =>
  scope === "team"
    ? name
      ? `team "${name}"`
      : "this team"
    : name
      ? `API key "${name}"`
      : "this API key";

/** 402 budget_exceeded naming the budget, its owner, its limit and when it resets. */
export function budgetError(budget: Budget, periodEnd: number | null): SwitchyardError {
  const owner = ownerText(
    budget.scope,
    budget.scope === "team" ? budget.teamName : budget.apiKeyName,
  );
  const subject = budget.name
    ? `Budget "${budget.name}" of ${owner}`
    : `The ${periodAdjective[budget.period]} budget of ${owner}`;
  const resets =
    periodEnd === null
      ? "It does not reset."
      : `It resets at ${new Date(periodEnd).toISOString()}${budget.timeZone === "UTC" ? "" : ` (period in ${budget.timeZone})`}.`;
  const message = `${subject} is exhausted: limit ${formatUsd(budget.limitPicos)} ${periodText[budget.period]}. ${resets}`;
  const headers: Record<string, string> = { "x-switchyard-budget": budget.id };
  if (periodEnd !== null) headers["x-switchyard-budget-reset"] = new Date(periodEnd).toISOString();
  return budgetExceeded(message, headers);
}

/** 429 rate_limit_exceeded with retry-after and the x-ratelimit-* headers. */
export function rateError(
  rate: PlannedRate,
  retryAfterMs: number,
  headers: RateHeaders,
): SwitchyardError {
  const owner = ownerText(rate.scope, rate.name);
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
