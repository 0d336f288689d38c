import type { Budget } from "./budget-spec";
import type { BudgetThresholdReached } from "./types";

/** Every alert threshold of `budget` that `spentPicos` has reached (AlertTracker keeps one per period). */
export function thresholdsReached(
  budget: Budget,
  periodStart: number,
  periodEnd: number | null,
  spentPicos: number,
): BudgetThresholdReached[] {
  const reached: BudgetThresholdReached[] = [];
  for (const threshold of budget.alertThresholds) {
    // spent / limit >= threshold / 100, in integers.
    if (spentPicos * 100 < threshold * budget.limitPicos) break;
    reached.push({
      budgetId: budget.id,
      budgetName: budget.name,
      scope: budget.scope,
      teamId: budget.teamId,
      apiKeyId: budget.apiKeyId,
      periodStart,
      periodEnd,
      threshold,
      limitPicos: budget.limitPicos,
      spentPicos,
    });
  }
  return reached;
}

/** The thresholds a budget refusal reports (see RefusalThresholds): the refusing budget's spend. */
export function refusedThresholds(
  planned: { budget: Budget; periodStart: number; periodEnd: number | null },
  spentPicos: number,
): BudgetThresholdReached[] {
  return thresholdsReached(planned.budget, planned.periodStart, planned.periodEnd, spentPicos);
}
