import { describe, expect, it } from "vitest";
import { shippedClassifier, shippedScorer } from "./shipped-weights";

describe("shipped weights", () => {
  it("load and give probabilities", () => {
    const classifier = shippedClassifier();
    const scorer = shippedScorer();
    for (const text of [
      "hi",
      "Prove that there are infinitely many primes.",
      "A. one\nB. two\nAnswer:",
    ]) {
      const score = classifier.score(text, 1);
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThan(1);
      expect(classifier.score(text, 1)).toBe(score);
    }
    const right = scorer.score("What is 3 * 20?", 1, "3 * 20 = 60\n#### 60");
    const wrong = scorer.score("What is 3 * 20?", 1, "3 * 20 = 70\n#### 70");
    expect(right).toBeGreaterThan(wrong);
  });
});
