import { describe, expect, it } from "vitest";
import { fitAndScore, leaveGroupOut, outOfFold } from "./cross-validate";
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

describe("leave-group-out predictions", () => {
  it("score each group with models fitted on every other row, other sources included", () => {
    const grouped = prepare(
      rows.map((row, i) => ({ ...row, group: row.source === "a" ? `a/${i % 3}` : "b/all" })),
    );
    const scored = leaveGroupOut(grouped, (row) => row.source === "a");
    expect(scored.rows.length).toBe(grouped.filter((row) => row.source === "a").length);
    expect(new Set(scored.rows.map((row) => row.source))).toEqual(new Set(["a"]));
    for (const group of ["a/0", "a/1", "a/2"]) {
      const test = grouped.filter((row) => row.group === group);
      const direct = fitAndScore(
        grouped.filter((row) => row.group !== group),
        test,
      );
      test.forEach((row, j) => {
        const index = scored.rows.indexOf(row);
        expect(scored.classifier[index]).toBe(direct.classifier[j]);
        expect(scored.scorer[index]).toBe(direct.scorer[j]);
      });
    }
  });
});
