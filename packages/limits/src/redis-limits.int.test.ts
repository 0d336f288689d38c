import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { budget, engineContract, START } from "../test/engine-contract";
import { rateLimitContract } from "../test/rate-limit-contract";
import { connect, deleteByPrefix, runPrefix } from "../test/redis-test-env";
import { TestClock } from "../test/test-clock";
import { RedisLimits, type RedisLimitsOptions } from "./redis-limits";
import type { AdmitRequest, Reservation } from "./types";

const USD = 1_000_000_000_000;
const prefix = runPrefix();
const redis = connect();
const second = connect();
let engines = 0;

/** Every engine made here: closed (lease syncs stopped) before the connections are. */
const made: RedisLimits[] = [];
const engine = (options: RedisLimitsOptions) => {
  const limits = new RedisLimits(options);
  made.push(limits);
  return limits;
};

afterAll(async () => {
  await Promise.all(made.map((limits) => limits.close()));
  await deleteByPrefix(redis, prefix);
  await Promise.all([redis.quit(), second.quit()]);
});

/** A fresh engine on its own key prefix, for the contracts. */
const harness =
  (options: Partial<RedisLimitsOptions> = {}) =>
  async () => {
    const clock = new TestClock(START);
    engines += 1;
    const limits = engine({
      redis,
      keyPrefix: `${prefix}${engines}:`,
      clock: clock.now,
      reservationTtlMs: 30_000,
      ...options,
    });
    return { engine: limits, clock };
  };

describe("RedisLimits", () => {
  engineContract(harness());
  rateLimitContract(harness());
});

describe("RedisLimits leasing from the first admission", () => {
  const leasing = harness({ leaseAfterInFlight: 0, leaseSyncMs: 10 });
  engineContract(leasing, { reservationExpiry: false });
  rateLimitContract(leasing);
});

/** Two gateway instances: separate connections, same Redis, same key prefix. */
function twoInstances(
  name: string,
  clock: TestClock,
  options: Partial<RedisLimitsOptions> = {},
): [RedisLimits, RedisLimits] {
  const keyPrefix = `${prefix}${name}:`;
  return [
    engine({ redis, keyPrefix, clock: clock.now, ...options }),
    engine({ redis: second, keyPrefix, clock: clock.now, ...options }),
  ];
}

