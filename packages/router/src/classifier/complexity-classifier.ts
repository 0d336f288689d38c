/**
 * The complexity classifier: a logistic model over prompt features whose output, in [0, 1], is
 * high when the cheap model is likely to fail and the strong one to succeed (see MODEL_CARD.md).
 * Above the policy's threshold → strong model.
 */
import { DENSE_SLOTS, extractPromptFeatures } from "../features/prompt-features";
import { CollectSink, DotSink, type SparseVector, toSparse } from "../features/sink";
import {
  denseWeights,
  type LogisticWeights,
  logisticWeightsSchema,
  sigmoid,
} from "../model/logistic";

export const classifierSize = (hashBits: number) => DENSE_SLOTS + (1 << hashBits);

/** The prompt's feature vector (what training fits the classifier on). */
export function classifierVector(text: string, turns: number, hashBits: number): SparseVector {
  const collect = new CollectSink();
  extractPromptFeatures(text, turns, collect, { hashBits });
  return toSparse(collect);
}

export interface ComplexityClassifier {
  readonly name: string;
  score(text: string, turns: number): number;
  /**
   * The linear model behind `score` (score = sigmoid(weights · prompt features at hashBits)), when
   * it is one: the learned strategy then reads it in the same feature pass as its own weights.
   */
  readonly linear?: LinearPrompt;
}

export interface LinearPrompt {
  hashBits: number;
  weights: Float64Array;
}

export function loadComplexityClassifier(raw: unknown): ComplexityClassifier {
  const file: LogisticWeights = logisticWeightsSchema.parse(raw);
  if (file.size !== classifierSize(file.hashBits))
    throw new Error(
      `classifier weights: size ${file.size} does not match hashBits ${file.hashBits}`,
    );
  const weights = denseWeights(file);
  const dot = new DotSink(weights);
  const options = { hashBits: file.hashBits };
  return {
    name: file.name,
    linear: { hashBits: file.hashBits, weights },
    score(text, turns) {
      dot.reset();
      extractPromptFeatures(text, turns, dot, options);
      return sigmoid(dot.total);
    },
  };
}
