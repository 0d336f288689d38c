import type { BudgetLease, Shortfall, TeamLeases } from "./lease-book";
import { budgetError, rateError } from "./limit-errors";
import type { LimitsConfig } from "./limits-config";
import { thresholdsReached } from "./thresholds";
import type {
  BudgetThresholdReached,
  LimitsMetrics,
  PlannedRate,
  RateHeaders,
  Reservation,
} from "./types";

/** The refusal for an admission the leases could not make room for, counted in `counters`. */
export function leaseRefusal(
  book: TeamLeases,
  shortfall: Shortfall,
  rates: readonly PlannedRate[],
  now: number,
  counters: LimitsMetrics,
) {
  const rateHeaders: RateHeaders = book.headers(rates, now);
  if (shortfall.kind === "budget") {
    if (shortfall.downgrade) counters.downgrades += 1;
    else counters.refusedBudget += 1;
    const { budget, periodEnd } = shortfall.planned;
    return {
      ok: false as const,
      error: budgetError(budget, periodEnd),
      downgrade: shortfall.downgrade,
      rateHeaders,
    };
  }
  counters.refusedRate += 1;
  const error = rateError(shortfall.rate, shortfall.retryAfterMs, rateHeaders);
  return { ok: false as const, error, downgrade: false, rateHeaders };
}

/**
 * Thresholds of a settled reservation's budgets as this instance sees them: the spent counter as
 * of the last sync plus its own spend since.
 */
export function settledThresholds(
  book: TeamLeases,
  reservation: Reservation,
  config: LimitsConfig,
): BudgetThresholdReached[] {
  const reached: BudgetThresholdReached[] = [];
  for (const held of reservation.budgets) {
    const budget = config.budget(held.budget.id) ?? held.budget;
    if (budget.alertThresholds.length === 0) continue;
    const lease = book.budgetLease(held);
    const spent = lease.spent + lease.unsynced;
    reached.push(...thresholdsReached(budget, held.periodStart, held.periodEnd, spent));
  }
  return reached;
}

/** Thresholds a sync found reached (other instances' spend) that `before` had not reached. */
export function crossedThresholds(
  lease: BudgetLease,
  before: number,
  config: LimitsConfig,
): BudgetThresholdReached[] {
  const budget = config.budget(lease.budget.id) ?? lease.budget;
  if (budget.alertThresholds.length === 0 || lease.spent <= before) return [];
  const { periodStart, periodEnd } = lease;
  const reached = thresholdsReached(budget, periodStart, periodEnd, lease.spent);
  const earlier = thresholdsReached(budget, periodStart, periodEnd, before);
  return reached.length > earlier.length ? reached : [];
}
