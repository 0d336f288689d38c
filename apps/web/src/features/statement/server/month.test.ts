import { describe, expect, it } from "vitest";
import { lastCompleteMonth, monthOf, monthWindow, nextMonth } from "./month";

describe("statement months", () => {
  it("spans a month from its first local midnight to the next month's", () => {
    expect(monthWindow("2026-11", "UTC")).toEqual({
      from: new Date("2026-11-01T00:00:00Z"),
      to: new Date("2026-12-01T00:00:00Z"),
    });
    expect(monthWindow("2026-12", "UTC").to).toEqual(new Date("2027-01-01T00:00:00Z"));
    // Paris is UTC+1 in November and December.
    expect(monthWindow("2026-11", "Europe/Paris")).toEqual({
      from: new Date("2026-10-31T23:00:00Z"),
      to: new Date("2026-11-30T23:00:00Z"),
    });
  });

  it("defaults to the last month that has ended on the team's clock", () => {
    const now = Date.parse("2026-12-07T12:00:00Z");
    expect(lastCompleteMonth(now, "UTC")).toBe("2026-11");
    expect(lastCompleteMonth(Date.parse("2027-01-01T05:00:00Z"), "UTC")).toBe("2026-12");
    // 23:30 UTC on 31 December is already January in Tokyo, still December in New York.
    const newYearsEve = Date.parse("2026-12-31T23:30:00Z");
    expect(lastCompleteMonth(newYearsEve, "Asia/Tokyo")).toBe("2026-12");
    expect(lastCompleteMonth(newYearsEve, "America/New_York")).toBe("2026-11");
  });

  it("names months and steps to the next", () => {
    expect(monthOf(Date.parse("2026-03-31T23:30:00Z"), "Europe/Paris")).toBe("2026-04");
    expect(nextMonth("2026-12")).toBe("2027-01");
    expect(nextMonth("2026-09")).toBe("2026-10");
  });
});
