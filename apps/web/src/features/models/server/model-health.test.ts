import { bucketIndex, LATENCY_BUCKET_BOUNDS_MS } from "@switchyard/db";
import { describe, expect, it } from "vitest";
import { summariseHealth } from "./model-health";

/** `count` requests of about `ms` milliseconds. */
const histogram = (ms: number, count: number) => {
  const values = new Array<number>(LATENCY_BUCKET_BOUNDS_MS.length + 1).fill(0);
  values[bucketIndex(ms, LATENCY_BUCKET_BOUNDS_MS)] = count;
  return values;
};

describe("summariseHealth", () => {
  it("adds rows per model, computes error rate and percentiles, busiest first", () => {
    const result = summariseHealth([
      { model: "a", requests: 10, errors: 1, latencyHistogram: histogram(70, 10) },
      { model: "b", requests: 30, errors: 0, latencyHistogram: histogram(3, 30) },
      { model: "a", requests: 10, errors: 1, latencyHistogram: histogram(70, 10) },
      { model: "", requests: 5, errors: 5, latencyHistogram: histogram(3, 5) },
    ]);
    expect(result.map((r) => r.model)).toEqual(["b", "a"]);
    expect(result[1]).toMatchObject({ requests: 20, errors: 2, errorRate: 0.1 });
    // 70 ms falls in [65, 80): the median is halfway through 65 … 79; [3, 4) holds only 3.
    expect(result[1]?.p50LatencyMs).toBe(72);
    expect(result[0]?.p95LatencyMs).toBe(3);
  });

  it("reports no percentiles without latency data", () => {
    expect(summariseHealth([{ model: "m", requests: 0, errors: 0, latencyHistogram: [] }])).toEqual(
      [
        {
          model: "m",
          requests: 0,
          errors: 0,
          errorRate: 0,
          p50LatencyMs: null,
          p95LatencyMs: null,
        },
      ],
    );
  });
});
