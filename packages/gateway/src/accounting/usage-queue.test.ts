import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RequestLogEntry, UsageRowsRejected, type UsageSink } from "@switchyard/core";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryUsageSink } from "../testing/fakes";
import { UsageQueue, type UsageQueueOptions } from "./usage-queue";
import { UsageSpool } from "./usage-spool";

const logger = pino({ level: "silent" });
const options: UsageQueueOptions = {
  maxEntries: 100,
  batchSize: 4,
  flushMs: 5,
  maxAttempts: 3,
  retryBaseMs: 1,
  writeTimeoutMs: 1_000,
};

const entry = (id: string) =>
  ({ id, createdAt: new Date("2026-12-01T00:00:00Z"), teamId: "t" }) as RequestLogEntry;
const ids = (count: number, prefix = "e") =>
  Array.from({ length: count }, (_, i) => `${prefix}${i}`);

const dirs: string[] = [];
async function spoolDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "switchyard-spool-"));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const until = async (done: () => boolean) => {
  for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(done()).toBe(true);
};

describe("UsageQueue", () => {
  it("writes full batches and a partial one, nothing twice", async () => {
    const sink = new MemoryUsageSink();
    const queue = new UsageQueue(sink, logger, options);
    for (const id of ids(10)) queue.push(entry(id));
    await queue.close();
    expect(sink.entries.map((e) => e.id)).toEqual(ids(10));
    expect(sink.calls).toBe(3);
  });

  it("loses nothing when the sink fails for a while and recovers (no spool)", async () => {
    const sink = new MemoryUsageSink();
    sink.failNext(7);
    const queue = new UsageQueue(sink, logger, options);
    for (const id of ids(10)) queue.push(entry(id));
    await until(() => sink.entries.length === 10);
    await queue.close();
    expect(sink.entries.map((e) => e.id).sort()).toEqual(ids(10).sort());
    expect(queue.stats).toMatchObject({ written: 10, dropped: 0, failed: 0, failedBatches: 7 });
  });

  it("isolates a row the store refuses in O(log n) writes, without waiting, and keeps it cleaned", async () => {
    const written: RequestLogEntry[] = [];
    let calls = 0;
    const sink: UsageSink = {
      async writeBatch(entries) {
        calls += 1;
        if (entries.some((e) => e.promptText === "poison")) throw new UsageRowsRejected("22P05");
        written.push(...entries);
      },
    };
    // Retries would wait 10 s each: isolation must not wait at all.
    const queue = new UsageQueue(sink, logger, {
      ...options,
      maxEntries: 1_000,
      batchSize: 200,
      retryBaseMs: 10_000,
    });
    const batch = ids(200).map(entry);
    Object.assign(batch[117] as RequestLogEntry, {
      promptText: "poison",
      tags: ["caf\u00e9:\u00fcber", "ok:tag"],
      routingFeatures: { featureVersion: 1 },
    });
    const started = performance.now();
    for (const item of batch) queue.push(item);
    await queue.close();
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(written.map((e) => e.id).sort()).toEqual(ids(200).sort());
    expect(calls).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(200)) + 1);
    const cleaned = written.find((e) => e.id === "e117");
    expect(cleaned?.routeTrace).toEqual({ scrubbed: true });
    expect(cleaned?.tags).toEqual(["caf?:?ber", "ok:tag"]);
    expect(cleaned?.routingFeatures).toBeNull();
    expect(queue.stats).toMatchObject({ written: 200, cleaned: 1, failed: 0, dropped: 0 });
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

describe("UsageQueue with a spool", () => {
  it("spools what a down store cannot take and replays it, in order, when it is back", async () => {
    const sink = new MemoryUsageSink();
    const spool = await UsageSpool.open({ dir: await spoolDir(), maxBytes: 1 << 20 });
    const queue = new UsageQueue(sink, logger, { ...options, spool });
    sink.down = true;
    for (const id of ids(40)) queue.push(entry(id));
    await until(() => queue.stats.spooled === 40);
    expect(sink.entries).toHaveLength(0);
    expect(queue.stats.dropped).toBe(0);
    sink.down = false;
    for (const id of ids(8, "late")) queue.push(entry(id));
    await until(() => sink.entries.length === 48);
    expect(sink.entries.map((e) => e.id)).toEqual([...ids(40), ...ids(8, "late")]);
    // The late rows follow the spooled ones through the spool, unless it was empty by then.
    expect(queue.stats.replayed).toBeGreaterThanOrEqual(40);
    expect(queue.stats.dropped).toBe(0);
    expect(sink.entries[0]?.createdAt).toBeInstanceOf(Date);
    await queue.close();
    expect(spool.sizeBytes).toBe(0);
  });

  it("keeps the spool across a restart while the store is down, and the next run replays it", async () => {
    const dir = await spoolDir();
    const sink = new MemoryUsageSink();
    sink.down = true;
    const first = new UsageQueue(sink, logger, {
      ...options,
      spool: await UsageSpool.open({ dir, maxBytes: 1 << 20 }),
    });
    for (const id of ids(10)) first.push(entry(id));
    await first.close();
    expect(first.stats).toMatchObject({ spooled: 10, dropped: 0 });
    sink.down = false;
    const second = new UsageQueue(sink, logger, {
      ...options,
      spool: await UsageSpool.open({ dir, maxBytes: 1 << 20 }),
    });
    await second.resume();
    await until(() => sink.entries.length === 10);
    await second.close();
    expect(sink.entries.map((e) => e.id)).toEqual(ids(10));
  });

  it("treats a hanging store as down", async () => {
    const sink: UsageSink = { writeBatch: () => new Promise(() => undefined) };
    const spool = await UsageSpool.open({ dir: await spoolDir(), maxBytes: 1 << 20 });
    const queue = new UsageQueue(sink, logger, { ...options, writeTimeoutMs: 20, spool });
    for (const id of ids(4)) queue.push(entry(id));
    await until(() => queue.stats.spooled === 4);
    await queue.close();
  });

  it("drops and counts only what does not fit in the spool", async () => {
    const sink = new MemoryUsageSink();
    sink.down = true;
    const spool = await UsageSpool.open({ dir: await spoolDir(), maxBytes: 600 });
    const queue = new UsageQueue(sink, logger, { ...options, spool });
    for (const id of ids(40)) queue.push(entry(id));
    await queue.close();
    expect(queue.stats.spooled).toBeGreaterThan(0);
    expect(queue.stats.spooled + queue.stats.dropped).toBe(40);
  });
});
