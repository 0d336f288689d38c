import type { Budget, FailMode, RateLimitSpec } from "./budget-spec";
import {
  DEFAULT_RESERVATION_TTL_MS,
  emptyMetrics,
  type LimitsEngineOptions,
} from "./engine-options";
import { gcra } from "./gcra";
import { budgetError, rateError } from "./limit-errors";
import { LimitsConfig, type PlannedBudget } from "./limits-config";
import { rateHeaders } from "./rate-headers";
import { makeReservation } from "./reservation";
import { reservationIdGenerator } from "./reservation-ids";
import { ReservationKeeper } from "./reservation-keeper";
import { refusedThresholds, thresholdsReached } from "./thresholds";
import type {
  AdmitRequest,
  AdmitResult,
  BudgetPeriodSpend,
  BudgetThresholdReached,
  BudgetUsage,
  LimitsEngine,
  LimitsMetrics,
  Reservation,
  ReserveMoreResult,
  SettleResult,
} from "./types";

interface BudgetState {
  spent: number;
  reserved: number;
  /** Insertion order is deadline order: every deadline is now + the same TTL. */
  reservations: Map<string, { amount: number; deadline: number }>;
}

/** Budgets and rate limits for a single gateway instance, in memory. */
export class MemoryLimits implements LimitsEngine {
  private readonly config = new LimitsConfig();
  private readonly states = new Map<string, BudgetState>();
  /** Each budget's latest period and its state (the one nearly every request touches). */
  private readonly latest = new Map<string, { periodStart: number; state: BudgetState }>();
  private readonly tats = new Map<string, number>();
  private readonly counters = emptyMetrics();
  private readonly clock: () => number;
  private readonly ttlMs: number;
  private readonly nextId = reservationIdGenerator();
  private readonly keeper: ReservationKeeper;

  constructor(options: LimitsEngineOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.ttlMs = options.reservationTtlMs ?? DEFAULT_RESERVATION_TTL_MS;
    this.keeper = new ReservationKeeper({
      ttlMs: this.ttlMs,
      clock: this.clock,
      renew: (reservation, now) => this.reserveMore(reservation, 0, now),
    });
  }

  setBudgets(budgets: readonly Budget[]): void {
    this.config.setBudgets(budgets);
  }

  hasBudget(teamId: string, apiKeyId: string): boolean {
    return this.config.hasBudget(teamId, apiKeyId);
  }

  setRateLimits(limits: readonly RateLimitSpec[]): void {
    this.config.setRateLimits(limits);
  }

  setFailModes(modes: Readonly<Record<string, FailMode>>): void {
    this.config.setFailModes(modes);
  }

