/**
 * Building a production gateway, in one place: the limits engine (shared through Redis when a URL
 * is given, in memory otherwise), change notices (the store's feed, plus Redis pub/sub), and the
 * gateway over the storage ports, with one close that stops it all in order. The web app, the
 * standalone gateway and the benchmarks all build theirs here.
 */
import type {
  ChangeFeed,
  ConfigStore,
  KeyStore,
  LimitsStore,
  OutcomeStore,
  RequestLogEntry,
  RequestLogReader,
  ResponseStore,
  UsageSink,
} from "@switchyard/core";
import {
  type CalibrationHooks,
  createGateway,
  type Gateway,
  type GatewayOptions,
  type RoutingModels,
} from "@switchyard/gateway";
import {
  createRedisChangeFeed,
  type LimitsEngine,
  MemoryLimits,
  RedisLimits,
  RedisResponseCache,
} from "@switchyard/limits";
import type { Logger } from "pino";

/** What the gateway reads and writes: storage ports (a database, or memory in tests and benches). */
export interface GatewayPorts {
  keys: KeyStore;
  config: ConfigStore;
  usage: UsageSink;
  /** Budgets, rate limits and fail modes; without it the engine holds none. */
  limitsStore?: LimitsStore;
  /** Change notices of this storage (e.g. PostgreSQL LISTEN/NOTIFY). */
  changes?: ChangeFeed;
  /**
   * Graded outcomes: with it, policies with a `learning` block sample their requests for
   * calibration; with `requests` too, POST /v1/feedback is served.
   */
  outcomes?: OutcomeStore;
  requests?: RequestLogReader;
  /** Stored responses of POST /v1/responses (store, previous_response_id, GET/DELETE by id). */
  responses?: ResponseStore;
}

export interface BuildGatewayInput {
  ports: GatewayPorts;
  logger: Logger;
  /** Budgets and rate limits shared by every instance on this Redis (and its pub/sub); unset: memory. */
  redisUrl?: string | undefined;
  /**
   * Use this engine instead of one made from `redisUrl` (closed with the gateway all the same);
   * "none": no budgets or rate limits at all (a benchmark's baseline).
   */
  limits?: LimitsEngine | "none";
  options?: Partial<GatewayOptions>;
  /** Told about every finished request (per-model metrics). */
  onRequestFinished?: (entry: RequestLogEntry) => void;
  /** Classifier and cascade scorer instead of the router's shipped weights (evaluations). */
  routing?: RoutingModels;
  /** Calibration sampling's draws and scheduling (evaluations replay a seeded sequence). */
  calibration?: CalibrationHooks;
}

export interface RunningGateway {
  gateway: Gateway;
  /** The budgets and rate limits engine (its counters are exported on /metrics); null: none. */
  limits: LimitsEngine | null;
  /** Stop the gateway (flushing accounting), the engine and the change feeds, in that order. */
  close(): Promise<void>;
}

/**
 * Both feeds as one: the console publishes on PostgreSQL (NOTIFY), instances may also publish on
 * Redis pub/sub; a subscriber hears both, a publish goes to both.
 */
export function bothFeeds(first: ChangeFeed, second: ChangeFeed): ChangeFeed {
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

export async function buildGateway(input: BuildGatewayInput): Promise<RunningGateway> {
  const { ports, logger, redisUrl } = input;
  const redisFeed = redisUrl ? createRedisChangeFeed(redisUrl, { logger }) : null;
  const own = ports.changes;
  const changes =
    redisFeed === null ? own : own === undefined ? redisFeed : bothFeeds(own, redisFeed);
  const limits: LimitsEngine | null =
    input.limits === "none"
      ? null
      : (input.limits ??
        (redisUrl ? new RedisLimits({ redis: redisUrl, logger }) : new MemoryLimits()));
  // Answers a policy's cache keeps are shared by every instance when there is Redis.
  const responseCache = redisUrl ? new RedisResponseCache(redisUrl, logger) : undefined;
  let gateway: Gateway;
  try {
    gateway = await createGateway({
      keys: ports.keys,
      config: ports.config,
      usage: ports.usage,
      ...(changes === undefined ? {} : { changes }),
      ...(ports.limitsStore === undefined ? {} : { limitsStore: ports.limitsStore }),
      ...(limits === null ? {} : { limits }),
      ...(ports.outcomes === undefined ? {} : { outcomes: ports.outcomes }),
      ...(ports.requests === undefined ? {} : { requests: ports.requests }),
      ...(ports.responses === undefined ? {} : { responseStore: ports.responses }),
      logger,
      ...(input.options === undefined ? {} : { options: input.options }),
      ...(input.routing === undefined ? {} : { routing: input.routing }),
      ...(input.calibration === undefined ? {} : { calibration: input.calibration }),
      ...(responseCache === undefined ? {} : { responseCache }),
      ...(input.onRequestFinished === undefined
        ? {}
        : { onRequestFinished: input.onRequestFinished }),
    });
  } catch (error) {
    await limits?.close().catch(() => undefined);
    await redisFeed?.close().catch(() => undefined);
    await responseCache?.close().catch(() => undefined);
    throw error;
  }
  if (limits !== null)
    logger.info({ limits: redisUrl ? "redis" : "memory" }, "budgets and rate limits on");
  return {
    gateway,
    limits,
    async close() {
      await gateway.close();
      await limits?.close();
      await redisFeed?.close().catch(() => undefined);
      await responseCache?.close().catch(() => undefined);
    },
  };
}
