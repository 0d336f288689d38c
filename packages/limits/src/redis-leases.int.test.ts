import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { budget, START } from "../test/engine-contract";
import { connect, deleteByPrefix, runPrefix, testRedisUrl } from "../test/redis-test-env";
import { TcpProxy } from "../test/tcp-proxy";
import { TestClock } from "../test/test-clock";
import { RedisLimits, type RedisLimitsOptions } from "./redis-limits";
import type { AdmitResult, Reservation } from "./types";

const USD = 1_000_000_000_000;
const TTL = 30_000;
const prefix = runPrefix();
const redis = connect();
let runs = 0;

/** Every engine made here: closed (lease syncs stopped) before the connection is. */
const made: RedisLimits[] = [];

afterAll(async () => {
  await Promise.all(made.map((limits) => limits.close()));
  await deleteByPrefix(redis, prefix);
  await redis.quit();
});

/** Instances on one key prefix that lease from their first admission; and an observer. */
function cluster(clock: TestClock, extra: Partial<RedisLimitsOptions>[] = [{}, {}]) {
  runs += 1;
  const keyPrefix = `${prefix}${runs}:`;
  const make = (options: Partial<RedisLimitsOptions> = {}) => {
    const limits = new RedisLimits({
      redis,
      keyPrefix,
      clock: clock.now,
      reservationTtlMs: TTL,
      leaseAfterInFlight: 0,
      leaseSyncMs: 10,
      ...options,
    });
    made.push(limits);
    return limits;
  };
  return { instances: extra.map(make), observer: make({ leaseAfterInFlight: Infinity }) };
}

const request = (cost: number) => ({
  teamId: "team-a",
  apiKeyId: "key-1",
  estimatedTokens: 100,
  worstCaseCostPicos: cost,
});

function held(result: AdmitResult): Reservation {
  if (!result.ok) throw new Error(`expected admission, got ${result.error.code}`);
  expect(result.reservation.leased).toBe(true);
  return result.reservation;
}

const refusedCode = (result: AdmitResult) => (result.ok ? null : result.error.code);
const realTime = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("RedisLimits leases", () => {
  it("admit a busy team's calls with far fewer script calls than requests, and account every one", async () => {
    const clock = new TestClock(START);
    const { instances, observer } = cluster(clock, [{ leaseAfterInFlight: 4 }, {}]);
    for (const engine of [...instances, observer]) {
      engine.setBudgets([budget({ id: "day", limitUsd: "1000" })]);
      engine.setRateLimits([{ scope: "team", id: "team-a", rpm: 1_000_000, tpm: 100_000_000 }]);
    }
    let spent = 0;
    for (let wave = 0; wave < 40; wave += 1) {
      await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const engine = instances[i % 2]!;
          const result = await engine.admit(request(0.01 * USD));
          if (!result.ok) throw new Error(result.error.message);
          const { reservation } = result;
          spent += 0.004 * USD;
          await engine.settle(reservation, 0.004 * USD, 60);
        }),
      );
    }
    const syncs = instances.reduce((sum, engine) => sum + engine.metrics().leaseSyncs, 0);
    expect(syncs).toBeGreaterThan(0);
    expect(syncs).toBeLessThan(2000 / 10);
    await Promise.all(instances.map((engine) => engine.close()));
    expect(await observer.usage("day")).toMatchObject({ spentPicos: spent, reservedPicos: 0 });
  });

  it("drop a dead instance's lease after the TTL", async () => {
    const clock = new TestClock(START);
    // The first instance never syncs again after its admission: as if it had died.
    const { instances, observer } = cluster(clock, [{ leaseSyncMs: 3_600_000 }, {}]);
    const [dead, alive] = instances as [RedisLimits, RedisLimits];
    for (const engine of [dead, alive, observer]) engine.setBudgets([budget({ id: "day" })]);
    held(await dead.admit(request(0.9 * USD)));
    expect(refusedCode(await alive.admit(request(0.2 * USD)))).toBe("budget_exceeded");
    clock.advance(TTL + 1);
    await alive.settle(held(await alive.admit(request(0.2 * USD))), 0.1 * USD, 10);
    await alive.close();
    expect(await observer.usage("day")).toMatchObject({ spentPicos: 0.1 * USD, reservedPicos: 0 });
  });

  it("keep a living instance's lease past the TTL while its call runs", async () => {
    const clock = new TestClock(START);
    const { instances, observer } = cluster(clock);
    const [owner, other] = instances as [RedisLimits, RedisLimits];
    for (const engine of [owner, other, observer]) engine.setBudgets([budget({ id: "day" })]);
    const long = held(await owner.admit(request(0.9 * USD)));
    for (let step = 0; step < 6; step += 1) {
      clock.advance(TTL / 2);
      await realTime(40); // a few syncs of the owner, each renewing its lease
    }
    expect(refusedCode(await other.admit(request(0.2 * USD)))).toBe("budget_exceeded");
    expect((await observer.usage("day"))?.reservedPicos).toBeGreaterThanOrEqual(0.9 * USD);
    await owner.settle(long, 0.5 * USD, 10);
    await realTime(40);
    held(await other.admit(request(0.2 * USD)));
  });

  it("stop using leased headroom once a budget is lowered", async () => {
    const clock = new TestClock(START);
    const { instances } = cluster(clock, [{}]);
    const engine = instances[0]!;
    engine.setBudgets([budget({ id: "day", limitUsd: "10" })]);
    for (let i = 0; i < 20; i += 1) {
      const reservation = held(await engine.admit(request(0.1 * USD)));
      await engine.settle(reservation, 0.1 * USD, 10);
    }
    // $2 spent; the lease holds headroom beyond it. The limit drops below what was spent.
    engine.setBudgets([budget({ id: "day", limitUsd: "1.5" })]);
    expect(refusedCode(await engine.admit(request(0.01 * USD)))).toBe("budget_exceeded");
    await engine.close();
  });

  it("give headroom back once the team is idle", async () => {
    const clock = new TestClock(START);
    const { instances, observer } = cluster(clock, [{}]);
    const engine = instances[0]!;
    for (const e of [engine, observer]) e.setBudgets([budget({ id: "day", limitUsd: "10" })]);
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const reservation = held(await engine.admit(request(0.1 * USD)));
        await engine.settle(reservation, 0.05 * USD, 10);
      }),
    );
    await realTime(40);
    expect((await redis.keys(`${prefix}${runs}:*`)).length).toBeGreaterThan(0);
    clock.advance(1_000);
    await realTime(60);
    expect(await observer.usage("day")).toMatchObject({ spentPicos: 1 * USD, reservedPicos: 0 });
    expect(engine.metrics().leaseSyncs).toBeGreaterThan(1);
  });
});

