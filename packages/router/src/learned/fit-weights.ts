/** One fit of the learner's weights (objective.ts) on a set of outcomes. */

import type { CascadeVerdictOptions } from "./cascade-verdicts";
import { minimiseSteps } from "./lbfgs";
import {
  type DesignRow,
  designRow,
  type Layout,
  layoutOf,
  objective,
  type Penalties,
  priors,
} from "./objective";
import type { Outcome } from "./outcome";
import type { Steps } from "./steps";

export interface FitOptions {
  /** The candidates, cheapest first (the held-out pair compares the first with the best). */
  models: readonly string[];
  /** Chooses the held-out prompts. */
  seed: number;
  /**
   * What is believed before any outcome: each candidate's expected quality (e.g. from a public
   * benchmark or an earlier artefact), worth `outcomes` observations. Default: the mean grade of
   * all candidates, worth 2 outcomes.
   */
  prior?: { quality?: Record<string, number>; outcomes?: number };
  /** Hashed buckets 2^hashBits (≤ 14); default 12. */
  hashBits?: number;
  /** Share of prompts held out for the report (0 = no held-out fit); default 20. */
  heldOutPercent?: number;
  /** Tags kept as features: seen on at least `minTagOutcomes` outcomes, the `maxTags` most frequent. */
  maxTags?: number;
  minTagOutcomes?: number;
  penalties?: Partial<Penalties>;
  /**
   * Multiplies the text penalties (dense cues and hashed n-grams); default 1. Higher holds the
   * prompt's words back more (traffic whose words say little about quality), lower trusts them
   * sooner. Choosing it per team by held-out log-loss was tried: the differences were within the
   * noise of a 20% split (see the lab's README).
   */
  textScale?: number;
  maxIterations?: number;
  /** A cascade between two of the models: also decide per tag whether cascading pays. */
  cascade?: CascadeVerdictOptions;
}

/**
 * Prior precisions (1/variance, logit scale). Text (dense cues, hashed n-grams) a priori moves a
 * candidate's logit by about ±0.6 (one sd: a prompt's features have a squared norm of 2–5), so
 * tens of outcomes cannot memorise prompts while hundreds that agree can move it; a tag's
 * effect is a priori ±1 (shared ±0.7 plus own ±0.7), so it takes about five outcomes of a tag
 * to move its estimate halfway from the global one to the tag's own mean. Measured against ±1.4 and ±0.3 on the dev files (learning curves in the lab's README).
 */
export const defaultPenalties: Penalties = {
  bias: 0,
  sharedDense: 5,
  ownDense: 10,
  sharedHashed: 5,
  ownHashed: 10,
  sharedTag: 2,
  ownTag: 2,
  classifier: 4,
};

const clampQuality = (q: number) => Math.min(0.98, Math.max(0.02, q));
const logit = (q: number) => Math.log(q / (1 - q));

export interface Fitted {
  layout: Layout;
  weights: Float64Array;
}

export function keptTags(
  outcomes: readonly Outcome[],
  maxTags: number,
  minOutcomes: number,
): string[] {
  const counts = new Map<string, number>();
  for (const outcome of outcomes)
    for (const tag of new Set(outcome.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts.entries()]
    .filter(([, count]) => count >= minOutcomes)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxTags)
    .map(([tag]) => tag)
    .sort();
}

export function meanGrades(outcomes: readonly Outcome[], models: readonly string[]) {
  return models.map((model) => {
    let sum = 0;
    let count = 0;
    for (const outcome of outcomes) {
      const grade = outcome.grades[model];
      if (!grade) continue;
      sum += grade.quality * (outcome.weight ?? 1);
      count += outcome.weight ?? 1;
    }
    return { sum, count, mean: count > 0 ? sum / count : Number.NaN };
  });
}

/** Rows built between two steps (a fit on thousands of outcomes yields while it lays them out). */
const ROWS_PER_STEP = 200;

export function* fitWeights(
  outcomes: readonly Outcome[],
  options: FitOptions,
  textScale: number,
): Steps<Fitted> {
  const { models } = options;
  const tags = keptTags(outcomes, options.maxTags ?? 200, options.minTagOutcomes ?? 2);
  const layout = layoutOf(models, options.hashBits ?? 12, tags);
  const tagIndex = new Map(tags.map((tag, i) => [tag, i]));
  const rows: DesignRow[] = [];
  for (const [i, outcome] of outcomes.entries()) {
    const row = designRow(outcome, layout, tagIndex);
    if (row !== null) rows.push(row);
    if (i % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
  }
  const means = meanGrades(outcomes, models);
  let total = 0;
  let count = 0;
  for (const mean of means) {
    total += mean.sum;
    count += mean.count;
  }
  const pooled = clampQuality(count > 0 ? total / count : 0.5);
  const priorOutcomes = options.prior?.outcomes ?? 2;
  const biasMeans = models.map((model) =>
    logit(clampQuality(options.prior?.quality?.[model] ?? pooled)),
  );
  const given = { ...defaultPenalties, ...options.penalties };
  const penalties: Penalties = {
    ...given,
    sharedDense: given.sharedDense * textScale,
    ownDense: given.ownDense * textScale,
    sharedHashed: given.sharedHashed * textScale,
    ownHashed: given.ownHashed * textScale,
  };
  const prior = priors(layout, penalties, biasMeans);
  models.forEach((model, m) => {
    const q = clampQuality(options.prior?.quality?.[model] ?? pooled);
    prior.precision[m] = Math.max(penalties.bias, priorOutcomes * q * (1 - q));
  });
  const start = Float64Array.from(prior.mean);
  const result = yield* minimiseSteps(objective(rows, layout, prior), start, {
    maxIterations: options.maxIterations ?? 150,
    relativeTolerance: 1e-6,
    history: 10,
  });
  return { layout, weights: result.x };
}
