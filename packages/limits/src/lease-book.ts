import type { Budget } from "./budget-spec";
import type { AdmissionPlan, PlannedBudget } from "./limits-config";
import { rateHeaders } from "./rate-headers";
import type { PlannedRate, RateHeaders, Reservation, ReservedBudget } from "./types";

/**
 * One instance's lease on one budget period: an amount reserved in Redis under the instance's
 * lease id, out of which it admits calls locally. `granted` always covers the calls in flight,
 * the spend not yet sent and the free headroom.
 */
export interface BudgetLease {
  budget: Budget;
  periodStart: number;
  periodEnd: number | null;
  granted: number;
  inFlight: number;
  unsynced: number;
  /** Worst case admitted or asked for since the last sync was sent: sizes the next lease. */
  demand: number;
  /** The budget's spent counter, as of the last sync. */
  spent: number;
  /** The budget changed: its free headroom may no longer be used until a sync re-checks it. */
  stale: boolean;
}

/** Units of one rate limit taken from its shared GCRA state ahead of use. */
export interface RateLease {
  rate: PlannedRate;
  /** Negative after calls used more tokens than estimated: a debt paid at the next sync. */
  units: number;
  demand: number;
  /** The shared TAT after the last sync (it includes the units held here). */
  tat: number;
  stale: boolean;
}

/** Why an admission does not fit the leases: the first budget that blocks, else one that downgrades, else a rate. */
export type Shortfall =
  | { kind: "budget"; planned: PlannedBudget; downgrade: boolean }
  | { kind: "rate"; rate: PlannedRate; retryAfterMs: number };

interface PlanLeases {
  generation: number;
  budgets: BudgetLease[];
  rates: RateLease[];
}

export const budgetLeaseKey = (budgetId: string, periodStart: number) =>
  `${budgetId}:${periodStart}`;

const costOf = (rate: PlannedRate, estimatedTokens: number) =>
  rate.kind === "requests" ? 1 : estimatedTokens;

/**
 * The local half of a team's leases: admits calls against headroom and units already taken from
 * Redis, and prepares and applies the syncs that move spend to Redis and resize the leases. Pure
 * bookkeeping; RedisLeases does the I/O.
 */
export class TeamLeases {
  readonly budgets = new Map<string, BudgetLease>();
  readonly rates = new Map<string, RateLease>();
  /** The leases of each (cached, reused) admission plan, valid while no lease has been dropped. */
  private readonly planLeases = new WeakMap<AdmissionPlan, PlanLeases>();
  private generation = 0;
  /** The deadline of the lease in Redis as of the last successful sync: nothing is free after it. */
  validUntil = 0;

  /**
   * The lease of a budget period, made empty on first use. `refresh` (admissions, which carry the
   * current config) replaces the budget it enforces; settlements only find the lease.
   */
  budgetLease(
    planned: { budget: Budget; periodStart: number; periodEnd: number | null },
    refresh = false,
  ): BudgetLease {
    const key = budgetLeaseKey(planned.budget.id, planned.periodStart);
    let lease = this.budgets.get(key);
    if (!lease) {
      lease = {
        budget: planned.budget,
        periodStart: planned.periodStart,
        periodEnd: planned.periodEnd,
        granted: 0,
        inFlight: 0,
        unsynced: 0,
        demand: 0,
        spent: 0,
        stale: false,
      };
      this.budgets.set(key, lease);
    } else if (refresh) {
      lease.budget = planned.budget;
    }
    return lease;
  }

  rateLease(rate: PlannedRate, refresh = false): RateLease {
    let lease = this.rates.get(rate.key);
    if (!lease) {
      lease = { rate, units: 0, demand: 0, tat: 0, stale: false };
      this.rates.set(rate.key, lease);
    } else if (refresh) {
      lease.rate = rate;
    }
    return lease;
  }

  /**
   * Headroom that may be used now: none once stale, past the lease's deadline or with the budget
   * spent (so a spent budget refuses even a free call, after a sync has confirmed it).
   */
  free(lease: BudgetLease, now: number): number {
    if (lease.stale || now >= this.validUntil) return -1;
    if (lease.spent + lease.unsynced >= lease.budget.limitPicos) return -1;
    return lease.granted - lease.inFlight - lease.unsynced;
  }

  private leasesOf(plan: AdmissionPlan): PlanLeases {
    let found = this.planLeases.get(plan);
    if (found === undefined || found.generation !== this.generation) {
      found = {
        generation: this.generation,
        budgets: plan.budgets.map((planned) => this.budgetLease(planned, true)),
        rates: plan.rates.map((rate) => this.rateLease(rate, true)),
      };
      this.planLeases.set(plan, found);
    }
    return found;
  }

