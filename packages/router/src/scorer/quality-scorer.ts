/**
 * The cascade's local quality scorer: small gradient-boosted trees over the prompt's dense
 * features and the cheap answer's features; output =
 * probability that the answer is right. Below the threshold the cascade escalates.
 */

import type { ComplexityClassifier } from "../classifier/complexity-classifier";
import { DenseSink } from "../features/dense-sink";
import { DENSE_SLOTS, extractPromptFeatures } from "../features/prompt-features";
import { extractResponseFeatures, RESPONSE_SLOTS } from "../features/response-features";
import { type GbdtModel, gbdtProbability, gbdtSchema } from "../model/gbdt";
import { expectsDefiniteAnswer } from "./answer-form";
import {
  isMissingAnswer,
  type MissingAnswerMap,
  missingAnswerSchema,
  missingAnswerScore,
} from "./missing-answer";

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
  /**
   * The score known before the cheap call, when the answer will not be read (an open-ended
   * prompt: the classifier's stand-in), else null. A cascade decides such requests up front.
   */
  preCall?(prompt: string, turns: number): number | null;
}

const scorerFileSchema = gbdtSchema.extend({ missingAnswer: missingAnswerSchema.optional() });
export type QualityScorerFile = GbdtModel & { missingAnswer?: MissingAnswerMap };

/**
 * `classifier`: the shipped classifier. Its score stands in for the answer's, through the file's
 * `missingAnswer` map (see missing-answer.ts), when there is no answer to read (null or blank)
 * and when the prompt asks for no definite answer (answer-form.ts): the scorer learned from
 * right-or-wrong answers only, so on an open-ended answer its own score carries no signal.
 */
export function loadQualityScorer(
  raw: unknown,
  classifier: ComplexityClassifier | null = null,
): QualityScorer {
  const model = scorerFileSchema.parse(raw);
  const fallback = classifier && model.missingAnswer ? model.missingAnswer : null;
  if (model.featureCount !== SCORER_FEATURES)
    throw new Error(
      `scorer weights: ${model.featureCount} features, this build extracts ${SCORER_FEATURES}`,
    );
  const standIn = (prompt: string, turns: number) =>
    fallback && classifier ? missingAnswerScore(fallback, classifier.score(prompt, turns)) : null;
  return {
    name: model.name,
    preCall: (prompt, turns) => (expectsDefiniteAnswer(prompt) ? null : standIn(prompt, turns)),
    score(prompt, turns, answer) {
      const unread = isMissingAnswer(answer) || !expectsDefiniteAnswer(prompt);
      return (
        (unread ? standIn(prompt, turns) : null) ??
        gbdtProbability(model, scorerFeatures(prompt, turns, answer))
      );
    },
  };
}
