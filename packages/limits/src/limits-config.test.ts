import { describe, expect, it } from "vitest";
import { parseBudget } from "./budget-spec";
import { LimitsConfig } from "./limits-config";

const DAY = 86_400_000;
const START = Date.UTC(2030, 0, 16, 12);
const request = { teamId: "team-a", apiKeyId: "key-1", estimatedTokens: 10, worstCaseCostPicos: 1 };

describe("LimitsConfig plans", () => {
  it("reuses a key's plan inside its periods and builds a new one when a period ends", () => {
    const config = new LimitsConfig();
    config.setBudgets([
      parseBudget({ id: "day", scope: "team", teamId: "team-a", period: "day", limitUsd: "1" }),
      parseBudget({ id: "month", scope: "team", teamId: "team-a", period: "month", limitUsd: "9" }),
    ]);
    const first = config.plan(request, START);
    expect(config.plan(request, START + 3_600_000)).toBe(first);
    const tomorrow = config.plan(request, START + DAY);
    expect(tomorrow).not.toBe(first);
    expect(tomorrow.budgets.map((b) => b.periodStart)).toEqual([
      Date.UTC(2030, 0, 17),
      Date.UTC(2030, 0, 1),
    ]);
    // A clock set back (tests, or a corrected host clock) gets the earlier period again.
    expect(config.plan(request, START).budgets[0]?.periodStart).toBe(Date.UTC(2030, 0, 16));
  });

  it("forgets plans when budgets or limits change, and plans a downgraded call apart", () => {
    const config = new LimitsConfig();
    config.setBudgets([
      parseBudget({ id: "d", scope: "team", teamId: "team-a", period: "day", limitUsd: "1" }),
    ]);
    const before = config.plan(request, START);
    config.setRateLimits([{ scope: "key", id: "key-1", rpm: 10 }]);
    const withRate = config.plan(request, START);
    expect(withRate).not.toBe(before);
    expect(withRate.rates.map((r) => r.key)).toEqual(["key:key-1:requests"]);
    config.setBudgets([]);
    expect(config.plan(request, START).budgets).toEqual([]);
    config.setBudgets([
      parseBudget({
        id: "d",
        scope: "team",
        teamId: "team-a",
        period: "day",
        limitUsd: "1",
        action: "downgrade",
      }),
    ]);
    expect(config.plan({ ...request, downgraded: true }, START).budgets[0]?.enforce).toBe(0);
    expect(config.plan(request, START).budgets[0]?.enforce).toBe(1);
  });

  it("knows whether a budget covers a team's or a key's requests", () => {
    const config = new LimitsConfig();
    expect(config.hasBudget("team-a", "key-1")).toBe(false);
    config.setBudgets([
      parseBudget({
        id: "key",
        scope: "key",
        teamId: "team-a",
        apiKeyId: "key-1",
        period: "day",
        limitUsd: "1",
      }),
    ]);
    expect(config.hasBudget("team-a", "key-1")).toBe(true);
    expect(config.hasBudget("team-a", "key-2")).toBe(false);
    config.setBudgets([
      parseBudget({ id: "team", scope: "team", teamId: "team-a", period: "day", limitUsd: "1" }),
    ]);
    expect(config.hasBudget("team-a", "key-2")).toBe(true);
    expect(config.hasBudget("team-b", "key-1")).toBe(false);
  });
});