  admit(request: AdmitRequest): AdmitResult {
    const now = request.now ?? this.clock();
    const plan = this.config.plan(request, now);
    const { rates } = plan;
    const tats = new Array<number>(rates.length);
    for (let i = 0; i < rates.length; i += 1) tats[i] = this.tats.get(rates[i]!.key) ?? now;

    const refusal = this.checkBudgets(plan.budgets, now, request.worstCaseCostPicos);
    if (refusal) {
      const headers = rateHeaders(rates, tats, now);
      const { budget, periodEnd } = refusal.planned;
      if (refusal.downgrade) this.counters.downgrades += 1;
      else this.counters.refusedBudget += 1;
      return {
        ok: false,
        error: budgetError(budget, periodEnd),
        downgrade: refusal.downgrade,
        rateHeaders: headers,
        thresholds: refusedThresholds(refusal.planned, refusal.spent),
      };
    }

    // Every limit's TAT after this request (unchanged where it does not fit); the refusal that
    // names the longest wait wins.
    let denied = -1;
    let deniedRetryMs = 0;
    for (let i = 0; i < rates.length; i += 1) {
      const rate = rates[i]!;
      const cost = rate.kind === "requests" ? 1 : request.estimatedTokens;
      const result = gcra(tats[i]!, now, rate.intervalMs, rate.windowMs, cost);
      tats[i] = result.tat;
      if (!result.allowed && (denied < 0 || result.retryAfterMs > deniedRetryMs)) {
        denied = i;
        deniedRetryMs = result.retryAfterMs;
      }
    }
    if (denied >= 0) {
      this.counters.refusedRate += 1;
      const headers = rateHeaders(rates, tats, now);
      return {
        ok: false,
        error: rateError(rates[denied]!, deniedRetryMs, headers),
        rateHeaders: headers,
      };
    }

    for (let i = 0; i < rates.length; i += 1) this.tats.set(rates[i]!.key, tats[i]!);
    const id = this.nextId();
    // One entry shared by every budget: entries are replaced, never changed in place.
    const entry = { amount: request.worstCaseCostPicos, deadline: now + this.ttlMs };
    for (const planned of plan.budgets) {
      const state = this.state(planned.budget.id, planned.periodStart);
      state.reserved += entry.amount;
      state.reservations.set(id, entry);
    }
    this.counters.admitted += 1;
    const reservation = makeReservation(id, request, plan, false);
    if (plan.budgets.length > 0) this.keeper.track(reservation, now);
    return { ok: true, reservation, rateHeaders: rateHeaders(rates, tats, now) };
  }

  async reserveMore(
    reservation: Reservation,
    extraWorstCasePicos: number,
    now = this.clock(),
  ): Promise<ReserveMoreResult> {
    const planned = this.config.heldBudgets(reservation);
    const needed = (p: PlannedBudget, i: number) => {
      const held = this.state(p.budget.id, p.periodStart).reservations.has(reservation.id);
      return extraWorstCasePicos + (held ? 0 : (reservation.budgets[i]?.reservedPicos ?? 0));
    };
    // Nothing extra (a renewal of a long call's deadline) never refuses.
    const refusal = extraWorstCasePicos === 0 ? null : this.checkBudgets(planned, now, needed);
    if (refusal) {
      if (refusal.downgrade) this.counters.downgrades += 1;
      else this.counters.refusedBudget += 1;
      return {
        ok: false,
        error: budgetError(refusal.planned.budget, refusal.planned.periodEnd),
        downgrade: refusal.downgrade,
        thresholds: refusedThresholds(refusal.planned, refusal.spent),
      };
    }
    const deadline = now + this.ttlMs;
    reservation.budgets.forEach((held, i) => {
      const state = this.state(held.budget.id, held.periodStart);
      const amount = needed(planned[i]!, i);
      const previous = state.reservations.get(reservation.id)?.amount ?? 0;
      state.reservations.delete(reservation.id);
      state.reservations.set(reservation.id, { amount: previous + amount, deadline });
      state.reserved += amount;
      held.reservedPicos += extraWorstCasePicos;
    });
    return { ok: true };
  }

  settle(
    reservation: Reservation,
    actualCostPicos: number,
    actualTokens: number,
    now = this.clock(),
  ): SettleResult {
    this.keeper.untrack(reservation);
    const thresholds: BudgetThresholdReached[] = [];
    for (const held of reservation.budgets) {
      const state = this.state(held.budget.id, held.periodStart);
      this.drop(state, reservation.id);
      state.spent += actualCostPicos;
      const budget = this.config.budget(held.budget.id) ?? held.budget;
      const reached = thresholdsReached(budget, held.periodStart, held.periodEnd, state.spent);
      if (reached.length > 0) thresholds.push(...reached);
    }
    this.correctTokens(reservation, actualTokens, now);
    return { thresholds };
  }

  async release(reservation: Reservation, now = this.clock()): Promise<void> {
    this.keeper.untrack(reservation);
    for (const held of reservation.budgets)
      this.drop(this.state(held.budget.id, held.periodStart), reservation.id);
    this.correctTokens(reservation, 0, now);
  }

