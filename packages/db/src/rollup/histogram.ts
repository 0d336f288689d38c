/**
 * Fixed-bound histograms stored in usage_rollup_hour, so dashboards can estimate percentiles (p50,
 * p95...) from hourly rollups without reading the raw log.
 *
 * With bounds b[0] < b[1] < ... < b[n-1] a histogram has n + 1 counts: bucket 0 holds values
 * below b[0], bucket i holds [b[i-1], b[i]), bucket n holds values >= b[n-1]. This is exactly
 * PostgreSQL's width_bucket(value, bounds), which the rollup SQL uses.
 */

/** Total request latency, milliseconds. */
export const LATENCY_BUCKET_BOUNDS_MS: readonly number[] = [
  25, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 7500, 10000, 15000, 20000, 30000,
  60000, 120000,
];

/** Time to first token of streamed responses, milliseconds. */
export const TTFT_BUCKET_BOUNDS_MS: readonly number[] = [
  10, 25, 50, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000, 30000,
];

/** Index of the bucket `value` falls in (0..bounds.length). */
export function bucketIndex(value: number, bounds: readonly number[]): number {
  let index = 0;
  while (index < bounds.length && value >= (bounds[index] ?? Number.POSITIVE_INFINITY)) index += 1;
  return index;
}

export function emptyHistogram(bounds: readonly number[]): number[] {
  return new Array<number>(bounds.length + 1).fill(0);
}

/** Element-wise sum (e.g. of several hours' rollups). Missing trailing elements count as 0. */
export function addHistograms(a: readonly number[], b: readonly number[]): number[] {
  const length = Math.max(a.length, b.length);
  return Array.from({ length }, (_, index) => (a[index] ?? 0) + (b[index] ?? 0));
}

/**
 * Estimated value at quantile `q` (0..1), interpolating linearly inside the bucket. Values in the
 * overflow bucket are reported as its lower bound (the histogram knows nothing above it). Returns
 * null for an empty histogram.
 */
export function estimateQuantile(
  histogram: readonly number[],
  bounds: readonly number[],
  q: number,
): number | null {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const target = Math.min(Math.max(q, 0), 1) * total;
  let seen = 0;
  for (let index = 0; index < histogram.length; index += 1) {
    const count = histogram[index] ?? 0;
    if (count > 0 && seen + count >= target) {
      const lower = index === 0 ? 0 : (bounds[index - 1] ?? 0);
      const upper = bounds[index];
      if (upper === undefined) return lower;
      return lower + ((target - seen) / count) * (upper - lower);
    }
    seen += count;
  }
  return bounds[bounds.length - 1] ?? null;
}
