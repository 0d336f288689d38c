import { describe, expect, it } from "vitest";
import { ScriptBatcher } from "./script-batcher";

describe("ScriptBatcher", () => {
  it("runs entries submitted in one turn as one call per group, in order, split at the maximum", async () => {
    const calls: number[][] = [];
    const batcher = new ScriptBatcher<number, number>(async (entries) => {
      calls.push(entries);
      return entries.map((n) => n * 10);
    }, 3);
    const replies = await Promise.all(
      [1, 2, 3, 4].map((n) => batcher.submit("a", n)).concat(batcher.submit("b", 5)),
    );
    expect(replies).toEqual([10, 20, 30, 40, 50]);
    expect(calls).toEqual([[1, 2, 3], [4], [5]]);
    expect(await batcher.submit("a", 6)).toBe(60);
    expect(calls).toHaveLength(4);
  });

  it("rejects every entry of a failed call", async () => {
    const batcher = new ScriptBatcher<number, number>(() => Promise.reject(new Error("down")));
    const results = await Promise.allSettled([batcher.submit("a", 1), batcher.submit("a", 2)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  });

  it("rejects an entry the script did not answer", async () => {
    const batcher = new ScriptBatcher<number, number>(async () => []);
    await expect(batcher.submit("a", 1)).rejects.toThrow("missing script reply");
  });
});
