import { describe, expect, it } from "vitest";
import { shippedTradeoffTables } from "./shipped-weights";

describe("shipped trade-off tables", () => {
  it("has a classifier and a cascade table per training file, thresholds ascending, shares in [0, 1]", () => {
    const tables = shippedTradeoffTables();
    const strategies = new Set(tables.map((table) => table.strategy));
    expect(strategies).toEqual(new Set(["classifier", "cascade"]));
    for (const table of tables) {
      expect(table.rows.length).toBeGreaterThan(1);
      const thresholds = table.rows.map((row) => row.threshold);
      expect([...thresholds].sort((a, b) => a - b)).toEqual(thresholds);
      for (const row of table.rows) {
        expect(row.strongShare).toBeGreaterThanOrEqual(0);
        expect(row.strongShare).toBeLessThanOrEqual(1);
        expect(row.costShare).toBeGreaterThan(0);
      }
    }
  });
});
