import type { Redis } from "ioredis";
import type { BudgetThresholdReached, LimitsLogger } from "./types";

/** A threshold reached for the first time in a budget period. */
export interface BudgetAlertEvent extends BudgetThresholdReached {
  /** Stable id: budget, period start and threshold. */
  id: string;
  at: number;
}

/** Where "first time this period" is decided: a Set in memory, SET NX in Redis across instances. */
export interface AlertStore {
  /** True when this (budget, period, threshold) had not been recorded before. */
  claim(id: string, expireAt: number | null): Promise<boolean>;
}

export class MemoryAlertStore implements AlertStore {
  private readonly claimed = new Set<string>();

  async claim(id: string): Promise<boolean> {
    if (this.claimed.has(id)) return false;
    this.claimed.add(id);
    return true;
  }
}

export class RedisAlertStore implements AlertStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = "switchyard:limits:alert:",
  ) {}

  async claim(id: string, expireAt: number | null): Promise<boolean> {
    const key = `${this.prefix}${id}`;
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
  private readonly seen = new Set<string>();
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
    for (const reached of thresholds) {
      const id = `${reached.budgetId}:${reached.periodStart}:${reached.threshold}`;
      if (this.seen.has(id)) continue;
      try {
        const first = await this.store.claim(
          id,
          reached.periodEnd === null ? null : reached.periodEnd + this.graceMs,
        );
        this.seen.add(id);
        if (!first) continue;
        const event: BudgetAlertEvent = { ...reached, id, at: this.clock() };
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
}
