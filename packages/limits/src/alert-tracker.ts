import type { Redis } from "ioredis";
import type { BudgetThresholdReached, LimitsLogger } from "./types";

/** A threshold reached for the first time in a budget period. */
export interface BudgetAlertEvent extends BudgetThresholdReached {
  /** Stable id: budget, period start and threshold. */
  id: string;
  at: number;
}

/**
 * Where "first time this period" is decided: a Set in memory, SET NX in Redis across instances, or
 * a unique (budget, period start, threshold) row in the database (insert, do nothing on conflict).
 */
export interface AlertStore {
  /** True when this (budget, period, threshold) had not been recorded before. */
  claim(event: BudgetAlertEvent, expireAt: number | null): Promise<boolean>;
}

export class MemoryAlertStore implements AlertStore {
  private readonly claimed = new Set<string>();

  async claim(event: BudgetAlertEvent): Promise<boolean> {
    if (this.claimed.has(event.id)) return false;
    this.claimed.add(event.id);
    return true;
  }
}

export class RedisAlertStore implements AlertStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = "switchyard:limits:alert:",
  ) {}

  async claim(event: BudgetAlertEvent, expireAt: number | null): Promise<boolean> {
    const key = `${this.prefix}${event.id}`;
    const reply =
      expireAt === null
        ? await this.redis.set(key, "1", "NX")
        : await this.redis.set(key, "1", "PXAT", expireAt, "NX");
    return reply === "OK";
  }
}

export interface AlertTrackerOptions {
  store?: AlertStore;
  onAlert: (event: BudgetAlertEvent) => void | Promise<void>;
  logger?: LimitsLogger;
  clock?: () => number;
  /** How long a claim outlives its period. */
  graceMs?: number;
}

/**
 * Turns the thresholds a settle reports into one event per (budget, period, threshold). A local
 * set remembers what this instance already saw, so the store is asked once per threshold and period.
 * `record` never throws and is meant to be called without awaiting on the request path.
 */
export class AlertTracker {
  /** Alert id → when it may be forgotten (its period is over). */
  private readonly seen = new Map<string, number>();
  private readonly store: AlertStore;
  private readonly clock: () => number;
  private readonly graceMs: number;

  constructor(private readonly options: AlertTrackerOptions) {
    this.store = options.store ?? new MemoryAlertStore();
    this.clock = options.clock ?? Date.now;
    this.graceMs = options.graceMs ?? 86_400_000;
  }

  async record(thresholds: readonly BudgetThresholdReached[]): Promise<BudgetAlertEvent[]> {
    const events: BudgetAlertEvent[] = [];
    if (this.seen.size > 10_000) this.forgetPastPeriods();
    for (const reached of thresholds) {
      const id = `${reached.budgetId}:${reached.periodStart}:${reached.threshold}`;
      if (this.seen.has(id)) continue;
      const expireAt = reached.periodEnd === null ? null : reached.periodEnd + this.graceMs;
      try {
        const event: BudgetAlertEvent = { ...reached, id, at: this.clock() };
        const first = await this.store.claim(event, expireAt);
        this.seen.set(id, expireAt ?? Number.POSITIVE_INFINITY);
        if (!first) continue;
        events.push(event);
        await this.options.onAlert(event);
      } catch (error) {
        this.options.logger?.error(
          { alertId: id, err: error instanceof Error ? error.message : String(error) },
          "budget alert failed",
        );
      }
    }
    return events;
  }

  /** How many (budget, period, threshold) this instance remembers. */
  get remembered(): number {
    return this.seen.size;
  }

  private forgetPastPeriods(): void {
    const now = this.clock();
    for (const [id, expireAt] of this.seen) if (expireAt < now) this.seen.delete(id);
  }
}
