/**
 * The cascade's local quality scorer: a logistic model over the prompt's features and the cheap
 * answer's features; output = probability that the answer is right. Below the threshold the
 * cascade escalates to the strong model.
 */
import { DENSE_SLOTS, extractPromptFeatures } from "../features/prompt-features";
import { extractResponseFeatures, RESPONSE_SLOTS } from "../features/response-features";
import {
  CollectSink,
  DotSink,
  type FeatureSink,
  type SparseVector,
  toSparse,
} from "../features/sink";
import {
  denseWeights,
  type LogisticWeights,
  logisticWeightsSchema,
  sigmoid,
} from "../model/logistic";

const RESPONSE_OFFSET = DENSE_SLOTS;
const HASH_OFFSET = DENSE_SLOTS + RESPONSE_SLOTS;
export const scorerSize = (hashBits: number) => HASH_OFFSET + (1 << hashBits);

function writeScorerFeatures(
  prompt: string,
  turns: number,
  answer: string | null,
  sink: FeatureSink,
  hashBits: number,
): void {
  extractPromptFeatures(prompt, turns, sink, { hashBits, offset: HASH_OFFSET });
  extractResponseFeatures(answer, prompt, sink, RESPONSE_OFFSET);
}

export function scorerVector(
  prompt: string,
  turns: number,
  answer: string | null,
  hashBits: number,
): SparseVector {
  const sink = new CollectSink();
  writeScorerFeatures(prompt, turns, answer, sink, hashBits);
  return toSparse(sink);
}

export interface QualityScorer {
  readonly name: string;
  /** P(answer is right) in [0, 1]. */
  score(prompt: string, turns: number, answer: string | null): number;
}

export function loadQualityScorer(raw: unknown): QualityScorer {
  const file: LogisticWeights = logisticWeightsSchema.parse(raw);
  if (file.size !== scorerSize(file.hashBits))
    throw new Error(`scorer weights: size ${file.size} does not match hashBits ${file.hashBits}`);
  const sink = new DotSink(denseWeights(file));
  return {
    name: file.name,
    score(prompt, turns, answer) {
      sink.reset();
      writeScorerFeatures(prompt, turns, answer, sink, file.hashBits);
      return sigmoid(sink.total);
    },
  };
}
