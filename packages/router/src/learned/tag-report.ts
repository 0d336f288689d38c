/**
 * Per-tag quality estimates for the report: each candidate's mean grade on a tag's outcomes,
 * shrunk toward its global mean by a beta-binomial empirical-Bayes prior, with an approximate
 * 90% interval. The strength of the prior (κ pseudo-outcomes) is estimated from how much the
 * tags' means spread beyond their sampling noise (method of moments), between 2 and 200.
 */
export interface TagCounts {
  tag: string;
  /** Per model: sum of grades and number of graded outcomes (weighted). */
  sums: Float64Array;
  counts: Float64Array;
  outcomes: number;
}

export interface Estimate {
  outcomes: number;
  mean: number;
  estimate: number;
  low: number;
  high: number;
}

const Z90 = 1.6449;
const round = (value: number) => Number(value.toFixed(4));

/** κ for one model: μ(1−μ)/τ² − 1, with τ² the tags' spread beyond sampling noise. */
function priorStrength(tags: readonly TagCounts[], m: number, globalMean: number): number {
  const means: number[] = [];
  let noise = 0;
  for (const tag of tags) {
    const n = tag.counts[m] as number;
    if (n < 2) continue;
    const mean = (tag.sums[m] as number) / n;
    means.push(mean);
    noise += (globalMean * (1 - globalMean)) / n;
  }
  if (means.length < 2) return 20;
  const average = means.reduce((a, b) => a + b, 0) / means.length;
  const spread = means.reduce((a, b) => a + (b - average) ** 2, 0) / (means.length - 1);
  const between = spread - noise / means.length;
  if (between <= 0) return 200;
  return Math.min(200, Math.max(2, (globalMean * (1 - globalMean)) / between - 1));
}

export function tagEstimates(
  tags: readonly TagCounts[],
  models: readonly string[],
  globalMeans: readonly number[],
): { tag: string; outcomes: number; models: Record<string, Estimate> }[] {
  const strengths = models.map((_, m) => priorStrength(tags, m, globalMeans[m] ?? 0.5));
  return tags.map((tag) => {
    const estimates: Record<string, Estimate> = {};
    models.forEach((model, m) => {
      const n = tag.counts[m] as number;
      if (n === 0) return;
      const mu = globalMeans[m] ?? 0.5;
      const kappa = strengths[m] as number;
      const mean = (tag.sums[m] as number) / n;
      const estimate = (tag.sums[m] as number) / (n + kappa) + (kappa * mu) / (n + kappa);
      const half = Z90 * Math.sqrt((estimate * (1 - estimate)) / (n + kappa + 1));
      estimates[model] = {
        outcomes: Math.round(n),
        mean: round(mean),
        estimate: round(estimate),
        low: round(Math.max(0, estimate - half)),
        high: round(Math.min(1, estimate + half)),
      };
    });
    return { tag: tag.tag, outcomes: tag.outcomes, models: estimates };
  });
}
