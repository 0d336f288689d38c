/**
 * The complexity classifier: a logistic model over prompt features whose output, in [0, 1], is
 * the probability that the strong model answers better than the cheap one (see MODEL_CARD.md).
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

export function classifierVector(text: string, turns: number, hashBits: number): SparseVector {
  const sink = new CollectSink();
  extractPromptFeatures(text, turns, sink, { hashBits });
  return toSparse(sink);
}

export interface ComplexityClassifier {
  readonly name: string;
  score(text: string, turns: number): number;
}

export function loadComplexityClassifier(raw: unknown): ComplexityClassifier {
  const file: LogisticWeights = logisticWeightsSchema.parse(raw);
  if (file.size !== classifierSize(file.hashBits))
    throw new Error(
      `classifier weights: size ${file.size} does not match hashBits ${file.hashBits}`,
    );
  const sink = new DotSink(denseWeights(file));
  const options = { hashBits: file.hashBits };
  return {
    name: file.name,
    score(text, turns) {
      sink.reset();
      extractPromptFeatures(text, turns, sink, options);
      return sigmoid(sink.total);
    },
  };
}