describe("RedisLimits across two instances", () => {
  beforeAll(async () => {
    await Promise.all([redis.ping(), second.ping()]);
  });

  /**
   * 500 requests over two instances, started in waves so that admissions and settlements interleave
   * across script batches. `overrun` scales the real cost against the reserved worst case.
   */
  async function fireAtSmallBudget(name: string, overrun: (i: number) => number) {
    const clock = new TestClock(START);
    const instances = twoInstances(name, clock);
    for (const instance of instances) instance.setBudgets([budget({ id: "small", limitUsd: "5" })]);
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    let settledSpend = 0;
    let estimationError = 0;
    const outcomes = await Promise.all(
      Array.from({ length: 500 }, async (_, i) => {
        for (let wave = 0; wave < i % 10; wave += 1) await turn();
        // Worst cases between $0.02 and $0.10.
        const worstCase = (2 + (i % 9)) * 0.01 * USD;
        const instance = instances[i % 2]!;
        const result = await instance.admit({
          teamId: "team-a",
          apiKeyId: `key-${i % 7}`,
          estimatedTokens: 100,
          worstCaseCostPicos: worstCase,
        });
        if (!result.ok) return result.error;
        for (let wait = 0; wait <= i % 3; wait += 1) await turn();
        const actual = Math.round(worstCase * overrun(i));
        settledSpend += actual;
        estimationError += Math.max(0, actual - worstCase);
        await instance.settle(result.reservation, actual, 80);
        return null;
      }),
    );
    const refusals = outcomes.filter((e) => e !== null);
    const metrics = instances.map((instance) => instance.metrics());
    // Under this load both instances lease; closing gives their headroom back.
    await Promise.all(instances.map((instance) => instance.close()));
    const observer = engine({ redis, keyPrefix: `${prefix}${name}:`, clock: clock.now });
    observer.setBudgets([budget({ id: "small", limitUsd: "5" })]);
    const usage = await observer.usage("small");
    return { refusals, usage, settledSpend, estimationError, metrics };
  }

  it("holds a small budget under 500 concurrent requests", async () => {
    const run = await fireAtSmallBudget("budget-500", (i) => 0.5 + (i % 5) * 0.1);
    expect(run.refusals.length).toBeGreaterThan(0);
    expect(run.refusals.length).toBeLessThan(500);
    for (const error of run.refusals) {
      expect(error.code).toBe("budget_exceeded");
      expect(error.headers["x-switchyard-budget"]).toBe("small");
    }
    expect(run.usage?.spentPicos).toBe(run.settledSpend);
    expect(run.usage?.reservedPicos).toBe(0);
    // Every call cost at most its reserved worst case, so spend stays within the limit outright.
    expect(run.settledSpend).toBeLessThanOrEqual(5 * USD);
    const admitted = run.metrics[0]!.admitted + run.metrics[1]!.admitted;
    expect(admitted).toBe(500 - run.refusals.length);
    for (const metrics of run.metrics) expect(metrics.leaseSyncs).toBeGreaterThan(0);
    // Spend is well used: refusals start only once the limit is nearly reserved.
    expect(run.settledSpend).toBeGreaterThan(2 * USD);
  });

  it("overspends by no more than the estimation error when calls cost more than estimated", async () => {
    const run = await fireAtSmallBudget("budget-overrun", (i) => (i % 4 === 0 ? 1.3 : 0.9));
    expect(run.estimationError).toBeGreaterThan(0);
    for (const error of run.refusals) expect(error.code).toBe("budget_exceeded");
    expect(run.usage?.spentPicos).toBe(run.settledSpend);
    expect(run.settledSpend).toBeLessThanOrEqual(5 * USD + run.estimationError);
  });

  /** Fires 500 admissions at once over two instances; returns how many were admitted. */
  const burst = async (
    instances: RedisLimits[],
    request: Omit<AdmitRequest, "worstCaseCostPicos">,
  ) => {
    const results = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        instances[i % 2]!.admit({ ...request, worstCaseCostPicos: 0 }),
      ),
    );
    const refused = results.filter((r) => !r.ok);
    for (const r of refused) if (!r.ok) expect(r.error.code).toBe("rate_limit_exceeded");
    return results.length - refused.length;
  };
  const rates = [
    { scope: "team" as const, id: "team-a", rpm: 120 },
    { scope: "team" as const, id: "team-b", tpm: 10_000 },
  ];

  it("admits exactly rpm requests per window and tpm tokens per window, admitting in Redis", async () => {
    const clock = new TestClock(START);
    // Leases off: every admission is one script call, so the counts are exact whatever the timing.
    const instances = twoInstances("rate-500", clock, { leaseAfterInFlight: Infinity });
    for (const instance of instances) instance.setRateLimits(rates);
    const fire = (request: Omit<AdmitRequest, "worstCaseCostPicos">) => burst(instances, request);
    expect(await fire({ teamId: "team-a", apiKeyId: "k", estimatedTokens: 1 })).toBe(120);
    expect(await fire({ teamId: "team-b", apiKeyId: "k", estimatedTokens: 300 })).toBe(33);
    // Half a window later, half the limit has refilled (plus the 100 tokens left over before).
    clock.advance(30_000);
    expect(await fire({ teamId: "team-a", apiKeyId: "k", estimatedTokens: 1 })).toBe(60);
    expect(await fire({ teamId: "team-b", apiKeyId: "k", estimatedTokens: 300 })).toBe(17);
    clock.advance(60_000);
    expect(await fire({ teamId: "team-a", apiKeyId: "k", estimatedTokens: 1 })).toBe(120);
  });

  it("admits at most rpm requests per window and tpm tokens per window out of leases", async () => {
    const clock = new TestClock(START);
    // Leases split the headroom between the instances, resized by a real-time sync: an instance
    // whose lease ran dry refuses while the other still holds some, so the bound is an upper one.
    const instances = twoInstances("rate-500-leased", clock, { leaseAfterInFlight: 0 });
    for (const instance of instances) instance.setRateLimits(rates);
    const fire = (request: Omit<AdmitRequest, "worstCaseCostPicos">) => burst(instances, request);
    const first = await fire({ teamId: "team-a", apiKeyId: "k", estimatedTokens: 1 });
    expect(first).toBeLessThanOrEqual(120);
    expect(first).toBeGreaterThan(0);
    const tokens = await fire({ teamId: "team-b", apiKeyId: "k", estimatedTokens: 300 });
    expect(tokens).toBeLessThanOrEqual(33);
    expect(tokens).toBeGreaterThan(0);
    clock.advance(30_000);
    expect(await fire({ teamId: "team-a", apiKeyId: "k", estimatedTokens: 1 })).toBeLessThanOrEqual(
      180 - first,
    );
    expect(
      await fire({ teamId: "team-b", apiKeyId: "k", estimatedTokens: 300 }),
    ).toBeLessThanOrEqual(50 - tokens);
  });

  it("leaves no key without an expiry, except lifetime budgets and the team's epoch", async () => {
    const clock = new TestClock(Date.now());
    const [a, b] = twoInstances("ttl", clock);
    for (const instance of [a, b]) {
      instance.setBudgets([
        budget({ id: "daily", limitUsd: "100" }),
        budget({ id: "key-week", scope: "key", apiKeyId: "k", period: "week", limitUsd: "100" }),
        budget({ id: "forever", period: "lifetime", limitUsd: "100" }),
      ]);
      instance.setRateLimits([
        { scope: "key", id: "k", rpm: 100, tpm: 100_000 },
        { scope: "team", id: "team-a", rpm: 1000 },
      ]);
    }
    const request = {
      teamId: "team-a",
      apiKeyId: "k",
      estimatedTokens: 500,
      worstCaseCostPicos: 0.5 * USD,
    };
    for (let i = 0; i < 6; i += 1) {
      const instance = i % 2 === 0 ? a : b;
      const result = await instance.admit(request);
      if (!result.ok) throw result.error;
      if (i % 3 === 0) await instance.release(result.reservation);
      else if (i % 3 === 1) {
        await instance.reserveMore(result.reservation, 0.1 * USD);
        await instance.settle(result.reservation, 0.4 * USD, 900);
      }
      // i % 3 === 2: left in flight, as after a crash.
    }
    const keys = await redis.keys(`${prefix}ttl:*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      const ttl = await redis.pttl(key);
      // One small key per team records which state of Redis its counters belong to (TeamEpochs).
      if (key.includes(":forever:") || key.endsWith(":epoch")) expect(ttl).toBe(-1);
      else expect({ key, expires: ttl > 0 }).toEqual({ key, expires: true });
    }
  });

  it("shares reservations: one instance settles what the other reserved", async () => {
    const clock = new TestClock(START);
    const [a, b] = twoInstances("share", clock);
    for (const instance of [a, b]) instance.setBudgets([budget({ id: "daily" })]);
    const result = await a.admit({
      teamId: "team-a",
      apiKeyId: "k",
      estimatedTokens: 1,
      worstCaseCostPicos: 0.9 * USD,
    });
    const reservation = (result as { reservation: Reservation }).reservation;
    const refused = await b.admit({
      teamId: "team-a",
      apiKeyId: "k",
      estimatedTokens: 1,
      worstCaseCostPicos: 0.2 * USD,
    });
    expect(refused.ok).toBe(false);
    await b.settle(reservation, 0.3 * USD, 1);
    expect(await a.usage("daily")).toMatchObject({ spentPicos: 0.3 * USD, reservedPicos: 0 });
  });
});
