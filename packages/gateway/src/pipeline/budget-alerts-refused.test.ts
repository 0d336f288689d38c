import type { BudgetAlertRecord, BudgetRow, LimitsStore } from "@switchyard/core";
import { MemoryLimits, parseBudget, periodWindow } from "@switchyard/limits";
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startHarness, waitFor } from "../testing/harness";

const USD = 1_000_000_000_000;

const monthly: BudgetRow = {
  id: "b-month",
  name: "Monthly",
  scope: "team",
  teamId: "team_1",
  period: "month",
  timeZone: "UTC",
  limitUsd: "1",
  alertThresholds: [50, 80, 100],
  action: "block",
};

/** A limits store over one budget whose period's logged spend is `logged`; alerts kept in rows. */
function storeOf(budget: BudgetRow, logged: number) {
  const rows = new Map<string, BudgetAlertRecord>();
  const store: LimitsStore & { rows: typeof rows; budget: BudgetRow; logged: number } = {
    rows,
    budget,
    logged,
    async loadLimits() {
      return { budgets: [this.budget], rateLimits: [], failModes: {} };
    },
    async spendSincePeriodStart(periods) {
      return periods.map((p) => ({ ...p, spentPicos: this.logged }));
    },
    async recordAlert(alert) {
      const id = `${alert.budgetId}:${alert.periodStart}:${alert.threshold}`;
      if (rows.has(id)) return false;
      rows.set(id, alert);
      return true;
    },
    webhookFor: async () => null,
  };
  return store;
}

const thresholds = (store: ReturnType<typeof storeOf>) =>
  [...store.rows.values()].map((row) => row.threshold).sort((a, b) => a - b);

const hello = { model: "small", messages: [{ role: "user", content: "hi" }] };

describe("budget alerts of refused requests and of budgets already past their thresholds", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("fires the alerts a refused request finds reached, once per period and threshold", async () => {
    // The counter already holds $1.20 this period (other instances' spend, say) while the log
    // shows nothing yet: no request is admitted, so only the refusals can see it.
    const limits = new MemoryLimits();
    limits.setBudgets([parseBudget(monthly)]);
    const periodStart = periodWindow("month", "UTC", Date.now()).start;
    await limits.rebuildFromLog([{ budgetId: "b-month", periodStart, spentPicos: 1.2 * USD }]);
    const store = storeOf(monthly, 0);
    h = await startHarness({ limits, limitsStore: store });
    expect(thresholds(store)).toEqual([]);

    const refused = await h.fetch("/v1/chat/completions", { json: hello });
    expect(refused.status).toBe(402);
    await waitFor(() => store.rows.size === 3);
    expect(thresholds(store)).toEqual([50, 80, 100]);
    expect(store.rows.get(`b-month:${periodStart}:100`)).toMatchObject({
      periodStart,
      spentPicos: 1.2 * USD,
    });

    const again = await h.fetch("/v1/chat/completions", { json: hello });
    expect(again.status).toBe(402);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(store.rows.size).toBe(3);
  });

  it("fires the alerts a budget's logged spend has reached when it is created or edited", async () => {
    // Created when the period's logged spend ($0.85) is past 50% and 80% of its dollar.
    const store = storeOf(monthly, 0.85 * USD);
    h = await startHarness({ limits: new MemoryLimits(), limitsStore: store });
    await waitFor(() => store.rows.size === 2);
    expect(thresholds(store)).toEqual([50, 80]);

    // Lowered to $0.80: 100% is due at once, without waiting for a request.
    store.budget = { ...monthly, limitUsd: "0.8" };
    await h.changes.publish({ topic: "budgets" });
    await waitFor(() => store.rows.size === 3);
    expect(thresholds(store)).toEqual([50, 80, 100]);
  });
});
