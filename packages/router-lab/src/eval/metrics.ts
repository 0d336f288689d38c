/**
 * Routing metrics as RouteLLM defines them (routellm/evals/evaluate.py, benchmarks.py):
 * - thresholds: the router's scores cut into `bins` equal-count bins (pandas qcut edges, linear
 *   quantiles); at each edge the strong model gets every request with score >= edge (> for the
 *   last edge);
 * - PGR = (quality - cheap) / (strong - cheap);
 * - APGR = (trapz(quality, strongShare) - trapz(cheap)) / (trapz(strong) - trapz(cheap)) over the
 *   points sorted by strong-call share;
 * - CPT(x) = np.interp(cheap + x (strong - cheap), quality, strongShare).
 */
export interface CurvePoint {
  threshold: number;
  /** Share of requests that called the strong model, in [0, 1]. */
  strongShare: number;
  quality: number;
  costUsd: number;
}

export const pgr = (quality: number, cheapQuality: number, strongQuality: number) =>
  (quality - cheapQuality) / (strongQuality - cheapQuality);

/** numpy's default (linear) quantile of sorted values. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower] ?? 0;
  const b = sorted[upper] ?? 0;
  return a + (b - a) * (position - lower);
}

/** pandas.qcut(scores, bins, retbins=True) edges: bins + 1 thresholds. */
export function qcutThresholds(scores: readonly number[], bins: number): number[] {
  const sorted = scores.slice().sort((a, b) => a - b);
  const edges: number[] = [];
  for (let i = 0; i <= bins; i++) edges.push(quantile(sorted, i / bins));
  return edges;
}

const trapz = (ys: readonly number[], xs: readonly number[]) => {
  let area = 0;
  for (let i = 1; i < xs.length; i++)
    area += (((xs[i] ?? 0) - (xs[i - 1] ?? 0)) * ((ys[i] ?? 0) + (ys[i - 1] ?? 0))) / 2;
  return area;
};

const byShare = (points: readonly CurvePoint[]) =>
  points.slice().sort((a, b) => a.strongShare - b.strongShare || a.quality - b.quality);

export function apgr(
  points: readonly CurvePoint[],
  cheapQuality: number,
  strongQuality: number,
): number {
  const sorted = byShare(points);
  const shares = sorted.map((p) => p.strongShare);
  const area = trapz(
    sorted.map((p) => p.quality),
    shares,
  );
  const width = (shares[shares.length - 1] ?? 0) - (shares[0] ?? 0);
  const cheapArea = cheapQuality * width;
  const strongArea = strongQuality * width;
  return (area - cheapArea) / (strongArea - cheapArea);
}

/**
 * Strong-call share needed to reach `fraction` of the quality gap. np.interp over quality (its
 * points sorted by share); when quality is not monotone, the first crossing along the curve (the
 * same value np.interp gives on a monotone curve). Unreached: the largest share.
 */
export function cpt(
  points: readonly CurvePoint[],
  fraction: number,
  cheapQuality: number,
  strongQuality: number,
): number {
  const sorted = byShare(points);
  const target = cheapQuality + fraction * (strongQuality - cheapQuality);
  const first = sorted[0];
  if (!first) return Number.NaN;
  if (first.quality >= target) return first.strongShare;
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as CurvePoint;
    const b = sorted[i] as CurvePoint;
    if (b.quality >= target) {
      if (b.quality === a.quality) return b.strongShare;
      return (
        a.strongShare +
        ((target - a.quality) / (b.quality - a.quality)) * (b.strongShare - a.strongShare)
      );
    }
  }
  return sorted[sorted.length - 1]?.strongShare ?? Number.NaN;
}

/** The cheapest point whose quality is at least `targetQuality`, or null. */
export function cheapestAtQuality(
  points: readonly CurvePoint[],
  targetQuality: number,
): CurvePoint | null {
  let best: CurvePoint | null = null;
  for (const point of points)
    if (point.quality >= targetQuality - 1e-12 && (best === null || point.costUsd < best.costUsd))
      best = point;
  return best;
}

/** One replayed request: the router's score and both models' recorded score and cost. */
export interface ReplayRow {
  /** Higher = more reason to use the strong model. */
  routeScore: number;
  cheapScore: number;
  strongScore: number;
  cheapCost: number;
  strongCost: number;
  /** A cascade decided this request before the cheap call. */
  preRouted?: boolean;
}

/**
 * What one request pays: pre-routing one call; a cascade the cheap call always and the strong one
 * when it escalates, unless it decided before the cheap call (then one call, as pre-routing).
 */
export function requestCost(
  row: { cheapCost: number; strongCost: number; preRouted?: boolean },
  useStrong: boolean,
  mode: "route" | "cascade",
): number {
  if (mode === "cascade" && row.preRouted !== true)
    return row.cheapCost + (useStrong ? row.strongCost : 0);
  return useStrong ? row.strongCost : row.cheapCost;
}

/**
 * The point for one threshold. Pre-routing pays one call; a cascade pays the cheap call always
 * and the strong one when it escalates.
 */
export function pointAt(
  rows: readonly ReplayRow[],
  threshold: number,
  mode: "route" | "cascade",
  strict = false,
): CurvePoint {
  let strong = 0;
  let quality = 0;
  let cost = 0;
  for (const row of rows) {
    const useStrong = strict ? row.routeScore > threshold : row.routeScore >= threshold;
    if (useStrong) strong++;
    quality += useStrong ? row.strongScore : row.cheapScore;
    cost += requestCost(row, useStrong, mode);
  }
  const n = Math.max(1, rows.length);
  return { threshold, strongShare: strong / n, quality: quality / n, costUsd: cost };
}

/** RouteLLM's sweep: qcut edges, >= at each edge but the last, > at the last. */
export function sweep(
  rows: readonly ReplayRow[],
  bins: number,
  mode: "route" | "cascade",
): CurvePoint[] {
  const edges = qcutThresholds(
    rows.map((row) => row.routeScore),
    bins,
  );
  return edges.map((edge, i) => pointAt(rows, edge, mode, i === edges.length - 1));
}
