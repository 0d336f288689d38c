import type { ChangeFeed, ChangeTopic, LimitsStore, RequestLogEntry } from "@switchyard/core";
import {
  type AlertTracker,
  addSpend,
  type Budget,
  type BudgetPeriodSpend,
  type BudgetThresholdReached,
  followLimitChanges,
  type LimitsEngine,
  type LimitsSnapshot,
  parseBudget,
  parseRateLimit,
  periodWindow,
  thresholdsReached,
  unwrittenSpend,
} from "@switchyard/limits";
import type { Logger } from "pino";

export interface FollowLimitsInput {
  engine: LimitsEngine;
  store: LimitsStore;
  /** Reloads on its "budgets", "keys" (key rate limits) and "config" (fail modes) messages. */
  feed: ChangeFeed;
  logger: Logger;
  topics?: readonly ChangeTopic[];
  clock?: () => number;
  /**
   * Request-log rows not in the database yet (the accounting queue and the spool): their spend is
   * added to the database's, so a restart during or after an outage does not forget it.
   */
  unwritten?: () => Promise<RequestLogEntry[]>;
  /**
   * Told the alert thresholds each budget's current-period spend (the log's, plus the unwritten
   * rows) has reached whenever budgets are loaded: a budget created or edited past its thresholds
   * fires them without waiting for a request. The tracker dedups per (budget, period, threshold).
   */
  alerts?: AlertTracker;
}

/** Storage rows → the engine's snapshot; an invalid row is logged and left out. */
export async function loadLimitsSnapshot(store: LimitsStore, logger: Logger) {
  const rows = await store.loadLimits();
  const snapshot: LimitsSnapshot = { budgets: [], rateLimits: [], failModes: rows.failModes };
  for (const row of rows.budgets) {
    try {
      snapshot.budgets.push(parseBudget(row));
    } catch (error) {
      logger.error({ budgetId: row.id, err: String(error) }, "invalid budget left out");
    }
  }
  for (const row of rows.rateLimits) {
    try {
      snapshot.rateLimits.push(parseRateLimit(row));
    } catch (error) {
      logger.error({ id: row.id, err: String(error) }, "invalid rate limit left out");
    }
  }
  return snapshot;
}

/**
 * Load budgets, rate limits and fail modes into the engine, reload them when the feed says so, and
 * seed each budget's current-period spend from the request log where the engine has no counter yet
 * (an empty Redis, a new budget, a changed period): rebuildFromLog never overwrites a live counter.
 */
export async function followLimits(input: FollowLimitsInput) {
  const { engine, store, logger } = input;
  const clock = input.clock ?? Date.now;
  const rebuild = async (snapshot: LimitsSnapshot) => {
    const now = clock();
    const periods = snapshot.budgets.map((budget) => {
      const window = periodWindow(budget.period, budget.timeZone, now);
      return { budget, periodStart: window.start, periodEnd: window.end };
    });
    const logged = await store.spendSincePeriodStart(
      periods.map(({ budget, periodStart }) => ({ budgetId: budget.id, periodStart })),
    );
    const pending = unwrittenSpend((await input.unwritten?.()) ?? [], periods);
    const spend = addSpend(logged, pending);
    const seeded = await engine.rebuildFromLog(spend);
    if (seeded > 0) logger.info({ seeded }, "budget counters seeded from the request log");
    if (input.alerts !== undefined) void input.alerts.record(reachedBy(periods, spend));
  };
  let rebuilding: Promise<void> = Promise.resolve();
  const follow = await followLimitChanges({
    feed: input.feed,
    engine,
    load: () => loadLimitsSnapshot(store, logger),
    topics: input.topics ?? ["budgets", "keys", "config"],
    logger,
    onApplied: (snapshot) => {
      rebuilding = rebuilding
        .then(() => rebuild(snapshot))
        .catch((error: unknown) =>
          logger.error({ err: String(error) }, "seeding budget counters failed"),
        );
    },
  });
  await rebuilding;
  return follow;
}

/** The thresholds each budget's spend in its current period has reached. */
function reachedBy(
  periods: readonly { budget: Budget; periodStart: number; periodEnd: number | null }[],
  spend: readonly BudgetPeriodSpend[],
): BudgetThresholdReached[] {
  const spent = new Map(spend.map((entry) => [`${entry.budgetId}|${entry.periodStart}`, entry]));
  return periods.flatMap(({ budget, periodStart, periodEnd }) => {
    const entry = spent.get(`${budget.id}|${periodStart}`);
    if (entry === undefined || budget.alertThresholds.length === 0) return [];
    return thresholdsReached(budget, periodStart, periodEnd, entry.spentPicos);
  });
}
