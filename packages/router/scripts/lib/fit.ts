/** Fits the classifier and the scorer on rows; the hyper-parameters live here, in one place. */
import { classifierSize, classifierVector } from "../../src/classifier/complexity-classifier";
import type { SparseVector } from "../../src/features/sink";
import { gbdtProbability } from "../../src/model/gbdt";
import { predictSparse } from "../../src/model/logistic";
import { trainGbdt } from "../../src/model/train-gbdt";
import { type Example, trainLogistic } from "../../src/model/train-logistic";
import { SCORER_FEATURES, scorerFeatures } from "../../src/scorer/quality-scorer";
import type { Row } from "./dataset";

export const config = {
  seed: 20241128,
  hashBits: 14,
  folds: 5,
  heldOutPercent: 15,
  classifier: { epochs: 6, learningRate: 0.05, l2: 2 },
  scorer: { trees: 150, depth: 3, learningRate: 0.1, bins: 32, lambda: 1, minHessian: 5 },
};

export interface PreparedRow extends Row {
  classifierX: SparseVector;
  scorerX: Float64Array;
}

export function prepare(rows: readonly Row[]): PreparedRow[] {
  return rows.map((row) => ({
    ...row,
    classifierX: classifierVector(row.text, row.turns, config.hashBits),
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

export function fitClassifier(rows: readonly PreparedRow[]): Float64Array {
  const weights = sourceWeights(rows);
  const examples: Example[] = rows.map((row) => ({
    x: row.classifierX,
    y: 1 - row.cheapScore,
    weight: weights.get(row.source) ?? 1,
  }));
  return trainLogistic(examples, {
    size: classifierSize(config.hashBits),
    seed: config.seed,
    ...config.classifier,
  });
}

export type ScorerModel = ReturnType<typeof trainGbdt>;

export function fitScorer(rows: readonly PreparedRow[]): ScorerModel {
  const weights = sourceWeights(rows);
  const examples = rows.map((row) => ({
    x: row.scorerX,
    y: row.cheapScore,
    weight: weights.get(row.source) ?? 1,
  }));
  return trainGbdt(examples, SCORER_FEATURES, config.scorer);
}

export interface Predictions {
  classifier: number[];
  scorer: number[];
}

export function predict(
  rows: readonly PreparedRow[],
  classifier: Float64Array,
  scorer: ScorerModel,
): Predictions {
  return {
    classifier: rows.map((row) => predictSparse(classifier, row.classifierX)),
    scorer: rows.map((row) => gbdtProbability(scorer, row.scorerX)),
  };
}
