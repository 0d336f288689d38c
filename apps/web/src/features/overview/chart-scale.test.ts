import { describe, expect, it } from "vitest";
import {
  formatCountTick,
  formatMsTick,
  formatUsdTick,
  localDays,
  localMidnight,
  niceStep,
  niceTicks,
} from "./chart-scale";

describe("local days", () => {
  it("lists every day of the window, the first one's midnight before the window starts", () => {
    expect(localDays("2026-03-08T13:00:00.000Z", "2026-03-11T09:30:00.000Z", "UTC")).toEqual([
      "2026-03-08T00:00:00.000Z",
      "2026-03-09T00:00:00.000Z",
      "2026-03-10T00:00:00.000Z",
      "2026-03-11T00:00:00.000Z",
    ]);
  });

  it("follows the team's time zone across a daylight-saving change", () => {
    // New York moves to UTC-4 on 8 March 2026: midnight is 05:00 UTC before, 04:00 UTC after.
    expect(
      localDays("2026-03-07T12:00:00.000Z", "2026-03-09T12:00:00.000Z", "America/New_York"),
    ).toEqual(["2026-03-07T05:00:00.000Z", "2026-03-08T05:00:00.000Z", "2026-03-09T04:00:00.000Z"]);
    expect(localMidnight(Date.parse("2026-11-01T12:00:00Z"), "Europe/Paris")).toBe(
      Date.parse("2026-10-31T23:00:00Z"),
    );
  });
});

describe("round ticks", () => {
  it("steps by 1, 2, 2.5 or 5 times a power of ten", () => {
    expect(niceStep(0.0437)).toBe(0.02);
    expect(niceStep(9)).toBe(2.5);
    expect(niceStep(1234)).toBe(500);
    expect(niceStep(0)).toBe(1);
  });

  it("runs from zero to the first round value at or above the maximum", () => {
    expect(niceTicks(0.0437)).toEqual([0, 0.02, 0.04, 0.06]);
    expect(niceTicks(9)).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(niceTicks(1234)).toEqual([0, 500, 1000, 1500]);
    expect(niceTicks(20)).toEqual([0, 5, 10, 15, 20]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });

  it("steps whole quantities by whole numbers", () => {
    expect(niceTicks(1, 4, true)).toEqual([0, 1]);
    expect(niceTicks(9, 4, true)).toEqual([0, 5, 10]);
    expect(niceTicks(1234, 4, true)).toEqual([0, 500, 1000, 1500]);
  });

  it("labels ticks in dollars, milliseconds and counts", () => {
    expect(niceTicks(0.0437).map((tick) => formatUsdTick(tick, 0.02))).toEqual([
      "$0",
      "$0.02",
      "$0.04",
      "$0.06",
    ]);
    expect(formatUsdTick(0.005, 0.005)).toBe("$0.005");
    expect(formatUsdTick(0.00001, 0.0000025)).toBe("$0.00001");
    expect(formatUsdTick(0.0000075, 0.0000025)).toBe("$0.0000075");
    expect(formatUsdTick(0.5, 0.25)).toBe("$0.50");
    expect(formatUsdTick(7.5, 2.5)).toBe("$7.5");
    expect(formatUsdTick(1500, 500)).toBe("$1.5k");
    expect(niceTicks(1234).map(formatMsTick)).toEqual(["0 ms", "500 ms", "1 s", "1.5 s"]);
    expect(formatCountTick(2500)).toBe("2.5k");
    expect(formatCountTick(40)).toBe("40");
  });
});
