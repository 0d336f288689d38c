import { describe, expect, it } from "vitest";
import { baselines, summarise } from "./summary";

describe("summarise", () => {
  // 10 requests: the cheap model fails the 4 with the highest scores, the strong model gets all.
  const rows = Array.from({ length: 10 }, (_, i) => ({
    cheapScore: i >= 6 ? 0 : 1,
    strongScore: 1,
    cheapCost: 1,
    strongCost: 9,
  }));
  const scores = rows.map((_, i) => i / 10);

  it("baselines", () => {
    expect(baselines(rows)).toEqual({
      cheapQuality: 0.6,
      strongQuality: 1,
      cheapCostUsd: 10,
      strongCostUsd: 90,
    });
  });

  it("a perfect ranking reaches 95% of strong quality with 40% strong calls", () => {
    const summary = summarise(rows, scores, "route");
    // the cheapest point with quality ≥ 0.95 sends the top 4 to the strong model: 6·1 + 4·9 = 42
    expect(summary.savedAt95).toBeCloseTo(1 - 42 / 90, 10);
    expect(summary.savedAt95Usd).toBeCloseTo(48, 10);
    expect(summary.cpt50).toBeCloseTo(0.2, 10);
    expect(summary.apgr).toBeGreaterThan(0.75);
  });

  it("the cascade mode counts the cheap call on every request", () => {
    const summary = summarise(rows, scores, "cascade");
    expect(summary.savedAt95).toBeCloseTo(1 - (10 + 36) / 90, 10);
  });
});
