import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, waitFor } from "../testing/harness";
import { AbortSource } from "./abort-source";
import { Deadlines } from "./deadlines";
import { AttemptTimeoutError } from "./errors";

describe("Deadlines", () => {
  it("aborts a registered source once its deadline passes, and not a released one", async () => {
    const deadlines = new Deadlines(20);
    const late = new AbortSource();
    const released = new AbortSource();
    deadlines.add(late);
    deadlines.add(released);
    deadlines.delete(released);
    await waitFor(() => late.aborted);
    expect(late.reason).toBeInstanceOf(AttemptTimeoutError);
    expect(released.aborted).toBe(false);
    deadlines.close();
  });
});

describe("whole-attempt timeout through the gateway", () => {
  let h: Harness;
  beforeAll(async () => {
    // The stream takes ~10 s (200 chunks, 50 ms apart); its first byte comes long before 1.5 s.
    h = await startHarness({ options: { totalTimeoutMs: 1_500 } });
  });
  afterAll(async () => {
    await h.close();
  });

  it("cuts a stream that runs past the total timeout with an in-band timeout error", async () => {
    const response = await h.fetch("/v1/chat/completions", {
      json: {
        model: "slow-stream",
        stream: true,
        messages: [{ role: "user", content: "tell me a long story ".repeat(300) }],
      },
      headers: { "x-request-id": "total-timeout" },
    });
    expect(response.status).toBe(200);
    const frames = (await response.text()).split("\n\n").filter((f) => f.startsWith("data: "));
    const last = JSON.parse(frames.at(-1)?.slice(6) ?? "{}") as { error?: { code: string } };
    expect(last.error?.code).toBe("upstream_timeout");
    await waitFor(() => h.usage.entries.some((e) => e.clientRequestId === "total-timeout"));
    const entry = h.usage.entries.find((e) => e.clientRequestId === "total-timeout");
    expect(entry?.status).toBe("error");
    expect(entry?.errorCode).toBe("upstream_timeout");
    expect(entry?.outputTokens).toBeGreaterThan(0);
  }, 15_000);
});
