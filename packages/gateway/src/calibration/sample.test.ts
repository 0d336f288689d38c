import { describe, expect, it } from "vitest";
import type { RouteDecision } from "../route/resolve-route";
import { sampleWeight } from "./sample";

const learnedRoute = (artefact: string, margin: number, trainedOn = 400) =>
  ({
    plan: [],
    trace: {
      policy: "switchyard/auto",
      version: 1,
      gates: [],
      fallbacks: [],
      reason: "learned:small@0.99>=0.95",
      learned: {
        key: "large,small",
        model: "small",
        relativeQuality: 0.99,
        minQuality: 0.95,
        artefact,
        margin,
        trainedOn,
      },
    },
  }) as unknown as RouteDecision;

describe("sampleWeight", () => {
  it("tapers the sample rate on clear decisions of a trained artefact, when adaptive", () => {
    expect(sampleWeight(learnedRoute("40-abc", 0.01), true)).toBe(1);
    expect(sampleWeight(learnedRoute("40-abc", 0.1), true)).toBeCloseTo(0.5, 12);
    expect(sampleWeight(learnedRoute("40-abc", 0.9), true)).toBe(0.2);
  });

  it("takes the full rate on a cold start, without adaptive, and for other routes", () => {
    expect(sampleWeight(learnedRoute("prior", 0.9, 0), true)).toBe(1);
    expect(sampleWeight(learnedRoute("40-abc", 0.9, 40), true)).toBe(1);
    expect(sampleWeight(learnedRoute("40-abc", 0.9), false)).toBe(1);
    const direct = { plan: [], trace: { steps: ["requested model"] } } as unknown as RouteDecision;
    expect(sampleWeight(direct, true)).toBe(1);
  });
});
