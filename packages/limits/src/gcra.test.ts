import { describe, expect, it } from "vitest";
import { gcra, gcraRemaining, gcraResetMs } from "./gcra";
import { formatResetDuration, rateHeaders } from "./rate-headers";
import type { PlannedRate } from "./types";

describe("gcra", () => {
  const interval = 60_000 / 10; // 10 per minute

  it("admits a burst of exactly the limit, then one per interval", () => {
    let tat = 0;
    const now = 1_000_000;
    for (let i = 0; i < 10; i += 1) {
      const result = gcra(tat, now, interval, 60_000, 1);
      expect(result.allowed).toBe(true);
      tat = result.tat;
    }
    const refused = gcra(tat, now, interval, 60_000, 1);
    expect(refused).toEqual({ allowed: false, tat, retryAfterMs: interval });
    expect(gcra(tat, now + interval, interval, 60_000, 1).allowed).toBe(true);
  });

  it("handles limits whose interval is not a whole number of milliseconds", () => {
    const odd = 60_000 / 7;
    let tat = 0;
    let admitted = 0;
    for (let i = 0; i < 20; i += 1) {
      const result = gcra(tat, 5, odd, 60_000, 1);
      if (result.allowed) admitted += 1;
      tat = result.tat;
    }
    expect(admitted).toBe(7);
  });

  it("charges a cost of several units and refuses one larger than the whole limit", () => {
    const result = gcra(0, 0, interval, 60_000, 4);
    expect(result.tat).toBe(24_000);
    expect(gcraRemaining(result.tat, 0, interval, 60_000, 10)).toBe(6);
    expect(gcra(0, 0, interval, 60_000, 11).retryAfterMs).toBe(6000);
  });

  it("reports remaining units and time to full", () => {
    expect(gcraRemaining(0, 100, interval, 60_000, 10)).toBe(10);
    expect(gcraRemaining(100 + 60_000, 100, interval, 60_000, 10)).toBe(0);
    expect(gcraResetMs(100 + 30_000, 100)).toBe(30_000);
  });
});

describe("rate headers", () => {
  it("formats durations the way OpenAI does", () => {
    expect(formatResetDuration(20)).toBe("20ms");
    expect(formatResetDuration(0.2)).toBe("1ms");
    expect(formatResetDuration(1000)).toBe("1s");
    expect(formatResetDuration(1500)).toBe("1.5s");
    expect(formatResetDuration(360_000)).toBe("6m0s");
    expect(formatResetDuration(3_723_000)).toBe("1h2m3s");
  });

  it("reports each kind once, from the tighter limit", () => {
    const rate = (
      kind: "requests" | "tokens",
      limit: number,
      scope: "key" | "team",
    ): PlannedRate => ({
      key: `${scope}:${kind}`,
      scope,
      id: "x",
      kind,
      limit,
      windowMs: 60_000,
      intervalMs: 60_000 / limit,
    });
    const headers = rateHeaders(
      [rate("requests", 60, "key"), rate("requests", 600, "team"), rate("tokens", 1000, "team")],
      [1000 + 30_000, 1000 + 1000, 1000 + 6000],
      1000,
    );
    expect(headers).toEqual({
      "x-ratelimit-limit-requests": "60",
      "x-ratelimit-remaining-requests": "30",
      "x-ratelimit-reset-requests": "30s",
      "x-ratelimit-limit-tokens": "1000",
      "x-ratelimit-remaining-tokens": "900",
      "x-ratelimit-reset-tokens": "6s",
    });
  });
});
