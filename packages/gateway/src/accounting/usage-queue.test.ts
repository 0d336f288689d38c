import type { RequestLogEntry, UsageSink } from "@switchyard/core";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { MemoryUsageSink } from "../testing/fakes";
import { UsageQueue } from "./usage-queue";

const logger = pino({ level: "silent" });
const options = {
  maxEntries: 100,
  batchSize: 4,
  flushMs: 5,
  maxAttempts: 3,
  entryMaxAttempts: 5,
  retryBaseMs: 1,
};

const entry = (id: string) => ({ id }) as RequestLogEntry;

describe("UsageQueue", () => {
  it("writes full batches and a partial one, nothing twice", async () => {
    const sink = new MemoryUsageSink();
    const queue = new UsageQueue(sink, logger, options);
    for (let i = 0; i < 10; i++) queue.push(entry(`e${i}`));
    await queue.close();
    expect(sink.entries.map((e) => e.id)).toEqual(Array.from({ length: 10 }, (_, i) => `e${i}`));
    expect(sink.calls).toBe(3);
  });

  it("loses nothing when the sink fails for a while and recovers", async () => {
    const sink = new MemoryUsageSink();
    sink.failNext(7);
    const queue = new UsageQueue(sink, logger, options);
    for (let i = 0; i < 10; i++) queue.push(entry(`e${i}`));
    await queue.close();
    expect(sink.entries.map((e) => e.id).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `e${i}`).sort(),
    );
    expect(queue.stats.written).toBe(10);
    expect(queue.stats.failed).toBe(0);
    expect(queue.stats.failedBatches).toBe(7);
  });

  it("splits a batch that keeps failing so one bad entry does not sink the others", async () => {
    const written: string[] = [];
    let poisonAttempts = 0;
    const sink: UsageSink = {
      async writeBatch(entries) {
        if (entries.some((e) => e.id === "poison")) {
          poisonAttempts += 1;
          throw new Error("constraint violation");
        }
        written.push(...entries.map((e) => e.id));
      },
    };
    const queue = new UsageQueue(sink, logger, options);
    for (const id of ["a", "b", "poison", "c"]) queue.push(entry(id));
    await queue.close();
    expect(written.sort()).toEqual(["a", "b", "c"]);
    expect(queue.stats.failed).toBe(1);
    expect(poisonAttempts).toBe(options.entryMaxAttempts + options.maxAttempts);
  });

  it("drops and counts new entries when full, and keeps the queued ones", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const written: string[] = [];
    const sink: UsageSink = {
      async writeBatch(entries) {
        await gate;
        written.push(...entries.map((e) => e.id));
      },
    };
    const queue = new UsageQueue(sink, logger, { ...options, maxEntries: 3, batchSize: 1 });
    expect(queue.push(entry("first"))).toBe(true); // taken by the writer, which blocks
    for (const id of ["q1", "q2", "q3"]) expect(queue.push(entry(id))).toBe(true);
    expect(queue.push(entry("overflow"))).toBe(false);
    expect(queue.stats.dropped).toBe(1);
    release();
    await queue.close();
    expect(written).toEqual(["first", "q1", "q2", "q3"]);
  });
});
