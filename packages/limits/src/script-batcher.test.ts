import { describe, expect, it } from "vitest";
import { ScriptBatcher } from "./script-batcher";

type Call = { settles: number[]; admits: number[] };

function recorder(maxBatch = 64, settleDelayMs = 5, maxInFlight = 1) {
  const calls: Call[] = [];
  /** Answers of calls sent and not yet answered, oldest first: tests release them by hand. */
  const waiting: Array<() => void> = [];
  let manual = false;
  const batcher = new ScriptBatcher<number, number, number, number>(
    async (settles, admits) => {
      calls.push({ settles, admits });
      if (manual) await new Promise<void>((resolve) => waiting.push(resolve));
      return { settles: settles.map((n) => -n), admits: admits.map((n) => n * 10) };
    },
    settleDelayMs,
    maxBatch,
    maxInFlight,
  );
  const hold = () => {
    manual = true;
  };
  return { calls, batcher, waiting, hold };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("ScriptBatcher", () => {
  it("sends the admissions of one turn as one call per group, in order, split at the maximum", async () => {
    const { calls, batcher } = recorder(3, 5, 2);
    const replies = await Promise.all([
      ...[1, 2, 3, 4].map((n) => batcher.admit("a", n)),
      batcher.admit("b", 5),
    ]);
    expect(replies).toEqual([10, 20, 30, 40, 50]);
    expect(calls).toEqual([
      { settles: [], admits: [1, 2, 3] },
      { settles: [], admits: [4] },
      { settles: [], admits: [5] },
    ]);
  });

  it("holds a busy group's admissions until its call answers, then sends them together", async () => {
    const { calls, batcher, waiting, hold } = recorder();
    hold();
    const first = batcher.admit("a", 1);
    const other = batcher.admit("b", 9);
    await turn();
    expect(calls).toEqual([
      { settles: [], admits: [1] },
      { settles: [], admits: [9] },
    ]);
    // While a's call is out, its next admissions and a settlement queue up.
    const queued = [2, 3, 4].map((n) => batcher.admit("a", n));
    const settled = batcher.settle("a", 7);
    await turn();
    await turn();
    expect(calls).toHaveLength(2);
    waiting.shift()?.();
    expect(await first).toBe(10);
    await turn();
    await turn();
    expect(calls[2]).toEqual({ settles: [7], admits: [2, 3, 4] });
    waiting.shift()?.();
    waiting.shift()?.();
    expect(await Promise.all([...queued, settled, other])).toEqual([20, 30, 40, -7, 90]);
  });

  it("lets waiting settlements ride with the next admission of their group", async () => {
    const { calls, batcher } = recorder(64, 60_000);
    const settled = batcher.settle("a", 7);
    const other = batcher.settle("b", 8);
    expect(await batcher.admit("a", 1)).toBe(10);
    expect(await settled).toBe(-7);
    expect(calls).toEqual([
      { settles: [7], admits: [1] },
      { settles: [8], admits: [] },
    ]);
    await other;
  });

  it("sends settlements on their own after the delay, and at once on drain", async () => {
    const { calls, batcher } = recorder(64, 1);
    expect(await batcher.settle("a", 3)).toBe(-3);
    expect(calls).toEqual([{ settles: [3], admits: [] }]);
    const slow = recorder(64, 60_000);
    const pending = slow.batcher.settle("a", 4);
    await slow.batcher.drain();
    expect(slow.calls).toEqual([{ settles: [4], admits: [] }]);
    expect(await pending).toBe(-4);
  });

  it("rejects every entry of a failed call", async () => {
    const batcher = new ScriptBatcher<number, number, number, number>(() =>
      Promise.reject(new Error("down")),
    );
    const results = await Promise.allSettled([batcher.admit("a", 1), batcher.settle("a", 2)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  });

  it("rejects an entry the script did not answer", async () => {
    const batcher = new ScriptBatcher<number, number, number, number>(async () => ({
      settles: [],
      admits: [],
    }));
    await expect(batcher.admit("a", 1)).rejects.toThrow("missing script reply");
  });
});
