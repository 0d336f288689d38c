/**
 * Where `pnpm eval` gets the router's view of each recorded request. In-process now (the shipped
 * weights, or out-of-fold predictions for the files they were trained on); an HTTP source that
 * replays through the running gateway can implement the same interface.
 */
import { type ComplexityClassifier, promptOf, type QualityScorer } from "@switchyard/router";
import type { ModelPair, OutcomeRecord } from "./outcomes";

export interface RecordScores {
  /** Classifier score: higher = send to the strong model. */
  complexity: number;
  /** Quality scorer on the cheap model's recorded answer: lower = escalate. */
  answerScore: number;
  /** answerScore was known before the cheap call: a cascade routes this request up front. */
  preRouted?: boolean;
}

export interface DecisionSource {
  readonly description: string;
  score(record: OutcomeRecord, pair: ModelPair): RecordScores | Promise<RecordScores>;
}

export function inProcessSource(
  classifier: ComplexityClassifier,
  scorer: QualityScorer,
  description = "in-process router (shipped weights)",
): DecisionSource {
  return {
    description,
    score(record, pair) {
      const { text, turns } = promptOf(record.messages);
      const answer = record.outcomes[pair.cheap]?.response ?? null;
      const preCall = scorer.preCall?.(text, turns) ?? null;
      return {
        complexity: classifier.score(text, turns),
        answerScore: preCall ?? scorer.score(text, turns, answer),
        ...(preCall !== null && { preRouted: true }),
      };
    },
  };
}

/** Precomputed scores by record id (e.g. out-of-fold predictions). Unknown ids are an error. */
export function precomputedSource(
  scores: ReadonlyMap<string, RecordScores>,
  description: string,
): DecisionSource {
  return {
    description,
    score(record) {
      const found = scores.get(record.id);
      if (!found) throw new Error(`no precomputed scores for record ${record.id}`);
      return found;
    },
  };
}
