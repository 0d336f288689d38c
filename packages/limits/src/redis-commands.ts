import { Redis } from "ioredis";
import type { Budget } from "./budget-spec";
import { leaseSyncScript } from "./lease-script";
import type { AdmissionPlan, PlannedBudget } from "./limits-config";
import { EPOCH_RESET, rebuildScript, TeamEpochs, type TeamEpochsOptions } from "./redis-epochs";
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
  switchyardLimitsLeaseSync: Script;
  switchyardLimitsRebuild: Script;
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
 * batcher already coalesces a team's work into one call at a time, and ioredis's pipeline wrapper
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
  readonly epochs: TeamEpochs;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly graceMs: number,
    settleDelayMs?: number,
    epochs?: Pick<TeamEpochsOptions, "periods" | "source" | "onRebuilt">,
  ) {
    this.batcher = new ScriptBatcher(
      (settles, admits) => this.runBatch(settles, admits),
      settleDelayMs,
    );
    redis.defineCommand("switchyardLimitsBatch", { lua: batchScript });
    redis.defineCommand("switchyardLimitsReserveMore", { lua: reserveMoreScript });
    redis.defineCommand("switchyardLimitsUsage", { lua: usageScript });
    redis.defineCommand("switchyardLimitsSeed", { lua: seedScript });
    redis.defineCommand("switchyardLimitsLeaseSync", { lua: leaseSyncScript });
    redis.defineCommand("switchyardLimitsRebuild", { lua: rebuildScript });
    this.commands = redis as unknown as LimitsCommands;
    this.epochs = new TeamEpochs({
      get: (key) => this.redis.get(key),
      setIfMissing: async (key, value) => {
        await this.redis.set(key, value, "NX");
      },
      epochKey: (teamId) => this.epochKey(teamId),
      periods: epochs?.periods ?? (() => []),
      source: epochs?.source ?? (() => undefined),
      rebuild: async ({ budget, periodStart, periodEnd }, seed, add) => {
        const [hash] = this.budgetKeys(budget, periodStart);
        const expireAt = this.expireAt(periodEnd);
        const seeded = await this.commands.switchyardLimitsRebuild(
          1,
          hash,
          picosArg(seed),
          picosArg(add),
          expireAt,
        );
        return Number(seeded) === 1;
      },
      ...(epochs?.onRebuilt && { onRebuilt: epochs.onRebuilt }),
    });
  }

  /**
   * Runs a script that writes the team's counters with the team's epoch key and expected epoch
   * appended; when Redis lost the team's state (EPOCH_RESET), rebuilds it and runs it again.
   */
  private async guarded<T>(
    teamId: string,
    run: (epochKey: string, epoch: string) => Promise<T>,
  ): Promise<T> {
    const key = this.epochKey(teamId);
    let epoch = this.epochs.current(teamId) ?? (await this.epochs.sync(teamId, undefined));
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const reply = await run(key, epoch);
      if (reply !== EPOCH_RESET) return reply;
      epoch = await this.epochs.sync(teamId, epoch);
    }
    throw new Error("the limits store lost the team's counters again while they were rebuilt");
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

  /**
   * One script call for a team's batch: every key once in KEYS (Redis Cluster needs them declared),
   * the entries as one JSON argument that refers to keys by position (see batchScript), the
   * replies as one JSON string. Amounts travel as integer strings, exact at any size.
   */
  private async runBatch(settles: SettleEntry[], admits: AdmitEntry[]) {
    const teamId = admits[0]?.request.teamId ?? (settles[0] as SettleEntry).reservation.teamId;
    const keys: string[] = [];
    const positions = new Map<string, number>();
    const key = (name: string) => {
      let position = positions.get(name);
      if (position === undefined) {
        keys.push(name);
        position = keys.length;
        positions.set(name, position);
      }
      return position;
    };
    const payload = {
      s: settles.map((entry) => this.settleEntry(entry, key)),
      a: admits.map((entry) => this.admitEntry(entry, key)),
    };
    const json = JSON.stringify(payload);
    const reply = await this.guarded(
      teamId,
      (epochKey, epoch) =>
        this.commands.switchyardLimitsBatch(
          keys.length + 1,
          ...keys,
          epochKey,
          json,
          epoch,
        ) as Promise<string>,
    );
    const { s, a } = JSON.parse(reply) as { s: unknown; a: unknown };
    // An empty Lua table encodes as {}: read it as no entries.
    const list = <T>(value: unknown) => (Array.isArray(value) ? (value as T[]) : []);
    return {
      settles: list<unknown>(s).map((spent) => list<string>(spent)),
      admits: list<unknown[]>(a),
    };
  }

  /** [now, id, deadline, rates key, [[field, interval, window, cost]], [[hash, zset, limit, amount, enforce, expireAt]]] */
  private admitEntry({ plan, request, id, now, deadline }: AdmitEntry, key: (k: string) => number) {
    return [
      now,
      id,
      String(deadline),
      key(this.ratesKey(request.teamId)),
      plan.rates.map((rate) => [
        rate.key,
        rate.intervalMs,
        rate.windowMs,
        rate.kind === "requests" ? 1 : request.estimatedTokens,
      ]),
      plan.budgets.map((planned) => {
        const [hash, zset] = this.budgetKeys(planned.budget, planned.periodStart);
        return [
          key(hash),
          key(zset),
          picosArg(planned.budget.limitPicos),
          picosArg(request.worstCaseCostPicos),
          planned.enforce,
          this.expireAt(planned.periodEnd),
        ];
      }),
    ];
  }

  /** [now, id, actual, [[hash, zset, held, expireAt]], rates key, [[field, TAT correction ms, window]]] */
  private settleEntry(
    { reservation, actual, actualTokens, now }: SettleEntry,
    key: (k: string) => number,
  ) {
    const delta = actualTokens - reservation.estimatedTokens;
    return [
      now,
      reservation.id,
      picosArg(actual),
      reservation.budgets.map((held) => {
        const [hash, zset] = this.budgetKeys(held.budget, held.periodStart);
        return [key(hash), key(zset), picosArg(held.reservedPicos), this.expireAt(held.periodEnd)];
      }),
      key(this.ratesKey(reservation.teamId)),
      reservation.tokenLimits.map((rate) => [rate.key, delta * rate.intervalMs, rate.windowMs]),
    ];
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
    return (await this.guarded(reservation.teamId, (epochKey, epoch) =>
      this.commands.switchyardLimitsReserveMore(keys.length + 1, ...keys, epochKey, ...args, epoch),
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

  /** One lease sync (see leaseSyncScript): its keys and its JSON argument; the JSON reply. */
  async leaseSync(teamId: string, keys: readonly string[], payload: string): Promise<string> {
    return this.guarded(
      teamId,
      (epochKey, epoch) =>
        this.commands.switchyardLimitsLeaseSync(
          keys.length + 1,
          ...keys,
          epochKey,
          payload,
          epoch,
        ) as Promise<string>,
    );
  }

  /** The team's epoch (see TeamEpochs), beside its counters under the same hash tag. */
  epochKey(teamId: string): string {
    return `${this.prefix}{${teamId}}:epoch`;
  }

  budgetKeys(budget: Budget, periodStart: number): [hash: string, zset: string] {
    const base = `${this.prefix}{${budget.teamId}}:`;
    return [`${base}b:${budget.id}:${periodStart}`, `${base}z:${budget.id}:${periodStart}`];
  }

  /** GCRA state of a team and its keys: one hash, a field per limit. */
  ratesKey(teamId: string): string {
    return `${this.prefix}{${teamId}}:rates`;
  }

  /** Counters outlive their period by the grace time (late settles); lifetime ones never expire. */
  expireAt(periodEnd: number | null): string {
    return periodEnd === null ? "0" : String(periodEnd + this.graceMs);
  }
}
