import { describe, expect, it } from "vitest";
import { summariseReplay } from "./replay";

describe("summariseReplay's subject oracle", () => {
  // Subject "hard": the cheap model fails every request; "easy": it answers every one.
  const rows = Array.from({ length: 20 }, (_, i) => ({
    cheapScore: i < 10 ? 0 : 1,
    strongScore: 1,
    cheapCost: 1,
    strongCost: 9,
  }));
  const categories = rows.map((_, i) => (i < 10 ? "hard" : "easy"));
  const scores = rows.map(() => ({ complexity: 0.5, answerScore: 0.5 }));
  const pair = { cheap: "c", strong: "s" };

  it("sends whole subjects by their true gain: here as good as the per-request oracle", () => {
    const summary = summariseReplay(rows, scores, pair, "test", "classifier", 7, categories);
    const subject = summary.strategies.subjectOracle;
    expect(subject).toBeDefined();
    expect(subject?.cpt50).toBeCloseTo(0.25, 10);
    expect(subject?.apgr).toBeCloseTo(summary.strategies.oracle.apgr, 10);
    expect(subject?.apgr).toBeGreaterThan(summary.strategies.random.apgr);
  });

  it("is left out when the records name one subject or none", () => {
    const one = summariseReplay(
      rows,
      scores,
      pair,
      "test",
      "classifier",
      7,
      rows.map(() => "x"),
    );
    expect(one.strategies.subjectOracle).toBeUndefined();
    expect(summariseReplay(rows, scores, pair, "test").strategies.subjectOracle).toBeUndefined();
  });
});
