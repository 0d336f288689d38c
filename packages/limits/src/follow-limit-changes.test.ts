import type { ChangeFeed, ChangeMessage } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { budget, START } from "../test/engine-contract";
import { followLimitChanges, type LimitsSnapshot } from "./follow-limit-changes";
import { MemoryLimits } from "./memory-limits";

/** A ChangeFeed in one process. */
function localFeed(): ChangeFeed {
  const listeners = new Set<(message: ChangeMessage) => void>();
  return {
    async publish(message) {
      for (const listener of listeners) listener(message);
    },
    async subscribe(listener) {
      listeners.add(listener);
      return async () => void listeners.delete(listener);
    },
  };
}

describe("followLimitChanges", () => {
  it("applies the snapshot at start and again on a budgets change", async () => {
    let stored: LimitsSnapshot = {
      budgets: [budget({ id: "b", limitUsd: "10" })],
      rateLimits: [],
      failModes: {},
    };
    const feed = localFeed();
    const engine = new MemoryLimits({ clock: () => START });
    let loads = 0;
    const applied: LimitsSnapshot[] = [];
    const follower = await followLimitChanges({
      feed,
      engine,
      load: async () => {
        loads += 1;
        return stored;
      },
      onApplied: (s) => void applied.push(s),
    });
    const request = {
      teamId: "team-a",
      apiKeyId: "k",
      estimatedTokens: 1,
      worstCaseCostPicos: 5_000_000_000_000,
    };
    expect((await engine.admit(request)).ok).toBe(true);

    stored = { ...stored, budgets: [budget({ id: "b", limitUsd: "1" })] };
    await feed.publish({ topic: "keys" });
    expect(loads).toBe(1);
    await feed.publish({ topic: "budgets", id: "team-a" });
    await follower.reload();
    expect(applied.at(-1)).toBe(stored);
    expect((await engine.admit(request)).ok).toBe(false);
    await follower.stop();
  });

  it("coalesces changes that arrive during a reload and survives a failed load", async () => {
    const feed = localFeed();
    let loads = 0;
    let fail = false;
    const errors: unknown[] = [];
    const follower = await followLimitChanges({
      feed,
      engine: new MemoryLimits(),
      load: async () => {
        loads += 1;
        await Promise.resolve();
        if (fail) throw new Error("db down");
        return { budgets: [], rateLimits: [], failModes: {} };
      },
      logger: { warn() {}, error: (o) => void errors.push(o) },
    });
    const first = follower.reload();
    void follower.reload();
    void follower.reload();
    await first;
    expect(loads).toBe(3);
    fail = true;
    await follower.reload();
    expect(errors).toEqual([{ err: "db down" }]);
  });
});