  /**
   * The common admission in one pass over the plan's leases: takes it and returns true if it fits
   * (the same test as shortfall), else changes nothing.
   */
  tryTake(plan: AdmissionPlan, amount: number, tokens: number, now: number): boolean {
    const leases = this.leasesOf(plan);
    const { budgets, rates } = plan;
    for (let i = 0; i < budgets.length; i += 1) {
      if ((budgets[i] as PlannedBudget).enforce === 0) continue;
      if (this.free(leases.budgets[i] as BudgetLease, now) < amount) return false;
    }
    for (let i = 0; i < rates.length; i += 1) {
      const lease = leases.rates[i] as RateLease;
      if (lease.stale || lease.units < costOf(lease.rate, tokens)) return false;
    }
    for (const lease of leases.budgets) {
      lease.inFlight += amount;
      lease.demand += amount;
    }
    for (const lease of leases.rates) {
      const cost = costOf(lease.rate, tokens);
      lease.units -= cost;
      lease.demand += cost;
    }
    return true;
  }

  /** What stops `amount` (and the plan's rate costs) from being admitted locally; null if it fits. */
  shortfall(
    budgets: readonly PlannedBudget[],
    rates: readonly PlannedRate[],
    amount: number,
    tokens: number,
    now: number,
  ): Shortfall | null {
    let downgrade: PlannedBudget | null = null;
    for (const planned of budgets) {
      if (planned.enforce === 0) continue;
      if (this.free(this.budgetLease(planned, true), now) >= amount) continue;
      if (planned.enforce === 2) return { kind: "budget", planned, downgrade: false };
      downgrade ??= planned;
    }
    if (downgrade) return { kind: "budget", planned: downgrade, downgrade: true };
    for (const rate of rates) {
      const lease = this.rateLease(rate, true);
      const cost = costOf(rate, tokens);
      if (!lease.stale && lease.units >= cost) continue;
      const missing = cost - Math.max(0, lease.units);
      const retryAfterMs = Math.max(0, lease.tat + missing * rate.intervalMs - rate.windowMs - now);
      return { kind: "rate", rate, retryAfterMs };
    }
    return null;
  }

  /** Adds what a waiting admission needs to `needs` (per lease), for the sync it waits for. */
  want(
    needs: Map<object, number>,
    budgets: readonly PlannedBudget[],
    rates: readonly PlannedRate[],
    amount: number,
    tokens: number,
  ): void {
    for (const planned of budgets) {
      if (planned.enforce === 0) continue;
      const lease = this.budgetLease(planned, true);
      needs.set(lease, (needs.get(lease) ?? 0) + amount);
    }
    for (const rate of rates) {
      const lease = this.rateLease(rate, true);
      needs.set(lease, (needs.get(lease) ?? 0) + costOf(rate, tokens));
    }
  }

  /** Adds `extra` to a reservation already held (a retry, fallback or escalation). */
  takeMore(held: readonly ReservedBudget[], extra: number): void {
    for (const entry of held) {
      const lease = this.budgetLease(entry);
      lease.inFlight += extra;
      lease.demand += extra;
      entry.reservedPicos += extra;
    }
  }

  /** The call finished: its hold becomes spend to send; TPM units are corrected by the real count. */
  settle(reservation: Reservation, actual: number, actualTokens: number): void {
    for (const held of reservation.budgets) {
      const lease = this.budgetLease(held);
      lease.inFlight -= held.reservedPicos;
      lease.unsynced += actual;
    }
    const delta = actualTokens - reservation.estimatedTokens;
    for (const rate of reservation.tokenLimits) this.rateLease(rate).units -= delta;
  }

  /** Rate headers as the shared state plus the units this instance still holds would give. */
  headers(rates: readonly PlannedRate[], now: number, plan?: AdmissionPlan): RateHeaders {
    if (rates.length === 0) return {};
    const leases =
      plan === undefined ? rates.map((rate) => this.rateLease(rate)) : this.leasesOf(plan).rates;
    const tats = leases.map(
      (lease) => Math.max(now, lease.tat) - Math.max(0, lease.units) * lease.rate.intervalMs,
    );
    return rateHeaders(rates, tats, now);
  }

  /** Budgets or limits changed: nothing already leased is used before a sync re-checks it. */
  markStale(): void {
    for (const lease of this.budgets.values()) lease.stale = true;
    for (const lease of this.rates.values()) lease.stale = true;
  }

  /** Drops budget leases that hold nothing (and rate leases, when `rates`); true when none is left. */
  prune(rates: boolean): boolean {
    const before = this.budgets.size + this.rates.size;
    for (const [key, lease] of this.budgets)
      if (lease.granted === 0 && lease.inFlight === 0 && lease.unsynced === 0)
        this.budgets.delete(key);
    if (rates) for (const [key, lease] of this.rates) if (lease.units === 0) this.rates.delete(key);
    if (this.budgets.size + this.rates.size < before) this.generation += 1;
    return this.budgets.size === 0 && this.rates.size === 0;
  }
}
