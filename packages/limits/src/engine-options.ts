/** What both limits engines share: their options, defaults and empty metrics. */
import type { LimitsMetrics } from "./types";

export interface LimitsEngineOptions {
  /** Milliseconds since the epoch; tests pass a controllable clock. */
  clock?: () => number;
  /** How long an unsettled reservation holds budget before it expires (a crashed instance). */
  reservationTtlMs?: number;
}

export const DEFAULT_RESERVATION_TTL_MS = 10 * 60_000;

export const emptyMetrics = (): LimitsMetrics => ({
  admitted: 0,
  refusedBudget: 0,
  refusedRate: 0,
  downgrades: 0,
  storeErrors: 0,
  failOpenAdmits: 0,
  failClosedRefusals: 0,
  leaseSyncs: 0,
  rebuilds: 0,
});
