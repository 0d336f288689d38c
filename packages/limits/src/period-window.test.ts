import { describe, expect, it } from "vitest";
import { isValidTimeZone, PeriodWindowCache, periodWindow } from "./period-window";

const iso = (window: { start: number; end: number | null }) => ({
  start: new Date(window.start).toISOString(),
  end: window.end === null ? null : new Date(window.end).toISOString(),
});

describe("periodWindow", () => {
  const now = Date.UTC(2026, 10, 26, 15, 30); // Thursday 26 November 2026

  it("computes UTC days, Monday weeks and months", () => {
    expect(iso(periodWindow("day", "UTC", now))).toEqual({
      start: "2026-11-26T00:00:00.000Z",
      end: "2026-11-27T00:00:00.000Z",
    });
    expect(iso(periodWindow("week", "UTC", now))).toEqual({
      start: "2026-11-23T00:00:00.000Z",
      end: "2026-11-30T00:00:00.000Z",
    });
    expect(iso(periodWindow("month", "UTC", now))).toEqual({
      start: "2026-11-01T00:00:00.000Z",
      end: "2026-12-01T00:00:00.000Z",
    });
    expect(periodWindow("lifetime", "UTC", now)).toEqual({ start: 0, end: null });
  });

  it("treats a Monday as the first day of its own week and a Sunday as the last", () => {
    expect(iso(periodWindow("week", "UTC", Date.UTC(2026, 10, 23)))).toMatchObject({
      start: "2026-11-23T00:00:00.000Z",
    });
    expect(iso(periodWindow("week", "UTC", Date.UTC(2026, 10, 29, 23, 59, 59, 999)))).toMatchObject(
      { start: "2026-11-23T00:00:00.000Z" },
    );
  });

  it("rolls months and years over", () => {
    expect(iso(periodWindow("month", "UTC", Date.UTC(2026, 11, 31, 23)))).toEqual({
      start: "2026-12-01T00:00:00.000Z",
      end: "2027-01-01T00:00:00.000Z",
    });
    expect(iso(periodWindow("week", "UTC", Date.UTC(2027, 0, 1)))).toEqual({
      start: "2026-12-28T00:00:00.000Z",
      end: "2027-01-04T00:00:00.000Z",
    });
  });

  it("uses the local date of a non-UTC zone", () => {
    // 02:00 UTC on the 26th is still the 25th in Los Angeles (UTC-8 in November).
    expect(iso(periodWindow("day", "America/Los_Angeles", Date.UTC(2026, 10, 26, 2)))).toEqual({
      start: "2026-11-25T08:00:00.000Z",
      end: "2026-11-26T08:00:00.000Z",
    });
    expect(iso(periodWindow("month", "Asia/Tokyo", Date.UTC(2026, 10, 30, 16)))).toEqual({
      start: "2026-11-30T15:00:00.000Z",
      end: "2026-12-31T15:00:00.000Z",
    });
  });

  it("gives DST days 23 and 25 hours", () => {
    const spring = periodWindow("day", "Europe/Berlin", Date.UTC(2026, 2, 29, 12));
    expect(iso(spring)).toEqual({
      start: "2026-03-28T23:00:00.000Z",
      end: "2026-03-29T22:00:00.000Z",
    });
    const autumn = periodWindow("day", "Europe/Berlin", Date.UTC(2026, 9, 25, 12));
    expect((autumn.end ?? 0) - autumn.start).toBe(25 * 3_600_000);
    // A week that contains the spring change is one hour short.
    const week = periodWindow("week", "Europe/Berlin", Date.UTC(2026, 2, 27));
    expect((week.end ?? 0) - week.start).toBe(7 * 86_400_000 - 3_600_000);
  });

  it("starts a day at the end of the gap when DST skips midnight", () => {
    // São Paulo moved clocks from 00:00 to 01:00 on 4 November 2018 (UTC-3 to UTC-2).
    expect(iso(periodWindow("day", "America/Sao_Paulo", Date.UTC(2018, 10, 4, 12)))).toEqual({
      start: "2018-11-04T03:00:00.000Z",
      end: "2018-11-05T02:00:00.000Z",
    });
  });

  it("handles zones with non-hour offsets", () => {
    expect(iso(periodWindow("day", "Asia/Kolkata", Date.UTC(2026, 10, 26, 20)))).toEqual({
      start: "2026-11-26T18:30:00.000Z",
      end: "2026-11-27T18:30:00.000Z",
    });
  });

  it("rejects unknown zones", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
  });

  it("caches a window while the clock stays inside it", () => {
    const cache = new PeriodWindowCache();
    const first = cache.get("day", "UTC", now);
    expect(cache.get("day", "UTC", now + 1000)).toBe(first);
    expect(cache.get("day", "UTC", Date.UTC(2026, 10, 27)).start).toBe(Date.UTC(2026, 10, 27));
  });
});
