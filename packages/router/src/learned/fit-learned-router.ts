/**
 * fitLearnedRouter: outcomes → a LearnedRouter artefact. Pure and deterministic: the seed only
 * chooses the held-out prompts (split by promptKey); the fit itself is a full-batch L-BFGS over a
 * convex objective (objective.ts), so the same outcomes and options give byte-identical JSON.
 */

import { hashString } from "../features/hash";
import { DENSE_SLOTS } from "../features/prompt-features";
import {
  LEARNED_ROUTER_FORMAT,
  LEARNED_ROUTER_FORMAT_VERSION,
  type LearnedReport,
  type LearnedRouter,
} from "./artefact";
import { type HeldOutRow, modelMetrics, pairApgr } from "./held-out";
import { minimise } from "./lbfgs";
import {
  type DesignRow,
  designRow,
  type Layout,
  layoutOf,
  objective,
  type Penalties,
  predictRow,
  priors,
} from "./objective";
import { OUTCOME_FEATURE_VERSION, type Outcome } from "./outcome";
import { type TagCounts, tagEstimates } from "./tag-report";
import { packWeights } from "./weights-codec";

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
  maxIterations?: number;
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

interface Fitted {
  layout: Layout;
  weights: Float64Array;
}

function keptTags(outcomes: readonly Outcome[], maxTags: number, minOutcomes: number): string[] {
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

function meanGrades(outcomes: readonly Outcome[], models: readonly string[]) {
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

function fit(outcomes: readonly Outcome[], options: FitOptions): Fitted & { rows: DesignRow[] } {
  const { models } = options;
  const tags = keptTags(outcomes, options.maxTags ?? 200, options.minTagOutcomes ?? 2);
  const layout = layoutOf(models, options.hashBits ?? 12, tags);
  const tagIndex = new Map(tags.map((tag, i) => [tag, i]));
  const rows = outcomes
    .map((outcome) => designRow(outcome, layout, tagIndex))
    .filter((row): row is DesignRow => row !== null);
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
  const penalties = { ...defaultPenalties, ...options.penalties };
  const prior = priors(layout, penalties, biasMeans);
  models.forEach((model, m) => {
    const q = clampQuality(options.prior?.quality?.[model] ?? pooled);
    prior.precision[m] = Math.max(penalties.bias, priorOutcomes * q * (1 - q));
  });
  const start = Float64Array.from(prior.mean);
  const result = minimise(objective(rows, layout, prior), start, {
    maxIterations: options.maxIterations ?? 150,
    relativeTolerance: 1e-6,
    history: 10,
  });
  return { layout, weights: result.x, rows };
}

const bucketOf = (seed: number, key: string) => hashString(`${seed}:${key}`) % 100;

function heldOutReport(usable: readonly Outcome[], options: FitOptions): LearnedReport["heldOut"] {
  const percent = options.heldOutPercent ?? 20;
  if (percent <= 0) return null;
  const test = usable.filter((o) => bucketOf(options.seed, o.promptKey) < percent);
  const train = usable.filter((o) => bucketOf(options.seed, o.promptKey) >= percent);
  if (test.length < 5 || train.length < 5) return null;
  const fitted = fit(train, options);
  const tagIndex = new Map(fitted.layout.tags.map((tag, i) => [tag, i]));
  const k = options.models.length;
  const rows: HeldOutRow[] = [];
  for (const outcome of test) {
    const row = designRow(outcome, fitted.layout, tagIndex);
    if (!row) continue;
    const predicted = new Float64Array(k);
    const grades = new Float64Array(k).fill(Number.NaN);
    for (let m = 0; m < k; m++) predicted[m] = predictRow(fitted.weights, fitted.layout, row, m);
    row.models.forEach((m, e) => {
      grades[m] = row.grades[e] as number;
    });
    rows.push({ predicted, grades });
  }
  const trainMeans = meanGrades(train, options.models);
  const metrics: Record<string, ReturnType<typeof modelMetrics>> = {};
  options.models.forEach((model, m) => {
    metrics[model] = modelMetrics(rows, m, trainMeans[m]?.mean ?? 0.5);
  });
  let strong = 0;
  trainMeans.forEach((mean, m) => {
    if (mean.mean > (trainMeans[strong]?.mean ?? Number.NEGATIVE_INFINITY)) strong = m;
  });
  const pair =
    k >= 2 && strong !== 0
      ? {
          cheap: options.models[0] as string,
          strong: options.models[strong] as string,
          apgr: pairApgr(rows, 0, strong),
        }
      : null;
  return { train: train.length, test: rows.length, models: metrics, pair };
}

const round = (value: number, digits = 6) => Number(value.toPrecision(digits));

export function fitLearnedRouter(outcomes: readonly Outcome[], options: FitOptions): LearnedRouter {
  const { models } = options;
  if (models.length === 0) throw new Error("fitLearnedRouter: no models");
  if (new Set(models).size !== models.length) throw new Error("fitLearnedRouter: duplicate models");
  const usable = outcomes.filter(
    (o) => o.featureVersion === OUTCOME_FEATURE_VERSION && models.some((model) => o.grades[model]),
  );
  const { layout, weights } = fit(usable, options);
  const k = models.length;
  const shared = layout.blockStart(0);
  const buckets = 1 << layout.hashBits;
  const modelWeights = models.map((model, m) => {
    const own = layout.blockStart(1 + m);
    const combined = (j: number) => (weights[shared + j] as number) + (weights[own + j] as number);
    const dense = Array.from({ length: DENSE_SLOTS }, (_, j) => (j === 0 ? 0 : round(combined(j))));
    const hashed = new Float64Array(buckets);
    for (let j = 0; j < buckets; j++) hashed[j] = combined(layout.hashedStart + j);
    return {
      model,
      bias: round(weights[m] as number),
      dense,
      prior: round(combined(layout.priorSlot)),
      hashed: packWeights(hashed),
    };
  });
  const tagEffects: Record<string, number[]> = {};
  layout.tags.forEach((tag, t) => {
    tagEffects[tag] = models.map((_, m) => {
      const j = layout.tagStart + t;
      return round(
        (weights[shared + j] as number) + (weights[layout.blockStart(1 + m) + j] as number),
      );
    });
  });

  const means = meanGrades(usable, models);
  const counts: TagCounts[] = layout.tags.map((tag) => ({
    tag,
    sums: new Float64Array(k),
    counts: new Float64Array(k),
    outcomes: 0,
  }));
  const byTag = new Map(counts.map((entry) => [entry.tag, entry]));
  for (const outcome of usable) {
    for (const tag of new Set(outcome.tags)) {
      const entry = byTag.get(tag);
      if (!entry) continue;
      entry.outcomes++;
      models.forEach((model, m) => {
        const grade = outcome.grades[model];
        if (!grade) return;
        const weight = outcome.weight ?? 1;
        entry.sums[m] = (entry.sums[m] as number) + grade.quality * weight;
        entry.counts[m] = (entry.counts[m] as number) + weight;
      });
    }
  }
  const report: LearnedReport = {
    skipped: outcomes.length - usable.length,
    models: Object.fromEntries(
      models.map((model, m) => [
        model,
        {
          outcomes: Math.round(means[m]?.count ?? 0),
          mean: round(Number.isNaN(means[m]?.mean) ? 0 : (means[m]?.mean ?? 0), 4),
        },
      ]),
    ),
    tags: tagEstimates(
      counts,
      models,
      means.map((mean) => (Number.isNaN(mean.mean) ? 0.5 : mean.mean)),
    ),
    heldOut: heldOutReport(usable, options),
    settings: {
      seed: options.seed,
      hashBits: layout.hashBits,
      heldOutPercent: options.heldOutPercent ?? 20,
      penalties: { ...defaultPenalties, ...options.penalties },
      prior: options.prior ?? null,
    },
  };
  let hash = hashString(JSON.stringify([modelWeights, tagEffects]));
  hash = hashString(String(usable.length), hash);
  return {
    format: LEARNED_ROUTER_FORMAT,
    formatVersion: LEARNED_ROUTER_FORMAT_VERSION,
    id: `${usable.length}-${hash.toString(16).padStart(8, "0")}`,
    featureVersion: OUTCOME_FEATURE_VERSION,
    hashBits: layout.hashBits,
    models: [...models],
    trainingSize: usable.length,
    weights: modelWeights,
    tags: tagEffects,
    report,
  };
}
