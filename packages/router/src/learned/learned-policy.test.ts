import { describe, expect, it } from "vitest";
import type { ComplexityClassifier } from "../classifier/complexity-classifier";
import { compilePolicy } from "../policy/compile";
import { explain } from "../policy/explain";
import { PolicyError } from "../policy/policy-error";
import { testModels, testRequest } from "../testing/fixtures";
import type { LearnedRouter } from "./artefact";
import { fitLearnedRouter } from "./fit-learned-router";
import type { LearnedTargetRef } from "./learned-strategy";
import { outcomeOf } from "./request-features";

/** Score = length / 100: short prompts look easy to the cold-start prior. */
const lengthClassifier: ComplexityClassifier = {
  name: "length",
  score: (text) => Math.min(1, text.length / 100),
};
const base = { version: 1, defaultModel: "demo-small", baselineModel: "demo-large" };
const learned = (models: string[], minQuality = 0.95) => ({
  ...base,
  otherwise: { strategy: "learned", models, minQuality },
});

const outcomes = ["billing", "proofs"].flatMap((kind) =>
  Array.from({ length: 40 }, (_, i) =>
    outcomeOf(
      testRequest(`Request ${i} of the ${i % 2 ? "morning" : "evening"}`, {
        tags: [`category:${kind}`],
      }),
      {
        "demo-small": { quality: kind === "billing" ? 1 : 0 },
        "demo-large": { quality: 1 },
      },
    ),
  ),
);
const artefact = fitLearnedRouter(outcomes, { models: ["demo-small", "demo-large"], seed: 1 });

describe("the learned strategy in a policy", () => {
  const expectError = (body: unknown, message: string) => {
    const compile = () => compilePolicy(body, { models: testModels, classifier: lengthClassifier });
    expect(compile).toThrow(PolicyError);
    expect(compile).toThrow(message);
  };

  it("validation errors name the field", () => {
    expectError(learned(["demo-small", "demo-large"], 1.5), "otherwise.minQuality: Too big");
    expectError(learned(["demo-small", "ghost"]), 'otherwise.models[1]: unknown model "ghost"');
    expectError(
      learned(["demo-small", "demo-small"]),
      'otherwise.models[1]: "demo-small" is listed twice',
    );
    expectError(learned(["demo-small"]), "otherwise.models: Too small");
    expectError(
      {
        ...base,
        rules: [
          {
            name: "a",
            when: { task: ["x"] },
            target: { strategy: "learned", models: ["demo-small", "demo-large"] },
          },
        ],
      },
      "rules[0].target.minQuality",
    );
  });

  it("starts from the classifier prior (cold start)", () => {
    const compiled = compilePolicy(learned(["demo-large", "demo-small"]), {
      models: testModels,
      classifier: lengthClassifier,
    });
    expect(compiled.learnedTargets).toEqual([
      { key: "demo-large,demo-small", models: ["demo-small", "demo-large"], minQuality: 0.95 },
    ]);
    const short = compiled.decide(testRequest("hi there"));
    expect(short.plan[0]?.model).toBe("demo-small");
    expect(short.trace.learned?.artefact).toBe("prior");
    expect(short.trace.reason).toBe("learned-prior:demo-small@1.00>=0.95");
    const long = compiled.decide(testRequest("x".repeat(90)));
    expect(long.plan[0]?.model).toBe("demo-large");
    expect(long.trace.reason).toMatch(/^learned-prior:demo-large@1\.00>=0\.95$/);
  });

  it("routes by the artefact the context returns for the target", () => {
    const asked: LearnedTargetRef[] = [];
    const compiled = compilePolicy(learned(["demo-small", "demo-large"]), {
      models: testModels,
      classifier: lengthClassifier,
      learnedRouter: (target) => {
        asked.push(target);
        return artefact;
      },
    });
    const billing = compiled.decide(
      testRequest("Request 99 of the day", { tags: ["category:billing"] }),
    );
    const proofs = compiled.decide(
      testRequest("Request 99 of the day", { tags: ["category:proofs"] }),
    );
    expect(billing.plan[0]?.model).toBe("demo-small");
    expect(proofs.plan[0]?.model).toBe("demo-large");
    expect(billing.trace.learned).toMatchObject({
      model: "demo-small",
      minQuality: 0.95,
      artefact: artefact.id,
      key: "demo-large,demo-small",
    });
    expect(billing.trace.reason).toMatch(/^learned:demo-small@(0\.9[5-9]|1\.00)>=0\.95$/);
    expect(asked[0]).toEqual({
      key: "demo-large,demo-small",
      models: ["demo-small", "demo-large"],
    });
    expect(explain(compiled, testRequest("x", { tags: ["category:proofs"] })).summary).toContain(
      `learned artefact ${artefact.id}`,
    );
  });

  it("asks for the version a target pins, and refuses one that is not a positive integer", () => {
    const asked: LearnedTargetRef[] = [];
    const body = { ...learned(["demo-small", "demo-large"]) } as Record<string, unknown>;
    body.otherwise = { ...(body.otherwise as object), version: 3 };
    const compiled = compilePolicy(body, {
      models: testModels,
      classifier: lengthClassifier,
      learnedRouter: (target) => {
        asked.push(target);
        return undefined;
      },
    });
    expect(compiled.learnedTargets[0]).toMatchObject({ key: "demo-large,demo-small", version: 3 });
    expect(compiled.decide(testRequest("hi")).trace.learned?.artefact).toBe("prior");
    expect(asked[0]).toMatchObject({ key: "demo-large,demo-small", version: 3 });
    for (const version of [0, 1.5, "3"]) {
      body.otherwise = { ...(body.otherwise as object), version };
      expectError(body, "otherwise");
    }
  });

  it("uses the prior when the artefact lacks a candidate, and in rules too", () => {
    const compiled = compilePolicy(
      {
        ...base,
        rules: [
          {
            name: "support",
            when: { task: ["support"] },
            target: { strategy: "learned", models: ["demo-small", "demo-medium"], minQuality: 0.9 },
          },
        ],
      },
      { models: testModels, classifier: lengthClassifier, learnedRouter: () => artefact },
    );
    const decision = compiled.decide(testRequest("hello", { task: "support" }));
    expect(decision.trace.learned?.artefact).toBe("prior");
    expect(decision.trace.reason).toBe("rule:support+learned-prior:demo-small@1.00>=0.90");
    expect(compiled.decide(testRequest("hello")).trace.reason).toBe("default");
  });

  it("capability gates still apply to the chosen model", () => {
    const compiled = compilePolicy(learned(["demo-small", "demo-large"]), {
      models: testModels,
      classifier: lengthClassifier,
      learnedRouter: () => artefact as LearnedRouter,
    });
    const decision = compiled.decide(
      testRequest("Request 5", { tags: ["category:billing"], hasImages: true }),
    );
    expect(decision.trace.learned?.model).toBe("demo-small");
    expect(decision.plan[0]?.model).toBe("demo-medium");
    expect(decision.trace.reason).toMatch(/^learned:demo-small@.*;gate:vision→demo-medium$/);
  });
});
