import { describe, expect, it } from "vitest";
import { resolveWindow } from "./time-window";

const now = new Date("2026-03-10T15:42:00Z");

describe("resolveWindow", () => {
  it("covers 24 whole hours including the current one", () => {
    const window = resolveWindow({ range: "24h" }, now);
    expect(window.from.toISOString()).toBe("2026-03-09T16:00:00.000Z");
    expect(window.to).toEqual(now);
    expect(window.granularity).toBe("hour");
  });

  it("uses hours up to 7 days and days beyond", () => {
    expect(resolveWindow({ range: "7d" }, now).granularity).toBe("hour");
    expect(resolveWindow({ range: "7d" }, now).from.toISOString()).toBe("2026-03-03T16:00:00.000Z");
    expect(resolveWindow({ range: "30d" }, now).granularity).toBe("day");
  });

  it("takes a custom range, floored to the hour", () => {
    const window = resolveWindow(
      { range: "custom", from: "2026-01-01T10:30:00Z", to: "2026-01-20T00:00:00Z" },
      now,
    );
    expect(window.from.toISOString()).toBe("2026-01-01T10:00:00.000Z");
    expect(window.granularity).toBe("day");
  });

  it("refuses backwards, missing and overlong custom ranges", () => {
    expect(() =>
      resolveWindow(
        { range: "custom", from: "2026-01-02T00:00:00Z", to: "2026-01-01T00:00:00Z" },
        now,
      ),
    ).toThrow(/end after/);
    expect(() => resolveWindow({ range: "custom" }, now)).toThrow(/from and to/);
    expect(() =>
      resolveWindow(
        { range: "custom", from: "2020-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z" },
        now,
      ),
    ).toThrow(/at most/);
  });
});
