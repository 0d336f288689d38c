import { describe, expect, it } from "vitest";
import type { SeriesRow } from "./overview-queries";
import { summarizeSeries } from "./overview-summary";

const row = (overrides: Partial<SeriesRow>): SeriesRow => ({
  bucket: new Date("2026-12-01T00:00:00Z"),
  model: "small",
  requests: 1,
  errors: 0,
  costUsd: "0",
  baselineCostUsd: "0",
  inputTokens: 0,
  outputTokens: 0,
  latencyHistogram: [],
  ttftHistogram: [],
  ...overrides,
});

describe("summarizeSeries", () => {
  it("leaves calibration calls out of the savings, not out of the spend", () => {
    const { totals } = summarizeSeries([
      // Routed traffic: 1 USD where the baseline would have cost 4.
      row({ costUsd: "1", baselineCostUsd: "4", requests: 10 }),
      // Calibration calls on another model: 0.5 USD (their baseline is their own cost).
      row({
        model: "large",
        costUsd: "0.75",
        baselineCostUsd: "3.25",
        calibrationCostUsd: "0.5",
        calibrationBaselineCostUsd: "0.5",
        requests: 3,
      }),
    ]);
    expect(totals.costUsd).toBe("1.75");
    expect(totals.baselineCostUsd).toBe("6.75");
    expect(totals.savingsUsd).toBe("5.5");
    expect(totals.savingsPercent).toBe(81.5);
  });

  it("is unchanged without calibration rows", () => {
    const { totals } = summarizeSeries([row({ costUsd: "1", baselineCostUsd: "4" })]);
    expect(totals).toMatchObject({ costUsd: "1", baselineCostUsd: "4", savingsUsd: "3" });
    expect(totals.savingsPercent).toBe(75);
  });
});
