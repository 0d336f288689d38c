/**
 * Fixed-bound histograms stored in usage_rollup_hour, so dashboards can estimate percentiles (p50,
 * p95...) from hourly rollups without reading the raw log.
 *
 * With bounds b[0] < b[1] < ... < b[n-1] a histogram has n + 1 counts: bucket 0 holds values
 * below b[0], bucket i holds [b[i-1], b[i]), bucket n holds values >= b[n-1]. This is exactly
 * PostgreSQL's width_bucket(value, bounds), which the rollup SQL uses.
 */

/**
 * About ten buckets a decade from 1 ms to 2 minutes (each bound ~1.25× the last), so a percentile
 * estimated inside a bucket is off by at most about a quarter of its value, at 3 ms as at 3 s.
 * (Bounds starting at 25 ms reported every fast model at ~13 / 24 ms.) Whole milliseconds: the log
 * stores integers. Changing them needs a migration that rebuilds the rollups (see
 * prisma/migrations/*_finer_latency_histograms).
 */
const LOG_SCALE_BOUNDS_MS: readonly number[] = [
  1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 65, 80, 100, 130, 160, 200, 250, 300, 400,
  500, 650, 800, 1000, 1300, 1600, 2000, 2500, 3000, 4000, 5000, 6500, 8000, 10000, 13000, 16000,
  20000, 25000, 30000, 40000, 60000, 90000, 120000,
];

/** Total request latency, milliseconds. */
export const LATENCY_BUCKET_BOUNDS_MS: readonly number[] = LOG_SCALE_BOUNDS_MS;

/** Time to first token of streamed responses, milliseconds. */
export const TTFT_BUCKET_BOUNDS_MS: readonly number[] = LOG_SCALE_BOUNDS_MS;

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
 * Estimated value at quantile `q` (0..1), interpolating linearly inside the bucket over the whole
 * milliseconds it holds (lower … upper − 1: the log stores integers). Values in the
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
      // Whole milliseconds: a bucket [lower, upper) holds lower … upper − 1.
      return lower + ((target - seen) / count) * Math.max(0, upper - 1 - lower);
    }
    seen += count;
  }
  return bounds[bounds.length - 1] ?? null;
}
