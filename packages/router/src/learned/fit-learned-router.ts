/**
 * fitLearnedRouter: outcomes → a LearnedRouter artefact. Pure and deterministic: the seed only
 * chooses the held-out prompts (split by promptKey); each fit is a full-batch L-BFGS over a
 * convex objective (objective.ts), so the same outcomes and options give byte-identical JSON.
 * The held-out report (validation.ts) costs one more fit; heldOutPercent 0 skips it.
 */
import { hashString } from "../features/hash";
import { DENSE_SLOTS } from "../features/prompt-features";
import {
  LEARNED_ROUTER_FORMAT,
  LEARNED_ROUTER_FORMAT_VERSION,
  type LearnedReport,
  type LearnedRouter,
} from "./artefact";
import { cascadeVerdicts } from "./cascade-verdicts";
import { defaultPenalties, type FitOptions, fitWeights, meanGrades } from "./fit-weights";
import { OUTCOME_FEATURE_VERSION, type Outcome } from "./outcome";
import { runSliced, runSync, type Steps } from "./steps";
import { type TagCounts, tagEstimates } from "./tag-report";
import { heldOutReport } from "./validation";
import { packWeights } from "./weights-codec";

export { defaultPenalties, type FitOptions } from "./fit-weights";

/** A tag's grades, plus its graded answers' costs (USD, where known) per model. */
interface TagTally extends TagCounts {
  costs: Float64Array;
  costCounts: Float64Array;
}

const round = (value: number, digits = 6) => Number(value.toPrecision(digits));

/** Fits an artefact at once (tests, evaluations, scripts). */
export function fitLearnedRouter(outcomes: readonly Outcome[], options: FitOptions): LearnedRouter {
  return runSync(fitLearnedRouterSteps(outcomes, options));
}

/**
 * The same fit, giving the event loop back every `sliceMs` of work: what a serving process uses,
 * so a fit on thousands of outcomes delays its requests by one slice, not by the whole fit.
 */
export function fitLearnedRouterAsync(
  outcomes: readonly Outcome[],
  options: FitOptions,
  sliceMs = 10,
): Promise<LearnedRouter> {
  return runSliced(fitLearnedRouterSteps(outcomes, options), sliceMs);
}

function* fitLearnedRouterSteps(
  outcomes: readonly Outcome[],
  options: FitOptions,
): Steps<LearnedRouter> {
  const { models } = options;
  if (models.length === 0) throw new Error("fitLearnedRouter: no models");
  if (new Set(models).size !== models.length) throw new Error("fitLearnedRouter: duplicate models");
  const usable = outcomes.filter(
    (o) => o.featureVersion === OUTCOME_FEATURE_VERSION && models.some((model) => o.grades[model]),
  );
  const textScale = options.textScale ?? 1;
  const { layout, weights } = yield* fitWeights(usable, options, textScale);
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
  const counts: TagTally[] = layout.tags.map((tag) => ({
    tag,
    sums: new Float64Array(k),
    counts: new Float64Array(k),
    costs: new Float64Array(k),
    costCounts: new Float64Array(k),
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
        if (grade.costUsd === undefined) return;
        entry.costs[m] = (entry.costs[m] as number) + grade.costUsd;
        entry.costCounts[m] = (entry.costCounts[m] as number) + 1;
      });
    }
  }
  const heldOut = yield* heldOutReport(usable, options, textScale);
  const globalMeans = means.map((mean) => (Number.isNaN(mean.mean) ? 0.5 : mean.mean));
  const tagReport = tagEstimates(counts, models, globalMeans);
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
    tags: tagReport,
    heldOut,
    settings: {
      textScale,
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
    ...(options.cascade && {
      cascade: cascadeFor(options.cascade, models, counts, tagReport, globalMeans),
    }),
  };
}

/** The cascade's per-tag verdicts from the tag report and the outcomes' costs. */
function cascadeFor(
  cascade: NonNullable<FitOptions["cascade"]>,
  models: readonly string[],
  counts: readonly TagTally[],
  tagReport: ReturnType<typeof tagEstimates>,
  globalMeans: readonly number[],
) {
  const c = models.indexOf(cascade.cheap);
  const s = models.indexOf(cascade.strong);
  if (c < 0 || s < 0) throw new Error("fitLearnedRouter: the cascade's models are not candidates");
  const meanCost = (entry: TagTally, m: number) => {
    const n = entry.costCounts[m] as number;
    return n > 0 ? (entry.costs[m] as number) / n : undefined;
  };
  const evidence = tagReport.map((tag, t) => {
    const entry = counts[t] as TagTally;
    return {
      tag: tag.tag,
      cheap: tag.models[cascade.cheap],
      strong: tag.models[cascade.strong],
      cheapCost: meanCost(entry, c),
      strongCost: meanCost(entry, s),
    };
  });
  return cascadeVerdicts(evidence, globalMeans[s] ?? 0.5, cascade);
}
