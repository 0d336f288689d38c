import type {
  ChangeFeed,
  ChangeMessage,
  ConfigStore,
  KeyStore,
  LimitsStore,
  OutcomeStore,
  RequestLogEntry,
  RequestLogReader,
  ResponseCache,
  ResponseStore,
  UsageSink,
} from "@switchyard/core";
import { parseAddressPolicy } from "@switchyard/core/network";
import type { LimitsEngine } from "@switchyard/limits";
import { getProvider, SseDecoder } from "@switchyard/providers";
import { type Logger, pino } from "pino";
import { RequestAccountant } from "./accounting/request-accountant";
import { UsageQueue, type UsageQueueStats } from "./accounting/usage-queue";
import { UsageSpool } from "./accounting/usage-spool";
import { KeyCache } from "./auth/key-cache";
import { errorSummary, LastUsedBatcher } from "./auth/last-used-batcher";
import { MemoryResponseCache } from "./cache/memory-response-cache";
import {
  type CalibrationHooks,
  CalibrationRunner,
  type CalibrationStats,
} from "./calibration/calibration-runner";
import { ConfigState, type RoutingModels } from "./config/config-state";
import { CircuitBreakers, type DeploymentHealth } from "./execute/circuit-breakers";
import { Deadlines } from "./execute/deadlines";
import type { ProviderLookup } from "./execute/execute-plan";
import { UpstreamPools } from "./execute/upstream-pools";
import { handleNodeRequest } from "./node/handle-node";
import { type GatewayOptions, resolveOptions } from "./options";
import { createBudgetAlerts } from "./pipeline/budget-alerts";
import { followLimits } from "./pipeline/follow-limits";
import { GatewayCore } from "./pipeline/gateway-core";
import { withRefusalAlerts } from "./pipeline/refusal-alerts";
import {
  createStoredResponses,
  NO_STORED_RESPONSES,
  type StoredResponsesStats,
} from "./responses/stored-responses";
import { type DrainResult, InFlight } from "./shutdown/in-flight";
import { handleWebRequest } from "./web/handle-web";

export interface CreateGatewayInput {
  keys: KeyStore;
  config: ConfigStore;
  usage: UsageSink;
  changes?: ChangeFeed;
  logger?: Logger;
  options?: Partial<GatewayOptions>;
  /** Budgets and rate limits (in memory or Redis, from @switchyard/limits); absent = none. */
  limits?: LimitsEngine;
  /**
   * Where budgets, rate limits and fail modes are stored: with `limits`, the gateway loads them into
   * the engine before it serves, reloads them on change notices, seeds budget counters from the
   * request log, and records budget alerts (once per period across instances) with their webhooks.
   */
  limitsStore?: LimitsStore;
  /** Classifier / cascade scorer for compiled policies; defaults to the router's shipped weights. */
  routing?: RoutingModels;
  /** Told about every finished request, after its row is queued (metrics; keep it cheap). */
  onRequestFinished?: (entry: RequestLogEntry) => void;
  /** Provider adapters by kind; defaults to @switchyard/providers' registry. */
  providers?: ProviderLookup;
  /**
   * Where graded outcomes go: with it, requests of policies with a `learning` block are sampled
   * (after their answer) and graded in the background; with `requests` too, POST /v1/feedback is
   * served. Without it nothing is sampled.
   */
  outcomes?: OutcomeStore;
  /** Request-log rows by id (what feedback grades); with `outcomes`, enables POST /v1/feedback. */
  requests?: RequestLogReader;
  /** Deterministic sampling for tests: the random draw and the out-of-band scheduler. */
  calibration?: CalibrationHooks;
  /**
   * Where policies with a `cache` keep answers: shared by instances (Redis) when given, else an
   * LRU in this process bounded by responseCacheMaxEntries / responseCacheMaxBytes.
   */
  responseCache?: ResponseCache;
  /**
   * Where responses of POST /v1/responses asking to be stored are kept (PostgreSQL), for GET and
   * DELETE /v1/responses/{id} and previous_response_id; absent = nothing is stored.
   */
  responseStore?: ResponseStore;
  /** The clock key expiries and rotated-out secrets are judged by; defaults to Date.now. */
  clock?: () => number;
}

