import { describe, expect, it } from "vitest";
import { tradeoffTable } from "./tradeoff";

const rows = [
  { cheapScore: 1, strongScore: 1, cheapCost: 1, strongCost: 9 },
  { cheapScore: 0, strongScore: 1, cheapCost: 1, strongCost: 9 },
];

describe("tradeoffTable", () => {
  it("pre-routing: strong at or above the threshold", () => {
    const [row] = tradeoffTable(rows, [0.2, 0.8], "route", [0.5]);
    expect(row).toEqual({
      threshold: 0.5,
      strongShare: 0.5,
      quality: 1,
      pgr: 1,
      costShare: 10 / 18,
    });
  });

  it("cascade: escalate under the threshold, the cheap call always paid", () => {
    const [row] = tradeoffTable(rows, [0.9, 0.3], "cascade", [0.5]);
    expect(row).toEqual({
      threshold: 0.5,
      strongShare: 0.5,
      quality: 1,
      pgr: 1,
      costShare: 11 / 18,
    });
  });
});
