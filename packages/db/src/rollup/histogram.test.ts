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
    // Whole milliseconds: [0, 100) holds 0 … 99, [100, 200) holds 100 … 199.
    expect(estimateQuantile(histogram, bounds, 0.5)).toBe(99);
    expect(estimateQuantile(histogram, bounds, 0.75)).toBe(149.5);
    expect(estimateQuantile(histogram, bounds, 0.25)).toBe(49.5);
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

describe("estimates against exact percentiles", () => {
  /** Exact nearest-rank percentile of integer latencies, and the histogram's estimate. */
  function compare(values: number[], q: number) {
    const sorted = [...values].sort((a, b) => a - b);
    const exact = sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? 0;
    const histogram = emptyHistogram(LATENCY_BUCKET_BOUNDS_MS);
    for (const value of values) {
      const index = bucketIndex(value, LATENCY_BUCKET_BOUNDS_MS);
      histogram[index] = (histogram[index] ?? 0) + 1;
    }
    return { exact, estimate: estimateQuantile(histogram, LATENCY_BUCKET_BOUNDS_MS, q) ?? 0 };
  }

  // A deterministic spread of integer latencies (the log stores whole milliseconds).
  let state = 7;
  const random = () => {
    state = (state * 48_271) % 2_147_483_647;
    return state / 2_147_483_647;
  };
  const distributions: Record<string, () => number> = {
    "a fast model, 2-10 ms": () => 2 + Math.floor(random() * 9),
    "an API model, lognormal around 700 ms": () =>
      Math.round(
        700 * Math.exp(0.5 * Math.sqrt(-2 * Math.log(random())) * Math.cos(6.283 * random())),
      ),
    "bimodal: cache hits at 3 ms, calls at 1.2 s": () =>
      random() < 0.7 ? 3 + Math.floor(random() * 2) : 1_000 + Math.floor(random() * 400),
    "slow streams, 5-40 s": () => 5_000 + Math.floor(random() * 35_000),
  };

  for (const [name, draw] of Object.entries(distributions)) {
    it(`p50 and p95 of ${name} within a quarter of the truth (or 1 ms)`, () => {
      const values = Array.from({ length: 5_000 }, draw);
      for (const q of [0.5, 0.95]) {
        const { exact, estimate } = compare(values, q);
        expect(
          Math.abs(estimate - exact),
          `q=${q}: exact ${exact}, estimated ${estimate}`,
        ).toBeLessThanOrEqual(Math.max(1, 0.25 * exact));
      }
    });
  }
});
