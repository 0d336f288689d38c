/**
 * Threshold → expected strong share, quality and cost, for the console's cost/quality trade-off
 * (training writes one per source file into the weights' training info and MODEL_CARD.md).
 */
import { requestCost } from "./metrics";
import { baselines, type OutcomeRow } from "./summary";

export interface TradeoffRow {
  threshold: number;
  strongShare: number;
  quality: number;
  pgr: number;
  /** Cost as a share of sending everything to the strong model. */
  costShare: number;
}

/**
 * `route`: strong when score ≥ threshold (classifier). `cascade`: escalate when the answer score is
 * under the threshold, paying the cheap call on every request.
 */
export function tradeoffTable(
  rows: readonly OutcomeRow[],
  scores: readonly number[],
  mode: "route" | "cascade",
  thresholds: readonly number[] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
): TradeoffRow[] {
  const base = baselines(rows);
  const n = Math.max(1, rows.length);
  return thresholds.map((threshold) => {
    let strong = 0;
    let quality = 0;
    let cost = 0;
    rows.forEach((row, i) => {
      const value = scores[i] ?? 0;
      const useStrong = mode === "route" ? value >= threshold : value < threshold;
      if (useStrong) strong++;
      quality += useStrong ? row.strongScore : row.cheapScore;
      cost += requestCost(row, useStrong, mode);
    });
    const q = quality / n;
    return {
      threshold,
      strongShare: strong / n,
      quality: q,
      pgr: (q - base.cheapQuality) / (base.strongQuality - base.cheapQuality),
      costShare: cost / base.strongCostUsd,
    };
  });
}
