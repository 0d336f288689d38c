import { describe, expect, it } from "vitest";
import { adaptiveSampleWeight, CalibrationPacer, candidatesToGrade } from "./calibration-pacer";
import { decisionMargin } from "./relative-quality";

/** Drives a pacer like a policy's traffic: every request served at `servedUsd`, `rate` sampled. */
function run(pacer: CalibrationPacer, requests: number, servedUsd: number, sampleUsd: number) {
  let sampled = 0;
  for (let i = 0; i < requests; i++) {
    pacer.served(servedUsd);
    if (i % 10 !== 0) continue; // the draw: one request in ten (rate 0.1)
    const held = pacer.admit();
    if (held === null) continue;
    sampled++;
    pacer.settle(held, sampleUsd);
  }
  return sampled;
}

describe("CalibrationPacer", () => {
  it("admits every drawn sample while they are cheap against the traffic", () => {
    const pacer = new CalibrationPacer(0.1);
    // A sample costs 0.5 of a request: rate 0.1 spends 0.05 per request, about 5% of the total.
    expect(run(pacer, 1000, 1, 0.5)).toBe(100);
    expect(pacer.share).toBeCloseTo(0.05 / 1.05, 3);
  });

  it("holds the share when samples are expensive, by sampling fewer requests", () => {
    const pacer = new CalibrationPacer(0.1);
    // A sample costs 16 requests: rate 0.1 alone would spend 1.6 per request (62% of the total).
    const sampled = run(pacer, 10_000, 1, 16);
    expect(sampled).toBeLessThan(100);
    expect(sampled).toBeGreaterThan(60);
    expect(pacer.share).toBeLessThanOrEqual(0.1 + 16 / 10_000);
  });

  it("admits the first sample at once and alone, before any cost is known", () => {
    const pacer = new CalibrationPacer(0.1);
    const first = pacer.admit();
    expect(first).toBe(0);
    expect(pacer.admit()).toBeNull();
    pacer.settle(first as number, 2);
    // 2 USD spent on calibration: the next waits until the traffic has cost 9 × (2 + 2 expected).
    pacer.served(35);
    expect(pacer.admit()).toBeNull();
    pacer.served(1);
    expect(pacer.admit()).toBe(2);
  });

  it("holds what admitted samples are expected to cost until they settle", () => {
    const pacer = new CalibrationPacer(0.5);
    pacer.settle(pacer.admit() as number, 1);
    pacer.served(10);
    // Half of 11 USD spent may be calibration: room for 9 more samples expected at 1 USD each.
    const held = Array.from({ length: 10 }, () => pacer.admit());
    expect(held.filter((h) => h !== null)).toHaveLength(9);
    expect(held[9]).toBeNull();
    // Two failed without paying anything: their room comes back.
    pacer.settle(1, 0);
    pacer.settle(1, 0);
    expect(pacer.admit()).toBe(1);
  });

  it("never samples at a zero share and never pauses at a share of one", () => {
    const none = new CalibrationPacer(0);
    none.served(100);
    expect(none.admit()).toBeNull();
    const all = new CalibrationPacer(1);
    expect(all.admit()).toBe(0);
    all.settle(all.admit() as number, 1000);
    expect(all.admit()).toBe(1000);
  });
});

describe("candidatesToGrade", () => {
  const prices = [1, 4, 30];
  const never = () => 0.99;
  const always = () => 0;

  it("grades the served answer and every candidate no dearer than it", () => {
    expect(candidatesToGrade(prices, 0, 0.25, never)).toEqual([0]);
    expect(candidatesToGrade(prices, 1, 0.25, never)).toEqual([0, 1]);
    expect(candidatesToGrade(prices, 2, 0, never)).toEqual([0, 1, 2]);
  });

  it("grades each dearer candidate with probability explore", () => {
    expect(candidatesToGrade(prices, 0, 0.25, always)).toEqual([0, 1, 2]);
    expect(candidatesToGrade(prices, 0, 0, always)).toEqual([0]);
    expect(candidatesToGrade(prices, 0, 1, never)).toEqual([0, 1, 2]);
    let draws = 0;
    const counted = () => {
      draws++;
      return 0.5;
    };
    expect(candidatesToGrade(prices, 0, 0.6, counted)).toEqual([0, 1, 2]);
    expect(draws).toBe(2);
    expect(candidatesToGrade([1, 1, 2], 0, 0.4, counted)).toEqual([0, 1]);
  });
});

describe("adaptive sampling", () => {
  it("measures how close a decision came to another one", () => {
    // Relative qualities 0.96 and 1 at minQuality 0.95: 0.01 from choosing the dearer one.
    expect(decisionMargin([0.48, 0.5], 0.95)).toBeCloseTo(0.01, 12);
    expect(decisionMargin([0.2, 0.5, 0.8], 0.95)).toBeCloseTo(0.95 - 0.625, 12);
    expect(decisionMargin([0.9], 0.95)).toBe(1);
    expect(decisionMargin([0, 0], 0.95)).toBe(0);
  });

  it("samples close decisions at the full rate and tapers to a fifth for clear ones", () => {
    expect(adaptiveSampleWeight(0, 500)).toBe(1);
    expect(adaptiveSampleWeight(0.05, 500)).toBe(1);
    expect(adaptiveSampleWeight(0.1, 500)).toBeCloseTo(0.5, 12);
    expect(adaptiveSampleWeight(0.2, 500)).toBeCloseTo(0.25, 12);
    expect(adaptiveSampleWeight(0.6, 500)).toBe(0.2);
    expect(adaptiveSampleWeight(Number.NaN, 500)).toBe(1);
  });

  it("trusts no early artefact to say which decisions are clear", () => {
    expect(adaptiveSampleWeight(0.6, 99)).toBe(1);
    expect(adaptiveSampleWeight(0.6, 100)).toBe(0.2);
    expect(adaptiveSampleWeight(0.6, 0)).toBe(1);
  });
});
