/** Summarises one strategy's replay: the RouteLLM metrics plus dollar cost at 95% of strong quality. */
import { apgr, type CurvePoint, cheapestAtQuality, cpt, type ReplayRow, sweep } from "./metrics";

export interface OutcomeRow {
  cheapScore: number;
  strongScore: number;
  cheapCost: number;
  strongCost: number;
  /** A cascade decides this request before the cheap call (it pays one call, like pre-routing). */
  preRouted?: boolean;
}

export interface StrategySummary {
  apgr: number;
  cpt50: number;
  cpt80: number;
  /** Share of the all-strong cost saved by the cheapest swept point reaching 95% of strong quality. */
  savedAt95: number | null;
  savedAt95Usd: number | null;
  /** RouteLLM's 10-bin sweep (the APGR/CPT points). */
  points: CurvePoint[];
  /** A 100-bin sweep, for cost/quality trade-offs. */
  densePoints: CurvePoint[];
}

export interface Baselines {
  cheapQuality: number;
  strongQuality: number;
  cheapCostUsd: number;
  strongCostUsd: number;
}

export function baselines(rows: readonly OutcomeRow[]): Baselines {
  const n = Math.max(1, rows.length);
  let cheapQuality = 0;
  let strongQuality = 0;
  let cheapCostUsd = 0;
  let strongCostUsd = 0;
  for (const row of rows) {
    cheapQuality += row.cheapScore;
    strongQuality += row.strongScore;
    cheapCostUsd += row.cheapCost;
    strongCostUsd += row.strongCost;
  }
  return {
    cheapQuality: cheapQuality / n,
    strongQuality: strongQuality / n,
    cheapCostUsd,
    strongCostUsd,
  };
}

export function summarise(
  rows: readonly OutcomeRow[],
  routeScores: readonly number[],
  mode: "route" | "cascade",
  bins = 10,
): StrategySummary {
  const base = baselines(rows);
  const replay: ReplayRow[] = rows.map((row, i) => ({ ...row, routeScore: routeScores[i] ?? 0 }));
  const points = sweep(replay, bins, mode);
  const densePoints = sweep(replay, 100, mode);
  const best = cheapestAtQuality(densePoints, 0.95 * base.strongQuality);
  return {
    apgr: apgr(points, base.cheapQuality, base.strongQuality),
    cpt50: cpt(points, 0.5, base.cheapQuality, base.strongQuality),
    cpt80: cpt(points, 0.8, base.cheapQuality, base.strongQuality),
    savedAt95: best ? 1 - best.costUsd / base.strongCostUsd : null,
    savedAt95Usd: best ? base.strongCostUsd - best.costUsd : null,
    points,
    densePoints,
  };
}
