import type { Redis } from "ioredis";
import type { Budget, FailMode, RateLimitSpec } from "./budget-spec";
import {
  DEFAULT_RESERVATION_TTL_MS,
  emptyMetrics,
  type LimitsEngineOptions,
} from "./engine-options";
import { limitsUnavailable } from "./limit-errors";
import { type AdmissionPlan, LimitsConfig } from "./limits-config";
import { createLimitsRedis, LimitsScripts } from "./redis-commands";
import type { BudgetPeriod } from "./redis-epochs";
import { RedisLeases } from "./redis-leases";
import { makeReservation } from "./reservation";
import { reservationIdGenerator } from "./reservation-ids";
import { ReservationKeeper } from "./reservation-keeper";
import { admissionRefusal, reserveMoreReply, scriptThresholds } from "./script-replies";
import {
  errorMessage,
  logConnectionOutages,
  NotSentError,
  recordStoreFailure,
} from "./store-failure";
import type {
  AdmitRequest,
  AdmitResult,
  BudgetPeriodSpend,
  BudgetUsage,
  LimitsEngine,
  LimitsLogger,
  LimitsMetrics,
  MaybePromise,
  RebuildSource,
  Reservation,
  ReserveMoreResult,
  SettleResult,
} from "./types";

export interface RedisLimitsOptions extends LimitsEngineOptions {
  /** An ioredis client, or a URL for one made with createLimitsRedis (closed by close()). */
  redis: Redis | string;
  keyPrefix?: string;
  logger?: LimitsLogger;
  /** Command timeout for a client made from a URL. */
  commandTimeoutMs?: number;
  /** How long a period's counters outlive its end (late settles). */
  periodGraceMs?: number;
  /**
   * How long a settlement may wait to share a round trip with an admission of its team (it is
   * counted as reserved meanwhile). 0 sends it at the end of the current event-loop turn.
   */
  settleDelayMs?: number;
  /**
   * A team with this many admissions waiting on script calls of this instance starts leasing
   * (see RedisLeases): 0 leases from the first admission, Infinity never. Default 4.
   */
  leaseAfterInFlight?: number;
  /** How often a leasing team syncs with Redis. Default 100 ms. */
  leaseSyncMs?: number;
}

const silentLogger: LimitsLogger = { warn() {}, error() {} };

/**
 * Budgets and rate limits shared by every gateway instance on one Redis. A quiet team's admission,
 * extra reservation and settlement is one atomic script call (one round trip, batched per team);
 * a busy team's are admitted in memory out of leases that a sync call resizes every 100 ms (see
 * RedisLeases). Budgets, rate limits and fail modes live in each instance's memory and are
 * replaced when the change feed says so.
 */
export class RedisLimits implements LimitsEngine {
  private readonly redis: Redis;
  private readonly scripts: LimitsScripts;
  private readonly ownsClient: boolean;
  private readonly logger: LimitsLogger;
  private readonly config = new LimitsConfig();
  private readonly counters = emptyMetrics();
  private readonly clock: () => number;
  private readonly ttlMs: number;
  private readonly nextId = reservationIdGenerator();
  private readonly keeper: ReservationKeeper;
  private readonly leases: RedisLeases;
  private readonly leaseAfter: number;
  /** Admissions of each team waiting on a script call (not leasing). */
  private readonly waiting = new Map<string, number>();
  private rebuildSource: RebuildSource | undefined;

  constructor(options: RedisLimitsOptions) {
    const { redis } = options;
    this.ownsClient = typeof redis === "string";
    this.redis =
      typeof redis === "string" ? createLimitsRedis(redis, options.commandTimeoutMs) : redis;
    const prefix = options.keyPrefix ?? "switchyard:limits:";
    const graceMs = options.periodGraceMs ?? 2 * 86_400_000;
    this.scripts = new LimitsScripts(this.redis, prefix, graceMs, options.settleDelayMs, {
      periods: (teamId) => this.teamPeriods(teamId),
      source: () => this.rebuildSource,
      onRebuilt: (teamId, seeded, reason) => {
        this.counters.rebuilds += 1;
        this.logger.warn(
          { teamId, seeded, reason },
          "limits store lost the team's counters: rebuilt from the request log",
        );
      },
    });
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? Date.now;
    this.ttlMs = options.reservationTtlMs ?? DEFAULT_RESERVATION_TTL_MS;
    if (this.ownsClient) logConnectionOutages(this.redis, this.logger, "limits");
    this.keeper = new ReservationKeeper({
      ttlMs: this.ttlMs,
      clock: this.clock,
      renew: (reservation, now) => this.reserveMore(reservation, 0, now),
    });
    this.leaseAfter = options.leaseAfterInFlight ?? 4;
    this.leases = new RedisLeases({
      scripts: this.scripts,
      call: (command) => this.call(command),
      config: this.config,
      counters: this.counters,
      logger: this.logger,
      clock: this.clock,
      ttlMs: this.ttlMs,
      syncMs: options.leaseSyncMs ?? 100,
      idleMs: 1000,
      share: 0.25,
    });
  }

