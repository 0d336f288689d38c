import { Redis } from "ioredis";
import type { Budget, FailMode, RateLimitSpec } from "./budget-spec";
import { budgetError, limitsUnavailable, rateError } from "./limit-errors";
import { type AdmissionPlan, LimitsConfig, type PlannedBudget } from "./limits-config";
import {
  DEFAULT_RESERVATION_TTL_MS,
  emptyMetrics,
  type LimitsEngineOptions,
} from "./memory-limits";
import { rateHeaders } from "./rate-headers";
import {
  admitScript,
  reserveMoreScript,
  seedScript,
  settleScript,
  usageScript,
} from "./redis-scripts";
import { makeReservation, picosArg } from "./reservation";
import { reservationIdGenerator } from "./reservation-ids";
import { thresholdsReached } from "./thresholds";
import type {
  AdmitRequest,
  AdmitResult,
  BudgetPeriodSpend,
  BudgetUsage,
  LimitsEngine,
  LimitsLogger,
  LimitsMetrics,
  Reservation,
  ReserveMoreResult,
  SettleResult,
} from "./types";

type Script = (numberOfKeys: number, ...keysAndArgs: string[]) => Promise<unknown>;
interface LimitsCommands {
  switchyardLimitsAdmit: Script;
  switchyardLimitsReserveMore: Script;
  switchyardLimitsSettle: Script;
  switchyardLimitsUsage: Script;
  switchyardLimitsSeed: Script;
}

export interface RedisLimitsOptions extends LimitsEngineOptions {
  /** An ioredis client, or a URL for one made with createLimitsRedis (closed by close()). */
  redis: Redis | string;
  keyPrefix?: string;
  logger?: LimitsLogger;
  /** Command timeout for a client made from a URL. */
  commandTimeoutMs?: number;
  /** How long a period's counters outlive its end (late settles). */
  periodGraceMs?: number;
}

/** An ioredis client for limits: short command timeout, one retry, auto-pipelining. */
export const createLimitsRedis = (url: string, commandTimeoutMs = 250): Redis =>
  new Redis(url, {
    commandTimeout: commandTimeoutMs,
    maxRetriesPerRequest: 1,
    enableAutoPipelining: true,
  });

const silentLogger: LimitsLogger = { warn() {}, error() {} };

/**
 * Budgets and rate limits shared by every gateway instance on one Redis: each admission, extra
 * reservation and settlement is one atomic script call (one round trip).
 */
export class RedisLimits implements LimitsEngine {
  private readonly redis: Redis;
  private readonly commands: LimitsCommands;
  private readonly ownsClient: boolean;
  private readonly prefix: string;
  private readonly logger: LimitsLogger;
  private readonly config = new LimitsConfig();
  private readonly counters = emptyMetrics();
  private readonly clock: () => number;
  private readonly ttlMs: number;
  private readonly graceMs: number;
  private readonly nextId = reservationIdGenerator();

  constructor(options: RedisLimitsOptions) {
    this.ownsClient = typeof options.redis === "string";
    this.redis =
      typeof options.redis === "string"
        ? createLimitsRedis(options.redis, options.commandTimeoutMs)
        : options.redis;
    this.prefix = options.keyPrefix ?? "switchyard:limits:";
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? Date.now;
    this.ttlMs = options.reservationTtlMs ?? DEFAULT_RESERVATION_TTL_MS;
    this.graceMs = options.periodGraceMs ?? 2 * 86_400_000;
    this.redis.defineCommand("switchyardLimitsAdmit", { lua: admitScript });
    this.redis.defineCommand("switchyardLimitsReserveMore", { lua: reserveMoreScript });
    this.redis.defineCommand("switchyardLimitsSettle", { lua: settleScript });
    this.redis.defineCommand("switchyardLimitsUsage", { lua: usageScript });
    this.redis.defineCommand("switchyardLimitsSeed", { lua: seedScript });
    this.commands = this.redis as unknown as LimitsCommands;
  }

  setBudgets(budgets: readonly Budget[]): void {
    this.config.setBudgets(budgets);
  }

  setRateLimits(limits: readonly RateLimitSpec[]): void {
    this.config.setRateLimits(limits);
  }

  setFailModes(modes: Readonly<Record<string, FailMode>>): void {
    this.config.setFailModes(modes);
  }

