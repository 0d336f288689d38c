import type { FailMode } from "./budget-spec";
import type { LimitsLogger, LimitsMetrics } from "./types";

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** While the store is unreachable, one line per team and fail mode this often, with a count. */
export const STORE_FAILURE_LOG_INTERVAL_MS = 10_000;

interface Throttle {
  lastAt: number;
  /** Admissions and refusals since the last line. */
  since: number;
}
/** Per engine (its counters object), per team and mode. */
const throttles = new WeakMap<LimitsMetrics, Map<string, Throttle>>();

/**
 * Metric for every admission made or refused without the shared store, and a log line for the
 * first of each team and fail mode, then at most one every STORE_FAILURE_LOG_INTERVAL_MS with how
 * many there were since: an outage under load must not write a line per request.
 */
export function recordStoreFailure(
  counters: LimitsMetrics,
  logger: LimitsLogger,
  teamId: string,
  mode: FailMode,
  error: unknown,
  now = Date.now(),
): void {
  counters.storeErrors += 1;
  if (mode === "open") counters.failOpenAdmits += 1;
  else counters.failClosedRefusals += 1;
  let byTeam = throttles.get(counters);
  if (byTeam === undefined) {
    byTeam = new Map();
    throttles.set(counters, byTeam);
  }
  const key = `${mode}|${teamId}`;
  const throttle = byTeam.get(key);
  if (throttle !== undefined && now - throttle.lastAt < STORE_FAILURE_LOG_INTERVAL_MS) {
    throttle.since += 1;
    return;
  }
  const fields = {
    teamId,
    failMode: mode,
    err: errorMessage(error),
    ...(throttle === undefined ? {} : { sinceLastLine: throttle.since + 1 }),
  };
  byTeam.set(key, { lastAt: now, since: 0 });
  if (mode === "open") logger.warn(fields, "limits store unreachable: admitting (fail open)");
  else logger.error(fields, "limits store unreachable: refusing (fail closed)");
}

/** One log line per outage of a Redis connection (ioredis emits an error on every retry). */
export function logConnectionOutages(
  redis: { on(event: string, listener: (...args: unknown[]) => void): unknown },
  logger: LimitsLogger,
  label: string,
): void {
  let healthy = true;
  redis.on("error", (error) => {
    if (!healthy) return;
    healthy = false;
    logger.error({ err: errorMessage(error) }, `${label}: redis connection lost`);
  });
  redis.on("ready", () => {
    healthy = true;
  });
}

/** A command refused before it was sent (the connection is down): it certainly did not run. */
export class NotSentError extends Error {}