export interface Gateway {
  /** node:http handler for /v1/* and /api/v1/* (the fast path). */
  handleNode(
    req: import("node:http").IncomingMessage,
    res: import("node:http").ServerResponse,
  ): void;
  /** WHATWG handler for the same endpoints (Next.js route files). */
  handleWeb(request: Request): Promise<Response>;
  /**
   * Shutting down: let requests in flight (streams included) finish for up to `graceMs`, then end
   * the rest cleanly (streams with an in-band error event, waiting requests with a 503). New
   * responses ask the client to close its connection. Call before close().
   */
  drain(graceMs: number): Promise<DrainResult>;
  /** Requests being served now. */
  readonly inFlight: number;
  /** Reload the routing snapshot now (also done on ChangeFeed "config" messages). */
  reload(): Promise<void>;
  /**
   * Stop accepting work from timers and feeds, flush accounting and key usage, close upstream
   * pools. The limits engine belongs to the caller, who closes it after this.
   */
  close(): Promise<void>;
  /** Accounting queue counters (written, spooled, replayed, dropped...), queue depth and spool size. */
  usageStats(): UsageQueueStats & { spoolBytes: number };
  /** Each deployment's circuit breaker: state and counters (for /metrics). */
  upstreamHealth(): DeploymentHealth[];
  /** Upstream attempts started and not yet ended (each holds a deadline until its body is read). */
  upstreamAttemptsInFlight(): number;
  /** Calibration sampling counters and queue depth (all zero without an OutcomeStore). */
  calibrationStats(): CalibrationStats;
  /** Resolves when no calibration sample is waiting or running (tests, evaluations). */
  calibrationIdle(): Promise<void>;
  /** Stored responses' writer: queued, written, dropped, failed batches, expired rows swept. */
  storedResponsesStats(): StoredResponsesStats;
}

const NO_CALIBRATION: CalibrationStats = {
  queued: 0,
  running: 0,
  graded: 0,
  droppedQueueFull: 0,
  failed: 0,
  judgeUnparseable: 0,
  paused: 0,
};

/** A change feed that never says anything (no other instance to hear from). */
const quietFeed: ChangeFeed = {
  publish: async () => undefined,
  subscribe: async () => async () => undefined,
};

/**
 * Build a gateway over storage ports. Loads the routing snapshot once (a failure here rejects),
 * then serves every request from memory: keys from the cache, config from the snapshot.
 */
