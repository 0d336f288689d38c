import { describe, expect, it } from "vitest";
import { AlertTracker } from "../src/alert-tracker";
import { type BudgetSpecInput, parseBudget } from "../src/budget-spec";
import type { LimitsEngine } from "../src/types";
import { admission, refusal, reserved, USD } from "./admission";
import type { TestClock } from "./test-clock";

/** Behaviour every LimitsEngine must have; run against MemoryLimits and RedisLimits. */
export interface EngineHarness {
  engine: LimitsEngine;
  clock: TestClock;
}

/** A Wednesday in January 2030, 12:00 UTC (in the future, so Redis key expiries lie ahead). */
export const START = Date.UTC(2030, 0, 16, 12);

export function budget(input: Partial<BudgetSpecInput> & { id: string }) {
  return parseBudget({ scope: "team", teamId: "team-a", period: "day", limitUsd: "1", ...input });
}

export interface ContractOptions {
  /**
   * Each reservation expires on its own TTL and is renewed one by one (false for leases, which
   * expire and renew as a whole: see redis-leases.int.test.ts).
   */
  reservationExpiry?: boolean;
}

export function engineContract(
  make: () => Promise<EngineHarness>,
  { reservationExpiry = true }: ContractOptions = {},
) {
  describe("budgets", () => {
    it("reserves the worst case so concurrent calls cannot overspend, and names the budget when refusing", async () => {
      const { engine } = await make();
      engine.setBudgets([budget({ id: "daily", name: "Daily cap" })]);
      const first = reserved(await engine.admit(admission(0.3 * USD)));
      reserved(await engine.admit(admission(0.3 * USD)));
      reserved(await engine.admit(admission(0.3 * USD)));
      const refused = refusal(await engine.admit(admission(0.3 * USD)));
      expect(refused.downgrade).toBe(false);
      expect(refused.error.status).toBe(402);
      expect(refused.error.code).toBe("budget_exceeded");
      expect(refused.error.message).toContain('Budget "Daily cap" of this team');
      expect(refused.error.message).not.toContain("(daily)");
      expect(refused.error.message).toContain("$1.00 per day");
      expect(refused.error.message).toContain("2030-01-17T00:00:00.000Z");
      expect(refused.error.headers["x-switchyard-budget"]).toBe("daily");

      await engine.settle(first, 0.1 * USD, 50);
      reserved(await engine.admit(admission(0.3 * USD)));
      const usage = await engine.usage("daily");
      expect(usage).toMatchObject({
        spentPicos: 0.1 * USD,
        reservedPicos: 0.9 * USD,
        limitPicos: USD,
      });
    });

    it("settles and releases calls whose worst case is free", async () => {
      const { engine } = await make();
      engine.setBudgets([budget({ id: "daily" })]);
      const free = reserved(await engine.admit(admission(0)));
      expect(await engine.settle(free, 0, 10)).toEqual({ thresholds: [] });
      await engine.release(reserved(await engine.admit(admission(0))));
      expect(await engine.usage("daily")).toMatchObject({ spentPicos: 0, reservedPicos: 0 });
      expect(engine.metrics().storeErrors).toBe(0);
    });

    it("gives the reservation back on release", async () => {
      const { engine } = await make();
      engine.setBudgets([budget({ id: "daily" })]);
      const held = reserved(await engine.admit(admission(0.8 * USD)));
      refusal(await engine.admit(admission(0.3 * USD)));
      await engine.release(held);
      reserved(await engine.admit(admission(0.3 * USD)));
      expect(await engine.usage("daily")).toMatchObject({
        spentPicos: 0,
        reservedPicos: 0.3 * USD,
      });
    });

    if (reservationExpiry) reservationExpiryContract(make);

    it("refuses once spent reaches the limit, and resets at the next period", async () => {
      const { engine, clock } = await make();
      engine.setBudgets([budget({ id: "daily" })]);
      await engine.settle(reserved(await engine.admit(admission(USD))), USD, 10);
      refusal(await engine.admit(admission(0)));
      clock.set(Date.UTC(2030, 0, 17) - 1);
      refusal(await engine.admit(admission(1)));
      clock.set(Date.UTC(2030, 0, 17));
      reserved(await engine.admit(admission(0.5 * USD)));
      expect(await engine.usage("daily")).toMatchObject({
        periodStart: Date.UTC(2030, 0, 17),
        spentPicos: 0,
      });
    });

    it("uses the budget's time zone for its period", async () => {
      const { engine, clock } = await make();
      engine.setBudgets([budget({ id: "ny", timeZone: "America/New_York", period: "month" })]);
      clock.set(Date.UTC(2030, 1, 1, 4, 59));
      await engine.settle(reserved(await engine.admit(admission(USD))), USD, 10);
      const refused = refusal(await engine.admit(admission(1)));
      expect(refused.error.message).toContain("2030-02-01T05:00:00.000Z");
      expect(refused.error.message).toContain("America/New_York");
      clock.set(Date.UTC(2030, 1, 1, 5, 0));
      reserved(await engine.admit(admission(1)));
    });

    it("holds a key's budget inside its team's", async () => {
      const { engine } = await make();
      engine.setBudgets([
        budget({ id: "team", limitUsd: "2" }),
        budget({
          id: "key-1-cap",
          scope: "key",
          apiKeyId: "key-1",
          apiKeyName: "batch",
          limitUsd: "1",
        }),
      ]);
      await engine.settle(reserved(await engine.admit(admission(USD))), USD, 10);
      const keyRefusal = refusal(await engine.admit(admission(1)));
      expect(keyRefusal.error.headers["x-switchyard-budget"]).toBe("key-1-cap");
      expect(keyRefusal.error.message).toContain('The daily budget of API key "batch"');
      const other = reserved(await engine.admit(admission(USD, { apiKeyId: "key-2" })));
      expect(other.budgets.map((b) => b.budget.id)).toEqual(["team"]);
      await engine.settle(other, USD, 10);
      const teamRefusal = refusal(await engine.admit(admission(1, { apiKeyId: "key-2" })));
      expect(teamRefusal.error.headers["x-switchyard-budget"]).toBe("team");
      expect(teamRefusal.error.message).toContain("The daily budget of this team");
      expect(await engine.usage("team")).toMatchObject({ spentPicos: 2 * USD });
      expect(await engine.usage("key-1-cap")).toMatchObject({ spentPicos: USD });
    });

    it("answers downgrade for a downgrade budget, then admits the downgraded call and counts it", async () => {
      const { engine } = await make();
      engine.setBudgets([
        budget({ id: "soft", action: "downgrade" }),
        budget({ id: "hard", scope: "key", apiKeyId: "key-1", limitUsd: "1.5" }),
      ]);
      await engine.settle(reserved(await engine.admit(admission(USD))), USD, 10);
      const answer = refusal(await engine.admit(admission(0.1 * USD)));
      expect(answer.downgrade).toBe(true);
      expect(answer.error.code).toBe("budget_exceeded");
      const cheaper = reserved(await engine.admit(admission(0.1 * USD, { downgraded: true })));
      expect(cheaper.downgraded).toBe(true);
      await engine.settle(cheaper, 0.1 * USD, 10);
      expect((await engine.usage("soft"))?.spentPicos).toBe(1.1 * USD);
      // A block budget still blocks a downgraded call.
      const blocked = refusal(await engine.admit(admission(0.5 * USD, { downgraded: true })));
      expect(blocked.downgrade).toBe(false);
      expect(blocked.error.headers["x-switchyard-budget"]).toBe("hard");
    });

    it("reports thresholds reached; the tracker records each once per period", async () => {
      const { engine, clock } = await make();
      engine.setBudgets([budget({ id: "daily", alertThresholds: [80, 50, 100] })]);
      const events: string[] = [];
      const tracker = new AlertTracker({
        onAlert: (e) => void events.push(`${e.threshold}@${e.periodStart}`),
      });
      const spend = async (usd: number) => {
        const settled = await engine.settle(
          reserved(await engine.admit(admission(usd * USD))),
          usd * USD,
          10,
        );
        await tracker.record(settled.thresholds);
        return settled.thresholds.map((t) => t.threshold);
      };
      expect(await spend(0.4)).toEqual([]);
      expect(await spend(0.2)).toEqual([50]);
      expect(await spend(0.1)).toEqual([50]);
      expect(await spend(0.2)).toEqual([50, 80]);
      expect(events).toEqual([`50@${Date.UTC(2030, 0, 16)}`, `80@${Date.UTC(2030, 0, 16)}`]);
      clock.set(Date.UTC(2030, 0, 17, 1));
      await spend(0.6);
      expect(events).toHaveLength(3);
      expect(events[2]).toBe(`50@${Date.UTC(2030, 0, 17)}`);
    });

    it("reports the refusing budget's thresholds when it blocks, so alerts fire while calls are refused", async () => {
      const { engine } = await make();
      // Created when the period's spend (seeded from the log) is already past two thresholds.
      engine.setBudgets([budget({ id: "daily", alertThresholds: [50, 80, 100] })]);
      await engine.rebuildFromLog([
        { budgetId: "daily", periodStart: Date.UTC(2030, 0, 16), spentPicos: 0.95 * USD },
      ]);
      const blocked = refusal(await engine.admit(admission(0.1 * USD)));
      expect(blocked.thresholds?.map((t) => [t.budgetId, t.threshold, t.spentPicos])).toEqual([
        ["daily", 50, 0.95 * USD],
        ["daily", 80, 0.95 * USD],
      ]);
      expect(blocked.thresholds?.[0]?.periodStart).toBe(Date.UTC(2030, 0, 16));

      const held = reserved(await engine.admit(admission(0.04 * USD)));
      await engine.settle(held, 0.05 * USD, 10);
      const spent = refusal(await engine.admit(admission(0)));
      expect(spent.thresholds?.map((t) => t.threshold)).toEqual([50, 80, 100]);
    });

    it("reports the refusing budget's thresholds when a retry cannot reserve more", async () => {
      const { engine } = await make();
      engine.setBudgets([budget({ id: "daily", alertThresholds: [50, 80] })]);
      await engine.rebuildFromLog([
        { budgetId: "daily", periodStart: Date.UTC(2030, 0, 16), spentPicos: 0.6 * USD },
      ]);
      const held = reserved(await engine.admit(admission(0.3 * USD)));
      const more = await engine.reserveMore(held, 0.3 * USD);
      expect(more.ok).toBe(false);
      if (!more.ok) expect(more.thresholds?.map((t) => t.threshold)).toEqual([50]);
      await engine.release(held);
    });

    it("applies a lowered budget on the next admission", async () => {
      const { engine } = await make();
      engine.setBudgets([budget({ id: "daily", limitUsd: "10" })]);
      await engine.settle(reserved(await engine.admit(admission(2 * USD))), 2 * USD, 10);
      reserved(await engine.admit(admission(USD)));
      engine.setBudgets([budget({ id: "daily", limitUsd: "2" })]);
      const refused = refusal(await engine.admit(admission(1)));
      expect(refused.error.message).toContain("$2.00");
    });

    it("re-checks every covering budget when a retry or fallback reserves more", async () => {
      const { engine } = await make();
      engine.setBudgets([budget({ id: "daily" })]);
      const held = reserved(await engine.admit(admission(0.5 * USD)));
      expect(await engine.reserveMore(held, 0.4 * USD)).toEqual({ ok: true });
      expect((await engine.usage("daily"))?.reservedPicos).toBe(0.9 * USD);
      const more = await engine.reserveMore(held, 0.2 * USD);
      expect(more.ok).toBe(false);
      if (!more.ok) expect(more.error.code).toBe("budget_exceeded");
      await engine.settle(held, 0.7 * USD, 10);
      expect(await engine.usage("daily")).toMatchObject({
        spentPicos: 0.7 * USD,
        reservedPicos: 0,
      });
    });

    it("renews a long call's reservation with reserveMore(reservation, 0), even at the limit", async () => {
      const { engine, clock } = await make();
      engine.setBudgets([budget({ id: "daily" })]);
      const long = reserved(await engine.admit(admission(0.4 * USD)));
      await engine.settle(reserved(await engine.admit(admission(0.6 * USD))), USD, 10);
      clock.advance(20_000);
      expect(await engine.reserveMore(long, 0)).toEqual({ ok: true });
      clock.advance(20_000);
      // Past the first deadline (30 s), the renewed reservation still holds.
      expect((await engine.usage("daily"))?.reservedPicos).toBe(0.4 * USD);
    });

    it("re-reserves the held amount when the reservation expired before the retry", async () => {
      const { engine, clock } = await make();
      engine.setBudgets([budget({ id: "daily" })]);
      const held = reserved(await engine.admit(admission(0.5 * USD)));
      clock.advance(60_000);
      expect(await engine.reserveMore(held, 0.1 * USD)).toEqual({ ok: true });
      expect((await engine.usage("daily"))?.reservedPicos).toBe(0.6 * USD);
    });

    it("seeds counters from the request log only where none exist", async () => {
      const { engine } = await make();
      engine.setBudgets([budget({ id: "daily" }), budget({ id: "other" })]);
      await engine.settle(
        reserved(await engine.admit(admission(0.1 * USD, { teamId: "team-a" }))),
        0.1 * USD,
        1,
      );
      const seeded = await engine.rebuildFromLog([
        { budgetId: "daily", periodStart: Date.UTC(2030, 0, 16), spentPicos: 0.9 * USD },
      ]);
      expect(seeded).toBe(0);
      engine.setBudgets([budget({ id: "daily" }), budget({ id: "fresh" })]);
      const seededFresh = await engine.rebuildFromLog([
        { budgetId: "fresh", periodStart: Date.UTC(2030, 0, 16), spentPicos: 0.95 * USD },
      ]);
      expect(seededFresh).toBe(1);
      expect((await engine.usage("fresh"))?.spentPicos).toBe(0.95 * USD);
      refusal(await engine.admit(admission(0.1 * USD)));
    });
  });
}

