/** Held-out metrics of a fitted learned router: per candidate, and the cheapest against the best. */

export interface HeldOutRow {
  /** Predicted quality per candidate (NaN = not graded). */
  predicted: Float64Array;
  grades: Float64Array;
}

export function modelMetrics(rows: readonly HeldOutRow[], m: number, trainMean: number) {
  let n = 0;
  let brier = 0;
  let baselineBrier = 0;
  let logLoss = 0;
  const positives: number[] = [];
  const negatives: number[] = [];
  for (const row of rows) {
    const y = row.grades[m] as number;
    if (Number.isNaN(y)) continue;
    const p = Math.min(1 - 1e-9, Math.max(1e-9, row.predicted[m] as number));
    n++;
    brier += (p - y) ** 2;
    baselineBrier += (trainMean - y) ** 2;
    logLoss -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
    if (y >= 0.5) positives.push(p);
    else negatives.push(p);
  }
  const round = (value: number) => Number(value.toFixed(4));
  return {
    outcomes: n,
    brier: n ? round(brier / n) : 0,
    baselineBrier: n ? round(baselineBrier / n) : 0,
    logLoss: n ? round(logLoss / n) : 0,
    auc: auc(positives, negatives),
  };
}

function auc(positives: number[], negatives: number[]): number | null {
  if (positives.length === 0 || negatives.length === 0) return null;
  const all = [
    ...positives.map((p) => ({ p, positive: true })),
    ...negatives.map((p) => ({ p, positive: false })),
  ].sort((a, b) => a.p - b.p);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]?.p === all[i]?.p) j++;
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (all[k]?.positive) rankSum += rank;
    i = j;
  }
  const u = rankSum - (positives.length * (positives.length + 1)) / 2;
  return Number((u / (positives.length * negatives.length)).toFixed(4));
}

/**
 * RouteLLM's APGR for routing between `cheap` and `strong`, requests ranked by the cheap
 * candidate's predicted quality relative to the strong one (the decision's score): 10 equal-count
 * bins, PGR against the share of strong calls. Null when the two never differ.
 */
export function pairApgr(
  rows: readonly HeldOutRow[],
  cheap: number,
  strong: number,
): number | null {
  const graded = rows.filter(
    (row) =>
      !Number.isNaN(row.grades[cheap] as number) && !Number.isNaN(row.grades[strong] as number),
  );
  if (graded.length < 5) return null;
  const scores = graded.map(
    (row) => 1 - (row.predicted[cheap] as number) / Math.max(1e-9, row.predicted[strong] as number),
  );
  const sorted = scores.slice().sort((a, b) => a - b);
  const quantile = (q: number) => {
    const position = (sorted.length - 1) * q;
    const lower = Math.floor(position);
    const a = sorted[lower] as number;
    const b = sorted[Math.ceil(position)] as number;
    return a + (b - a) * (position - lower);
  };
  let cheapQuality = 0;
  let strongQuality = 0;
  for (const row of graded) {
    cheapQuality += row.grades[cheap] as number;
    strongQuality += row.grades[strong] as number;
  }
  cheapQuality /= graded.length;
  strongQuality /= graded.length;
  if (strongQuality === cheapQuality) return null;
  const points: { share: number; quality: number }[] = [];
  for (let i = 0; i <= 10; i++) {
    const edge = quantile(i / 10);
    let strongCalls = 0;
    let quality = 0;
    graded.forEach((row, r) => {
      const score = scores[r] as number;
      const useStrong = i === 10 ? score > edge : score >= edge;
      if (useStrong) strongCalls++;
      quality += (useStrong ? row.grades[strong] : row.grades[cheap]) as number;
    });
    points.push({ share: strongCalls / graded.length, quality: quality / graded.length });
  }
  points.sort((a, b) => a.share - b.share || a.quality - b.quality);
  let area = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as { share: number; quality: number };
    const b = points[i] as { share: number; quality: number };
    area += ((b.share - a.share) * (a.quality + b.quality)) / 2;
  }
  const width = (points[points.length - 1]?.share ?? 0) - (points[0]?.share ?? 0);
  if (width === 0) return null;
  const value = (area - cheapQuality * width) / ((strongQuality - cheapQuality) * width);
  return Number(value.toFixed(4));
}
