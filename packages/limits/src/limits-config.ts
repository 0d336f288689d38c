import type { Budget, FailMode, RateLimitSpec } from "./budget-spec";
import { PeriodWindowCache } from "./period-window";
import type { AdmitRequest, PlannedRate, RateKind, Reservation } from "./types";

const MINUTE = 60_000;

/** A budget that covers a request, in its current period, and how it is enforced. */
export interface PlannedBudget {
  budget: Budget;
  periodStart: number;
  periodEnd: number | null;
  /** 2 = refuse (block), 1 = answer "downgrade", 0 = count only (already downgraded). */
  enforce: 0 | 1 | 2;
}

export interface AdmissionPlan {
  budgets: PlannedBudget[];
  rates: PlannedRate[];
}

interface CachedPlan {
  plan: AdmissionPlan;
  /** The team the plan was built for (a key has one team; checked, not assumed). */
  teamId: string;
  /** The plan holds for admissions at `from` <= now < `until` (its periods' common span). */
  from: number;
  until: number;
}

/** Plans kept at most (one per active key); the cache starts over when full. */
const MAX_CACHED_PLANS = 100_000;

/**
 * The current snapshot of budgets, rate limits and fail modes, indexed for the hot path. The gateway
 * replaces parts of it when the change feed reports a change; the next admission sees the new values.
 */
export class LimitsConfig {
  private teamBudgets = new Map<string, Budget[]>();
  private keyBudgets = new Map<string, Budget[]>();
  private budgetsById = new Map<string, Budget>();
  private rates = new Map<string, PlannedRate[]>();
  private failModes = new Map<string, FailMode>();
  private readonly windows = new PeriodWindowCache();
  private readonly plans = new Map<string, CachedPlan>();

  setBudgets(budgets: readonly Budget[]): void {
    const teams = new Map<string, Budget[]>();
    const keys = new Map<string, Budget[]>();
    const byId = new Map<string, Budget>();
    for (const budget of budgets) {
      byId.set(budget.id, budget);
      const index = budget.scope === "team" ? teams : keys;
      const owner = budget.scope === "team" ? budget.teamId : (budget.apiKeyId ?? "");
      index.set(owner, [...(index.get(owner) ?? []), budget]);
    }
    this.teamBudgets = teams;
    this.keyBudgets = keys;
    this.budgetsById = byId;
    this.plans.clear();
  }

  /** Some budget covers the team's requests, or the key's (whatever its action). */
  hasBudget(teamId: string, apiKeyId: string): boolean {
    return (
      (this.teamBudgets.get(teamId)?.length ?? 0) > 0 ||
      (this.keyBudgets.get(apiKeyId) ?? []).some((budget) => budget.teamId === teamId)
    );
  }

  setRateLimits(limits: readonly RateLimitSpec[]): void {
    const rates = new Map<string, PlannedRate[]>();
    for (const spec of limits) {
      const owner = `${spec.scope}:${spec.id}`;
      const planned: PlannedRate[] = [];
      const add = (kind: RateKind, limit: number | undefined) => {
        if (limit === undefined) return;
        planned.push({
          key: `${owner}:${kind}`,
          scope: spec.scope,
          id: spec.id,
          name: spec.name,
          kind,
          limit,
          windowMs: MINUTE,
          intervalMs: MINUTE / limit,
        });
      };
      add("requests", spec.rpm);
      add("tokens", spec.tpm);
      rates.set(owner, [...(rates.get(owner) ?? []), ...planned]);
    }
    this.rates = rates;
    this.plans.clear();
  }

  setFailModes(modes: Readonly<Record<string, FailMode>>): void {
    this.failModes = new Map(Object.entries(modes));
  }

  /** Closed unless the team chose "open". */
  failMode(teamId: string): FailMode {
    return this.failModes.get(teamId) ?? "closed";
  }

  budget(id: string): Budget | undefined {
    return this.budgetsById.get(id);
  }

  allBudgets(): Budget[] {
    return [...this.budgetsById.values()];
  }

  /**
   * The budgets a reservation holds, as enforced for more reservation on it (a retry, fallback or
   * escalation): the current version of each budget, in the period the reservation was made in.
   */
  heldBudgets(reservation: Reservation): PlannedBudget[] {
    return reservation.budgets.map((held): PlannedBudget => {
      const budget = this.budget(held.budget.id) ?? held.budget;
      const enforce = budget.action === "block" ? 2 : reservation.downgraded ? 0 : 1;
      return { budget, periodStart: held.periodStart, periodEnd: held.periodEnd, enforce };
    });
  }

  window(budget: Budget, now: number) {
    return this.windows.get(budget.period, budget.timeZone, now);
  }

  /**
   * Key budgets first (the most specific refusal wins the message), then the team's. Plans are
   * cached per key (for its team) until a covering period ends or the budgets or limits change: the
   * common admission builds nothing. Callers must not modify a plan.
   */
  plan(request: AdmitRequest, now: number): AdmissionPlan {
    if (request.downgraded) return this.buildPlan(request, now, true).plan;
    const cached = this.plans.get(request.apiKeyId);
    if (
      cached !== undefined &&
      cached.teamId === request.teamId &&
      now >= cached.from &&
      now < cached.until
    )
      return cached.plan;
    const built = this.buildPlan(request, now, false);
    if (this.plans.size >= MAX_CACHED_PLANS) this.plans.clear();
    this.plans.set(request.apiKeyId, built);
    return built.plan;
  }

  private buildPlan(request: AdmitRequest, now: number, downgraded: boolean): CachedPlan {
    const covering = [
      ...(this.keyBudgets.get(request.apiKeyId) ?? []).filter((b) => b.teamId === request.teamId),
      ...(this.teamBudgets.get(request.teamId) ?? []),
    ];
    let from = Number.NEGATIVE_INFINITY;
    let until = Number.POSITIVE_INFINITY;
    const budgets = covering.map((budget): PlannedBudget => {
      const window = this.window(budget, now);
      from = Math.max(from, window.start);
      if (window.end !== null) until = Math.min(until, window.end);
      const enforce = budget.action === "block" ? 2 : downgraded ? 0 : 1;
      return { budget, periodStart: window.start, periodEnd: window.end, enforce };
    });
    const rates = [
      ...(this.rates.get(`key:${request.apiKeyId}`) ?? []),
      ...(this.rates.get(`team:${request.teamId}`) ?? []),
    ];
    return { plan: { budgets, rates }, teamId: request.teamId, from, until };
  }
}
