import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";

/** Redis for *.int.test.ts: TEST_REDIS_URL or the local server, a random key prefix per run. */
export const testRedisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export const runPrefix = (): string => `switchyard-test:${randomBytes(6).toString("hex")}:`;

export async function deleteByPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== "0");
}

export const connect = (): Redis => new Redis(testRedisUrl, { maxRetriesPerRequest: 1 });