  setBudgets(budgets: readonly Budget[]): void {
    this.config.setBudgets(budgets);
    this.leases.markStale();
  }

  hasBudget(teamId: string, apiKeyId: string): boolean {
    return this.config.hasBudget(teamId, apiKeyId);
  }

  setRateLimits(limits: readonly RateLimitSpec[]): void {
    this.config.setRateLimits(limits);
    this.leases.markStale();
  }

  setFailModes(modes: Readonly<Record<string, FailMode>>): void {
    this.config.setFailModes(modes);
  }

  setRebuildSource(source: RebuildSource): void {
    this.rebuildSource = source;
  }

  /** A team's budgets in their current periods: what a rebuild seeds. */
  private teamPeriods(teamId: string): BudgetPeriod[] {
    const now = this.clock();
    return this.config
      .allBudgets()
      .filter((budget) => budget.teamId === teamId)
      .map((budget) => {
        const window = this.config.window(budget, now);
        return { budget, periodStart: window.start, periodEnd: window.end };
      });
  }

  admit(request: AdmitRequest): MaybePromise<AdmitResult> {
    const now = request.now ?? this.clock();
    const plan = this.config.plan(request, now);
    const id = this.nextId();
    if (plan.budgets.length === 0 && plan.rates.length === 0) {
      this.counters.admitted += 1;
      return { ok: true, reservation: makeReservation(id, request, plan, false), rateHeaders: {} };
    }
    const { teamId } = request;
    const waiting = this.waiting.get(teamId) ?? 0;
    if (waiting >= this.leaseAfter || this.leases.active(teamId)) {
      this.leases.activate(teamId, now);
      return this.leases.admit(plan, request, id, now);
    }
    this.waiting.set(teamId, waiting + 1);
    return this.admitByScript(plan, request, id, now);
  }

  /** One script call (batched with the team's others): a quiet team's admission. */
  private async admitByScript(
    plan: AdmissionPlan,
    request: AdmitRequest,
    id: string,
    now: number,
  ): Promise<AdmitResult> {
    const { teamId } = request;
    let reply: unknown[];
    try {
      reply = await this.call(() => this.scripts.admit(plan, request, id, now, now + this.ttlMs));
    } catch (error) {
      const mode = this.config.failMode(request.teamId);
      recordStoreFailure(this.counters, this.logger, request.teamId, mode, error);
      if (mode === "closed") return { ok: false, error: limitsUnavailable(), rateHeaders: {} };
      return { ok: true, reservation: makeReservation(id, request, plan, true), rateHeaders: {} };
    } finally {
      this.doneWaiting(teamId);
    }
    const { refusal, headers } = admissionRefusal(plan, reply, now, this.counters);
    if (refusal) return { ok: false, ...refusal, rateHeaders: headers };
    this.counters.admitted += 1;
    const reservation = makeReservation(id, request, plan, false);
    if (plan.budgets.length > 0) this.keeper.track(reservation, now);
    return { ok: true, reservation, rateHeaders: headers };
  }

  async reserveMore(
    reservation: Reservation,
    extraWorstCasePicos: number,
    now = this.clock(),
  ): Promise<ReserveMoreResult> {
    if (reservation.budgets.length === 0) return { ok: true };
    if (reservation.leased) return this.leases.reserveMore(reservation, extraWorstCasePicos, now);
    const planned = this.config.heldBudgets(reservation);
    let reply: unknown[];
    try {
      const deadline = now + this.ttlMs;
      reply = await this.call(() =>
        this.scripts.reserveMore(planned, reservation, extraWorstCasePicos, now, deadline),
      );
    } catch (error) {
      const mode = this.config.failMode(reservation.teamId);
      recordStoreFailure(this.counters, this.logger, reservation.teamId, mode, error);
      return mode === "open" ? { ok: true } : { ok: false, error: limitsUnavailable() };
    }
    return reserveMoreReply(planned, reply, reservation, extraWorstCasePicos, this.counters);
  }

