import { describe, expect, it } from "vitest";
import { isolatedPoint, latencyMax } from "./latency-chart";
import type { LatencyPoint } from "./prepare";

const point = (p50: number | null): LatencyPoint => ({
  bucket: "",
  label: "",
  p50,
  p95: p50 === null ? null : p50 * 2,
  ttftP50: null,
  ttftP95: null,
});

describe("latency chart shaping", () => {
  it("gives a dot only to a value no line can reach (no other value in the series)", () => {
    const lone = [point(null), point(40), point(null)];
    expect(isolatedPoint(lone, "p50", 1)).toBe(true);
    expect(isolatedPoint(lone, "p50", 0)).toBe(false);
    // Values across a quiet bucket are joined by the line (connectNulls): no dots.
    const joined = [point(40), point(null), point(60)];
    expect(isolatedPoint(joined, "p50", 0)).toBe(false);
    expect(isolatedPoint(joined, "p50", 2)).toBe(false);
  });

  it("scales the axis to the highest percentile", () => {
    expect(latencyMax([point(40), point(null), point(60)])).toBe(120);
    expect(latencyMax([point(null)])).toBe(0);
  });
});