  async rebuildFromLog(spend: readonly BudgetPeriodSpend[]): Promise<number> {
    let seeded = 0;
    for (const entry of spend) {
      const key = `${entry.budgetId}|${entry.periodStart}`;
      if (this.states.has(key)) continue;
      this.state(entry.budgetId, entry.periodStart).spent = entry.spentPicos;
      seeded += 1;
    }
    return seeded;
  }

  async usage(budgetId: string, now = this.clock()): Promise<BudgetUsage | null> {
    const budget = this.config.budget(budgetId);
    if (!budget) return null;
    const window = this.config.window(budget, now);
    const state = this.state(budgetId, window.start);
    this.expire(state, now);
    return {
      budgetId,
      periodStart: window.start,
      periodEnd: window.end,
      limitPicos: budget.limitPicos,
      spentPicos: state.spent,
      reservedPicos: state.reserved,
    };
  }

  /** Renews the holds of calls still running (a timer does this every quarter TTL). */
  renewHeld(now = this.clock()): Promise<number> {
    return this.keeper.renewDue(now);
  }

  metrics(): LimitsMetrics {
    return { ...this.counters };
  }

  async close(): Promise<void> {
    this.keeper.stop();
  }

  /** The budget that refuses `amount` (the same for every budget, or one per budget), if any. */
  private checkBudgets(
    budgets: readonly PlannedBudget[],
    now: number,
    amount: number | ((planned: PlannedBudget, index: number) => number),
  ): { planned: PlannedBudget; downgrade: boolean; spent: number } | null {
    let downgrade: { planned: PlannedBudget; spent: number } | null = null;
    for (let i = 0; i < budgets.length; i += 1) {
      const planned = budgets[i]!;
      const state = this.state(planned.budget.id, planned.periodStart);
      this.expire(state, now);
      if (planned.enforce === 0) continue;
      const limit = planned.budget.limitPicos;
      const wanted = typeof amount === "number" ? amount : amount(planned, i);
      const over = state.spent >= limit || state.spent + state.reserved + wanted > limit;
      if (!over) continue;
      if (planned.enforce === 2) return { planned, downgrade: false, spent: state.spent };
      downgrade ??= { planned, spent: state.spent };
    }
    return downgrade ? { ...downgrade, downgrade: true } : null;
  }

  /** The budget's state in a period; the current period's is found without building a key. */
  private state(budgetId: string, periodStart: number): BudgetState {
    const latest = this.latest.get(budgetId);
    if (latest !== undefined && latest.periodStart === periodStart) return latest.state;
    const key = `${budgetId}|${periodStart}`;
    let state = this.states.get(key);
    if (!state) {
      state = { spent: 0, reserved: 0, reservations: new Map() };
      this.states.set(key, state);
    }
    if (latest === undefined || periodStart > latest.periodStart) {
      // Forget the previous period once a later one starts and nothing is held against it.
      const old = latest === undefined ? undefined : `${budgetId}|${latest.periodStart}`;
      if (old !== undefined && this.states.get(old)?.reservations.size === 0)
        this.states.delete(old);
      this.latest.set(budgetId, { periodStart, state });
    }
    return state;
  }

  private expire(state: BudgetState, now: number): void {
    for (const [id, entry] of state.reservations) {
      if (entry.deadline > now) break;
      state.reserved -= entry.amount;
      state.reservations.delete(id);
    }
  }

  private drop(state: BudgetState, id: string): void {
    const entry = state.reservations.get(id);
    if (!entry) return;
    state.reserved -= entry.amount;
    state.reservations.delete(id);
  }

  private correctTokens(reservation: Reservation, actualTokens: number, now: number): void {
    const delta = actualTokens - reservation.estimatedTokens;
    if (delta === 0) return;
    for (const rate of reservation.tokenLimits) {
      const tat = this.tats.get(rate.key);
      if (tat === undefined) continue;
      this.tats.set(rate.key, Math.max(now, tat + delta * rate.intervalMs));
    }
  }
}
