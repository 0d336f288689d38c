import { shippedTradeoffTables } from "@switchyard/router";
import { describe, expect, it } from "vitest";
import { loadThresholdTables } from "./threshold-tables";

describe("threshold tables", () => {
  it("serves the router's shipped classifier and cascade tables, rounded for display", () => {
    const tables = loadThresholdTables();
    expect(tables.map((t) => t.strategy)).toEqual(
      expect.arrayContaining(["classifier", "cascade"]),
    );
    const shipped = shippedTradeoffTables();
    expect(tables).toHaveLength(shipped.length);
    const first = shipped[0]!;
    const served = tables.find(
      (t) => t.dataset === first.dataset && t.strategy === first.strategy,
    )!;
    expect(served.rows).toHaveLength(first.rows.length);
    const [row] = first.rows;
    expect(served.rows[0]?.threshold).toBe(row?.threshold);
    expect(served.rows[0]?.strongShare).toBeCloseTo(row?.strongShare ?? Number.NaN, 4);
    expect(served.rows[0]?.costVsStrong).toBeCloseTo(row?.costShare ?? Number.NaN, 4);
  });
});