  settle(
    reservation: Reservation,
    actualCostPicos: number,
    actualTokens: number,
    now = this.clock(),
  ): MaybePromise<SettleResult> {
    if (reservation.leased)
      return this.leases.settle(reservation, actualCostPicos, actualTokens, now);
    return this.settleByScript(reservation, actualCostPicos, actualTokens, now);
  }

  private async settleByScript(
    reservation: Reservation,
    actualCostPicos: number,
    actualTokens: number,
    now: number,
  ): Promise<SettleResult> {
    this.keeper.untrack(reservation);
    const spent = await this.finish(reservation, actualCostPicos, actualTokens, now);
    return { thresholds: spent ? scriptThresholds(this.config, reservation, spent) : [] };
  }

  async release(reservation: Reservation, now = this.clock()): Promise<void> {
    if (reservation.leased) {
      await this.leases.settle(reservation, 0, 0, now);
      return;
    }
    this.keeper.untrack(reservation);
    await this.finish(reservation, 0, 0, now);
  }

  async rebuildFromLog(spend: readonly BudgetPeriodSpend[]): Promise<number> {
    const seeded = await Promise.all(
      spend.map(async (entry) => {
        const budget = this.config.budget(entry.budgetId);
        if (!budget) return false;
        const periodEnd = this.config.window(budget, entry.periodStart).end;
        return this.scripts.seed(budget, entry.periodStart, periodEnd, entry.spentPicos);
      }),
    );
    return seeded.filter(Boolean).length;
  }

  async usage(budgetId: string, now = this.clock()): Promise<BudgetUsage | null> {
    const budget = this.config.budget(budgetId);
    if (!budget) return null;
    const window = this.config.window(budget, now);
    // Spend sent and this instance's free headroom given back: reserved is what calls hold, plus
    // what other instances lease.
    await this.leases.flush(true);
    const state = await this.scripts.usage(budget, window.start, now);
    return {
      budgetId,
      periodStart: window.start,
      periodEnd: window.end,
      limitPicos: budget.limitPicos,
      ...state,
    };
  }

  /** Renews the holds of calls still running (a timer does this every quarter TTL). */
  renewHeld(now = this.clock()): Promise<number> {
    return this.keeper.renewDue(now);
  }

  metrics(): LimitsMetrics {
    return { ...this.counters };
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  /** Sends waiting settlements, then closes the client if this engine made it. */
  async close(): Promise<void> {
    this.keeper.stop();
    await this.leases.close();
    await this.scripts.drain();
    if (!this.ownsClient) return;
    if (this.redis.status === "ready") await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }

  /** Drop the reservation, add the cost, correct TPM; the spent counters, or null on a store error. */
  private async finish(
    reservation: Reservation,
    actual: number,
    actualTokens: number,
    now: number,
  ): Promise<string[] | null> {
    if (reservation.budgets.length === 0 && reservation.tokenLimits.length === 0) return [];
    try {
      return await this.call(() => this.scripts.settle(reservation, actual, actualTokens, now));
    } catch (error) {
      this.counters.storeErrors += 1;
      this.logger.error(
        { teamId: reservation.teamId, reservationId: reservation.id, err: errorMessage(error) },
        "limits store unreachable: spend not recorded (the reservation expires on its own)",
      );
      return null;
    }
  }

  private doneWaiting(teamId: string): void {
    const left = (this.waiting.get(teamId) ?? 1) - 1;
    if (left > 0) this.waiting.set(teamId, left);
    else this.waiting.delete(teamId);
  }

  /** Fails at once while the client is reconnecting instead of queueing behind the outage. */
  private call<T>(command: () => Promise<T>): Promise<T> {
    const status = this.redis.status;
    if (status === "reconnecting" || status === "close" || status === "end") {
      return Promise.reject(new NotSentError(`redis connection is ${status}`));
    }
    return command();
  }
}
