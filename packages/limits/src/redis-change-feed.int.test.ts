import type { ChangeMessage } from "@switchyard/core";
import { afterAll, describe, expect, it } from "vitest";
import { budget, START } from "../test/engine-contract";
import { connect, deleteByPrefix, runPrefix, testRedisUrl } from "../test/redis-test-env";
import { type BudgetAlertEvent, RedisAlertStore } from "./alert-tracker";
import { followLimitChanges, type LimitsSnapshot } from "./follow-limit-changes";
import { createRedisChangeFeed } from "./redis-change-feed";
import { RedisLimits } from "./redis-limits";

const prefix = runPrefix();
const channel = `${prefix}changes`;
const redis = connect();
const other = connect();

afterAll(async () => {
  await deleteByPrefix(redis, prefix);
  await Promise.all([redis.quit(), other.quit()]);
});

/** Resolves with the first message, or rejects after a second (the propagation bound). */
function nextMessage(
  subscribe: (listener: (m: ChangeMessage) => void) => void,
): Promise<ChangeMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no change message within a second")), 1000);
    subscribe((message) => {
      clearTimeout(timer);
      resolve(message);
    });
  });
}

describe("createRedisChangeFeed", () => {
  it("delivers published changes to other instances and ignores malformed ones", async () => {
    const invalid: string[] = [];
    const a = createRedisChangeFeed(testRedisUrl, { channel });
    const b = createRedisChangeFeed(testRedisUrl, {
      channel,
      onInvalidMessage: (raw) => void invalid.push(raw),
    });
    const received = nextMessage((listener) => void b.subscribe(listener));
    await b.subscribe(() => {});
    await redis.publish(channel, "not json");
    await redis.publish(channel, JSON.stringify({ topic: "weather" }));
    await a.publish({ topic: "keys", id: "hash-1" });
    expect(await received).toEqual({ topic: "keys", id: "hash-1" });
    expect(invalid).toEqual(["not json", JSON.stringify({ topic: "weather" })]);
    await Promise.all([a.close(), b.close()]);
  });

  it("carries a lowered budget from one instance to the other within a second", async () => {
    const keyPrefix = `${prefix}limits:`;
    let stored: LimitsSnapshot = {
      budgets: [budget({ id: "b", limitUsd: "10" })],
      rateLimits: [],
      failModes: {},
    };
    const load = async () => stored;
    const instances = [
      new RedisLimits({ redis, keyPrefix }),
      new RedisLimits({ redis: other, keyPrefix }),
    ] as const;
    const feeds = [
      createRedisChangeFeed(testRedisUrl, { channel }),
      createRedisChangeFeed(testRedisUrl, { channel }),
    ] as const;
    let onApplied: (() => void) | undefined;
    await followLimitChanges({ feed: feeds[0], engine: instances[0], load });
    await followLimitChanges({
      feed: feeds[1],
      engine: instances[1],
      load,
      onApplied: () => onApplied?.(),
    });

    const request = {
      teamId: "team-a",
      apiKeyId: "k",
      estimatedTokens: 1,
      worstCaseCostPicos: 2_000_000_000_000,
      now: START,
    };
    expect((await instances[1].admit(request)).ok).toBe(true);

    stored = { ...stored, budgets: [budget({ id: "b", limitUsd: "1" })] };
    const applied = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("not applied within a second")), 1000);
      onApplied = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    await feeds[0].publish({ topic: "budgets", id: "team-a" });
    await applied;
    const refused = await instances[1].admit(request);
    expect(!refused.ok && refused.error.message).toContain("$1.00");
    await Promise.all(feeds.map((feed) => feed.close()));
  });
});

describe("RedisAlertStore", () => {
  it("claims each alert once across instances", async () => {
    const a = new RedisAlertStore(redis, `${prefix}alert:`);
    const b = new RedisAlertStore(other, `${prefix}alert:`);
    const alert = (threshold: number): BudgetAlertEvent => ({
      id: `b:1:${threshold}`,
      budgetId: "b",
      budgetName: undefined,
      scope: "team",
      teamId: "t",
      apiKeyId: undefined,
      periodStart: 1,
      periodEnd: null,
      threshold,
      limitPicos: 100,
      spentPicos: threshold,
      at: 0,
    });
    expect(await a.claim(alert(50), Date.now() + 60_000)).toBe(true);
    expect(await b.claim(alert(50), Date.now() + 60_000)).toBe(false);
    expect(await b.claim(alert(80), null)).toBe(true);
    expect(await redis.pttl(`${prefix}alert:b:1:50`)).toBeGreaterThan(0);
  });
});
