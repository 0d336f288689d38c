import { describe, expect, it } from "vitest";
import { testRequest } from "../testing/fixtures";
import { parseLearnedRouter } from "./artefact";
import { OUTCOME_FEATURE_VERSION, parseOutcomes } from "./outcome";
import { outcomeOf, requestTags } from "./request-features";
import { packWeights, unpackWeights } from "./weights-codec";

describe("outcomes", () => {
  const request = testRequest("How many apples are left if I eat 3 of 12?", {
    task: "math",
    tags: ["category:fruit", "category:fruit", "user:42"],
  });

  it("records the features, tags and prior the decision reads", () => {
    const outcome = outcomeOf(
      request,
      { small: { quality: 0.7, costUsd: 0.001 }, large: { quality: 1 } },
      { classifier: { name: "fixed", score: () => 0.25 }, weight: 0.5 },
    );
    expect(outcome.featureVersion).toBe(OUTCOME_FEATURE_VERSION);
    expect(outcome.tags).toEqual(["task:math", "key:key-1", "category:fruit", "user:42"]);
    expect(outcome.prior).toBe(0.25);
    expect(outcome.weight).toBe(0.5);
    const { indices } = outcome.features;
    expect(indices.length).toBeGreaterThan(10);
    expect([...indices].sort((a, b) => a - b)).toEqual(indices);
    expect(new Set(indices).size).toBe(indices.length);
    expect(outcomeOf(request, {}).promptKey).toBe(outcome.promptKey);
    expect(parseOutcomes(JSON.parse(JSON.stringify([outcome])))).toEqual([outcome]);
  });

  it("validation names the bad field", () => {
    const outcome = outcomeOf(request, { small: { quality: 1 } });
    expect(() =>
      parseOutcomes([outcome, { ...outcome, grades: { small: { quality: 2 } } }]),
    ).toThrow("outcomes[1][grades][small][quality]");
  });

  it("tags: task, key, then the caller's, deduplicated", () => {
    expect(requestTags(testRequest("x"))).toEqual(["key:key-1"]);
    expect(requestTags(request)).toEqual(["task:math", "key:key-1", "category:fruit", "user:42"]);
  });
});

describe("the artefact", () => {
  it("packs weights as int16 with a scale", () => {
    const weights = Float64Array.from([0, 1.5, -3, 0.001, 2.999]);
    const back = unpackWeights(packWeights(weights), weights.length);
    for (const [i, w] of weights.entries()) expect(back[i]).toBeCloseTo(w, 3);
    expect(unpackWeights(packWeights(new Float64Array(3)), 3)).toEqual(new Float64Array(3));
    expect(() => unpackWeights(packWeights(weights), 4)).toThrow("expected 4");
  });

  it("parseLearnedRouter names the bad field", () => {
    expect(() => parseLearnedRouter({ format: "switchyard-learned-router" })).toThrow(
      "learned router.formatVersion",
    );
  });
});
