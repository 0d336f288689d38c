/**
 * Cross-instance cache invalidation over PostgreSQL LISTEN/NOTIFY (channel "switchyard_changes",
 * JSON payload { topic, id? }). Listening uses one dedicated connection that reconnects with
 * backoff; notifications sent while it was down are lost, so after a reconnect every listener is
 * told "everything changed" for each topic.
 */
import type { ChangeFeed, ChangeMessage, ChangeTopic } from "@switchyard/core";
import pg from "pg";
import { z } from "zod";

export const CHANGE_CHANNEL = "switchyard_changes";
const TOPICS: readonly ChangeTopic[] = ["keys", "config", "budgets"];

const messageSchema = z.object({
  topic: z.enum(["keys", "config", "budgets"]),
  id: z.string().optional(),
});

/** Parses a notification payload; null for anything that is not a valid message. */
export function parseChangeMessage(payload: string | undefined): ChangeMessage | null {
  if (!payload) return null;
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return null;
  }
  const parsed = messageSchema.safeParse(json);
  if (!parsed.success) return null;
  return parsed.data.id === undefined
    ? { topic: parsed.data.topic }
    : { topic: parsed.data.topic, id: parsed.data.id };
}

export interface PgChangeFeedOptions {
  /** Told about connection loss and reconnects (one line each). */
  onError?: (message: string) => void;
  /** First reconnect delay; doubles up to maxReconnectDelayMs. */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
}

export type PgChangeFeed = ChangeFeed & { close(): Promise<void> };

type Listener = (message: ChangeMessage) => void;

export function createPgChangeFeed(
  databaseUrl: string,
  options: PgChangeFeedOptions = {},
): PgChangeFeed {
  const listeners = new Set<Listener>();
  const publisher = new pg.Pool({
    connectionString: databaseUrl,
    max: 1,
    idleTimeoutMillis: 30_000,
  });
  publisher.on("error", () => {
    // An idle publisher connection dropped; the next publish reconnects.
  });
  const firstDelay = options.reconnectDelayMs ?? 250;
  const maxDelay = options.maxReconnectDelayMs ?? 5_000;

  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let delay = firstDelay;
  let closed = false;

  const deliver = (message: ChangeMessage) => {
    for (const listener of [...listeners]) {
      try {
        listener(message);
      } catch (error) {
        options.onError?.(
          `change listener failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  };

  const scheduleReconnect = () => {
    if (closed || reconnectTimer || listeners.size === 0) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect(true).catch(() => scheduleReconnect());
    }, delay);
    reconnectTimer.unref();
    delay = Math.min(delay * 2, maxDelay);
  };

  const connect = (isReconnect: boolean): Promise<void> => {
    if (client) return Promise.resolve();
    connecting ??= (async () => {
      const next = new pg.Client({
        connectionString: databaseUrl,
        connectionTimeoutMillis: 5_000,
        application_name: "switchyard-change-feed",
      });
      const lost = (reason: string) => {
        if (client !== next) return;
        client = null;
        next.removeAllListeners("notification");
        void next.end().catch(() => undefined);
        if (!closed) {
          options.onError?.(`change feed connection lost (${reason}); reconnecting`);
          scheduleReconnect();
        }
      };
      next.on("error", (error) => lost(error.message));
      next.on("end", () => lost("connection ended"));
      next.on("notification", (notification) => {
        if (notification.channel !== CHANGE_CHANNEL) return;
        const message = parseChangeMessage(notification.payload);
        if (message) deliver(message);
      });
      try {
        await next.connect();
        await next.query(`listen ${CHANGE_CHANNEL}`);
      } catch (error) {
        next.removeAllListeners();
        next.on("error", () => undefined);
        await next.end().catch(() => undefined);
        throw error;
      }
      if (closed) {
        await next.end().catch(() => undefined);
        return;
      }
      client = next;
      delay = firstDelay;
      if (isReconnect) {
        options.onError?.("change feed reconnected");
        for (const topic of TOPICS) deliver({ topic });
      }
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  };

  return {
    async publish(message: ChangeMessage): Promise<void> {
      const payload = JSON.stringify(message.id === undefined ? { topic: message.topic } : message);
      await publisher.query("select pg_notify($1, $2)", [CHANGE_CHANNEL, payload]);
    },

    async subscribe(listener: Listener): Promise<() => Promise<void>> {
      if (closed) throw new Error("change feed is closed");
      listeners.add(listener);
      try {
        await connect(false);
      } catch (error) {
        listeners.delete(listener);
        throw new Error(
          `cannot listen for changes: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
      return async () => {
        listeners.delete(listener);
      };
    },

    async close(): Promise<void> {
      closed = true;
      listeners.clear();
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      await connecting?.catch(() => undefined);
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
      await publisher.end().catch(() => undefined);
    },
  };
}
