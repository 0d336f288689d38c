import type { RequestLogEntry } from "@switchyard/core";
import { afterAll, describe, expect, it } from "vitest";
import { budget, START } from "../test/engine-contract";
import { connect, deleteByPrefix, runPrefix } from "../test/redis-test-env";
import { TestClock } from "../test/test-clock";
import { RedisLimits } from "./redis-limits";
import type { BudgetPeriodSpend, RebuildSource } from "./types";

const USD = 1_000_000_000_000;
const prefix = runPrefix();
const redis = connect();
const second = connect();
const made: RedisLimits[] = [];

afterAll(async () => {
  await Promise.all(made.map((limits) => limits.close()));
  await deleteByPrefix(redis, prefix);
  await Promise.all([redis.quit(), second.quit()]);
});

/** A request-log row not in the database yet, as the accounting queue or spool holds it. */
const unwrittenRow = (costUsd: number, clock: TestClock) =>
  ({
    teamId: "team-a",
    apiKeyId: "k",
    costUsd: String(costUsd),
    createdAt: new Date(clock.now()),
  }) as unknown as RequestLogEntry;

/** The request log as a rebuild sees it: spend in the database, and each instance's unwritten rows. */
function ledger(loggedUsd: number, unwritten: RequestLogEntry[]): RebuildSource {
  return {
    logSpend: async (periods) =>
      periods.map(
        (period): BudgetPeriodSpend => ({ ...period, spentPicos: Math.round(loggedUsd * USD) }),
      ),
    inMemory: () => unwritten,
    spooled: async () => [],
  };
}

function twoInstances(name: string, clock: TestClock) {
  const keyPrefix = `${prefix}${name}:`;
  const instances = [redis, second].map(
    (client) =>
      new RedisLimits({ redis: client, keyPrefix, clock: clock.now, leaseAfterInFlight: Infinity }),
  );
  made.push(...instances);
  for (const instance of instances) instance.setBudgets([budget({ id: "b", limitUsd: "5" })]);
  return { keyPrefix, instances: instances as [RedisLimits, RedisLimits] };
}

const call = { teamId: "team-a", apiKeyId: "k", estimatedTokens: 10 };

async function spend(engine: RedisLimits, usd: number) {
  const admitted = await engine.admit({ ...call, worstCaseCostPicos: usd * USD });
  if (!admitted.ok) throw admitted.error;
  await engine.settle(admitted.reservation, usd * USD, 10);
}

describe("RedisLimits when Redis loses a team's counters", () => {
  it("rebuilds them from the log and every instance's unwritten rows before admitting", async () => {
    const clock = new TestClock(START);
    const { keyPrefix, instances } = twoInstances("reset", clock);
    const [a, b] = instances;
    // $4.50 spent of $5: $3 of it written to the database, $1 still in a's queue, $0.50 in b's.
    await spend(a, 2);
    await spend(b, 1);
    await spend(a, 1);
    await spend(b, 0.5);
    a.setRebuildSource(ledger(3, [unwrittenRow(1, clock)]));
    b.setRebuildSource(ledger(3, [unwrittenRow(0.5, clock)]));
    expect((await a.usage("b"))?.spentPicos).toBe(4.5 * USD);

    // Redis restarts empty (or fails over to a replica that missed the writes).
    await deleteByPrefix(redis, keyPrefix);

    // a's next call finds its epoch gone: the database's $3 and its own $1 are seeded first.
    const first = await a.admit({ ...call, worstCaseCostPicos: 0.3 * USD });
    expect(first.ok).toBe(true);
    expect((await a.usage("b"))?.spentPicos).toBe(4 * USD);
    // b finds a new epoch it did not see: its unwritten $0.50 is added to what a rebuilt, and with
    // a's $0.30 held there is no room for another $0.30.
    const refused = await b.admit({ ...call, worstCaseCostPicos: 0.3 * USD });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe("budget_exceeded");
    const usage = await b.usage("b");
    expect(usage).toMatchObject({ spentPicos: 4.5 * USD, reservedPicos: 0.3 * USD });
    expect([a.metrics().rebuilds, b.metrics().rebuilds]).toEqual([1, 1]);

    // Settling a call reserved before the reset still adds its cost.
    if (first.ok) await a.settle(first.reservation, 0.2 * USD, 10);
    expect((await a.usage("b"))?.spentPicos).toBe(4.7 * USD);
  });

  it("seeds nothing twice: an instance meeting a live Redis adopts its counters as they are", async () => {
    const clock = new TestClock(START);
    const { keyPrefix, instances } = twoInstances("join", clock);
    const [a] = instances;
    await spend(a, 2);
    // A third instance starts with rows in its spool; the counters already hold their spend.
    const late = new RedisLimits({ redis: second, keyPrefix, clock: clock.now });
    made.push(late);
    late.setBudgets([budget({ id: "b", limitUsd: "5" })]);
    late.setRebuildSource(ledger(0, [unwrittenRow(2, clock)]));
    await spend(late, 1);
    expect((await late.usage("b"))?.spentPicos).toBe(3 * USD);
    expect(late.metrics().rebuilds).toBe(0);
  });

  it("rebuilds before a lease sync writes to the emptied store", async () => {
    const clock = new TestClock(START);
    const keyPrefix = `${prefix}leased:`;
    const engine = new RedisLimits({
      redis,
      keyPrefix,
      clock: clock.now,
      leaseAfterInFlight: 0,
      leaseSyncMs: 10,
    });
    made.push(engine);
    engine.setBudgets([budget({ id: "b", limitUsd: "5" })]);
    await spend(engine, 2);
    await engine.usage("b");
    engine.setRebuildSource(ledger(2, []));
    await deleteByPrefix(redis, keyPrefix);
    await spend(engine, 1);
    // The leased spend reaches Redis on the next sync (usage flushes it), on rebuilt counters.
    expect((await engine.usage("b"))?.spentPicos).toBe(3 * USD);
    expect(engine.metrics().rebuilds).toBe(1);
  });
});
