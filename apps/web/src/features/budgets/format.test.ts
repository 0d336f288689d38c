import { describe, expect, it } from "vitest";
import { formatUsd, parseThresholds, spentShare } from "./format";

describe("budget formatting", () => {
  it("formats dollars with more digits under a dollar", () => {
    expect(formatUsd("25")).toBe("$25.00");
    expect(formatUsd("0.00125")).toBe("$0.0013");
    expect(formatUsd("1234.5")).toBe("$1,234.50");
    expect(formatUsd("0.0000078")).toBe("$0.0000078");
    expect(formatUsd("0.0001")).toBe("$0.0001");
    expect(formatUsd("0")).toBe("$0.00");
  });

  it("computes the spent share", () => {
    expect(spentShare("2.5", "10")).toBe(0.25);
    expect(spentShare("12", "10")).toBeCloseTo(1.2);
    expect(spentShare("1", "0")).toBe(0);
  });

  it("parses alert thresholds", () => {
    expect(parseThresholds("100, 50,80, 50")).toEqual([50, 80, 100]);
    expect(parseThresholds("")).toEqual([]);
    expect(parseThresholds("50, abc")).toBeNull();
    expect(parseThresholds("0")).toBeNull();
  });
});
