import type { RequestLogEntry, SwitchyardError } from "@switchyard/core";
import type { Budget, BudgetScope, FailMode, RateLimitSpec } from "./budget-spec";

export interface LimitsLogger {
  warn(object: Record<string, unknown>, message?: string): void;
  error(object: Record<string, unknown>, message?: string): void;
}

export interface AdmitRequest {
  teamId: string;
  apiKeyId: string;
  /** Prompt tokens + max output tokens (or the model's output limit): charged to TPM up front. */
  estimatedTokens: number;
  /** Worst-case cost of the call in pico-dollars, reserved against every covering budget. */
  worstCaseCostPicos: number;
  /** Milliseconds since the epoch; defaults to the engine's clock. */
  now?: number;
  /**
   * The caller already switched to the policy's cheaper target after a `downgrade` answer:
   * budgets whose action is "downgrade" no longer refuse (they still count the spend).
   */
  downgraded?: boolean;
}

/** One budget a reservation is held against, in the period current at admission. */
export interface ReservedBudget {
  budget: Budget;
  periodStart: number;
  periodEnd: number | null;
  reservedPicos: number;
}

export interface Reservation {
  id: string;
  teamId: string;
  apiKeyId: string;
  budgets: ReservedBudget[];
  /** Token-rate limits charged at admission (corrected on settle). */
  tokenLimits: PlannedRate[];
  estimatedTokens: number;
  downgraded: boolean;
  /** Admitted without shared state because Redis was unreachable and the team fails open. */
  failOpen: boolean;
  /** Admitted out of this instance's leases (RedisLimits under load): settled through them too. */
  leased?: boolean;
}

export type RateKind = "requests" | "tokens";

/** A rate limit applied to one request: GCRA with a burst of `limit` per `windowMs`. */
export interface PlannedRate {
  key: string;
  scope: BudgetScope;
  id: string;
  /** The team's or key's display name, for the refusal message. */
  name?: string | undefined;
  kind: RateKind;
  limit: number;
  windowMs: number;
  /** Emission interval: windowMs / limit. */
  intervalMs: number;
}

export type RateHeaders = Record<string, string>;

export type AdmitResult =
  | { ok: true; reservation: Reservation; rateHeaders: RateHeaders }
  | {
      ok: false;
      error: SwitchyardError;
      /** A "downgrade" budget is exhausted: route to the cheaper target and admit again with downgraded. */
      downgrade?: boolean;
      rateHeaders: RateHeaders;
      /** The alert thresholds the refusing budget's spend has reached (see RefusalThresholds). */
      thresholds?: RefusalThresholds;
    };

export type ReserveMoreResult =
  | { ok: true }
  | {
      ok: false;
      error: SwitchyardError;
      downgrade?: boolean;
      /** The alert thresholds the refusing budget's spend has reached (see RefusalThresholds). */
      thresholds?: RefusalThresholds;
    };

/**
 * A budget refusal reports the alert thresholds the refusing budget's spend (as the refusal saw
 * it) has reached, like a settle does: a budget created or lowered below the period's spend, or
 * spend that only blocked calls see, still fires its alerts (AlertTracker dedups per period).
 */
export type RefusalThresholds = BudgetThresholdReached[];

/** A threshold a budget has reached after a settle (AlertTracker dedups per period). */
export interface BudgetThresholdReached {
  budgetId: string;
  budgetName: string | undefined;
  scope: BudgetScope;
  teamId: string;
  apiKeyId: string | undefined;
  periodStart: number;
  periodEnd: number | null;
  threshold: number;
  limitPicos: number;
  spentPicos: number;
}

export interface SettleResult {
  thresholds: BudgetThresholdReached[];
}

/** What an engine rebuilds lost counters from (see LimitsEngine.setRebuildSource). */
export interface RebuildSource {
  /** Spend in the request log (the database) since each period's start. */
  logSpend(
    periods: readonly { budgetId: string; periodStart: number }[],
  ): Promise<BudgetPeriodSpend[]>;
  /** Rows of this instance not in the database yet, in memory: read at this very instant. */
  inMemory(): RequestLogEntry[];
  /** Rows of this instance waiting in its spool. */
  spooled(): Promise<RequestLogEntry[]>;
}

/** Spend of one budget in one period, e.g. from the request log. */
export interface BudgetPeriodSpend {
  budgetId: string;
  periodStart: number;
  spentPicos: number;
}

/** A budget's state in its current period. */
export interface BudgetUsage {
  budgetId: string;
  periodStart: number;
  periodEnd: number | null;
  limitPicos: number;
  spentPicos: number;
  reservedPicos: number;
}

export interface LimitsMetrics {
  admitted: number;
  refusedBudget: number;
  refusedRate: number;
  downgrades: number;
  storeErrors: number;
  failOpenAdmits: number;
  failClosedRefusals: number;
  /** Lease syncs with Redis (RedisLimits under load; see RedisLeases). */
  leaseSyncs: number;
  /** Teams whose counters the store lost and were rebuilt from the request log (see TeamEpochs). */
  rebuilds: number;
}

/**
 * Engines answer without a promise when they decide in memory (MemoryLimits, leased admissions),
 * so the request path does not wait a turn of the microtask queue for nothing; `await` takes both.
 */
export type MaybePromise<T> = T | Promise<T>;

export interface LimitsEngine {
  admit(request: AdmitRequest): MaybePromise<AdmitResult>;
  /** Reserve more for a retry, fallback or escalation; re-checks every covering budget. */
  reserveMore(
    reservation: Reservation,
    extraWorstCasePicos: number,
    now?: number,
  ): Promise<ReserveMoreResult>;
  /** The call finished: drop the reservation, add the real cost, correct TPM by the real token count. */
  settle(
    reservation: Reservation,
    actualCostPicos: number,
    actualTokens: number,
    now?: number,
  ): MaybePromise<SettleResult>;
  /** The call failed before costing anything: drop the reservation and give back its tokens. */
  release(reservation: Reservation, now?: number): Promise<void>;
  setBudgets(budgets: readonly Budget[]): void;
  /** Some budget covers this team's or key's requests (the snapshot, no store round-trip). */
  hasBudget(teamId: string, apiKeyId: string): boolean;
  setRateLimits(limits: readonly RateLimitSpec[]): void;
  setFailModes(modes: Readonly<Record<string, FailMode>>): void;
  /** Seed spend counters that do not exist yet (e.g. Redis was emptied). Returns how many were seeded. */
  rebuildFromLog(spend: readonly BudgetPeriodSpend[]): Promise<number>;
  usage(budgetId: string, now?: number): Promise<BudgetUsage | null>;
  /**
   * Renews the reservations of calls still running that are half a TTL old, so a long stream
   * keeps its hold; engines do this on their own timer. Resolves with how many were renewed.
   */
  renewHeld(now?: number): Promise<number>;
  metrics(): LimitsMetrics;
  /**
   * Where the engine can rebuild a team's counters when its store lost them (Redis restarted or
   * failed over): the request log's spend, and the rows not in the log yet. Engines that keep
   * nothing outside the process ignore it.
   */
  setRebuildSource?(source: RebuildSource): void;
  /** Resolves when the engine's store answers (Redis PING); absent when it keeps nothing outside. */
  ping?(): Promise<void>;
  close(): Promise<void>;
}
