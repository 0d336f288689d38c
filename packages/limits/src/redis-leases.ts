import { randomBytes } from "node:crypto";
import {
  type BudgetLease,
  type BudgetSync,
  type RateSync,
  type Shortfall,
  type SyncReply,
  TeamLeases,
} from "./lease-book";
import { budgetError, limitsUnavailable, rateError } from "./limit-errors";
import type { AdmissionPlan, LimitsConfig, PlannedBudget } from "./limits-config";
import type { LimitsScripts } from "./redis-commands";
import { makeReservation, picosArg } from "./reservation";
import { errorMessage, recordStoreFailure } from "./store-failure";
import { thresholdsReached } from "./thresholds";
import type {
  AdmitRequest,
  AdmitResult,
  BudgetThresholdReached,
  LimitsLogger,
  LimitsMetrics,
  PlannedRate,
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

/** An admission or extra reservation waiting for a sync because the leases have no room for it. */
interface Waiter {
  budgets: readonly PlannedBudget[];
  rates: readonly PlannedRate[];
  amount: number;
  tokens: number;
  /** Its need was part of the sync in flight: if it still does not fit, it is refused. */
  included: boolean;
  admit(): void;
  refuse(shortfall: Shortfall): void;
  fail(error: unknown): void;
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
    this.timer ??= setInterval(() => this.tick(), this.options.syncMs).unref();
  }

  admit(plan: AdmissionPlan, request: AdmitRequest, id: string, now: number): Promise<AdmitResult> {
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
      return Promise.resolve(admitted());
    return new Promise((resolve) => {
      this.wait(request.teamId, team, {
        budgets: plan.budgets,
        rates: plan.rates,
        amount,
        tokens,
        included: false,
        admit: () => {
          team.book.take(plan, amount, tokens);
          resolve(admitted());
        },
        refuse: (shortfall) => resolve(this.refusal(team, shortfall, plan.rates, now)),
        fail: (error) => {
          const mode = this.options.config.failMode(request.teamId);
          recordStoreFailure(
            this.options.counters,
            this.options.logger,
            request.teamId,
            mode,
            error,
          );
          if (mode === "closed")
            resolve({ ok: false, error: limitsUnavailable(), rateHeaders: {} });
          else
            resolve({
              ok: true,
              reservation: makeReservation(id, request, plan, true),
              rateHeaders: {},
            });
        },
      });
    });
  }

  reserveMore(reservation: Reservation, extra: number, now: number): Promise<ReserveMoreResult> {
    // The lease's own deadline is renewed by every sync: a held call needs nothing more.
    if (extra === 0 || reservation.budgets.length === 0) return Promise.resolve({ ok: true });
    const team = this.team(reservation.teamId, now);
    const budgets = reservation.budgets.map((held): PlannedBudget => {
      const budget = this.options.config.budget(held.budget.id) ?? held.budget;
      const enforce = budget.action === "block" ? 2 : reservation.downgraded ? 0 : 1;
      return { budget, periodStart: held.periodStart, periodEnd: held.periodEnd, enforce };
    });
    if (team.waiting.length === 0 && team.book.shortfall(budgets, [], extra, 0, now) === null) {
      team.book.takeMore(reservation.budgets, extra);
      return Promise.resolve({ ok: true });
    }
    return new Promise((resolve) => {
      this.wait(reservation.teamId, team, {
        budgets,
        rates: [],
        amount: extra,
        tokens: 0,
        included: false,
        admit: () => {
          team.book.takeMore(reservation.budgets, extra);
          resolve({ ok: true });
        },
        refuse: (shortfall) => {
          const refused = this.refusal(team, shortfall, [], now);
          if (!refused.ok)
            resolve({ ok: false, error: refused.error, downgrade: refused.downgrade });
        },
        fail: (error) => {
          const mode = this.options.config.failMode(reservation.teamId);
          recordStoreFailure(
            this.options.counters,
            this.options.logger,
            reservation.teamId,
            mode,
            error,
          );
          resolve(mode === "open" ? { ok: true } : { ok: false, error: limitsUnavailable() });
        },
      });
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
  ): Promise<SettleResult> {
    const team = this.team(reservation.teamId, now);
    team.book.settle(reservation, actual, actualTokens);
    const thresholds = team.pending.length > 0 ? team.pending.splice(0) : [];
    for (const held of reservation.budgets) {
      const budget = this.options.config.budget(held.budget.id) ?? held.budget;
      if (budget.alertThresholds.length === 0) continue;
      const lease = team.book.budgetLease(held);
      const spent = lease.spent + lease.unsynced;
      thresholds.push(...thresholdsReached(budget, held.periodStart, held.periodEnd, spent));
    }
    return Promise.resolve({ thresholds });
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

  async close(): Promise<void> {
    await this.flush(true);
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private team(teamId: string, now: number): Team {
    this.activate(teamId, now);
    return this.teams.get(teamId) as Team;
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

  private refusal(team: Team, shortfall: Shortfall, rates: readonly PlannedRate[], now: number) {
    const { counters } = this.options;
    const headers = team.book.headers(rates, now);
    if (shortfall.kind === "budget") {
      if (shortfall.downgrade) counters.downgrades += 1;
      else counters.refusedBudget += 1;
      const { budget, periodEnd } = shortfall.planned;
      const error = budgetError(budget, periodEnd);
      return { ok: false as const, error, downgrade: shortfall.downgrade, rateHeaders: headers };
    }
    counters.refusedRate += 1;
    const error = rateError(shortfall.rate, shortfall.retryAfterMs, headers);
    return { ok: false as const, error, downgrade: false, rateHeaders: headers };
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
    const sync = team.book.startSync(idle, needs, now);
    const run = this.send(teamId, sync, now, deadline).then(
      (reply) => {
        const before = sync.budgets.map(({ lease, spend }) => lease.spent + spend);
        team.book.finishSync(sync, reply, deadline);
        this.options.counters.leaseSyncs += 1;
        sync.budgets.forEach(({ lease }, i) => this.crossed(team, lease, before[i] ?? 0));
      },
      (error: unknown) => {
        for (const waiter of team.waiting.splice(0, included)) waiter.fail(error);
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
      if (shortfall === null) waiter.admit();
      else waiter.refuse(shortfall);
    }
  }

  /** Queues the thresholds a sync found reached that this instance's own view had not. */
  private crossed(team: Team, lease: BudgetLease, before: number): void {
    const budget = this.options.config.budget(lease.budget.id) ?? lease.budget;
    if (budget.alertThresholds.length === 0 || lease.spent <= before) return;
    const { periodStart, periodEnd } = lease;
    const reached = thresholdsReached(budget, periodStart, periodEnd, lease.spent);
    if (reached.length > thresholdsReached(budget, periodStart, periodEnd, before).length)
      team.pending.push(...reached);
  }

  private async send(
    teamId: string,
    sync: { budgets: BudgetSync[]; rates: RateSync[] },
    now: number,
    deadline: number,
  ): Promise<SyncReply> {
    const { scripts } = this.options;
    const keys: string[] = [];
    const key = (name: string) => keys.push(name);
    const budgets = sync.budgets.map(({ lease, spend, base, need, extra }) => {
      const [hash, zset] = scripts.budgetKeys(lease.budget, lease.periodStart);
      return [
        key(hash),
        key(zset),
        picosArg(lease.budget.limitPicos),
        picosArg(spend),
        picosArg(base),
        picosArg(need),
        picosArg(extra),
        scripts.expireAt(lease.periodEnd),
      ];
    });
    const rates = sync.rates.map(({ lease, giveBack, need, extra }) => {
      const { key: field, intervalMs, windowMs } = lease.rate;
      return [field, intervalMs, windowMs, giveBack, need, extra];
    });
    const payload = {
      n: now,
      d: deadline,
      i: this.leaseId,
      s: this.options.share,
      b: budgets,
      r: rates.length > 0 ? key(scripts.ratesKey(teamId)) : 0,
      l: rates,
    };
    const text = await this.options.call(() => scripts.leaseSync(keys, JSON.stringify(payload)));
    const reply = JSON.parse(text) as { b: unknown; l: unknown };
    const list = (value: unknown) => (Array.isArray(value) ? (value as string[][]) : []);
    return {
      budgets: list(reply.b).map(([spent, take]) => ({ spent: Number(spent), take: Number(take) })),
      rates: list(reply.l).map(([take, tat]) => ({ take: Number(take), tat: Number(tat) })),
    };
  }
}
