/**
 * The stored responses writer on its own, over the in-memory store: a bounded queue, retries of a
 * failing store, deletes racing the write, and lookups of recent and old ids.
 */
import type { StoredResponse } from "@switchyard/core";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { waitFor } from "../testing/harness";
import { MemoryResponseStore } from "../testing/memory-responses";
import { newResponseId } from "./response-ids";
import { StoredResponses, type StoredResponsesOptions } from "./stored-responses";

const logger = pino({ level: "silent" });
const open: StoredResponses[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((writer) => writer.close()));
});

function writer(store: MemoryResponseStore, options: Partial<StoredResponsesOptions> = {}) {
  const made = new StoredResponses(store, logger, {
    maxQueue: 100,
    flushMs: 1,
    waitMs: 200,
    maxAnswerMs: 60_000,
    sweepMs: 0,
    sweepBatch: 100,
    ...options,
  });
  open.push(made);
  return made;
}

const response = (id = newResponseId(), teamId = "team_1"): StoredResponse => ({
  id,
  teamId,
  createdAt: new Date(),
  expiresAt: new Date(Date.now() + 60_000),
  response: { id, object: "response", output: [] },
  inputItems: [],
});

describe("StoredResponses", () => {
  it("drops what does not fit in the queue, and counts it", async () => {
    const store = new MemoryResponseStore();
    store.hold();
    const responses = writer(store, { maxQueue: 2 });
    const [a, b, c] = [response(), response(), response()];
    for (const one of [a, b, c]) responses.keep(one);
    expect(responses.stats).toMatchObject({ queued: 2, dropped: 1 });
    store.release();
    await waitFor(() => store.rows.size === 2);
    expect([...store.rows.keys()]).toEqual([a.id, b.id]);
  });

  it("retries a failing store until the write lands", async () => {
    const store = new MemoryResponseStore();
    let failures = 2;
    const write = store.writeBatch.bind(store);
    store.writeBatch = async (batch) => {
      if (failures-- > 0) throw new Error("database unavailable");
      return write(batch);
    };
    const responses = writer(store);
    const one = response();
    responses.keep(one);
    expect((await responses.find("team_1", one.id))?.id).toBe(one.id);
    await waitFor(() => store.rows.has(one.id));
    expect(responses.stats).toMatchObject({ written: 1, failedBatches: 2, dropped: 0 });
  });

  it("a delete while the write is under way removes the row once it lands", async () => {
    const store = new MemoryResponseStore();
    store.hold();
    const responses = writer(store);
    const one = response();
    responses.keep(one);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const deleting = responses.delete("team_1", one.id);
    store.release();
    expect(await deleting).toBe(true);
    expect(store.rows.has(one.id)).toBe(false);
    expect(await responses.find("team_1", one.id)).toBeNull();
  });

  it("a delete before the write starts means it is never written", async () => {
    const store = new MemoryResponseStore();
    const responses = writer(store, { flushMs: 50 });
    const one = response();
    responses.keep(one);
    expect(await responses.delete("team_1", one.id)).toBe(true);
    await responses.close();
    expect(store.rows.has(one.id)).toBe(false);
    expect(store.writes).toBe(0);
  });

  it("answers an old or foreign id at once, and waits only for a recent one", async () => {
    const store = new MemoryResponseStore();
    const responses = writer(store, { waitMs: 300 });
    const timed = async (id: string) => {
      const started = Date.now();
      expect(await responses.find("team_1", id)).toBeNull();
      return Date.now() - started;
    };
    expect(await timed("resp_not_ours")).toBeLessThan(100);
    expect(await timed(newResponseId(Date.now() - 3_600_000))).toBeLessThan(100);
    expect(await timed(newResponseId())).toBeGreaterThanOrEqual(280);
    // Another team's pending response is not this team's.
    const theirs = response(newResponseId(), "team_2");
    store.hold();
    responses.keep(theirs);
    expect(await responses.find("team_1", theirs.id)).toBeNull();
    store.release();
  });
});
