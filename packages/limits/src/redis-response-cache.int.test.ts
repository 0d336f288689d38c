import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { RedisResponseCache } from "./redis-response-cache";

const url = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const caches: RedisResponseCache[] = [];
afterAll(async () => {
  await Promise.all(caches.map((cache) => cache.close()));
});

describe("RedisResponseCache", () => {
  it("shares answers between instances, each for its TTL", async () => {
    const one = new RedisResponseCache(url);
    const two = new RedisResponseCache(url);
    caches.push(one, two);
    const key = `sy:cache:test-${randomUUID()}`;
    await one.set(key, '{"answer":42}', 60_000);
    expect(await two.get(key)).toBe('{"answer":42}');
    const short = `${key}-short`;
    await one.set(short, "x", 30);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await two.get(short)).toBeNull();
  });

  it("answers a miss, never an error, when Redis is not there", async () => {
    const away = new RedisResponseCache("redis://127.0.0.1:1");
    caches.push(away);
    expect(await away.get("sy:cache:anything")).toBeNull();
    await expect(away.set("sy:cache:anything", "v", 1_000)).resolves.toBeUndefined();
  });
});
