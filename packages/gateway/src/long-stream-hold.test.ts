import { MemoryLimits, parseBudget } from "@switchyard/limits";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, waitFor } from "./testing/harness";

/** A stream that outlives the reservation TTL keeps its budget hold until it ends. */
describe("long streams and budget reservations", () => {
  let h: Harness;
  const limits = new MemoryLimits({ reservationTtlMs: 300 });
  beforeAll(async () => {
    limits.setBudgets([
      parseBudget({ id: "b-team", scope: "team", teamId: "team_1", period: "day", limitUsd: "1" }),
    ]);
    h = await startHarness({ limits });
  });
  afterAll(async () => {
    await h.close();
  });

  it("renews the hold while the stream runs and gives it back when the client leaves", async () => {
    const abort = new AbortController();
    // slow-stream: 200 pieces 50 ms apart, about 10 s in all.
    const response = await h.fetch("/v1/chat/completions", {
      json: {
        model: "slow-stream",
        stream: true,
        // A long prompt gets a long answer: enough pieces to stream for seconds.
        messages: [{ role: "user", content: "Take your time and explain. ".repeat(300) }],
      },
      headers: { "x-request-id": "long-stream" },
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const held = (await limits.usage("b-team"))?.reservedPicos ?? 0;
    expect(held).toBeGreaterThan(0);
    const started = Date.now();
    // Four TTLs: without renewal the hold would have expired three times over.
    while (Date.now() - started < 1_200) {
      const { done } = await reader.read();
      expect(done).toBe(false);
    }
    expect((await limits.usage("b-team"))?.reservedPicos).toBe(held);

    abort.abort();
    await reader.cancel().catch(() => undefined);
    await waitFor(() => h.usage.entries.some((e) => e.clientRequestId === "long-stream"));
    let usage = await limits.usage("b-team");
    for (let i = 0; i < 200 && (usage?.reservedPicos ?? 0) > 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      usage = await limits.usage("b-team");
    }
    // The client left mid-stream: the tokens streamed so far are settled, the hold is gone.
    expect(usage?.reservedPicos).toBe(0);
  });
});
