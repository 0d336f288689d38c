import type { FailMode } from "./budget-spec";
import type { LimitsLogger, LimitsMetrics } from "./types";

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** Log line and metric for an admission made or refused without the shared store. */
export function recordStoreFailure(
  counters: LimitsMetrics,
  logger: LimitsLogger,
  teamId: string,
  mode: FailMode,
  error: unknown,
): void {
  counters.storeErrors += 1;
  const fields = { teamId, failMode: mode, err: errorMessage(error) };
  if (mode === "open") {
    counters.failOpenAdmits += 1;
    logger.warn(fields, "limits store unreachable: admitting (fail open)");
  } else {
    counters.failClosedRefusals += 1;
    logger.error(fields, "limits store unreachable: refusing (fail closed)");
  }
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
