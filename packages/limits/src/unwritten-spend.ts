import { type RequestLogEntry, usdToPicos } from "@switchyard/core";
import type { Budget } from "./budget-spec";
import type { BudgetPeriodSpend } from "./types";

/**
 * Spend of request-log rows not yet in the database (the accounting queue, the spool), per budget
 * period: what rebuilding counters from the database alone would miss. A team budget counts every
 * row of its team, a key budget the rows of its key, from the period's start on.
 */
export function unwrittenSpend(
  entries: readonly RequestLogEntry[],
  periods: readonly { budget: Budget; periodStart: number }[],
): BudgetPeriodSpend[] {
  return periods.map(({ budget, periodStart }) => {
    let spentPicos = 0;
    for (const entry of entries) {
      if (entry.teamId !== budget.teamId) continue;
      if (budget.scope === "key" && entry.apiKeyId !== budget.apiKeyId) continue;
      if (entry.createdAt.getTime() < periodStart) continue;
      spentPicos += usdToPicos(entry.costUsd);
    }
    return { budgetId: budget.id, periodStart, spentPicos };
  });
}

/** Add spend per (budget, period) from several sources (e.g. the database and the spool). */
export function addSpend(
  ...sources: readonly (readonly BudgetPeriodSpend[])[]
): BudgetPeriodSpend[] {
  const total = new Map<string, BudgetPeriodSpend>();
  for (const source of sources) {
    for (const spend of source) {
      const key = `${spend.budgetId}|${spend.periodStart}`;
      const found = total.get(key);
      if (found) found.spentPicos += spend.spentPicos;
      else total.set(key, { ...spend });
    }
  }
  return [...total.values()];
}
