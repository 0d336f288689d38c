import { describe, expect, it } from "vitest";
import { fitAndScore, outOfFold } from "./cross-validate";
import { bucketOf, type Row } from "./dataset";
import { config, prepare } from "./fit";

// Small synthetic rows: questions with many numbers are the ones the cheap model gets wrong.
const rows: Row[] = Array.from({ length: 40 }, (_, i) => {
  const hard = i % 3 === 0;
  const text = hard
    ? `A train leaves at ${i} and ${i + 3} and ${i + 7}. How far?`
    : `What colour is item ${i}?`;
  return {
    id: `synthetic/${i}`,
    source: i % 2 === 0 ? "a" : "b",
    group: "synthetic",
    text,
    turns: 1,
    cheapScore: hard ? 0 : 1,
    strongScore: 1,
    cheapCost: 1,
    strongCost: 10,
    cheapResponse: hard ? "It is about 5, not sure" : "The answer is blue.",
  };
});

describe("out-of-fold predictions", () => {
  it("score every row with models that never saw it", () => {
    const prepared = prepare(rows);
    const oof = outOfFold(prepared);
    for (let fold = 0; fold < config.folds; fold++) {
      const inFold = (row: Row) => bucketOf(row.id, "fold", config.folds) === fold;
      const test = prepared.filter(inFold);
      if (test.length === 0) continue;
      const direct = fitAndScore(
        prepared.filter((row) => !inFold(row)),
        test,
      );
      test.forEach((row, j) => {
        const index = prepared.indexOf(row);
        expect(oof.classifier[index]).toBe(direct.classifier[j]);
        expect(oof.scorer[index]).toBe(direct.scorer[j]);
      });
    }
  });
});
