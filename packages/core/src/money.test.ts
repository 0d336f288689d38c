import { describe, expect, it } from "vitest";
import {
  exactPicos,
  formatUsd,
  picosPerToken,
  picosToUsdString,
  usageCost,
  usdToPicos,
} from "./money";

describe("money", () => {
  it("prices tokens in whole pico-dollars", () => {
    expect(picosPerToken(0.15)).toBe(150_000);
    expect(picosPerToken(0.000001)).toBe(1);
    expect(usageCost({ inputPerMillion: 0.15, outputPerMillion: 0.6 }, 1_000, 500)).toBe(
      450_000_000,
    );
  });

  it("writes exact decimal USD strings", () => {
    expect(picosToUsdString(7_500_000)).toBe("0.000007500000");
    expect(picosToUsdString(-1)).toBe("-0.000000000001");
    expect(picosToUsdString(9_007_199_254_740_991)).toBe("9007.199254740991");
    expect(formatUsd(10_000_000_000_000)).toBe("$10.00");
    expect(formatUsd(2_500_000_000)).toBe("$0.0025");
  });

  it("reads decimal USD exactly", () => {
    expect(usdToPicos("0.000000000001")).toBe(1);
    expect(usdToPicos("1234.5")).toBe(1_234_500_000_000_000);
    expect(() => usdToPicos("1e3")).toThrow();
  });

  it("refuses an amount past the exact bound ($9,007.19) instead of rounding it", () => {
    expect(exactPicos(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => exactPicos(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
    // 10 billion tokens at $1,000 per million: $10M for one call is not a real cost.
    expect(() =>
      usageCost({ inputPerMillion: 1_000, outputPerMillion: 0 }, 10_000_000_000, 0),
    ).toThrow(RangeError);
  });
});
