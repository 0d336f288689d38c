import { describe, expect, it } from "vitest";
import { adaptiveSampleWeight, CalibrationPacer } from "./calibration-pacer";
import { decisionMargin } from "./relative-quality";

/** Drives a pacer like a policy's traffic: every request served at `servedUsd`, one in ten drawn. */
function run(pacer: CalibrationPacer, requests: number, servedUsd: number, sampleUsd: number) {
  let sampled = 0;
  for (let i = 0; i < requests; i++) {
    pacer.served(servedUsd);
    if (i % 10 !== 0) continue;
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

  it("admits the first sample at once, then only while the share has room", () => {
    const pacer = new CalibrationPacer(0.1);
    expect(pacer.admit()).toBe(0);
    pacer.settle(0, 2);
    // 2 USD spent: the traffic must cost more than 9 × 2 before the next.
    pacer.served(18);
    expect(pacer.room()).toBe(0);
    expect(pacer.admit()).toBeNull();
    pacer.served(9);
    expect(pacer.room()).toBeCloseTo(1, 12);
    expect(pacer.admit()).toBe(0);
  });

  it("keeps what running samples reserved out of the room until they settle", () => {
    const pacer = new CalibrationPacer(0.5);
    pacer.settle(pacer.admit() as number, 1);
    pacer.served(11);
    expect(pacer.room()).toBeCloseTo(10, 12);
    const held = pacer.reserve(6);
    expect(pacer.room()).toBeCloseTo(4, 12);
    pacer.reserve(4);
    expect(pacer.admit()).toBeNull();
    // The first planned 6 but paid 2: the rest of its reservation comes back.
    pacer.settle(held, 2);
    expect(pacer.room()).toBeCloseTo(4, 12);
    expect(pacer.reserve(Number.NaN)).toBe(0);
  });

  it("never samples at a zero share and never pauses or caps at a share of one", () => {
    const none = new CalibrationPacer(0);
    none.served(100);
    expect(none.admit()).toBeNull();
    expect(none.room()).toBe(0);
    const all = new CalibrationPacer(1);
    all.settle(all.admit() as number, 1000);
    expect(all.admit()).toBe(0);
    expect(all.room()).toBe(Number.POSITIVE_INFINITY);
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
