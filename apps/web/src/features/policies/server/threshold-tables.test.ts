import { describe, expect, it } from "vitest";
import { loadThresholdTables, parseThresholdTables } from "./threshold-tables";

const card = `# Card

## Threshold → expected strong share, quality, cost (k-fold predictions)

### set-a: classifier (strong when score ≥ threshold)

| threshold | strong share | quality | PGR    | cost vs all-strong |
| --------- | ------------ | ------- | ------ | ------------------ |
| 0.1       | 99.8%        | 0.857   | 1.000  | 99.9%              |
| 0.5       | 14.3%        | 0.649   | 0.139  | 16.8%              |

### set-a: cascade (escalate when answer score < threshold)

| threshold | strong share | quality | PGR   | cost vs all-strong |
| --------- | ------------ | ------- | ----- | ------------------ |
| 0.7       | 45.2%        | 0.807   | 0.791 | 54.3%              |

## Limits

| 0.9 | 1% | 0.1 | 0 | 1% |
`;

describe("threshold tables from the model card", () => {
  it("parses each data set's classifier and cascade table, and nothing after the section", () => {
    expect(parseThresholdTables(card)).toEqual([
      {
        dataset: "set-a",
        strategy: "classifier",
        rows: [
          { threshold: 0.1, strongShare: 0.998, quality: 0.857, costVsStrong: 0.999 },
          { threshold: 0.5, strongShare: 0.143, quality: 0.649, costVsStrong: 0.168 },
        ],
      },
      {
        dataset: "set-a",
        strategy: "cascade",
        rows: [{ threshold: 0.7, strongShare: 0.452, quality: 0.807, costVsStrong: 0.543 }],
      },
    ]);
    expect(parseThresholdTables("# no tables")).toEqual([]);
  });

  it("finds the router package's card", () => {
    const tables = loadThresholdTables();
    expect(tables.map((t) => t.strategy)).toEqual(
      expect.arrayContaining(["classifier", "cascade"]),
    );
  });
});
