import { fitLearnedRouter, outcomeOf, type RoutingRequest } from "@switchyard/router";
import { describe, expect, it } from "vitest";
import { parseOutcomeLines } from "./outcomes";
import { replayPolicy } from "./policy-replay";

const records = parseOutcomeLines(
  ["short", "a much longer question here"]
    .map((text, i) =>
      JSON.stringify({
        id: `r${i}`,
        messages: [{ role: "user", content: text }],
        outcomes: {
          cheap: { score: i === 0 ? 1 : 0, response: "x", input_tokens: 10, output_tokens: 10 },
          strong: { score: 1, response: "y", input_tokens: 10, output_tokens: 10 },
        },
      }),
    )
    .join("\n"),
);
const prices = new Map([
  ["cheap", { input: 1, output: 1 }],
  ["strong", { input: 10, output: 10 }],
]);
const rows = [
  { cheapScore: 1, strongScore: 1, cheapCost: 20e-6, strongCost: 200e-6 },
  { cheapScore: 0, strongScore: 1, cheapCost: 20e-6, strongCost: 200e-6 },
];
const pair = { cheap: "cheap", strong: "strong" };
const base = { version: 1, defaultModel: "cheap", baselineModel: "strong" };

describe("replayPolicy", () => {
  it("a cascade pays the cheap call always and the strong call when it escalates", () => {
    const policy = {
      ...base,
      otherwise: "cascade",
      cascade: { cheap: "cheap", strong: "strong", threshold: 0.5 },
    };
    const scores = [
      { complexity: 0, answerScore: 0.9 },
      { complexity: 0, answerScore: 0.2 },
    ];
    const point = replayPolicy(policy, records, rows, scores, pair, prices);
    expect(point.cascadeShare).toBe(1);
    expect(point.strongShare).toBe(0.5);
    expect(point.quality).toBe(1);
    expect(point.costUsd).toBeCloseTo(20e-6 + 20e-6 + 200e-6, 12);
  });

  it("rules and the classifier route directly", () => {
    const policy = {
      ...base,
      rules: [{ name: "long", when: { promptChars: { min: 20 } }, target: { model: "strong" } }],
      otherwise: "classifier",
      classifier: { cheap: "cheap", strong: "strong", threshold: 0.5 },
    };
    const scores = [
      { complexity: 0.1, answerScore: 0 },
      { complexity: 0.1, answerScore: 0 },
    ];
    const point = replayPolicy(policy, records, rows, scores, pair, prices);
    expect(point.strongShare).toBe(0.5);
    expect(point.quality).toBe(1);
    expect(point.costUsd).toBeCloseTo(20e-6 + 200e-6, 12);
    expect(point.reasons).toEqual({ "classifier:0.10<0.50": 1, "rule:long": 1 });
  });

  it("a learned per-tag verdict skips the cascade: one strong call on the tag the cheap model fails", () => {
    const policy = {
      ...base,
      otherwise: "cascade",
      cascade: { cheap: "cheap", strong: "strong", threshold: 0.5 },
      learning: { sampleRate: 0, candidates: ["cheap", "strong"], judge: "cheap" },
    };
    const request = (text: string, tag: string): RoutingRequest => ({
      messages: [{ role: "user", content: text }],
      hasImages: false,
      requestedModel: "switchyard/auto",
      keyId: "",
      teamId: "",
      estimatedInputTokens: 0,
      tags: [tag],
    });
    const outcomes = Array.from({ length: 30 }, (_, i) => [
      outcomeOf(request(`hard ${i}`, "category:hard"), {
        cheap: { quality: 0 },
        strong: { quality: 1 },
      }),
      outcomeOf(request(`easy ${i}`, "category:easy"), {
        cheap: { quality: i % 2 },
        strong: { quality: 1 },
      }),
    ]).flat();
    const artefact = fitLearnedRouter(outcomes, {
      models: ["cheap", "strong"],
      seed: 1,
      heldOutPercent: 0,
      cascade: { cheap: "cheap", strong: "strong", priceRatio: 0.1 },
    });
    const scores = [
      { complexity: 0, answerScore: 0.9 },
      { complexity: 0, answerScore: 0.2 },
    ];
    const point = replayPolicy(policy, records, rows, scores, pair, prices, {
      learnedRouter: () => artefact,
      tags: (record) => [record.id === "r1" ? "category:hard" : "category:easy"],
    });
    // r0 cascades (cheap accepted); r1 goes straight to strong without the cheap call.
    expect(point.skippedShare).toBe(0.5);
    expect(point.cascadeShare).toBe(0.5);
    expect(point.costUsd).toBeCloseTo(20e-6 + 200e-6, 12);
    expect(point.reasons).toMatchObject({ "cascade-skipped:tag=category:hard→strong": 1 });
  });
});
