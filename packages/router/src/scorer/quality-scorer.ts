/**
 * The cascade's local quality scorer: small gradient-boosted trees over the prompt's dense
 * features and the cheap answer's features; output = probability that the answer is right.
 * Below the threshold the cascade escalates to the strong model.
 */
import { DenseSink } from "../features/dense-sink";
import { DENSE_SLOTS, extractPromptFeatures } from "../features/prompt-features";
import { extractResponseFeatures, RESPONSE_SLOTS } from "../features/response-features";
import { type GbdtModel, gbdtProbability, gbdtSchema } from "../model/gbdt";

export const SCORER_FEATURES = DENSE_SLOTS + RESPONSE_SLOTS;
const noHash = { hashBits: 0 };

/** The scorer's dense feature vector (prompt cues, then answer cues). */
export function scorerFeatures(prompt: string, turns: number, answer: string | null): Float64Array {
  const sink = new DenseSink(new Float64Array(SCORER_FEATURES));
  extractPromptFeatures(prompt, turns, sink, noHash);
  extractResponseFeatures(answer, prompt, sink, DENSE_SLOTS);
  return sink.values;
}

export interface QualityScorer {
  readonly name: string;
  /** P(answer is right) in [0, 1]. */
  score(prompt: string, turns: number, answer: string | null): number;
}

export function loadQualityScorer(raw: unknown): QualityScorer {
  const model: GbdtModel = gbdtSchema.parse(raw);
  if (model.featureCount !== SCORER_FEATURES)
    throw new Error(
      `scorer weights: ${model.featureCount} features, this build extracts ${SCORER_FEATURES}`,
    );
  return {
    name: model.name,
    score: (prompt, turns, answer) => gbdtProbability(model, scorerFeatures(prompt, turns, answer)),
  };
}