  async admit(request: AdmitRequest): Promise<AdmitResult> {
    const now = request.now ?? this.clock();
    const plan = this.config.plan(request, now);
    const id = this.nextId();
    if (plan.budgets.length === 0 && plan.rates.length === 0) {
      this.counters.admitted += 1;
      return { ok: true, reservation: makeReservation(id, request, plan, false), rateHeaders: {} };
    }
    const keys: string[] = plan.rates.map((rate) => this.rateKey(request.teamId, rate.key));
    const args: string[] = [
      String(now),
      id,
      String(now + this.ttlMs),
      String(plan.rates.length),
      String(plan.budgets.length),
    ];
    for (const rate of plan.rates) {
      args.push(
        String(rate.intervalMs),
        String(rate.windowMs),
        String(rate.kind === "requests" ? 1 : request.estimatedTokens),
      );
    }
    for (const planned of plan.budgets) {
      keys.push(...this.budgetKeys(planned.budget, planned.periodStart));
      args.push(
        picosArg(planned.budget.limitPicos),
        picosArg(request.worstCaseCostPicos),
        String(planned.enforce),
        this.expireAt(planned.periodEnd),
      );
    }
    let reply: unknown[];
    try {
      reply = (await this.call(() =>
        this.commands.switchyardLimitsAdmit(keys.length, ...keys, ...args),
      )) as unknown[];
    } catch (error) {
      return this.admitWithoutStore(request, plan, id, error);
    }
    const status = Number(reply[0]);
    const index = Number(reply[1]) - 1;
    const tats = plan.rates.map((_, i) => Number(reply[3 + i]));
    const headers = rateHeaders(plan.rates, tats, now);
    if (status === 1 || status === 2) {
      const planned = plan.budgets[index]!;
      if (status === 2) this.counters.downgrades += 1;
      else this.counters.refusedBudget += 1;
      return {
        ok: false,
        error: budgetError(planned.budget, planned.periodEnd),
        downgrade: status === 2,
        rateHeaders: headers,
      };
    }
    if (status === 3) {
      this.counters.refusedRate += 1;
      return {
        ok: false,
        error: rateError(plan.rates[index]!, Number(reply[2]), headers),
        rateHeaders: headers,
      };
    }
    this.counters.admitted += 1;
    return {
      ok: true,
      reservation: makeReservation(id, request, plan, false),
      rateHeaders: headers,
    };
  }

  async reserveMore(
    reservation: Reservation,
    extraWorstCasePicos: number,
    now = this.clock(),
  ): Promise<ReserveMoreResult> {
    if (reservation.budgets.length === 0) return { ok: true };
    const planned = reservation.budgets.map((held): PlannedBudget => {
      const budget = this.config.budget(held.budget.id) ?? held.budget;
      const enforce = budget.action === "block" ? 2 : reservation.downgraded ? 0 : 1;
      return { budget, periodStart: held.periodStart, periodEnd: held.periodEnd, enforce };
    });
    const keys: string[] = [];
    const args = [String(now), reservation.id, String(now + this.ttlMs), String(planned.length)];
    planned.forEach((p, i) => {
      keys.push(...this.budgetKeys(p.budget, p.periodStart));
      const held = reservation.budgets[i]?.reservedPicos ?? 0;
      args.push(
        picosArg(p.budget.limitPicos),
        picosArg(extraWorstCasePicos),
        picosArg(held),
        String(p.enforce),
        this.expireAt(p.periodEnd),
      );
    });
    let reply: unknown[];
    try {
      reply = (await this.call(() =>
        this.commands.switchyardLimitsReserveMore(keys.length, ...keys, ...args),
      )) as unknown[];
    } catch (error) {
      if (this.config.failMode(reservation.teamId) === "open") {
        this.storeFailure(reservation.teamId, "open", error);
        return { ok: true };
      }
      this.storeFailure(reservation.teamId, "closed", error);
      return { ok: false, error: limitsUnavailable() };
    }
    const status = Number(reply[0]);
    if (status === 1 || status === 2) {
      const refused = planned[Number(reply[1]) - 1]!;
      if (status === 2) this.counters.downgrades += 1;
      else this.counters.refusedBudget += 1;
      return {
        ok: false,
        error: budgetError(refused.budget, refused.periodEnd),
        downgrade: status === 2,
      };
    }
    for (const held of reservation.budgets) held.reservedPicos += extraWorstCasePicos;
    return { ok: true };
  }

  async settle(
    reservation: Reservation,
    actualCostPicos: number,
    actualTokens: number,
    now = this.clock(),
  ): Promise<SettleResult> {
    const spent = await this.finish(reservation, actualCostPicos, actualTokens, now);
    if (!spent) return { thresholds: [] };
    const thresholds = reservation.budgets.flatMap((held, i) => {
      const budget = this.config.budget(held.budget.id) ?? held.budget;
      return thresholdsReached(budget, held.periodStart, held.periodEnd, Number(spent[i] ?? 0));
    });
    return { thresholds };
  }

