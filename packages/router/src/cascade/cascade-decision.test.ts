import { describe, expect, it } from "vitest";
import type { QualityScorer } from "../scorer/quality-scorer";
import { testRequest } from "../testing/fixtures";
import { cascadeDecision } from "./cascade-decision";

describe("cascadeDecision", () => {
  const seen: [string, number, string | null][] = [];
  const scorer: QualityScorer = {
    name: "answer-length",
    score(prompt, turns, answer) {
      seen.push([prompt, turns, answer]);
      return Math.min(1, (answer ?? "").length / 10);
    },
  };

  it("escalates below the threshold, keeps the answer at or above it", () => {
    const request = testRequest("What is 2+2?");
    expect(cascadeDecision({ scorer, threshold: 0.5 }, "4", request)).toEqual({
      score: 0.1,
      escalate: true,
    });
    expect(cascadeDecision({ scorer, threshold: 0.5 }, "The answer is 4", request)).toEqual({
      score: 1,
      escalate: false,
    });
    expect(cascadeDecision({ scorer, threshold: 0.5 }, "abcde", request)).toEqual({
      score: 0.5,
      escalate: false,
    });
    expect(seen[0]).toEqual(["What is 2+2?", 1, "4"]);
  });
});
