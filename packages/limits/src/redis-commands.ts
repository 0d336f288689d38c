import { Redis } from "ioredis";
import type { Budget } from "./budget-spec";
import type { AdmissionPlan, PlannedBudget } from "./limits-config";
import { batchScript, reserveMoreScript, seedScript, usageScript } from "./redis-scripts";
import { picosArg } from "./reservation";
import { ScriptBatcher } from "./script-batcher";
import type { AdmitRequest, Reservation } from "./types";

type Script = (numberOfKeys: number, ...keysAndArgs: string[]) => Promise<unknown>;

interface LimitsCommands {
  switchyardLimitsBatch: Script;
  switchyardLimitsReserveMore: Script;
  switchyardLimitsUsage: Script;
  switchyardLimitsSeed: Script;
}

interface AdmitEntry {
  plan: AdmissionPlan;
  request: AdmitRequest;
  id: string;
  now: number;
  deadline: number;
}

interface SettleEntry {
  reservation: Reservation;
  actual: number;
  actualTokens: number;
  now: number;
}

/**
 * An ioredis client for limits: short command timeout, one retry. No auto-pipelining: the script
 * batcher already sends one call per team per event-loop turn, and ioredis's pipeline wrapper
 * around each of those calls cost about a quarter of the client's CPU per request.
 */
export const createLimitsRedis = (url: string, commandTimeoutMs = 250): Redis =>
  new Redis(url, {
    commandTimeout: commandTimeoutMs,
    maxRetriesPerRequest: 1,
    enableAutoPipelining: false,
  });

/**
 * The limits scripts as ioredis commands (EVALSHA, falling back to EVAL on NOSCRIPT): builds their
 * keys and arguments. Everything of a team shares the hash tag {teamId}, so one script's keys live
 * in one slot should the deployment move to Redis Cluster.
 */
export class LimitsScripts {
  private readonly commands: LimitsCommands;
  private readonly batcher: ScriptBatcher<SettleEntry, string[], AdmitEntry, unknown[]>;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly graceMs: number,
    settleDelayMs?: number,
  ) {
    this.batcher = new ScriptBatcher(
      (settles, admits) => this.runBatch(settles, admits),
      settleDelayMs,
    );
    redis.defineCommand("switchyardLimitsBatch", { lua: batchScript });
    redis.defineCommand("switchyardLimitsReserveMore", { lua: reserveMoreScript });
    redis.defineCommand("switchyardLimitsUsage", { lua: usageScript });
    redis.defineCommand("switchyardLimitsSeed", { lua: seedScript });
    this.commands = redis as unknown as LimitsCommands;
  }

  /** Reply: [status, index, retryMs, TAT per rate...] (see batchScript). Batched per team. */
  admit(plan: AdmissionPlan, request: AdmitRequest, id: string, now: number, deadline: number) {
    return this.batcher.admit(request.teamId, { plan, request, id, now, deadline });
  }

  /** Reply: the spent counter of each reserved budget, as integer strings. Batched per team. */
  settle(reservation: Reservation, actual: number, actualTokens: number, now: number) {
    return this.batcher.settle(reservation.teamId, { reservation, actual, actualTokens, now });
  }

  /** Send pending settlements and admissions now; resolves when every call has answered. */
  drain(): Promise<void> {
    return this.batcher.drain();
  }

  private async runBatch(settles: SettleEntry[], admits: AdmitEntry[]) {
    const keys: string[] = [];
    const args: string[] = [String(settles.length), String(admits.length)];
    this.settleArgs(settles, keys, args);
    this.admitArgs(admits, keys, args);
    const [settled, admitted] = (await this.commands.switchyardLimitsBatch(
      keys.length,
      ...keys,
      ...args,
    )) as [string[][], unknown[][]];
    return { settles: settled, admits: admitted };
  }

  private admitArgs(entries: AdmitEntry[], keys: string[], args: string[]): void {
    for (const { plan, request, id, now, deadline } of entries) {
      args.push(
        String(now),
        id,
        String(deadline),
        String(plan.rates.length),
        String(plan.budgets.length),
      );
      keys.push(this.ratesKey(request.teamId));
      for (const rate of plan.rates) {
        const cost = rate.kind === "requests" ? 1 : request.estimatedTokens;
        args.push(rate.key, String(rate.intervalMs), String(rate.windowMs), String(cost));
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
    }
  }

  private settleArgs(entries: SettleEntry[], keys: string[], args: string[]): void {
    for (const { reservation, actual, actualTokens, now } of entries) {
      const { budgets, tokenLimits } = reservation;
      args.push(
        String(now),
        reservation.id,
        picosArg(actual),
        String(budgets.length),
        String(tokenLimits.length),
      );
      for (const held of budgets) {
        keys.push(...this.budgetKeys(held.budget, held.periodStart));
        args.push(picosArg(held.reservedPicos), this.expireAt(held.periodEnd));
      }
      keys.push(this.ratesKey(reservation.teamId));
      const delta = actualTokens - reservation.estimatedTokens;
      for (const rate of tokenLimits) {
        args.push(rate.key, String(delta * rate.intervalMs), String(rate.windowMs));
      }
    }
  }

  /** Reply: [status, index] (see reserveMoreScript). */
  async reserveMore(
    planned: readonly PlannedBudget[],
    reservation: Reservation,
    extra: number,
    now: number,
    deadline: number,
  ) {
    const keys: string[] = [];
    const args = [String(now), reservation.id, String(deadline), String(planned.length)];
    planned.forEach((p, i) => {
      keys.push(...this.budgetKeys(p.budget, p.periodStart));
      args.push(
        picosArg(p.budget.limitPicos),
        picosArg(extra),
        picosArg(reservation.budgets[i]?.reservedPicos ?? 0),
        String(p.enforce),
        this.expireAt(p.periodEnd),
      );
    });
    return (await this.commands.switchyardLimitsReserveMore(
      keys.length,
      ...keys,
      ...args,
    )) as unknown[];
  }

  async usage(budget: Budget, periodStart: number, now: number) {
    const [hash, zset] = this.budgetKeys(budget, periodStart);
    const reply = (await this.commands.switchyardLimitsUsage(
      2,
      hash,
      zset,
      String(now),
    )) as unknown[];
    return { spentPicos: Number(reply[0]), reservedPicos: Number(reply[1]) };
  }

  async seed(budget: Budget, periodStart: number, periodEnd: number | null, spentPicos: number) {
    const [hash] = this.budgetKeys(budget, periodStart);
    const seeded = await this.commands.switchyardLimitsSeed(
      1,
      hash,
      picosArg(spentPicos),
      this.expireAt(periodEnd),
    );
    return Number(seeded) === 1;
  }

  private budgetKeys(budget: Budget, periodStart: number): [hash: string, zset: string] {
    const base = `${this.prefix}{${budget.teamId}}:`;
    return [`${base}b:${budget.id}:${periodStart}`, `${base}z:${budget.id}:${periodStart}`];
  }

  /** GCRA state of a team and its keys: one hash, a field per limit. */
  private ratesKey(teamId: string): string {
    return `${this.prefix}{${teamId}}:rates`;
  }

  /** Counters outlive their period by the grace time (late settles); lifetime ones never expire. */
  private expireAt(periodEnd: number | null): string {
    return periodEnd === null ? "0" : String(periodEnd + this.graceMs);
  }
}