  async release(reservation: Reservation, now = this.clock()): Promise<void> {
    await this.finish(reservation, 0, 0, now);
  }

  async rebuildFromLog(spend: readonly BudgetPeriodSpend[]): Promise<number> {
    const results = await Promise.all(
      spend.map((entry) => {
        const budget = this.config.budget(entry.budgetId);
        if (!budget) return 0;
        const periodEnd = this.config.window(budget, entry.periodStart).end;
        const [hash] = this.budgetKeys(budget, entry.periodStart);
        return this.commands.switchyardLimitsSeed(
          1,
          hash,
          picosArg(entry.spentPicos),
          this.expireAt(periodEnd),
        );
      }),
    );
    return results.reduce<number>((sum, seeded) => sum + Number(seeded), 0);
  }

  async usage(budgetId: string, now = this.clock()): Promise<BudgetUsage | null> {
    const budget = this.config.budget(budgetId);
    if (!budget) return null;
    const window = this.config.window(budget, now);
    const [hash, zset] = this.budgetKeys(budget, window.start);
    const reply = (await this.commands.switchyardLimitsUsage(
      2,
      hash,
      zset,
      String(now),
    )) as unknown[];
    return {
      budgetId,
      periodStart: window.start,
      periodEnd: window.end,
      limitPicos: budget.limitPicos,
      spentPicos: Number(reply[0]),
      reservedPicos: Number(reply[1]),
    };
  }

  metrics(): LimitsMetrics {
    return { ...this.counters };
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** Drop the reservation, add the actual cost, correct TPM; the spent counters, or null on a store error. */
  private async finish(
    reservation: Reservation,
    actual: number,
    actualTokens: number,
    now: number,
  ): Promise<string[] | null> {
    if (reservation.budgets.length === 0 && reservation.tokenLimits.length === 0) return [];
    const keys: string[] = [];
    const args = [
      String(now),
      reservation.id,
      picosArg(actual),
      String(reservation.budgets.length),
      String(reservation.tokenLimits.length),
    ];
    for (const held of reservation.budgets) {
      keys.push(...this.budgetKeys(held.budget, held.periodStart));
      args.push(this.expireAt(held.periodEnd));
    }
    const delta = actualTokens - reservation.estimatedTokens;
    for (const rate of reservation.tokenLimits) {
      keys.push(this.rateKey(reservation.teamId, rate.key));
      args.push(String(delta * rate.intervalMs));
    }
    try {
      return (await this.call(() =>
        this.commands.switchyardLimitsSettle(keys.length, ...keys, ...args),
      )) as string[];
    } catch (error) {
      this.counters.storeErrors += 1;
      this.logger.error(
        { teamId: reservation.teamId, reservationId: reservation.id, err: errorMessage(error) },
        "limits store unreachable: spend not recorded (the reservation expires on its own)",
      );
      return null;
    }
  }

  private admitWithoutStore(
    request: AdmitRequest,
    plan: AdmissionPlan,
    id: string,
    error: unknown,
  ): AdmitResult {
    const mode = this.config.failMode(request.teamId);
    this.storeFailure(request.teamId, mode, error);
    if (mode === "closed") return { ok: false, error: limitsUnavailable(), rateHeaders: {} };
    return { ok: true, reservation: makeReservation(id, request, plan, true), rateHeaders: {} };
  }

  private storeFailure(teamId: string, mode: FailMode, error: unknown): void {
    this.counters.storeErrors += 1;
    if (mode === "open") {
      this.counters.failOpenAdmits += 1;
      this.logger.warn(
        { teamId, failMode: mode, err: errorMessage(error) },
        "limits store unreachable: admitting (fail open)",
      );
    } else {
      this.counters.failClosedRefusals += 1;
      this.logger.error(
        { teamId, failMode: mode, err: errorMessage(error) },
        "limits store unreachable: refusing (fail closed)",
      );
    }
  }

  /** Fails at once while the client is reconnecting instead of queueing behind the outage. */
  private call<T>(command: () => Promise<T>): Promise<T> {
    const status = this.redis.status;
    if (status === "reconnecting" || status === "close" || status === "end") {
      return Promise.reject(new Error(`redis connection is ${status}`));
    }
    return command();
  }

  private budgetKeys(budget: Budget, periodStart: number): [string, string] {
    const base = `${this.prefix}{${budget.teamId}}:`;
    return [`${base}b:${budget.id}:${periodStart}`, `${base}z:${budget.id}:${periodStart}`];
  }

  private rateKey(teamId: string, key: string): string {
    return `${this.prefix}{${teamId}}:r:${key}`;
  }

  private expireAt(periodEnd: number | null): string {
    return periodEnd === null ? "0" : String(periodEnd + this.graceMs);
  }
}

const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
