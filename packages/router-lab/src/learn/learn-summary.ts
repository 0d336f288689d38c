/**
 * Metrics of a learning-loop run, on the requests that were NOT calibration samples. Two
 * candidates: RouteLLM's APGR / CPT over the share of strong calls, the requests ranked by
 * 1 − r_cheap (sweeping minQuality over its quantiles). More candidates: the same formulas with
 * the x axis the cost between all-cheapest (0) and all-most-expensive (1), sweeping minQuality.
 * Saved at 95%: share of the all-most-expensive cost saved by the cheapest swept point whose
 * quality reaches 95% of that model's.
 */
import { chooseByRelativeQuality } from "@switchyard/router/training";
import { apgr, type CurvePoint, cheapestAtQuality, cpt, qcutThresholds } from "../eval/metrics";
import { type OutcomeRow, type StrategySummary, summarise } from "../eval/summary";
import { seededRandom } from "../model/train-logistic";
import type { LoopRequest } from "./learning-loop";

export interface LearnedStrategySummary extends StrategySummary {
  /** x axis of points: "strongShare" (two candidates) or "cost" (normalised, more). */
  axis: "strongShare" | "cost";
}

const relativeOfCheapest = (q: Float64Array) => {
  let best = 0;
  for (const value of q) best = Math.max(best, value);
  return best > 0 ? (q[0] as number) / best : 1;
};

/** Two candidates: the RouteLLM summary of a route score (higher = strong). */
function pairSummary(
  requests: readonly LoopRequest[],
  scores: readonly number[],
): LearnedStrategySummary {
  const rows: OutcomeRow[] = requests.map((r) => ({
    cheapScore: r.scores[0] as number,
    strongScore: r.scores[1] as number,
    cheapCost: r.costs[0] as number,
    strongCost: r.costs[1] as number,
  }));
  return { ...summarise(rows, scores, "route"), axis: "strongShare" };
}

/** Any number of candidates: choose per request at each minQuality, x = normalised cost. */
function multiPoints(
  requests: readonly LoopRequest[],
  qualities: readonly Float64Array[],
  thresholds: readonly number[],
): CurvePoint[] {
  const k = requests[0]?.scores.length ?? 0;
  let low = 0;
  let high = 0;
  for (const r of requests) {
    low += r.costs[0] as number;
    high += r.costs[k - 1] as number;
  }
  const n = Math.max(1, requests.length);
  return thresholds.map((threshold) => {
    let quality = 0;
    let cost = 0;
    requests.forEach((r, i) => {
      const { index } = chooseByRelativeQuality(qualities[i] as Float64Array, threshold);
      quality += r.scores[index] as number;
      cost += r.costs[index] as number;
    });
    return {
      threshold,
      strongShare: high > low ? (cost - low) / (high - low) : 0,
      quality: quality / n,
      costUsd: cost,
    };
  });
}

function multiSummary(
  requests: readonly LoopRequest[],
  qualities: readonly Float64Array[],
): LearnedStrategySummary {
  const k = requests[0]?.scores.length ?? 0;
  const relatives: number[] = [];
  for (const q of qualities) {
    let best = 0;
    for (const value of q) best = Math.max(best, value);
    for (let i = 0; i < k; i++) relatives.push(best > 0 ? (q[i] as number) / best : 1);
  }
  const edges = (bins: number) => [...new Set([0, ...qcutThresholds(relatives, bins), 1.000001])];
  const points = multiPoints(requests, qualities, edges(10));
  const densePoints = multiPoints(requests, qualities, edges(100));
  const n = Math.max(1, requests.length);
  let cheapQuality = 0;
  let strongQuality = 0;
  let strongCost = 0;
  for (const r of requests) {
    cheapQuality += (r.scores[0] as number) / n;
    strongQuality += (r.scores[k - 1] as number) / n;
    strongCost += r.costs[k - 1] as number;
  }
  const best = cheapestAtQuality(densePoints, 0.95 * strongQuality);
  return {
    apgr: apgr(points, cheapQuality, strongQuality),
    cpt50: cpt(points, 0.5, cheapQuality, strongQuality),
    cpt80: cpt(points, 0.8, cheapQuality, strongQuality),
    savedAt95: best ? 1 - best.costUsd / strongCost : null,
    savedAt95Usd: best ? strongCost - best.costUsd : null,
    points,
    densePoints,
    axis: "cost",
  };
}

/** The learned router's summary (from each request's predicted qualities). */
export function learnedSummary(requests: readonly LoopRequest[]): LearnedStrategySummary {
  const k = requests[0]?.scores.length ?? 0;
  if (k === 2) {
    const summary = pairSummary(
      requests,
      requests.map((r) => 1 - relativeOfCheapest(r.qualities)),
    );
    // Report the sweep on the minQuality scale: cheap when r_cheap ≥ minQuality = 1 − score edge.
    const flip = (points: CurvePoint[]) =>
      points.map((p) => ({ ...p, threshold: 1 - p.threshold }));
    return { ...summary, points: flip(summary.points), densePoints: flip(summary.densePoints) };
  }
  return multiSummary(
    requests,
    requests.map((r) => r.qualities),
  );
}

/**
 * Reference routers on the same requests: random, the per-request oracle, the subject oracle
 * (each category's true mean gain on these very requests: the ceiling of a router that knows only
 * the tag) and, when the file records at least three other models on every prompt, the
 * difficulty oracle (1 − their mean score on the prompt: the ceiling of knowing how hard the
 * prompt is for others). Two candidates only; more get the best single model.
 */
