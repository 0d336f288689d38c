import { describe, expect, it } from "vitest";
import { formatMs, formatPercent, formatUsd } from "./format";

describe("format", () => {
  it("formats money with enough digits for small amounts", () => {
    expect(formatUsd("1234.5")).toBe("$1,234.50");
    expect(formatUsd("0.0421")).toBe("$0.0421");
    expect(formatUsd("0.000123")).toBe("$0.000123");
    expect(formatUsd("0")).toBe("$0.00");
    expect(formatUsd("nope")).toBe("—");
  });

  it("formats durations and percentages", () => {
    expect(formatMs(null)).toBe("—");
    expect(formatMs(412.4)).toBe("412 ms");
    expect(formatMs(1530)).toBe("1.53 s");
    expect(formatMs(12_345)).toBe("12.3 s");
    expect(formatPercent(2.04)).toBe("2.0%");
  });
});

describe("modelColors", () => {
  it("gives a model the same colour whatever order a chart lists it in, other in grey", async () => {
    const { modelColors, OTHER_COLOR } = await import("./chart-colors");
    const spendOrder = modelColors(["demo-large", "demo-medium", "demo-small", "other"]);
    const mixOrder = modelColors(["demo-small", "demo-large", "demo-medium"]);
    for (const model of ["demo-large", "demo-medium", "demo-small"])
      expect(spendOrder(model)).toBe(mixOrder(model));
    expect(new Set(["demo-large", "demo-medium", "demo-small"].map(spendOrder)).size).toBe(3);
    expect(spendOrder("other")).toBe(OTHER_COLOR);
  });
});
