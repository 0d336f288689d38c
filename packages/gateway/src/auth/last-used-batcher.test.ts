import type { KeyStore } from "@switchyard/core";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { LastUsedBatcher } from "./last-used-batcher";

const logger = pino({ level: "silent" });
const batchers: LastUsedBatcher[] = [];
afterEach(async () => {
  for (const batcher of batchers.splice(0)) await batcher.close().catch(() => undefined);
});

function store(fail: { now: boolean }) {
  const written: ReadonlyMap<string, Date>[] = [];
  const keys: KeyStore = {
    findByHash: async () => null,
    touchLastUsed: async (usage) => {
      if (fail.now) throw new Error("database down");
      written.push(new Map(usage));
    },
  };
  return { keys, written };
}

describe("LastUsedBatcher", () => {
  it("keeps at most maxPending keys and counts the ones it drops", async () => {
    const fail = { now: false };
    const { keys, written } = store(fail);
    const batcher = new LastUsedBatcher(keys, logger, 60_000, 2);
    batchers.push(batcher);
    batcher.touch("a", new Date(1));
    batcher.touch("b", new Date(2));
    batcher.touch("a", new Date(3)); // known key: updated, not dropped
    batcher.touch("c", new Date(4));
    expect(batcher.size).toBe(2);
    expect(batcher.dropped).toBe(1);
    await batcher.flush();
    expect([...written[0]!.entries()]).toEqual([
      ["a", new Date(3)],
      ["b", new Date(2)],
    ]);
    expect(batcher.size).toBe(0);
  });

  it("stays bounded while the store keeps failing", async () => {
    const fail = { now: true };
    const { keys } = store(fail);
    const batcher = new LastUsedBatcher(keys, logger, 60_000, 3);
    batchers.push(batcher);
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 3; i++) batcher.touch(`key-${round}-${i}`, new Date(round));
      await batcher.flush();
    }
    expect(batcher.size).toBe(3);
    // Rounds 1-4 found the map full of round 0's keys (put back after each failed write).
    expect(batcher.dropped).toBe(12);
    fail.now = false;
  });
});
