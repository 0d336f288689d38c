import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { budget, START } from "../test/engine-contract";
import { connect, deleteByPrefix, runPrefix, testRedisUrl } from "../test/redis-test-env";
import { TcpProxy } from "../test/tcp-proxy";
import { TestClock } from "../test/test-clock";
import { RedisLimits } from "./redis-limits";

const USD = 1_000_000_000_000;
const prefix = runPrefix();
const direct = connect();
const target = new URL(testRedisUrl);
const proxy = new TcpProxy(target.hostname, Number(target.port || 6379));
let client: Redis;
const logs: { level: string; fields: Record<string, unknown>; message?: string }[] = [];
const clock = new TestClock(START);
let limits: RedisLimits;

beforeAll(async () => {
  await proxy.start();
  client = new Redis({
    host: "127.0.0.1",
    port: proxy.port,
    commandTimeout: 250,
    maxRetriesPerRequest: 1,
    retryStrategy: () => 50,
  });
  await client.ping();
  limits = new RedisLimits({
    redis: client,
    keyPrefix: prefix,
    clock: clock.now,
    logger: {
      warn: (fields, message) => void logs.push({ level: "warn", fields, message }),
      error: (fields, message) => void logs.push({ level: "error", fields, message }),
    },
  });
  limits.setBudgets([
    budget({ id: "open-team", teamId: "open" }),
    budget({ id: "closed-team", teamId: "closed" }),
  ]);
  limits.setRateLimits([{ scope: "team", id: "open", rpm: 1000 }]);
  limits.setFailModes({ open: "open" });
});

afterAll(async () => {
  client.disconnect();
  await proxy.cut();
  await deleteByPrefix(direct, prefix);
  await direct.quit();
});

/** Resolves once the client reaches `status` (now or on a later event). */
function untilStatus(status: "reconnecting" | "ready"): Promise<void> {
  if (client.status === status) return Promise.resolve();
  return new Promise((resolve) => client.once(status, () => resolve()));
}

const request = (teamId: string) => ({
  teamId,
  apiKeyId: "k",
  estimatedTokens: 10,
  worstCaseCostPicos: 0.1 * USD,
});

describe("RedisLimits when Redis is unreachable", () => {
  it("fails open or closed per team, with a log line and a metric, and recovers", async () => {
    expect((await limits.admit(request("open"))).ok).toBe(true);
    await proxy.cut();
    await untilStatus("reconnecting");

    const open = await limits.admit(request("open"));
    expect(open.ok && open.reservation.failOpen).toBe(true);
    const closed = await limits.admit(request("closed"));
    expect(closed.ok).toBe(false);
    if (!closed.ok) expect(closed.error).toMatchObject({ status: 503, code: "limits_unavailable" });
    if (open.ok)
      expect(await limits.settle(open.reservation, 0.05 * USD, 5)).toEqual({ thresholds: [] });

    expect(limits.metrics()).toMatchObject({
      failOpenAdmits: 1,
      failClosedRefusals: 1,
      storeErrors: 3,
    });
    expect(logs.map((l) => [l.level, l.fields.teamId, l.fields.failMode])).toEqual([
      ["warn", "open", "open"],
      ["error", "closed", "closed"],
      ["error", "open", undefined],
    ]);

    await proxy.start();
    await untilStatus("ready");
    const again = await limits.admit(request("closed"));
    expect(again.ok && again.reservation.failOpen).toBe(false);
  });
});

describe("RedisLimits with a URL that never connects", () => {
  it("refuses a fail-closed team and admits a fail-open one", async () => {
    const engine = new RedisLimits({
      redis: "redis://127.0.0.1:1",
      commandTimeoutMs: 100,
      keyPrefix: prefix,
    });
    engine.setBudgets([budget({ id: "x", teamId: "closed" }), budget({ id: "y", teamId: "open" })]);
    engine.setFailModes({ open: "open" });
    const closed = await engine.admit(request("closed"));
    expect(!closed.ok && closed.error.code).toBe("limits_unavailable");
    const open = await engine.admit(request("open"));
    expect(open.ok && open.reservation.failOpen).toBe(true);
    await engine.close();
  });
});
