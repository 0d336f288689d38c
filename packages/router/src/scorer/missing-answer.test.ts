import { describe, expect, it } from "vitest";
import type { ComplexityClassifier } from "../classifier/complexity-classifier";
import { isMissingAnswer, missingAnswerScore, quantiles, rankOf, valueAt } from "./missing-answer";
import { loadQualityScorer, SCORER_FEATURES } from "./quality-scorer";

const map = {
  classifierQuantiles: [0.1, 0.3, 0.5, 0.7, 0.9],
  answerQuantiles: [0.2, 0.4, 0.6, 0.8, 1],
};

describe("missing answers", () => {
  it("quantiles, ranks and values interpolate between the stored points", () => {
    expect(quantiles([4, 0, 2, 1, 3], 4)).toEqual([0, 1, 2, 3, 4]);
    expect(rankOf(map.classifierQuantiles, 0.05)).toBe(0);
    expect(rankOf(map.classifierQuantiles, 0.4)).toBeCloseTo(0.375, 12);
    expect(rankOf(map.classifierQuantiles, 0.95)).toBe(1);
    expect(valueAt(map.answerQuantiles, 0.375)).toBeCloseTo(0.5, 12);
  });

  it("maps higher complexity to a lower answer score, by rank", () => {
    expect(missingAnswerScore(map, 0.9)).toBeCloseTo(0.2, 12);
    expect(missingAnswerScore(map, 0.1)).toBeCloseTo(1, 12);
    expect(missingAnswerScore(map, 0.5)).toBeCloseTo(0.6, 12);
  });

  it("null and blank answers are missing, any text is not", () => {
    expect(isMissingAnswer(null)).toBe(true);
    expect(isMissingAnswer(" \n")).toBe(true);
    expect(isMissingAnswer("B")).toBe(false);
  });

  it("the scorer falls back on the classifier when the answer is missing", () => {
    // One leaf: every answer that is present scores sigmoid(0) = 0.5.
    const raw = {
      format: "switchyard-gbdt",
      version: 1,
      name: "flat",
      target: "test",
      featureCount: SCORER_FEATURES,
      featureNames: [],
      base: 0,
      trees: [],
      missingAnswer: map,
      training: {},
    };
    const classifier: ComplexityClassifier = {
      name: "by length",
      score: (text) => (text.length > 20 ? 0.9 : 0.1),
    };
    const scorer = loadQualityScorer(raw, classifier);
    const question = "Which is a prime?\nA. 4\nB. 7";
    expect(scorer.score(question, 1, "B")).toBe(0.5);
    expect(scorer.score("short", 1, null)).toBeCloseTo(1, 12);
    expect(scorer.score("a much longer and harder prompt", 1, "")).toBeCloseTo(0.2, 12);
    // An open-ended prompt: the trees never learned such answers, the classifier stands in.
    expect(scorer.score("Write a poem", 1, "Roses are red.")).toBeCloseTo(1, 12);
    expect(scorer.score("Write a long poem about the sea, please", 1, "Waves.")).toBeCloseTo(
      0.2,
      12,
    );
    // Without a classifier there is nothing to fall back on: the trees read the prompt alone.
    expect(loadQualityScorer(raw).score("a much longer and harder prompt", 1, null)).toBe(0.5);
  });
});
