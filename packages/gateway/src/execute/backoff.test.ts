import { describe, expect, it } from "vitest";
import { backoffDelayMs } from "./backoff";

describe("backoffDelayMs", () => {
  it("grows exponentially with jitter inside [ceiling/2, ceiling]", () => {
    expect(backoffDelayMs(0, { baseMs: 100, maxMs: 10_000 }, () => 0)).toBe(50);
    expect(backoffDelayMs(0, { baseMs: 100, maxMs: 10_000 }, () => 1)).toBe(100);
    expect(backoffDelayMs(3, { baseMs: 100, maxMs: 10_000 }, () => 1)).toBe(800);
    expect(backoffDelayMs(20, { baseMs: 100, maxMs: 2_000 }, () => 1)).toBe(2_000);
  });

  it("honours retry-after, capped", () => {
    expect(backoffDelayMs(0, { baseMs: 100, maxMs: 5_000, retryAfterSeconds: 2 })).toBe(2_000);
    expect(backoffDelayMs(0, { baseMs: 100, maxMs: 5_000, retryAfterSeconds: 120 })).toBe(5_000);
    expect(backoffDelayMs(0, { baseMs: 100, maxMs: 5_000, retryAfterSeconds: 0 })).toBe(0);
  });
});
