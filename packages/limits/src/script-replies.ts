import type { SwitchyardError } from "@switchyard/core";
import { budgetError, rateError } from "./limit-errors";
import type { AdmissionPlan, LimitsConfig, PlannedBudget } from "./limits-config";
import { rateHeaders } from "./rate-headers";
import { refusedThresholds, thresholdsReached } from "./thresholds";
import type {
  BudgetThresholdReached,
  LimitsMetrics,
  RateHeaders,
  Reservation,
  ReserveMoreResult,
} from "./types";

export interface Refusal {
  error: SwitchyardError;
  /** A "downgrade" budget refused: the caller may admit the policy's cheaper target instead. */
  downgrade?: boolean;
  /** The refusing budget's alert thresholds its spend has reached (see RefusalThresholds). */
  thresholds?: BudgetThresholdReached[];
}

/** An admission script's refusal (see batchScript's reply), counted in `counters`; null = admitted. */
export function admissionRefusal(
  plan: AdmissionPlan,
  reply: readonly unknown[],
  now: number,
  counters: LimitsMetrics,
): { refusal: Refusal | null; headers: RateHeaders } {
  const status = Number(reply[0]);
  const index = Number(reply[1]) - 1;
  const tats = plan.rates.map((_, i) => Number(reply[3 + i]));
  const headers = rateHeaders(plan.rates, tats, now);
  if (status === 1 || status === 2) {
    const planned = plan.budgets[index] as PlannedBudget;
    const refusal = budgetRefusal(planned, status, counters, Number(reply[2] ?? 0));
    return { refusal, headers };
  }
  if (status === 3) {
    counters.refusedRate += 1;
    const rate = plan.rates[index];
    if (rate === undefined) throw new Error(`admission script named rate ${index + 1}`);
    return { refusal: { error: rateError(rate, Number(reply[2]), headers) }, headers };
  }
  return { refusal: null, headers };
}

/** Status 1 (block) or 2 (downgrade) on `planned` whose spent counter is `spent`, counted. */
export function budgetRefusal(
  planned: PlannedBudget,
  status: 1 | 2,
  counters: LimitsMetrics,
  spent: number,
): Refusal {
  if (status === 2) counters.downgrades += 1;
  else counters.refusedBudget += 1;
  return {
    error: budgetError(planned.budget, planned.periodEnd),
    downgrade: status === 2,
    thresholds: refusedThresholds(planned, spent),
  };
}

/** A reserveMore script's reply: refused on a budget (counted), or the extra added to every hold. */
export function reserveMoreReply(
  planned: readonly PlannedBudget[],
  reply: readonly unknown[],
  reservation: Reservation,
  extraWorstCasePicos: number,
  counters: LimitsMetrics,
): ReserveMoreResult {
  const status = Number(reply[0]);
  if (status === 1 || status === 2) {
    const refused = planned[Number(reply[1]) - 1] as PlannedBudget;
    const spent = Number(reply[2] ?? 0);
    return { ok: false, ...budgetRefusal(refused, status, counters, spent) };
  }
  for (const held of reservation.budgets) held.reservedPicos += extraWorstCasePicos;
  return { ok: true };
}

/** The thresholds a settle script's spent counters (one per held budget) reach. */
export function scriptThresholds(
  config: LimitsConfig,
  reservation: Reservation,
  spent: readonly string[],
): BudgetThresholdReached[] {
  return reservation.budgets.flatMap((held, i) => {
    const budget = config.budget(held.budget.id) ?? held.budget;
    const spentPicos = Number(spent[i] ?? 0);
    return thresholdsReached(budget, held.periodStart, held.periodEnd, spentPicos);
  });
}
