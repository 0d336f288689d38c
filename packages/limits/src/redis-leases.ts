import { randomBytes } from "node:crypto";
import { TeamLeases } from "./lease-book";
import {
  admissionWaiter,
  crossedThresholds,
  extraWaiter,
  settledThresholds,
  type Waiter,
  type WaiterContext,
} from "./lease-outcomes";
import { leaseSync } from "./lease-script";
import { finishSync, restoreUnsent, startSync } from "./lease-sync";
import type { AdmissionPlan, LimitsConfig } from "./limits-config";
import type { LimitsScripts } from "./redis-commands";
import { makeReservation } from "./reservation";
import { errorMessage, NotSentError, recordStoreFailure } from "./store-failure";
import type {
  AdmitRequest,
  AdmitResult,
  BudgetThresholdReached,
  LimitsLogger,
  LimitsMetrics,
  Reservation,
  ReserveMoreResult,
  SettleResult,
} from "./types";

export interface RedisLeasesOptions {
  scripts: LimitsScripts;
  /** Runs a Redis command, failing at once while the client is reconnecting. */
  call: <T>(command: () => Promise<T>) => Promise<T>;
  config: LimitsConfig;
  counters: LimitsMetrics;
  logger: LimitsLogger;
  clock: () => number;
  ttlMs: number;
  /** How often a leasing team syncs: sends its spend, resizes its leases, renews their deadline. */
  syncMs: number;
  /** A team with no admission for this long gives its headroom back and stops leasing. */
  idleMs: number;
  /** The most of a budget's free amount (or a limit's free units) one sync takes beyond what waits. */
  share: number;
}

interface Team {
  book: TeamLeases;
  waiting: Waiter[];
  /** Thresholds a sync found reached (by any instance's spend): reported with the next settle. */
  pending: BudgetThresholdReached[];
  syncing: Promise<void> | null;
  scheduled: boolean;
  lastAdmitAt: number;
}

/**
 * Budgets and rate limits of busy teams admitted out of leases: each instance holds part of a
 * budget's headroom as one reservation in Redis, and RPM/TPM units taken from the shared GCRA state
 * ahead of use, and admits calls against them in memory. A sync (one script call) every `syncMs`,
 * or as soon as an admission does not fit, sends the spend and resizes the leases to twice the
 * recent demand, never more than `share` of what is free. Headroom is reserved in Redis before it
 * is used locally, so the overspend bound is the same as one script call per request.
 */
