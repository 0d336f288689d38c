import type { ComplexityClassifier, QualityScorer } from "@switchyard/router";
import { describe, expect, it } from "vitest";
import { inProcessSource, precomputedSource } from "./decision-source";
import { parseOutcomeLines } from "./outcomes";

const [record] = parseOutcomeLines(
  JSON.stringify({
    id: "q1",
    messages: [{ role: "user", content: "What is 2+2?" }],
    outcomes: {
      cheap: { score: 1, response: "4", input_tokens: 3, output_tokens: 1 },
      strong: { score: 1, response: "four", input_tokens: 3, output_tokens: 1 },
    },
  }),
);
const pair = { cheap: "cheap", strong: "strong" };

describe("decision sources", () => {
  it("in-process: classifier on the prompt, scorer on the cheap model's recorded answer", () => {
    const classifier: ComplexityClassifier = { name: "c", score: (text) => text.length / 100 };
    const scorer: QualityScorer = {
      name: "s",
      score: (_p, _t, answer) => (answer === "4" ? 0.9 : 0.1),
    };
    if (!record) throw new Error("no record");
    expect(inProcessSource(classifier, scorer).score(record, pair)).toEqual({
      complexity: 0.12,
      answerScore: 0.9,
    });
  });

  it("precomputed: by id, unknown ids are an error", () => {
    if (!record) throw new Error("no record");
    const source = precomputedSource(
      new Map([["q1", { complexity: 0.3, answerScore: 0.6 }]]),
      "oof",
    );
    expect(source.score(record, pair)).toEqual({ complexity: 0.3, answerScore: 0.6 });
    expect(() => precomputedSource(new Map(), "oof").score(record, pair)).toThrow(
      "no precomputed scores for record q1",
    );
  });
});
