/**
 * The response cache shared by gateway instances (a policy's `cache`, with REDIS_URL): one Redis
 * string per answer with its TTL. Best effort: a read that has no answer within READ_TIMEOUT_MS,
 * or while Redis is away, is a miss, and a failed write is dropped.
 */
import type { ResponseCache } from "@switchyard/core";
import { Redis } from "ioredis";
import { logConnectionOutages } from "./store-failure";
import type { LimitsLogger } from "./types";

/** Longest a request waits on the cache before calling the model instead. */
const READ_TIMEOUT_MS = 250;

export class RedisResponseCache implements ResponseCache {
  private readonly redis: Redis;

  constructor(redisUrl: string, logger?: LimitsLogger) {
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: 0, connectTimeout: 2_000 });
    if (logger) logConnectionOutages(this.redis, logger, "response cache");
    // Without a logger, outages are still handled (a miss), never an unhandled error event.
    else this.redis.on("error", () => undefined);
  }

  async get(key: string): Promise<string | null> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), READ_TIMEOUT_MS);
    });
    try {
      return await Promise.race([this.redis.get(key), late]);
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    try {
      await this.redis.set(key, value, "PX", Math.max(1, Math.round(ttlMs)));
    } catch {
      // A dropped write is a later miss.
    }
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
