import { describe, expect, it } from "vitest";
import {
  addHistograms,
  bucketIndex,
  emptyHistogram,
  estimateQuantile,
  LATENCY_BUCKET_BOUNDS_MS,
  TTFT_BUCKET_BOUNDS_MS,
} from "./histogram";

describe("histogram buckets", () => {
  it("bounds are strictly increasing", () => {
    for (const bounds of [LATENCY_BUCKET_BOUNDS_MS, TTFT_BUCKET_BOUNDS_MS]) {
      for (let index = 1; index < bounds.length; index += 1) {
        expect(bounds[index]).toBeGreaterThan(bounds[index - 1] ?? 0);
      }
    }
  });

  it("puts a value in [lower, upper) like PostgreSQL's width_bucket", () => {
    const bounds = [10, 20, 50];
    expect(bucketIndex(0, bounds)).toBe(0);
    expect(bucketIndex(9.9, bounds)).toBe(0);
    expect(bucketIndex(10, bounds)).toBe(1);
    expect(bucketIndex(49, bounds)).toBe(2);
    expect(bucketIndex(50, bounds)).toBe(3);
    expect(bucketIndex(1e9, bounds)).toBe(3);
    expect(emptyHistogram(bounds)).toEqual([0, 0, 0, 0]);
  });

  it("adds element-wise", () => {
    expect(addHistograms([1, 2, 3], [10, 20])).toEqual([11, 22, 3]);
  });
});

describe("quantile estimates", () => {
  const bounds = [100, 200, 400];

  it("interpolates inside the bucket holding the quantile", () => {
    // 10 values in [0,100), 10 in [100,200)
    const histogram = [10, 10, 0, 0];
    expect(estimateQuantile(histogram, bounds, 0.5)).toBe(100);
    expect(estimateQuantile(histogram, bounds, 0.75)).toBe(150);
    expect(estimateQuantile(histogram, bounds, 0.25)).toBe(50);
  });

  it("reports the overflow bucket as its lower bound and an empty histogram as null", () => {
    expect(estimateQuantile([0, 0, 0, 5], bounds, 0.95)).toBe(400);
    expect(estimateQuantile([0, 0, 0, 0], bounds, 0.5)).toBeNull();
  });

  it("estimates p95 of real latencies within one bucket of the truth", () => {
    const values = Array.from({ length: 1000 }, (_, index) => 20 + index * 3); // 20..3017 ms
    const histogram = emptyHistogram(LATENCY_BUCKET_BOUNDS_MS);
    for (const value of values) {
      const index = bucketIndex(value, LATENCY_BUCKET_BOUNDS_MS);
      histogram[index] = (histogram[index] ?? 0) + 1;
    }
    const p95 = estimateQuantile(histogram, LATENCY_BUCKET_BOUNDS_MS, 0.95) ?? 0;
    const truth = values[949] ?? 0;
    expect(Math.abs(p95 - truth)).toBeLessThan(1000);
    expect(p95).toBeGreaterThanOrEqual(2000);
    expect(p95).toBeLessThanOrEqual(3000);
  });
});
