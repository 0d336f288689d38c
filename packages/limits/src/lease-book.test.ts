import { describe, expect, it } from "vitest";
import { budget } from "../test/engine-contract";
import { TeamLeases } from "./lease-book";
import { finishSync, startSync } from "./lease-sync";
import type { AdmissionPlan, PlannedBudget } from "./limits-config";
import type { PlannedRate } from "./types";

const USD = 1_000_000_000_000;
const NOW = 1_000_000;
const rpm: PlannedRate = {
  key: "team:t:requests",
  scope: "team",
  id: "t",
  kind: "requests",
  limit: 60,
  windowMs: 60_000,
  intervalMs: 1_000,
};
const planned = (enforce: 0 | 1 | 2, limitUsd = "1", id = "day"): PlannedBudget => ({
  budget: budget({ id, limitUsd, action: enforce === 1 ? "downgrade" : "block" }),
  periodStart: 0,
  periodEnd: 86_400_000,
  enforce,
});

/** A book whose budget lease holds `granted` and whose rate lease holds `units`, valid until NOW + 1 s. */
function leased(plan: AdmissionPlan, granted: number, units: number) {
  const book = new TeamLeases();
  const needs = new Map<object, number>();
  book.want(needs, plan.budgets, plan.rates, 0, 0);
  const sync = startSync(book, false, needs, NOW);
  finishSync(
    book,
    sync,
    {
      budgets: sync.budgets.map(() => ({ spent: 0, take: granted })),
      rates: sync.rates.map(() => ({ take: units, tat: NOW + units * 1_000 })),
    },
    NOW + 1_000,
  );
  return book;
}

describe("TeamLeases", () => {
  it("admits out of the headroom and units it holds, and nothing beyond them", () => {
    const plan = { budgets: [planned(2)], rates: [rpm] };
    const book = leased(plan, 0.5 * USD, 2);
    expect(book.tryTake(plan, 0.3 * USD, 10, NOW)).toBe(true);
    expect(book.tryTake(plan, 0.3 * USD, 10, NOW)).toBe(false); // 0.2 left
    expect(book.tryTake(plan, 0.2 * USD, 10, NOW)).toBe(true);
    expect(book.tryTake(plan, 0, 10, NOW)).toBe(false); // no request units left
    const shortfall = book.shortfall(plan.budgets, plan.rates, 0, 10, NOW);
    expect(shortfall).toMatchObject({ kind: "rate", rate: rpm });
  });

  it("uses nothing once stale, past its deadline, or with the budget spent", () => {
    const plan = { budgets: [planned(2)], rates: [] };
    const book = leased(plan, 0.5 * USD, 0);
    expect(book.tryTake(plan, 0.1 * USD, 10, NOW + 1_000)).toBe(false);
    book.markStale();
    expect(book.tryTake(plan, 0.1 * USD, 10, NOW)).toBe(false);
    const spent = leased(plan, 0.5 * USD, 0);
    const lease = spent.budgetLease(plan.budgets[0]!);
    lease.spent = USD;
    expect(spent.tryTake(plan, 0, 10, NOW)).toBe(false);
  });

  it("names a blocking budget before a downgrading one, and lets count-only budgets through", () => {
    const block = planned(2, "1", "block");
    const downgrade = planned(1, "1", "downgrade");
    const book = new TeamLeases();
    const shortfall = book.shortfall([downgrade, block], [], 1, 0, NOW);
    expect(shortfall).toMatchObject({ kind: "budget", planned: block, downgrade: false });
    expect(book.shortfall([downgrade], [], 1, 0, NOW)).toMatchObject({ downgrade: true });
    expect(book.shortfall([planned(0)], [], USD, 0, NOW)).toBeNull();
  });

  it("syncs spend out, keeps up to twice the demand and gives the rest back", () => {
    const plan = { budgets: [planned(2, "100")], rates: [rpm] };
    const book = leased(plan, 10 * USD, 40);
    for (let i = 0; i < 3; i += 1) expect(book.tryTake(plan, USD, 1, NOW)).toBe(true);
    const lease = book.budgetLease(plan.budgets[0]!);
    book.settle(
      { ...fakeReservation(plan), budgets: [{ ...plan.budgets[0]!, reservedPicos: USD }] },
      0.5 * USD,
      1,
    );
    // In flight 2, unsynced 0.5, free 7.5; demand 3 asks for 6 more, all of it kept.
    const sync = startSync(book, false, new Map(), NOW);
    expect(sync.budgets[0]).toMatchObject({ spend: 0.5 * USD, base: 8 * USD, need: 0, extra: 0 });
    expect(sync.rates[0]).toMatchObject({ giveBack: 31, extra: 0 });
    expect(lease).toMatchObject({ granted: 8 * USD, unsynced: 0, demand: 0 });
    // Idle: only what is in flight stays reserved.
    const idle = startSync(book, true, new Map(), NOW);
    expect(idle.budgets[0]).toMatchObject({ base: 2 * USD, extra: 0 });
    expect(idle.rates[0]).toMatchObject({ giveBack: 6 });
  });

  it("re-reserves only the calls in flight once its lease may have expired", () => {
    const plan = { budgets: [planned(2, "100")], rates: [] };
    const book = leased(plan, 10 * USD, 0);
    expect(book.tryTake(plan, USD, 1, NOW)).toBe(true);
    const sync = startSync(book, false, new Map(), NOW + 5_000);
    expect(sync.budgets[0]).toMatchObject({ base: USD, extra: 2 * USD });
  });
});

function fakeReservation(plan: AdmissionPlan) {
  return {
    id: "r",
    teamId: "t",
    apiKeyId: "k",
    budgets: [],
    tokenLimits: plan.rates.filter((rate) => rate.kind === "tokens"),
    estimatedTokens: 1,
    downgraded: false,
    failOpen: false,
  };
}