function reservationExpiryContract(make: () => Promise<EngineHarness>) {
  it("expires reservations that are neither settled nor renewed (an instance that died)", async () => {
    const { engine, clock } = await make();
    engine.setBudgets([budget({ id: "daily" })]);
    reserved(await engine.admit(admission(0.9 * USD)));
    refusal(await engine.admit(admission(0.2 * USD)));
    clock.advance(60_000);
    expect((await engine.usage("daily"))?.reservedPicos).toBe(0);
    reserved(await engine.admit(admission(0.2 * USD)));
  });

  it("keeps a long call's hold past the TTL by renewing it, until it settles", async () => {
    const { engine, clock } = await make();
    engine.setBudgets([budget({ id: "daily" })]);
    const long = reserved(await engine.admit(admission(0.9 * USD)));
    // Not half a TTL old yet: nothing to renew.
    clock.advance(5_000);
    expect(await engine.renewHeld()).toBe(0);
    for (let i = 0; i < 6; i += 1) {
      clock.advance(20_000);
      expect(await engine.renewHeld()).toBe(1);
    }
    // 125 s in, four TTLs past the admission: still held.
    expect((await engine.usage("daily"))?.reservedPicos).toBe(0.9 * USD);
    refusal(await engine.admit(admission(0.2 * USD)));
    await engine.settle(long, 0.5 * USD, 10);
    expect(await engine.renewHeld()).toBe(0);
    expect(await engine.usage("daily")).toMatchObject({
      spentPicos: 0.5 * USD,
      reservedPicos: 0,
    });
    reserved(await engine.admit(admission(0.2 * USD)));
  });
}
