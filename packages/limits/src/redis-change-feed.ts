import type { ChangeFeed, ChangeMessage } from "@switchyard/core";
import { Redis } from "ioredis";
import { z } from "zod";

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
}

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
  let subscriber: Redis | null = null;
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
      if (!subscriber) {
        subscriber = new Redis(redisUrl, { maxRetriesPerRequest: null });
        subscriber.on("message", dispatch);
        await subscriber.subscribe(channel);
      }
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