export class RedisLeases {
  private readonly teams = new Map<string, Team>();
  private readonly leaseId = `L${randomBytes(6).toString("hex")}`;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly options: RedisLeasesOptions) {}

  active(teamId: string): boolean {
    return this.teams.has(teamId);
  }

  activate(teamId: string, now: number): void {
    if (this.teams.has(teamId)) return;
    const book = new TeamLeases();
    this.teams.set(teamId, {
      book,
      waiting: [],
      pending: [],
      syncing: null,
      scheduled: false,
      lastAdmitAt: now,
    });
    if (!this.closed) this.timer ??= setInterval(() => this.tick(), this.options.syncMs).unref();
  }

  admit(
    plan: AdmissionPlan,
    request: AdmitRequest,
    id: string,
    now: number,
  ): AdmitResult | Promise<AdmitResult> {
    const team = this.team(request.teamId, now);
    team.lastAdmitAt = now;
    const { worstCaseCostPicos: amount, estimatedTokens: tokens } = request;
    const admitted = (): AdmitResult => {
      this.options.counters.admitted += 1;
      const reservation = makeReservation(id, request, plan, false);
      reservation.leased = true;
      return { ok: true, reservation, rateHeaders: team.book.headers(plan.rates, now, plan) };
    };
    if (team.waiting.length === 0 && team.book.tryTake(plan, amount, tokens, now))
      return admitted();
    return new Promise((resolve) => {
      const waiter = admissionWaiter(this.context(team), plan, request, id, now, admitted, resolve);
      this.wait(request.teamId, team, waiter);
    });
  }

  reserveMore(reservation: Reservation, extra: number, now: number): Promise<ReserveMoreResult> {
    // The lease's own deadline is renewed by every sync: a held call needs nothing more.
    if (extra === 0 || reservation.budgets.length === 0) return Promise.resolve({ ok: true });
    const team = this.team(reservation.teamId, now);
    const budgets = this.options.config.heldBudgets(reservation);
    if (team.waiting.length === 0 && team.book.shortfall(budgets, [], extra, 0, now) === null) {
      team.book.takeMore(reservation.budgets, extra);
      return Promise.resolve({ ok: true });
    }
    return new Promise((resolve) => {
      const waiter = extraWaiter(this.context(team), reservation, budgets, extra, now, resolve);
      this.wait(reservation.teamId, team, waiter);
    });
  }

  /**
   * Frees the hold and counts the spend at once (it goes to Redis with the next sync). Thresholds:
   * what the budget's spent as of the last sync plus this instance's spend since reaches, and what
   * syncs found reached since the last settle (other instances' spend); AlertTracker dedups.
   */
  settle(
    reservation: Reservation,
    actual: number,
    actualTokens: number,
    now: number,
  ): SettleResult {
    const team = this.team(reservation.teamId, now);
    team.book.settle(reservation, actual, actualTokens);
    const thresholds = settledThresholds(team.book, reservation, this.options.config);
    if (team.pending.length > 0) thresholds.push(...team.pending.splice(0));
    return { thresholds };
  }

  /** Budgets or limits changed: leases are re-checked against them before their headroom is used. */
  markStale(): void {
    for (const team of this.teams.values()) team.book.markStale();
  }

  /** Sends every team's spend now (and gives free headroom back when `release`). */
  async flush(release = false): Promise<void> {
    await Promise.all(
      [...this.teams].map(async ([teamId, team]) => {
        await team.syncing;
        await this.sync(teamId, team, release);
      }),
    );
  }

  /** Stops the periodic syncs, then gives every lease back. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.closed = true;
    await this.flush(true);
  }

  private team(teamId: string, now: number): Team {
    this.activate(teamId, now);
    return this.teams.get(teamId) as Team;
  }

  private context(team: Team): WaiterContext {
    const { config, counters, logger } = this.options;
    return {
      book: team.book,
      counters,
      failMode: (teamId, error) => {
        const mode = config.failMode(teamId);
        recordStoreFailure(counters, logger, teamId, mode, error);
        return mode;
      },
    };
  }

  private wait(teamId: string, team: Team, waiter: Waiter): void {
    team.waiting.push(waiter);
    this.schedule(teamId, team);
  }

  /** A sync at the end of this turn of the event loop (or right after the one in flight). */
  private schedule(teamId: string, team: Team): void {
    if (team.scheduled || team.syncing) return;
    team.scheduled = true;
    setImmediate(() => {
      team.scheduled = false;
      void this.sync(teamId, team, false);
    });
  }

  private tick(): void {
    const now = this.options.clock();
    for (const [teamId, team] of this.teams) {
      if (team.syncing) continue;
      const idle = now - team.lastAdmitAt >= this.options.idleMs;
      const empty = team.book.prune(idle);
      if (idle && empty && team.waiting.length === 0) {
        this.teams.delete(teamId);
        continue;
      }
      void this.sync(teamId, team, idle);
    }
    if (this.teams.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  /** One script call: spend out, leases resized, then whatever waits is admitted or refused. */
  private sync(teamId: string, team: Team, idle: boolean): Promise<void> {
    if (team.syncing) return team.syncing;
    const now = this.options.clock();
    const deadline = now + this.options.ttlMs;
    const needs = new Map<object, number>();
    for (const waiter of team.waiting) {
      waiter.included = true;
      team.book.want(needs, waiter.budgets, waiter.rates, waiter.amount, waiter.tokens);
    }
    const included = team.waiting.length;
    const sync = startSync(team.book, idle, needs, now);
    const run = this.options
      .call(() =>
        leaseSync(this.options.scripts, {
          teamId,
          leaseId: this.leaseId,
          share: this.options.share,
          sync,
          now,
          deadline,
        }),
      )
      .then(
        (reply) => {
          const before = sync.budgets.map(({ lease, spend }) => lease.spent + spend);
          finishSync(team.book, sync, reply, deadline);
          this.options.counters.leaseSyncs += 1;
          sync.budgets.forEach(({ lease }, i) => {
            team.pending.push(...crossedThresholds(lease, before[i] ?? 0, this.options.config));
          });
        },
        (error: unknown) => {
          for (const waiter of team.waiting.splice(0, included)) waiter.fail(error);
          // Never sent: the spend goes with the next sync. Sent but unanswered (a timeout): it
          // may have been applied, so it is not sent twice.
          if (error instanceof NotSentError) {
            restoreUnsent(sync);
            return;
          }
          if (sync.budgets.some((b) => b.spend > 0)) {
            this.options.counters.storeErrors += 1;
            this.options.logger.error(
              { teamId, err: errorMessage(error) },
              "limits store unreachable: spend of a lease sync may not be recorded",
            );
          }
        },
      );
    team.syncing = run.finally(() => {
      team.syncing = null;
      this.admitWaiting(team);
      if (team.waiting.length > 0) this.schedule(teamId, team);
    });
    return team.syncing;
  }

  /** In order: what fits is admitted; what the last sync asked for and still does not fit is refused. */
  private admitWaiting(team: Team): void {
    const now = this.options.clock();
    while (team.waiting.length > 0) {
      const waiter = team.waiting[0] as Waiter;
      const shortfall = team.book.shortfall(
        waiter.budgets,
        waiter.rates,
        waiter.amount,
        waiter.tokens,
        now,
      );
      if (shortfall !== null && !waiter.included) return;
      team.waiting.shift();
      if (shortfall === null) waiter.admit(now);
      else waiter.refuse(shortfall);
    }
  }
}
