import type { BudgetLease, RateLease, TeamLeases } from "./lease-book";

/** One budget or rate of a sync, with what it asks of Redis (see leaseSyncScript). */
export interface BudgetSync {
  lease: BudgetLease;
  spend: number;
  /** What stays reserved whatever the budget's state: the calls in flight and the headroom kept. */
  base: number;
  need: number;
  extra: number;
}

export interface RateSync {
  lease: RateLease;
  giveBack: number;
  need: number;
  extra: number;
}

export interface SyncReply {
  budgets: { spent: number; take: number }[];
  rates: { take: number; tat: number }[];
}

export interface PreparedSync {
  budgets: BudgetSync[];
  rates: RateSync[];
}

/**
 * Prepares a sync: every lease sends its spend, keeps at most `extra` of its free headroom (the
 * rest goes back) and asks for what waiting admissions need plus `extra`, where `extra` is twice
 * the demand since the last sync (nothing when idle). The kept part stays usable while the sync
 * is in flight, because Redis keeps it reserved whatever it decides about the rest.
 */
export function startSync(
  book: TeamLeases,
  idle: boolean,
  needs: ReadonlyMap<object, number>,
  now: number,
): PreparedSync {
  const budgets: BudgetSync[] = [];
  for (const lease of book.budgets.values()) {
    const extra = idle || lease.stale ? 0 : 2 * lease.demand;
    // Past the deadline Redis may have dropped the lease: only the calls in flight are re-reserved.
    const free = now >= book.validUntil ? 0 : lease.granted - lease.inFlight - lease.unsynced;
    const keep = Math.max(0, Math.min(free, extra));
    const base = lease.inFlight + keep;
    budgets.push({
      lease,
      spend: lease.unsynced,
      base,
      need: needs.get(lease) ?? 0,
      extra: extra - keep,
    });
    lease.granted = base;
    lease.unsynced = 0;
    lease.demand = 0;
    lease.stale = false;
  }
  const rates: RateSync[] = [];
  for (const lease of book.rates.values()) {
    const extra = idle || lease.stale ? 0 : 2 * lease.demand;
    const keep = Math.max(0, Math.min(lease.units, extra));
    rates.push({
      lease,
      giveBack: lease.units - keep,
      need: needs.get(lease) ?? 0,
      extra: extra - keep,
    });
    lease.units = keep;
    lease.demand = 0;
    lease.stale = false;
  }
  return { budgets, rates };
}

/** Applies a sync's reply: the headroom and units taken, the shared counters as they now are. */
export function finishSync(
  book: TeamLeases,
  sync: PreparedSync,
  reply: SyncReply,
  deadline: number,
): void {
  sync.budgets.forEach((entry, i) => {
    const answer = reply.budgets[i];
    if (!answer) return;
    entry.lease.granted += answer.take;
    entry.lease.spent = answer.spent;
  });
  sync.rates.forEach((entry, i) => {
    const answer = reply.rates[i];
    if (!answer) return;
    entry.lease.units += answer.take;
    entry.lease.tat = answer.tat;
  });
  book.validUntil = deadline;
}

/**
 * Undoes startSync for a sync that was never sent: the spend waits for the next one (still covered
 * by the lease Redis holds), and the units it would have given back are still this instance's.
 */
export function restoreUnsent(sync: PreparedSync): void {
  for (const { lease, spend } of sync.budgets) {
    lease.unsynced += spend;
    lease.granted += spend;
  }
  for (const { lease, giveBack } of sync.rates) lease.units += giveBack;
}