export function referenceSummaries(
  requests: readonly LoopRequest[],
  seed: number,
  models: readonly string[],
): {
  random: LearnedStrategySummary;
  oracle: LearnedStrategySummary;
  subjectOracle?: LearnedStrategySummary;
  difficultyOracle?: LearnedStrategySummary;
} {
  const k = requests[0]?.scores.length ?? 0;
  const random = seededRandom(seed + 7);
  if (k === 2) {
    const gain = (r: LoopRequest) => (r.scores[1] as number) - (r.scores[0] as number);
    const totals = new Map<string, { sum: number; count: number }>();
    for (const r of requests) {
      const key = r.record.category ?? "";
      const total = totals.get(key) ?? { sum: 0, count: 0 };
      total.sum += gain(r);
      total.count++;
      totals.set(key, total);
    }
    const jitter = seededRandom(seed + 8);
    const result: ReturnType<typeof referenceSummaries> = {
      random: pairSummary(
        requests,
        requests.map(() => random()),
      ),
      oracle: pairSummary(requests, requests.map(gain)),
    };
    if (totals.size > 1)
      result.subjectOracle = pairSummary(
        requests,
        requests.map((r) => {
          const total = totals.get(r.record.category ?? "") as { sum: number; count: number };
          return total.sum / total.count + jitter() * 1e-9;
        }),
      );
    const others = (r: LoopRequest) =>
      Object.entries(r.record.outcomes)
        .filter(([model]) => !models.includes(model))
        .map(([, outcome]) => outcome.score);
    if (requests.length > 0 && requests.every((r) => others(r).length >= 3))
      result.difficultyOracle = pairSummary(
        requests,
        requests.map((r) => {
          const scores = others(r);
          return 1 - scores.reduce((a, b) => a + b, 0) / scores.length + jitter() * 1e-9;
        }),
      );
    return result;
  }
  // Random choice among the candidates, at every mix: quality and cost of each model's share.
  const randomQualities = requests.map(() => Float64Array.from({ length: k }, () => random()));
  // The oracle: the cheapest candidate with the best recorded score (relative 1), others by score.
  const oracleQualities = requests.map((r) => Float64Array.from(r.scores, (s) => s + 1e-6));
  return {
    random: multiSummary(requests, randomQualities),
    oracle: multiSummary(requests, oracleQualities),
  };
}

/** The cheapest single candidate whose mean quality reaches 95% of the most expensive one's. */
export function bestSingleModel(requests: readonly LoopRequest[], models: readonly string[]) {
  const k = models.length;
  const n = Math.max(1, requests.length);
  const quality = models.map(
    (_, m) => requests.reduce((a, r) => a + (r.scores[m] as number), 0) / n,
  );
  const cost = models.map((_, m) => requests.reduce((a, r) => a + (r.costs[m] as number), 0));
  const target = 0.95 * (quality[k - 1] as number);
  const index = quality.findIndex((q) => q >= target - 1e-12);
  return {
    model: models[index] as string,
    quality: quality[index] as number,
    savedShare: 1 - (cost[index] as number) / (cost[k - 1] as number),
    perModel: models.map((model, m) => ({
      model,
      quality: quality[m] as number,
      costUsd: cost[m] as number,
    })),
  };
}

export interface Calibration {
  minQuality: number;
  sampled: number;
  /** Every candidate's call and every judge call on the sampled requests. */
  grossUsd: number;
  judgeUsd: number;
  /** Gross minus the call that serves the request (the routed model's). */
  calibrationUsd: number;
  /** The routed calls of the requests that were not sampled. */
  routedUsd: number;
  /** calibrationUsd / (routedUsd + grossUsd): what calibration adds to the total spend. */
  share: number;
  /** grossUsd / (routedUsd + grossUsd). */
  grossShare: number;
  quality: number;
  /** 1 − (routed + gross) / (every request on the most expensive candidate). */
  savedWithCalibration: number;
}

/** The spend at one operating point (minQuality), calibration included. */
export function calibrationAt(requests: readonly LoopRequest[], minQuality: number): Calibration {
  let sampled = 0;
  let grossUsd = 0;
  let judgeUsd = 0;
  let calibrationUsd = 0;
  let routedUsd = 0;
  let strongUsd = 0;
  let quality = 0;
  let evaluated = 0;
  for (const r of requests) {
    const { index } = chooseByRelativeQuality(r.qualities, minQuality);
    const served = r.costs[index] as number;
    strongUsd += r.costs[r.costs.length - 1] as number;
    if (r.sampled) {
      const gross = r.grossUsd;
      sampled++;
      grossUsd += gross;
      judgeUsd += r.judgeCost;
      // The sample's calls beyond the one that serves at this minQuality (the run's own served
      // answer may differ when another minQuality is read off the same run).
      calibrationUsd += Math.max(0, gross - served);
    } else {
      routedUsd += served;
      quality += r.scores[index] as number;
      evaluated++;
    }
  }
  const total = routedUsd + grossUsd;
  return {
    minQuality,
    sampled,
    grossUsd,
    judgeUsd,
    calibrationUsd,
    routedUsd,
    share: total > 0 ? calibrationUsd / total : 0,
    grossShare: total > 0 ? grossUsd / total : 0,
    quality: quality / Math.max(1, evaluated),
    savedWithCalibration: strongUsd > 0 ? 1 - total / strongUsd : 0,
  };
}
