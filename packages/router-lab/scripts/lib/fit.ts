/** Fits the classifier and the scorer on rows; the hyper-parameters live here, in one place. */
import {
  classifierSize,
  classifierVector,
  gbdtProbability,
  predictSparse,
  SCORER_FEATURES,
  type SparseVector,
  scorerFeatures,
} from "@switchyard/router/training";
import { trainGbdt } from "../../src/model/train-gbdt";
import { trainLogistic } from "../../src/model/train-logistic";
import type { Row } from "./dataset";

export const config = {
  seed: 20241128,
  hashBits: 14,
  folds: 5,
  heldOutPercent: 15,
  classifier: { epochs: 6, learningRate: 0.05, l2: 8 },
  /** Weight of logit P(strong right) next to logit P(cheap wrong) in the classifier score. */
  strongRightWeight: 0.5,
  /**
   * Groups left out of the P(strong right) fit: on MMLU-Pro math and chemistry the recorded strong
   * answers are a run artefact (see the eval README), not a property of the strong model.
   */
  strongRightSkips: ["mmlupro/math", "mmlupro/chemistry"],
  scorer: { trees: 150, depth: 3, learningRate: 0.1, bins: 32, lambda: 1, minHessian: 5 },
};

export interface PreparedRow extends Row {
  /** The classifier's prompt vector (dense cues + hashed n-grams). */
  promptX: SparseVector;
  /** The scorer's vector (dense prompt cues + the cheap answer's cues). */
  scorerX: Float64Array;
}

export function prepare(rows: readonly Row[]): PreparedRow[] {
  return rows.map((row) => ({
    ...row,
    promptX: classifierVector(row.text, row.turns, config.hashBits),
    scorerX: scorerFeatures(row.text, row.turns, row.cheapResponse),
  }));
}

/** Each source file weighs the same in total, whatever its size. */
function sourceWeights(rows: readonly Row[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.source, (counts.get(row.source) ?? 0) + 1);
  const weights = new Map<string, number>();
  const mean = rows.length / Math.max(1, counts.size);
  for (const [source, count] of counts) weights.set(source, mean / count);
  return weights;
}

/**
 * The classifier's weights: logit P(cheap answer wrong) + strongRightWeight · logit P(strong answer
 * right), two logistic models on the same features summed into one weight vector (one dot product
 * at inference). High when the cheap model is likely to fail and the strong one likely to succeed.
 */
function fitClassifier(rows: readonly PreparedRow[]): Float64Array {
  const weights = sourceWeights(rows);
  const fit = (target: (row: PreparedRow) => number, keep: (row: PreparedRow) => boolean) =>
    trainLogistic(
      rows
        .filter((row) => keep(row))
        .map((row) => ({
          x: row.promptX,
          y: target(row),
          weight: weights.get(row.source) ?? 1,
        })),
      { size: classifierSize(config.hashBits), seed: config.seed, ...config.classifier },
    );
  const skips = new Set(config.strongRightSkips);
  const cheapWrong = fit(
    (row) => 1 - row.cheapScore,
    () => true,
  );
  const strongRight = fit(
    (row) => row.strongScore,
    (row) => !skips.has(row.group),
  );
  return cheapWrong.map((w, i) => w + config.strongRightWeight * (strongRight[i] ?? 0));
}

function fitScorer(rows: readonly PreparedRow[]) {
  const weights = sourceWeights(rows);
  const examples = rows.map((row) => ({
    x: row.scorerX,
    y: row.cheapScore,
    weight: weights.get(row.source) ?? 1,
  }));
  return trainGbdt(examples, SCORER_FEATURES, config.scorer);
}

export interface Fitted {
  classifier: Float64Array;
  scorer: ReturnType<typeof fitScorer>;
}

export function fitAll(rows: readonly PreparedRow[]): Fitted {
  return { classifier: fitClassifier(rows), scorer: fitScorer(rows) };
}

export interface Predictions {
  classifier: number[];
  scorer: number[];
}

export function predict(rows: readonly PreparedRow[], fitted: Fitted): Predictions {
  return {
    classifier: rows.map((row) => predictSparse(fitted.classifier, row.promptX)),
    scorer: rows.map((row) => gbdtProbability(fitted.scorer, row.scorerX)),
  };
}
