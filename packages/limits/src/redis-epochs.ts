import { randomBytes } from "node:crypto";
import type { Budget } from "./budget-spec";
import type { BudgetPeriodSpend, RebuildSource } from "./types";
import { addSpend, unwrittenSpend } from "./unwritten-spend";

/**
 * Reply of a guarded script whose team epoch is not the one the caller expected: nothing was
 * written. Scripts check `GET KEYS[#KEYS] == ARGV[#ARGV]` first (see epochGuard).
 */
export const EPOCH_RESET = "RESET";

/** Prepended to every script that writes a team's counters. */
export const epochGuard = `
if redis.call('GET', KEYS[#KEYS]) ~= ARGV[#ARGV] then return '${EPOCH_RESET}' end
`;

/**
 * KEYS: a budget's hash. ARGV: seed, add, expireAt. A missing counter is created with `seed`
 * (the log's spend plus this instance's unwritten rows); an existing one (another instance
 * rebuilt it first) gets `add` (this instance's unwritten rows, which that instance cannot see).
 * Returns 1 when seeded.
 */
export const rebuildScript = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  if ARGV[2] ~= '0' then redis.call('HINCRBY', KEYS[1], 'spent', ARGV[2]) end
  return 0
end
redis.call('HSET', KEYS[1], 'spent', ARGV[1], 'reserved', '0')
if ARGV[3] ~= '0' then redis.call('PEXPIREAT', KEYS[1], ARGV[3]) end
return 1
`;

export interface BudgetPeriod {
  budget: Budget;
  periodStart: number;
  periodEnd: number | null;
}

export interface TeamEpochsOptions {
  /** GET of a key; null when missing. */
  get(key: string): Promise<string | null>;
  /** SET key value NX. */
  setIfMissing(key: string, value: string): Promise<void>;
  epochKey(teamId: string): string;
  /** The team's budgets and each one's current period. */
  periods(teamId: string): BudgetPeriod[];
  /** Seed-or-add one budget's counter for a period (rebuildScript); true when seeded. */
  rebuild(period: BudgetPeriod, seed: number, add: number): Promise<boolean>;
  source(): RebuildSource | undefined;
  onRebuilt?(teamId: string, seeded: number, reason: "emptied" | "replaced"): void;
}

/**
 * Detects a Redis that lost a team's counters (restarted empty, flushed, or failed over to a
 * replica that missed writes) and rebuilds them before anything is admitted on it.
 *
 * Each team has an epoch key beside its counters (same hash tag). Every script that writes a
 * team's counters first checks that the key holds the epoch this instance last saw, and writes
 * nothing otherwise (EPOCH_RESET). The instance then syncs: if the key is gone, it rebuilds every
 * budget of the team from the request log (plus its own rows not written yet: queue and spool)
 * and sets a new epoch; if another instance already set a new one, it adds its own unwritten rows
 * to the counters that instance rebuilt, and adopts the epoch. Either way the call is retried.
 * An instance meeting a team for the first time adopts a live epoch as it is (the counters are
 * the truth). Syncs of a team are single-flight.
 */
export class TeamEpochs {
  private readonly known = new Map<string, string>();
  private readonly syncing = new Map<string, Promise<string>>();

  constructor(private readonly options: TeamEpochsOptions) {}

  /** The epoch this instance last saw for the team; undefined before its first call. */
  current(teamId: string): string | undefined {
    return this.known.get(teamId);
  }

  /** Establish the team's epoch (first call, or a script answered EPOCH_RESET for `seen`). */
  sync(teamId: string, seen: string | undefined): Promise<string> {
    let running = this.syncing.get(teamId);
    if (!running) {
      running = this.run(teamId, seen).finally(() => this.syncing.delete(teamId));
      this.syncing.set(teamId, running);
    }
    return running;
  }

  private async run(teamId: string, seen: string | undefined): Promise<string> {
    const key = this.options.epochKey(teamId);
    const live = await this.options.get(key);
    if (live !== null && (seen === undefined || live === seen)) {
      this.known.set(teamId, live);
      return live;
    }
    // The counters this instance wrote under `seen` are gone: its unwritten rows count again.
    const lostOwn = seen !== undefined;
    const seeded = await this.rebuildCounters(teamId, lostOwn);
    if (live === null) await this.options.setIfMissing(key, randomBytes(9).toString("base64url"));
    const epoch = await this.options.get(key);
    if (epoch === null) throw new Error("the team's limits epoch vanished while rebuilding");
    this.known.set(teamId, epoch);
    // A team's first contact with an empty store is a start, not a loss.
    if (lostOwn) this.options.onRebuilt?.(teamId, seeded, live === null ? "emptied" : "replaced");
    return epoch;
  }

  private async rebuildCounters(teamId: string, lostOwn: boolean): Promise<number> {
    const periods = this.options.periods(teamId);
    if (periods.length === 0) return 0;
    const source = this.options.source();
    const wanted = periods.map(({ budget, periodStart }) => ({ budgetId: budget.id, periodStart }));
    const logged: BudgetPeriodSpend[] = source ? await source.logSpend(wanted) : [];
    const unwritten = source ? [...source.inMemory(), ...(await source.spooled())] : [];
    const own = unwrittenSpend(unwritten, periods);
    const total = addSpend(logged, own);
    const amount = (list: BudgetPeriodSpend[], id: string, start: number) =>
      list.find((s) => s.budgetId === id && s.periodStart === start)?.spentPicos ?? 0;
    const seeded = await Promise.all(
      periods.map((period) => {
        const { budget, periodStart } = period;
        const add = lostOwn ? amount(own, budget.id, periodStart) : 0;
        return this.options.rebuild(period, amount(total, budget.id, periodStart), add);
      }),
    );
    return seeded.filter(Boolean).length;
  }
}
