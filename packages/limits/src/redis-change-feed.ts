import type { ChangeFeed, ChangeMessage } from "@switchyard/core";
import { Redis } from "ioredis";
import { z } from "zod";
import { logConnectionOutages } from "./store-failure";
import type { LimitsLogger } from "./types";

const changeMessageSchema = z.object({
  topic: z.enum(["keys", "config", "budgets"]),
  id: z.string().optional(),
});

export interface RedisChangeFeed extends ChangeFeed {
  close(): Promise<void>;
}

export interface RedisChangeFeedOptions {
  channel?: string;
  onInvalidMessage?: (raw: string) => void;
  logger?: LimitsLogger;
}

const silent: LimitsLogger = { warn() {}, error() {} };

/**
 * Core's ChangeFeed over Redis pub/sub: one connection publishes, a second (made on the first
 * subscribe) listens. ioredis resubscribes after a reconnect.
 */
export function createRedisChangeFeed(
  redisUrl: string,
  options: RedisChangeFeedOptions = {},
): RedisChangeFeed {
  const channel = options.channel ?? "switchyard:changes";
  const publisher = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  logConnectionOutages(publisher, options.logger ?? silent, "change feed");
  let subscriber: Redis | null = null;
  let subscribed: Promise<unknown> | null = null;
  const listeners = new Set<(message: ChangeMessage) => void>();

  const dispatch = (from: string, raw: string) => {
    if (from !== channel) return;
    let parsed: z.ZodSafeParseResult<ChangeMessage>;
    try {
      parsed = changeMessageSchema.safeParse(JSON.parse(raw));
    } catch {
      options.onInvalidMessage?.(raw);
      return;
    }
    if (!parsed.success) {
      options.onInvalidMessage?.(raw);
      return;
    }
    for (const listener of listeners) listener(parsed.data);
  };

  return {
    async publish(message) {
      await publisher.publish(channel, JSON.stringify(changeMessageSchema.parse(message)));
    },
    async subscribe(listener) {
      if (!subscribed) {
        const client = new Redis(redisUrl, { maxRetriesPerRequest: null });
        client.on("message", dispatch);
        logConnectionOutages(client, options.logger ?? silent, "change feed");
        subscriber = client;
        subscribed = client.subscribe(channel);
      }
      await subscribed;
      listeners.add(listener);
      return async () => {
        listeners.delete(listener);
      };
    },
    async close() {
      listeners.clear();
      await Promise.all(
        [publisher, subscriber].map((client) => client?.quit().catch(() => client.disconnect())),
      );
    },
  };
}
