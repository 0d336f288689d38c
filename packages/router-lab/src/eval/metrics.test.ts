import { describe, expect, it } from "vitest";
import {
  apgr,
  cheapestAtQuality,
  cpt,
  pgr,
  pointAt,
  qcutThresholds,
  quantile,
  type ReplayRow,
  sweep,
} from "./metrics";

const point = (strongShare: number, quality: number, costUsd = 0) => ({
  threshold: 0,
  strongShare,
  quality,
  costUsd,
});

describe("RouteLLM metrics on hand-computed examples", () => {
  const curve = [point(0, 0.5), point(0.5, 0.8), point(1, 0.9)];

  it("pgr", () => {
    expect(pgr(0.7, 0.5, 0.9)).toBeCloseTo(0.5, 12);
    expect(pgr(0.9, 0.5, 0.9)).toBeCloseTo(1, 12);
  });

  it("apgr = (trapz - cheap area) / (strong area - cheap area)", () => {
    // trapz = 0.5·(0.5+0.8)/2 + 0.5·(0.8+0.9)/2 = 0.75; (0.75 − 0.5) / (0.9 − 0.5) = 0.625
    expect(apgr(curve, 0.5, 0.9)).toBeCloseTo(0.625, 12);
    // order of points does not matter (sorted by strong share)
    expect(apgr(curve.slice().reverse(), 0.5, 0.9)).toBeCloseTo(0.625, 12);
    // the straight line of a random router is 0.5
    expect(apgr([point(0, 0.5), point(1, 0.9)], 0.5, 0.9)).toBeCloseTo(0.5, 12);
  });

  it("cpt interpolates the share needed for x% of the gap", () => {
    // 50% → target 0.7, between (0, .5) and (.5, .8): 0.5 · 0.2/0.3
    expect(cpt(curve, 0.5, 0.5, 0.9)).toBeCloseTo(1 / 3, 12);
    // 80% → target 0.82, between (.5, .8) and (1, .9): 0.5 + 0.5 · 0.02/0.1
    expect(cpt(curve, 0.8, 0.5, 0.9)).toBeCloseTo(0.6, 12);
    // never reached → the largest share (np.interp clamps)
    expect(cpt([point(0, 0.5), point(1, 0.6)], 0.8, 0.5, 0.9)).toBe(1);
  });

  it("quantiles and qcut edges match numpy/pandas (linear)", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(qcutThresholds([5, 1, 4, 2, 3], 4)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe("replay sweep and cascade accounting", () => {
  const rows: ReplayRow[] = [
    { routeScore: 0.1, cheapScore: 1, strongScore: 1, cheapCost: 1, strongCost: 10 },
    { routeScore: 0.4, cheapScore: 0, strongScore: 1, cheapCost: 1, strongCost: 10 },
    { routeScore: 0.6, cheapScore: 1, strongScore: 0, cheapCost: 1, strongCost: 10 },
    { routeScore: 0.9, cheapScore: 0, strongScore: 1, cheapCost: 1, strongCost: 10 },
  ];

  it("sweeps RouteLLM's edges: >= except > at the last", () => {
    const points = sweep(rows, 2, "route");
    expect(points.map((p) => p.threshold)).toEqual([0.1, 0.5, 0.9]);
    expect(points.map((p) => p.strongShare)).toEqual([1, 0.5, 0]);
    expect(points.map((p) => p.quality)).toEqual([0.75, 0.5, 0.5]);
    expect(points.map((p) => p.costUsd)).toEqual([40, 22, 4]);
  });

  it("a cascade pays the cheap call always and the strong call when escalating", () => {
    expect(pointAt(rows, 0.5, "cascade").costUsd).toBe(4 + 20);
    expect(pointAt(rows, 0.5, "route").costUsd).toBe(2 + 20);
    expect(pointAt(rows, 0, "cascade").costUsd).toBe(44);
  });

  it("a cascade decided before the cheap call pays one call, as pre-routing does", () => {
    const mixed = rows.map((row, i) => (i === 0 || i === 2 ? { ...row, preRouted: true } : row));
    // Row 0: cheap, decided up front (1). Row 1: the cheap answer kept (1). Row 2: strong, decided
    // up front (10). Row 3: the cheap call, then escalated (1 + 10).
    expect(pointAt(mixed, 0.5, "cascade").costUsd).toBe(1 + 1 + 10 + 11);
    expect(pointAt(mixed, 0.5, "route").costUsd).toBe(pointAt(rows, 0.5, "route").costUsd);
  });

  it("cheapest point at a quality target", () => {
    const points = [point(0, 0.5, 1), point(0.5, 0.8, 5), point(1, 0.9, 10), point(0.6, 0.85, 7)];
    expect(cheapestAtQuality(points, 0.8)?.costUsd).toBe(5);
    expect(cheapestAtQuality(points, 0.95)).toBeNull();
  });
});
