import { describe, expect, it } from "vitest";
import { type AlertStore, AlertTracker, type BudgetAlertEvent } from "./alert-tracker";
import type { BudgetThresholdReached } from "./types";

const reached = (threshold: number, periodStart = 1000): BudgetThresholdReached => ({
  budgetId: "b",
  budgetName: undefined,
  scope: "team",
  teamId: "t",
  apiKeyId: undefined,
  periodStart,
  periodEnd: periodStart + 86_400_000,
  threshold,
  limitPicos: 100,
  spentPicos: threshold,
});

describe("AlertTracker", () => {
  it("emits each threshold once per period", async () => {
    const events: BudgetAlertEvent[] = [];
    const tracker = new AlertTracker({ onAlert: (e) => void events.push(e), clock: () => 42 });
    expect(await tracker.record([reached(50)])).toHaveLength(1);
    expect(await tracker.record([reached(50), reached(80)])).toHaveLength(1);
    expect(await tracker.record([reached(50), reached(80)])).toHaveLength(0);
    await tracker.record([reached(50, 2000)]);
    expect(events.map((e) => e.id)).toEqual(["b:1000:50", "b:1000:80", "b:2000:50"]);
    expect(events[0]?.at).toBe(42);
  });

  it("lets a shared store decide between instances", async () => {
    const claimed = new Set<string>();
    const store: AlertStore = {
      async claim(event) {
        // What a database store would key its unique row on.
        const key = `${event.budgetId}/${event.periodStart}/${event.threshold}`;
        if (claimed.has(key)) return false;
        claimed.add(key);
        return true;
      },
    };
    const events: string[] = [];
    const a = new AlertTracker({ store, onAlert: (e) => void events.push(`a:${e.threshold}`) });
    const b = new AlertTracker({ store, onAlert: (e) => void events.push(`b:${e.threshold}`) });
    await a.record([reached(50)]);
    await b.record([reached(50), reached(80)]);
    expect(events).toEqual(["a:50", "b:80"]);
  });

  it("logs instead of throwing when the store or the callback fails", async () => {
    const errors: unknown[] = [];
    const tracker = new AlertTracker({
      store: { claim: () => Promise.reject(new Error("down")) },
      onAlert: () => {},
      logger: { warn() {}, error: (o) => void errors.push(o) },
    });
    await expect(tracker.record([reached(50)])).resolves.toEqual([]);
    expect(errors).toEqual([{ alertId: "b:1000:50", err: "down" }]);
  });
});

describe("AlertTracker memory", () => {
  it("forgets alerts of past periods once it remembers many", async () => {
    let now = 0;
    const tracker = new AlertTracker({ onAlert: () => {}, clock: () => now, graceMs: 0 });
    await tracker.record(Array.from({ length: 10_001 }, (_, i) => reached(i + 1)));
    expect(tracker.remembered).toBe(10_001);
    now = 1000 + 86_400_000 + 1;
    await tracker.record([reached(50, now)]);
    expect(tracker.remembered).toBe(1);
  });
});
