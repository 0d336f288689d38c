import { describe, expect, it } from "vitest";
import { engineContract, START } from "../test/engine-contract";
import { rateLimitContract } from "../test/rate-limit-contract";
import { TestClock } from "../test/test-clock";
import { MemoryLimits } from "./memory-limits";

describe("MemoryLimits", () => {
  const make = async () => {
    const clock = new TestClock(START);
    return { engine: new MemoryLimits({ clock: clock.now, reservationTtlMs: 30_000 }), clock };
  };
  engineContract(make);
  rateLimitContract(make);

  it("counts admissions and refusals", async () => {
    const clock = new TestClock(START);
    const engine = new MemoryLimits({ clock: clock.now });
    engine.setRateLimits([{ scope: "team", id: "t", rpm: 1 }]);
    const request = { teamId: "t", apiKeyId: "k", estimatedTokens: 1, worstCaseCostPicos: 0 };
    await engine.admit(request);
    await engine.admit(request);
    expect(engine.metrics()).toMatchObject({ admitted: 1, refusedRate: 1, refusedBudget: 0 });
  });

  it("admits with no budgets or limits configured", async () => {
    const engine = new MemoryLimits();
    const result = await engine.admit({
      teamId: "t",
      apiKeyId: "k",
      estimatedTokens: 1,
      worstCaseCostPicos: 5,
    });
    expect(result.ok && result.reservation.budgets).toEqual([]);
    expect(result.rateHeaders).toEqual({});
  });
});
