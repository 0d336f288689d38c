import { describe, expect, it } from "vitest";
import { testModels } from "../testing/fixtures";
import { compilePolicy } from "./compile";
import { PolicyError } from "./policy-error";

const base = { version: 1, defaultModel: "demo-small", baselineModel: "demo-large" };
const learning = { candidates: ["demo-small", "demo-large"], judge: "demo-medium" };
const context = { models: testModels };

const errorOf = (body: unknown): PolicyError => {
  try {
    compilePolicy(body, context);
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error("the policy compiled");
};

describe("the learning block", () => {
  it("is optional: without it the compiled policy has no learning", () => {
    expect(compilePolicy(base, context).learning).toBeNull();
  });

  it("compiles with the default sample rate, aliases resolved and private rules named", () => {
    const models = testModels.map((model) =>
      model.name === "demo-large" ? { ...model, aliases: ["big"] } : model,
    );
    const compiled = compilePolicy(
      {
        ...base,
        rules: [
          { name: "hr", when: { task: ["hr"] }, target: { model: "demo-large" }, private: true },
          { name: "code", when: { task: ["code"] }, target: { model: "demo-large" } },
          { name: "open", when: { task: ["x"] }, target: { model: "demo-small" }, private: false },
        ],
        learning: { ...learning, candidates: ["demo-small", "big"], excludeTags: ["task:legal"] },
      },
      { models },
    );
    expect(compiled.learning).toEqual({
      sampleRate: 0.02,
      maxShare: 1,
      explore: 1,
      warmup: 5,
      taperAfter: 15,
      adaptive: true,
      budgetUsd: null,
      candidates: ["demo-small", "demo-large"],
      judge: "demo-medium",
      excludeTags: ["task:legal"],
      privateRules: new Set(["hr"]),
    });
  });

  it("keeps an explicit sample rate and monthly budget", () => {
    const compiled = compilePolicy(
      {
        ...base,
        learning: { ...learning, sampleRate: 0.5, maxShare: 0.25, explore: 0.3, budgetUsd: 25 },
      },
      context,
    );
    expect(compiled.learning).toMatchObject({
      sampleRate: 0.5,
      maxShare: 0.25,
      explore: 0.3,
      budgetUsd: 25,
    });
    const zero = compilePolicy({ ...base, learning: { ...learning, sampleRate: 0 } }, context);
    expect(zero.learning?.sampleRate).toBe(0);
  });

  it.each([
    [{ ...learning, sampleRate: 1.5 }, "learning.sampleRate"],
    [{ ...learning, sampleRate: -0.1 }, "learning.sampleRate"],
    [{ ...learning, sampleRate: "often" }, "learning.sampleRate"],
    [{ ...learning, maxShare: 1.2 }, "learning.maxShare"],
    [{ ...learning, maxShare: -0.5 }, "learning.maxShare"],
    [{ ...learning, explore: 2 }, "learning.explore"],
    [{ ...learning, adaptive: "yes" }, "learning.adaptive"],
    [{ ...learning, budgetUsd: 0 }, "learning.budgetUsd"],
    [{ ...learning, budgetUsd: -5 }, "learning.budgetUsd"],
    [{ ...learning, candidates: ["demo-small"] }, "learning.candidates"],
    [{ ...learning, candidates: Array(17).fill("demo-small") }, "learning.candidates"],
    [{ ...learning, candidates: ["demo-small", ""] }, "learning.candidates[1]"],
    [{ ...learning, candidates: ["demo-small", "ghost"] }, "learning.candidates[1]"],
    [{ ...learning, candidates: ["demo-small", "demo-small"] }, "learning.candidates[1]"],
    [{ candidates: learning.candidates }, "learning.judge"],
    [{ ...learning, judge: "ghost" }, "learning.judge"],
    [{ ...learning, excludeTags: [""] }, "learning.excludeTags[0]"],
    [{ ...learning, extra: true }, "learning"],
  ])("refuses %j, naming %s", (block, path) => {
    const error = errorOf({ ...base, learning: block });
    expect(error.path).toBe(path);
    expect(error.message.startsWith(`${path}: `)).toBe(true);
    expect(error.status).toBe(400);
  });

  it("refuses a rule's private flag that is not a boolean, naming the rule", () => {
    const rules = [
      { name: "hr", when: { task: ["hr"] }, target: { model: "demo-large" }, private: "yes" },
    ];
    expect(errorOf({ ...base, rules }).path).toBe("rules[0].private");
  });
});
