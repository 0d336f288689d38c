import type { BudgetRow, LimitsStore, RequestLogEntry } from "@switchyard/core";
import { MemoryLimits } from "@switchyard/limits";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { MemoryChangeFeed } from "../testing/fakes";
import { waitFor } from "../testing/harness";
import { followLimits } from "./follow-limits";

const NOW = Date.UTC(2026, 10, 18, 15, 30); // a Wednesday afternoon

const budget = (id: string, overrides: Partial<BudgetRow> = {}): BudgetRow => ({
  id,
  scope: "team",
  teamId: "team_1",
  period: "day",
  timeZone: "UTC",
  limitUsd: "10",
  alertThresholds: [],
  action: "block",
  ...overrides,
});

function storeWith(budgets: BudgetRow[]) {
  const asked: { budgetId: string; periodStart: number }[][] = [];
  const store: LimitsStore & { budgets: BudgetRow[]; asked: typeof asked } = {
    budgets,
    asked,
    async loadLimits() {
      return {
        budgets: this.budgets,
        rateLimits: [{ scope: "key", id: "key_1", rpm: 5 }],
        failModes: { team_1: "open" },
      };
    },
    async spendSincePeriodStart(periods) {
      asked.push([...periods]);
      return periods.map((p) => ({ ...p, spentPicos: 3_000_000_000_000 }));
    },
    async recordAlert() {
      return true;
    },
    async webhookFor() {
      return null;
    },
  };
  return store;
}

describe("followLimits", () => {
  const logger = pino({ level: "silent" });

  it("loads the store's limits, leaves invalid rows out and seeds spend from the log", async () => {
    const engine = new MemoryLimits({ clock: () => NOW });
    const store = storeWith([
      budget("b-day", { timeZone: "America/New_York" }),
      budget("b-bad", { limitUsd: "-1" }),
    ]);
    const feed = new MemoryChangeFeed();
    const follow = await followLimits({ engine, store, feed, logger, clock: () => NOW });
    // Day periods start at the team's midnight: 05:00 UTC in New York in November (EST).
    expect(store.asked).toEqual([[{ budgetId: "b-day", periodStart: Date.UTC(2026, 10, 18, 5) }]]);
    expect(await engine.usage("b-day", NOW)).toMatchObject({
      spentPicos: 3_000_000_000_000,
      limitPicos: 10_000_000_000_000,
    });
    expect(await engine.usage("b-bad", NOW)).toBeNull();
    await follow.stop();
  });

  it("reloads on a budgets message and seeds only counters that do not exist yet", async () => {
    const engine = new MemoryLimits({ clock: () => NOW });
    const store = storeWith([budget("b-1")]);
    const feed = new MemoryChangeFeed();
    const follow = await followLimits({ engine, store, feed, logger, clock: () => NOW });
    const admitted = await engine.admit({
      teamId: "team_1",
      apiKeyId: "key_1",
      estimatedTokens: 10,
      worstCaseCostPicos: 1_000_000_000_000,
      now: NOW,
    });
    if (!admitted.ok) throw new Error("refused");
    await engine.settle(admitted.reservation, 1_000_000_000_000, 10, NOW);
    store.budgets = [budget("b-1"), budget("b-2", { period: "week" })];
    await feed.publish({ topic: "budgets" });
    await waitFor(() => store.asked.length === 2);
    await follow.reload();
    // The live counter of b-1 is kept; the new budget starts from the log's spend.
    expect((await engine.usage("b-1", NOW))?.spentPicos).toBe(4_000_000_000_000);
    expect(await engine.usage("b-2", NOW)).toMatchObject({
      periodStart: Date.UTC(2026, 10, 16),
      spentPicos: 3_000_000_000_000,
    });
    await follow.stop();
  });

  it("adds the spend of rows not in the database yet (queue and spool) when it rebuilds", async () => {
    // A restart after an outage: the spool holds $2 of today's spend that the database lacks.
    const engine = new MemoryLimits({ clock: () => NOW });
    const store = storeWith([
      budget("b-day"),
      budget("b-key", { scope: "key", apiKeyId: "key_1" }),
    ]);
    const row = (costUsd: string, apiKeyId: string, at = NOW - 60_000) =>
      ({ teamId: "team_1", apiKeyId, costUsd, createdAt: new Date(at) }) as RequestLogEntry;
    const follow = await followLimits({
      engine,
      store,
      feed: new MemoryChangeFeed(),
      logger,
      clock: () => NOW,
      unwritten: async () => [
        row("1.500000000000", "key_1"),
        row("0.500000000000", "key_2"),
        // Yesterday's row counts for no day budget.
        row("4.000000000000", "key_1", NOW - 86_400_000),
      ],
    });
    expect((await engine.usage("b-day", NOW))?.spentPicos).toBe(5_000_000_000_000);
    expect((await engine.usage("b-key", NOW))?.spentPicos).toBe(4_500_000_000_000);
    await follow.stop();
  });
});
