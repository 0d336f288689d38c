import { describe, expect, it } from "vitest";
import { CHECK_SIZE, countNewer } from "./new-requests";

const row = (id: string, minute: number) => ({
  id,
  createdAt: new Date(Date.UTC(2026, 11, 7, 12, minute)).toISOString(),
});

describe("countNewer", () => {
  it("counts the rows above the newest one shown", () => {
    const newest = [row("c", 3), row("b", 2), row("a", 1)];
    expect(countNewer(newest, row("a", 1))).toEqual({ count: 2, more: false });
    expect(countNewer(newest, row("c", 3))).toEqual({ count: 0, more: false });
  });

  it("counts by time when the shown row is no longer among the newest", () => {
    const newest = Array.from({ length: CHECK_SIZE }, (_, i) => row(`n${i}`, 59 - i));
    expect(countNewer(newest, row("old", 0))).toEqual({ count: CHECK_SIZE, more: true });
    expect(countNewer(newest.slice(0, 3), row("gone", 58))).toEqual({ count: 1, more: false });
  });

  it("counts every row when nothing was shown", () => {
    expect(countNewer([row("a", 1)], null)).toEqual({ count: 1, more: false });
    expect(countNewer([], null)).toEqual({ count: 0, more: false });
  });
});
