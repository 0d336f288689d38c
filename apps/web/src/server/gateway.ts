/**
 * The one place that wires the database's repositories into the gateway's ports. The production
 * server builds the gateway at start (buildGateway) and registers it; Next.js route files reach the
 * same instance, or a lazily built one under `next dev`, through handleGatewayRequest.
 */
import type { ChangeFeed } from "@switchyard/core";
import { createPgChangeFeed, createRepositories } from "@switchyard/db";
import { createGateway, followLimits, type Gateway } from "@switchyard/gateway";
import {
  createRedisChangeFeed,
  type LimitsEngine,
  MemoryLimits,
  RedisLimits,
} from "@switchyard/limits";
import { getPrisma, type Prisma } from "./db";
import { getEnv } from "./env";
import { createLogger, type Logger } from "./logger";

export interface GatewayWiring {
  prisma: Prisma;
  databaseUrl: string;
  encryptionKey: string;
  logger: Logger;
  maxBodyBytes: number;
  /** Shared budgets and rate limits across instances; without it, limits are kept in memory. */
  redisUrl?: string | undefined;
}

/**
 * Both feeds as one: the console publishes on Postgres (NOTIFY), instances may also publish on
 * Redis pub/sub; a subscriber hears both, a publish goes to both.
 */
function bothFeeds(first: ChangeFeed, second: ChangeFeed): ChangeFeed {
  return {
    async publish(message) {
      await Promise.all([first.publish(message), second.publish(message)]);
    },
    async subscribe(listener) {
      const stops = await Promise.all([first.subscribe(listener), second.subscribe(listener)]);
      return async () => {
        await Promise.all(stops.map((stop) => stop()));
      };
    },
  };
}

export interface RunningGateway {
  gateway: Gateway;
  /** The budgets and rate limits engine (its counters are exported on /metrics). */
  limits: LimitsEngine;
  /** Closes the gateway (flushing accounting) and its change feed. */
  close(): Promise<void>;
}

export async function buildGateway(wiring: GatewayWiring): Promise<RunningGateway> {
  const { logger } = wiring;
  const {
    keys,
    config,
    usage,
    limits: limitsStore,
  } = createRepositories(wiring.prisma, {
    encryptionKey: wiring.encryptionKey,
    onWarning: (message) => logger.warn(message),
  });
  const pgFeed = createPgChangeFeed(wiring.databaseUrl, {
    onError: (message) => logger.warn({ feed: "changes" }, message),
  });
  // With Redis: counters shared by every instance, and changes also over Redis pub/sub.
  const redisFeed = wiring.redisUrl ? createRedisChangeFeed(wiring.redisUrl, { logger }) : null;
  const changes = redisFeed === null ? pgFeed : bothFeeds(pgFeed, redisFeed);
  const limits: LimitsEngine = wiring.redisUrl
    ? new RedisLimits({ redis: wiring.redisUrl, logger })
    : new MemoryLimits();
  const closeFeeds = async () => {
    await pgFeed.close().catch(() => undefined);
    await redisFeed?.close().catch(() => undefined);
  };
  let gateway: Gateway;
  let following: { stop(): Promise<void> };
  try {
    following = await followLimits({ engine: limits, store: limitsStore, feed: changes, logger });
    gateway = await createGateway({
      keys,
      config,
      usage,
      changes,
      logger,
      limits,
      limitsStore,
      options: { maxBodyBytes: wiring.maxBodyBytes },
    });
  } catch (error) {
    await limits.close().catch(() => undefined);
    await closeFeeds();
    throw error;
  }
  logger.info({ limits: redisFeed === null ? "memory" : "redis" }, "budgets and rate limits on");
  return {
    gateway,
    limits,
    async close() {
      await gateway.close();
      await following.stop();
      await limits.close();
      await closeFeeds();
    },
  };
}

const slot = Symbol.for("switchyard.web.gateway");
type Holder = { [slot]?: Promise<RunningGateway> };
const holder = globalThis as Holder;

/** Make `running` the process's gateway (the production server calls this once at start). */
export function registerGateway(running: RunningGateway): void {
  holder[slot] = Promise.resolve(running);
}

function getGateway(): Promise<RunningGateway> {
  const existing = holder[slot];
  if (existing) return existing;
  const env = getEnv();
  const pending = (async () => {
    const prisma = getPrisma();
    if (!env.databaseUrl || !env.encryptionKey) {
      throw new Error("DATABASE_URL and SWITCHYARD_ENCRYPTION_KEY must be set to serve /v1");
    }
    return buildGateway({
      prisma,
      databaseUrl: env.databaseUrl,
      encryptionKey: env.encryptionKey,
      logger: createLogger(env.logLevel),
      maxBodyBytes: env.maxBodyBytes,
      redisUrl: env.redisUrl,
    });
  })();
  holder[slot] = pending;
  pending.catch(() => {
    if (holder[slot] === pending) delete holder[slot];
  });
  return pending;
}

/** "/api/v1/…" → "/v1/…" so the gateway sees one API shape whichever way the request came in. */
export function toGatewayRequest(request: Request): Request {
  const url = new URL(request.url);
  if (!url.pathname.startsWith("/api/v1")) return request;
  url.pathname = url.pathname.slice("/api".length);
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  return new Request(url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    ...(hasBody ? { body: request.body, duplex: "half" } : {}),
  } as RequestInit);
}

/** Route-file entry point: the gateway's WHATWG adapter, with a clean 503 when it cannot start. */
export async function handleGatewayRequest(request: Request): Promise<Response> {
  let running: RunningGateway;
  try {
    running = await getGateway();
  } catch (error) {
    createLogger(getEnv().logLevel).error(
      { err: error instanceof Error ? error.message : String(error) },
      "gateway unavailable",
    );
    return Response.json(
      {
        error: {
          message: "The gateway is not available: the server could not connect to its database.",
          type: "api_error",
          code: "gateway_unavailable",
          param: null,
        },
      },
      { status: 503 },
    );
  }
  return running.gateway.handleWeb(toGatewayRequest(request));
}