describe("RedisLimits leases when Redis is unreachable", () => {
  it("admit within what is already leased, then fail closed or open per team", async () => {
    const target = new URL(testRedisUrl);
    const proxy = new TcpProxy(target.hostname, Number(target.port || 6379));
    await proxy.start();
    const client = new Redis({
      host: "127.0.0.1",
      port: proxy.port,
      commandTimeout: 250,
      maxRetriesPerRequest: 1,
      retryStrategy: () => 50,
    });
    const clock = new TestClock(START);
    const engine = new RedisLimits({
      redis: client,
      keyPrefix: `${prefix}outage:`,
      clock: clock.now,
      leaseAfterInFlight: 0,
      leaseSyncMs: 3_600_000,
    });
    engine.setBudgets([
      budget({ id: "closed-day", teamId: "closed", limitUsd: "10" }),
      budget({ id: "open-day", teamId: "open", limitUsd: "10" }),
    ]);
    engine.setFailModes({ open: "open" });
    const closed = { ...request(0.1 * USD), teamId: "closed" };
    const open = { ...request(0.1 * USD), teamId: "open" };
    // Build some headroom for the closed team: the second admission's sync asks for twice the first.
    await engine.settle(held(await engine.admit(closed)), 0.1 * USD, 10);
    held(await engine.admit(closed));
    await proxy.cut();
    await new Promise((resolve) => client.once("reconnecting", resolve));

    // Within the lease Redis already holds, a call is still admitted; its spend waits for Redis,
    // also through the failed sync of the next admission, which needs more than the lease.
    const during = held(await engine.admit(closed));
    await engine.settle(during, 0.07 * USD, 10);
    const big = await engine.admit({ ...closed, worstCaseCostPicos: 5 * USD });
    expect(refusedCode(big)).toBe("limits_unavailable");
    const admittedOpen = await engine.admit(open);
    expect(admittedOpen.ok && admittedOpen.reservation.failOpen).toBe(true);
    expect(engine.metrics()).toMatchObject({ failClosedRefusals: 1, failOpenAdmits: 1 });

    await proxy.start();
    await new Promise((resolve) => client.once("ready", resolve));
    held(await engine.admit({ ...closed, worstCaseCostPicos: 5 * USD }));
    const usage = await engine.usage("closed-day");
    expect(usage?.spentPicos).toBe(0.17 * USD);
    await engine.close();
    client.disconnect();
    await proxy.cut();
  });
});