export async function createGateway(input: CreateGatewayInput): Promise<Gateway> {
  const options = resolveOptions(input.options);
  const logger = input.logger ?? pino({ name: "switchyard-gateway" });
  const configWarning = (message: string) => logger.warn(message);
  let config = new ConfigState(await input.config.loadSnapshot(), input.routing, configWarning);
  const keys = new KeyCache(input.keys, {
    ttlMs: options.keyCacheTtlMs,
    negativeTtlMs: options.keyNegativeTtlMs,
    maxEntries: options.keyCacheMaxEntries,
    staleMs: options.keyStaleMs,
    ...(input.clock === undefined ? {} : { now: input.clock }),
  });
  const lastUsed = new LastUsedBatcher(
    input.keys,
    logger,
    options.lastUsedFlushMs,
    options.keyCacheMaxEntries,
  );
  const spool =
    options.spoolDir === undefined
      ? undefined
      : await UsageSpool.open({ dir: options.spoolDir, maxBytes: options.spoolMaxBytes });
  const usage = new UsageQueue(input.usage, logger, {
    maxEntries: options.usageQueueMax,
    batchSize: options.usageBatchSize,
    flushMs: options.usageFlushMs,
    maxAttempts: options.usageMaxAttempts,
    retryBaseMs: options.usageRetryBaseMs,
    writeTimeoutMs: options.usageWriteTimeoutMs,
    ...(spool === undefined ? {} : { spool }),
  });
  await usage.resume();
  const addressPolicy = parseAddressPolicy(options.allowedPrivateHosts);
  const breakers = new CircuitBreakers(
    {
      failureThreshold: options.breakerFailureThreshold,
      coolDownMs: options.breakerCoolDownMs,
      // A probe always ends by its deadlines; past them its slot is freed all the same.
      probeTimeoutMs: options.totalTimeoutMs + options.connectTimeoutMs,
    },
    logger,
  );
  const pools = new UpstreamPools({
    connections: options.upstreamConnections,
    connectTimeoutMs: options.connectTimeoutMs,
    addressPolicy,
    breakers,
  });
  const deadlines = new Deadlines(options.totalTimeoutMs);
  const inFlight = new InFlight();
  const providers = input.providers ?? getProvider;
  const alerts =
    input.limitsStore === undefined
      ? undefined
      : createBudgetAlerts(input.limitsStore, logger, addressPolicy);
  // Budget refusals report the thresholds they found reached: alerts fire while calls are refused.
  const limits =
    input.limits === undefined || alerts === undefined
      ? input.limits
      : withRefusalAlerts(input.limits, alerts);
  const accountant = new RequestAccountant(usage, limits, alerts, logger, input.onRequestFinished);
  const shared = { config: () => config, providers, pools, limits, deadlines };
  const calibration =
    input.outcomes === undefined
      ? undefined
      : new CalibrationRunner(
          { ...shared, accountant, options, logger, outcomes: input.outcomes },
          { maxQueue: options.calibrationQueueMax, concurrency: options.calibrationConcurrency },
          input.calibration,
        );
  const storedResponses = createStoredResponses(input.responseStore, logger, options);
  const core = new GatewayCore({
    storedResponses,
    ...shared,
    keys,
    lastUsed,
    createSseDecoder: () => new SseDecoder(),
    accountant,
    feedback:
      input.outcomes === undefined || input.requests === undefined
        ? undefined
        : { outcomes: input.outcomes, requests: input.requests },
    unwritten: { inMemory: () => usage.inMemory(), spooled: () => usage.spooled() },
    options,
    logger,
    calibration,
    responseCache:
      input.responseCache ??
      new MemoryResponseCache({
        maxEntries: options.responseCacheMaxEntries,
        maxBytes: options.responseCacheMaxBytes,
      }),
  });

  // One reload at a time (a call during one joins it). A change notice that arrives during a
  // reload asks for one more after it: that reload may have read the database before the change.
  let reloading: Promise<void> | null = null;
  let reloadAgain = false;
  const reload = (): Promise<void> => {
    reloading ??= input.config
      .loadSnapshot()
      .then((snapshot) => {
        config = new ConfigState(snapshot, input.routing, configWarning);
        logger.info(
          {
            models: snapshot.models.length,
            policies: snapshot.policies.length,
            learnedRouters: snapshot.learnedRouters?.length ?? 0,
          },
          "routing config reloaded",
        );
      })
      .finally(() => {
        reloading = null;
        if (reloadAgain) {
          reloadAgain = false;
          reloadOnNotice();
        }
      });
    return reloading;
  };
  const reloadOnNotice = () => {
    if (reloading !== null) {
      reloadAgain = true;
      return;
    }
    reload().catch((error) =>
      logger.error({ err: errorSummary(error) }, "routing config reload failed"),
    );
  };

  const onChange = (message: ChangeMessage) => {
    if (message.topic === "keys") keys.invalidate(message.id);
    else if (message.topic === "config") reloadOnNotice();
  };
  const unsubscribe = input.changes ? await input.changes.subscribe(onChange) : null;
  let following: { stop(): Promise<void> } | null = null;
  if (input.limits !== undefined && input.limitsStore !== undefined) {
    const store = input.limitsStore;
    input.limits.setRebuildSource?.({
      logSpend: (periods) => store.spendSincePeriodStart(periods),
      inMemory: () => usage.inMemory(),
      spooled: () => usage.spooled(),
    });
    try {
      following = await followLimits({
        engine: input.limits,
        store: input.limitsStore,
        feed: input.changes ?? quietFeed,
        logger,
        unwritten: () => usage.unwritten(),
        ...(alerts === undefined ? {} : { alerts }),
      });
    } catch (error) {
      await unsubscribe?.().catch(() => undefined);
      await Promise.all([usage.close(), lastUsed.close(), storedResponses?.close()]);
      deadlines.close();
      await pools.close();
      throw error;
    }
  }

  return {
    handleNode: (req, res) => handleNodeRequest(core, options, inFlight, req, res),
    handleWeb: (request) => handleWebRequest(core, options, inFlight, request),
    drain: (graceMs) => inFlight.drain(graceMs),
    get inFlight() {
      return inFlight.size;
    },
    reload,
    usageStats: () => ({ ...usage.stats, spoolBytes: usage.spoolBytes }),
    upstreamHealth: () => breakers.snapshot(),
    upstreamAttemptsInFlight: () => deadlines.size,
    calibrationStats: () => calibration?.stats() ?? { ...NO_CALIBRATION },
    calibrationIdle: () => calibration?.idle() ?? Promise.resolve(),
    storedResponsesStats: () => ({ ...(storedResponses?.stats ?? NO_STORED_RESPONSES) }),
    async close() {
      if (unsubscribe) await unsubscribe().catch(() => undefined);
      // Calibration first: its calls' rows and settlements go through the queue closed below.
      await calibration?.close(options.calibrationCloseGraceMs);
      await following?.stop();
      await Promise.all([usage.close(), lastUsed.close(), storedResponses?.close()]);
      deadlines.close();
      await pools.close();
    },
  };
}
