import type { FailMode } from "./budget-spec";
import type { BudgetLease, Shortfall, TeamLeases } from "./lease-book";
import { budgetError, limitsUnavailable, rateError } from "./limit-errors";
import type { AdmissionPlan, LimitsConfig, PlannedBudget } from "./limits-config";
import { makeReservation } from "./reservation";
import { refusedThresholds, thresholdsReached } from "./thresholds";
import type {
  AdmitRequest,
  AdmitResult,
  BudgetThresholdReached,
  LimitsMetrics,
  PlannedRate,
  RateHeaders,
  Reservation,
  ReserveMoreResult,
} from "./types";

/** An admission or extra reservation waiting for a sync because the leases have no room for it. */
export interface Waiter {
  budgets: readonly PlannedBudget[];
  rates: readonly PlannedRate[];
  amount: number;
  tokens: number;
  /** Its need was part of the sync in flight: if it still does not fit, it is refused. */
  included: boolean;
  /** Takes what it needs out of the leases; `now` is when admitWaiting found that it fits. */
  admit(now: number): void;
  refuse(shortfall: Shortfall): void;
  fail(error: unknown): void;
}

export interface WaiterContext {
  book: TeamLeases;
  counters: LimitsMetrics;
  /** Logs and counts a decision made without Redis; the team's fail mode. */
  failMode(teamId: string, error: unknown): FailMode;
}

/** An admission waiting for a sync; `admitted` builds its result once it has been taken. */
export function admissionWaiter(
  context: WaiterContext,
  plan: AdmissionPlan,
  request: AdmitRequest,
  id: string,
  now: number,
  admitted: () => AdmitResult,
  resolve: (result: AdmitResult) => void,
): Waiter {
  const { book, counters } = context;
  const { worstCaseCostPicos: amount, estimatedTokens: tokens } = request;
  return {
    budgets: plan.budgets,
    rates: plan.rates,
    amount,
    tokens,
    included: false,
    admit: (at) => {
      // admitWaiting found that it fits at `at`: the same test, so it is taken.
      book.tryTake(plan, amount, tokens, at);
      resolve(admitted());
    },
    refuse: (shortfall) => resolve(leaseRefusal(book, shortfall, plan.rates, now, counters)),
    fail: (error) =>
      resolve(
        context.failMode(request.teamId, error) === "closed"
          ? { ok: false, error: limitsUnavailable(), rateHeaders: {} }
          : { ok: true, reservation: makeReservation(id, request, plan, true), rateHeaders: {} },
      ),
  };
}

/** More reservation for a held call (retry, fallback, escalation) waiting for a sync. */
export function extraWaiter(
  context: WaiterContext,
  reservation: Reservation,
  budgets: readonly PlannedBudget[],
  extra: number,
  now: number,
  resolve: (result: ReserveMoreResult) => void,
): Waiter {
  const { book, counters } = context;
  return {
    budgets,
    rates: [],
    amount: extra,
    tokens: 0,
    included: false,
    admit: () => {
      book.takeMore(reservation.budgets, extra);
      resolve({ ok: true });
    },
    refuse: (shortfall) => {
      const { error, downgrade, thresholds } = leaseRefusal(book, shortfall, [], now, counters);
      resolve({ ok: false, error, downgrade, thresholds });
    },
    fail: (error) =>
      resolve(
        context.failMode(reservation.teamId, error) === "open"
          ? { ok: true }
          : { ok: false, error: limitsUnavailable() },
      ),
  };
}

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
    // The spent counter as of the sync that confirmed the refusal, plus this instance's since.
    const lease = book.budgetLease(shortfall.planned);
    return {
      ok: false as const,
      error: budgetError(budget, periodEnd),
      downgrade: shortfall.downgrade,
      rateHeaders,
      thresholds: refusedThresholds(shortfall.planned, lease.spent + lease.unsynced),
    };
  }
  counters.refusedRate += 1;
  const error = rateError(shortfall.rate, shortfall.retryAfterMs, rateHeaders);
  return { ok: false as const, error, downgrade: false, rateHeaders, thresholds: undefined };
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
