/**
 * Fits the subject model, the classifier and the scorer on rows; the hyper-parameters live here,
 * in one place. The subject model is refitted inside every training set, and the training rows'
 * own subject features come from inner folds (stacking), so no evaluation sees a subject model
 * that read its rows.
 */
import {
  classifierSize,
  classifierVector,
  DENSE_SLOTS,
  gbdtProbability,
  predictSparse,
  SCORER_FEATURES,
  type SparseVector,
  SUBJECT_BASE,
  type SubjectModel,
  scorerFeatures,
  subjectProbabilities,
} from "@switchyard/router/training";
import { trainGbdt } from "../../src/model/train-gbdt";
import { trainLogistic } from "../../src/model/train-logistic";
import { trainSubjectModel } from "../../src/model/train-subject";
import { bucketOf, type Row } from "./dataset";

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
  /**
   * The subject model is off: with it on, every evaluation moved by under 0.006 APGR (MODEL_CARD.md)
   * and the classifier's decision time about doubled.
   */
  subject: { enabled: false, bits: 12, smoothing: 0.05, temperature: 4, innerFolds: 5 },
  scorer: { trees: 150, depth: 3, learningRate: 0.1, bins: 32, lambda: 1, minHessian: 5 },
};

export interface PreparedRow extends Row {
  /** Prompt vector without subject features (dense cues + hashed n-grams). */
  promptX: SparseVector;
  /** Scorer vector without subject features. */
  scorerBase: Float64Array;
}

export function prepare(rows: readonly Row[]): PreparedRow[] {
  return rows.map((row) => ({
    ...row,
    promptX: classifierVector(row.text, row.turns, config.hashBits),
    scorerBase: scorerFeatures(row.text, row.turns, row.cheapResponse),
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

export function fitSubject(rows: readonly PreparedRow[]): SubjectModel {
  return trainSubjectModel(
    rows.map((row) => ({ x: row.promptX, label: row.group })),
    { offset: DENSE_SLOTS, ...config.subject },
  );
}

/** A row's features once the subject probabilities are known. */
export interface Featured {
  row: PreparedRow;
  classifierX: SparseVector;
  scorerX: Float64Array;
}

function withSubject(row: PreparedRow, probabilities: Float64Array): Featured {
  const extra = probabilities.length;
  const indices = new Int32Array(row.promptX.indices.length + extra);
  const values = new Float64Array(indices.length);
  indices.set(row.promptX.indices);
  values.set(row.promptX.values);
  for (let s = 0; s < extra; s++) {
    indices[row.promptX.indices.length + s] = SUBJECT_BASE + s;
    values[row.promptX.indices.length + s] = probabilities[s] ?? 0;
  }
  return { row, classifierX: { indices, values }, scorerX: row.scorerBase };
}

/** Test rows: subject probabilities from a model fitted on all the training rows. */
export const featured = (rows: readonly PreparedRow[], subject: SubjectModel) =>
  rows.map((row) => withSubject(row, subjectProbabilities(subject, row.promptX, DENSE_SLOTS)));

/** Training rows: subject probabilities from inner folds that did not read the row. */
export function stacked(rows: readonly PreparedRow[]): Featured[] {
  const folds = config.subject.innerFolds;
  const foldOf = rows.map((row) => bucketOf(row.id, "subject-fold", folds));
  const out = new Array<Featured>(rows.length);
  for (let fold = 0; fold < folds; fold++) {
    const subject = fitSubject(rows.filter((_, i) => foldOf[i] !== fold));
    rows.forEach((row, i) => {
      if (foldOf[i] === fold)
        out[i] = withSubject(row, subjectProbabilities(subject, row.promptX, DENSE_SLOTS));
    });
  }
  return out;
}

/**
 * The classifier's weights: logit P(cheap answer wrong) + strongRightWeight · logit P(strong answer
 * right), two logistic models on the same features summed into one weight vector (one dot product
 * at inference). High when the cheap model is likely to fail and the strong one likely to succeed.
 */
export function fitClassifierOn(rows: readonly Featured[]): Float64Array {
  const weights = sourceWeights(rows.map((f) => f.row));
  const fit = (target: (row: PreparedRow) => number, keep: (row: PreparedRow) => boolean) =>
    trainLogistic(
      rows
        .filter((f) => keep(f.row))
        .map((f) => ({
          x: f.classifierX,
          y: target(f.row),
          weight: weights.get(f.row.source) ?? 1,
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

export type ScorerModel = ReturnType<typeof trainGbdt>;

export function fitScorerOn(rows: readonly Featured[]): ScorerModel {
  const weights = sourceWeights(rows.map((f) => f.row));
  const examples = rows.map((f) => ({
    x: f.scorerX,
    y: f.row.cheapScore,
    weight: weights.get(f.row.source) ?? 1,
  }));
  return trainGbdt(examples, SCORER_FEATURES, config.scorer);
}

const plain = (row: PreparedRow): Featured => ({
  row,
  classifierX: row.promptX,
  scorerX: row.scorerBase,
});

export interface Fitted {
  subject: SubjectModel | null;
  classifier: Float64Array;
  scorer: ScorerModel;
}

export function fitAll(rows: readonly PreparedRow[]): Fitted {
  const on = config.subject.enabled;
  const train = on ? stacked(rows) : rows.map(plain);
  return {
    subject: on ? fitSubject(rows) : null,
    classifier: fitClassifierOn(train),
    scorer: fitScorerOn(train),
  };
}

export interface Predictions {
  classifier: number[];
  scorer: number[];
}

export function predict(rows: readonly PreparedRow[], fitted: Fitted): Predictions {
  const test = fitted.subject ? featured(rows, fitted.subject) : rows.map(plain);
  return {
    classifier: test.map((f) => predictSparse(fitted.classifier, f.classifierX)),
    scorer: test.map((f) => gbdtProbability(fitted.scorer, f.scorerX)),
  };
}
