import { describe, expect, it } from "vitest";
import type { ComplexityClassifier } from "../classifier/complexity-classifier";
import type { QualityScorer } from "../scorer/quality-scorer";
import { testModels, testRequest } from "../testing/fixtures";
import { compilePolicy } from "./compile";
import { PolicyError } from "./policy-error";
import type { Condition } from "./schema";

const lengthClassifier: ComplexityClassifier = {
  name: "length",
  score: (text) => Math.min(1, text.length / 100),
};
const fixedScorer: QualityScorer = { name: "fixed", score: () => 0.4 };
const context = { models: testModels, classifier: lengthClassifier, scorer: fixedScorer };

const base = { version: 1, defaultModel: "demo-small", baselineModel: "demo-large" };

function routeWith(when: Condition, request = testRequest("hello")) {
  const compiled = compilePolicy(
    { ...base, rules: [{ name: "r", when, target: { model: "demo-large" } }] },
    context,
  );
  return compiled.decide(request).trace.rule === "r";
}

describe("conditions", () => {
  it("promptChars and promptTokens ranges", () => {
    expect(routeWith({ promptChars: { min: 10 } }, testRequest("short"))).toBe(false);
    expect(routeWith({ promptChars: { min: 10 } }, testRequest("a much longer prompt"))).toBe(true);
    expect(
      routeWith({ promptTokens: { max: 100 } }, testRequest("x", { estimatedInputTokens: 101 })),
    ).toBe(false);
    expect(
      routeWith(
        { promptTokens: { min: 50, max: 100 } },
        testRequest("x", { estimatedInputTokens: 60 }),
      ),
    ).toBe(true);
  });

  it("turns counts user messages", () => {
    const messages = [
      { role: "system", content: "be brief" },
      { role: "user", content: "one" },
      { role: "assistant", content: "ok" },
      { role: "user", content: "two" },
    ];
    expect(routeWith({ turns: { min: 2 } }, testRequest("", { messages }))).toBe(true);
    expect(routeWith({ turns: { min: 3 } }, testRequest("", { messages }))).toBe(false);
  });

  it("regex with flags, over text parts too", () => {
    expect(routeWith({ regex: "^translate", regexFlags: "i" }, testRequest("Translate this"))).toBe(
      true,
    );
    expect(routeWith({ regex: "^translate" }, testRequest("Translate this"))).toBe(false);
    const parts = testRequest("", {
      messages: [{ role: "user", content: [{ type: "text", text: "SELECT * FROM t" }] }],
    });
    expect(routeWith({ regex: "select \\*", regexFlags: "i" }, parts)).toBe(true);
  });

  it("keywords: any (default) and all, on whole words, case-insensitive", () => {
    expect(
      routeWith({ keywords: ["contract", "lawsuit"] }, testRequest("Review this Contract.")),
    ).toBe(true);
    expect(routeWith({ keywords: ["contract"] }, testRequest("contractual terms"))).toBe(false);
    expect(
      routeWith(
        { keywords: ["contract", "lawsuit"], keywordMatch: "all" },
        testRequest("contract only"),
      ),
    ).toBe(false);
    expect(
      routeWith(
        { keywords: ["contract", "lawsuit"], keywordMatch: "all" },
        testRequest("contract lawsuit"),
      ),
    ).toBe(true);
  });

  it("task, requested model, key and team", () => {
    expect(routeWith({ task: ["code"] }, testRequest("x", { task: "code" }))).toBe(true);
    expect(routeWith({ task: ["code"] }, testRequest("x"))).toBe(false);
    expect(
      routeWith({ requestedModel: ["fast"] }, testRequest("x", { requestedModel: "fast" })),
    ).toBe(true);
    expect(routeWith({ keyId: ["key-9"] }, testRequest("x"))).toBe(false);
    expect(routeWith({ keyId: ["key-1"] }, testRequest("x"))).toBe(true);
    expect(routeWith({ teamId: ["team-1"] }, testRequest("x"))).toBe(true);
  });

  it("requires: tools, images, json, json_schema", () => {
    expect(
      routeWith({ requires: ["tools"] }, testRequest("x", { tools: [{ type: "function" }] })),
    ).toBe(true);
    expect(routeWith({ requires: ["tools"] }, testRequest("x", { tools: [] }))).toBe(false);
    expect(routeWith({ requires: ["images"] }, testRequest("x", { hasImages: true }))).toBe(true);
    expect(
      routeWith(
        { requires: ["json"] },
        testRequest("x", { responseFormat: { type: "json_object" } }),
      ),
    ).toBe(true);
    expect(
      routeWith(
        { requires: ["json_schema"] },
        testRequest("x", { responseFormat: { type: "json_object" } }),
      ),
    ).toBe(false);
    expect(
      routeWith(
        { requires: ["json_schema"] },
        testRequest("x", { responseFormat: { type: "json_schema" } }),
      ),
    ).toBe(true);
  });

  it("exceedsContextOf compares estimated tokens with the model's window", () => {
    expect(
      routeWith(
        { exceedsContextOf: "demo-small" },
        testRequest("x", { estimatedInputTokens: 16_001 }),
      ),
    ).toBe(true);
    expect(
      routeWith(
        { exceedsContextOf: "demo-small" },
        testRequest("x", { estimatedInputTokens: 16_000 }),
      ),
    ).toBe(false);
  });

  it("all / any / not combine", () => {
    const when: Condition = {
      all: [
        { any: [{ task: ["code"] }, { keywords: ["python"] }] },
        { not: { promptChars: { max: 5 } } },
      ],
    };
    expect(routeWith(when, testRequest("write python"))).toBe(true);
    expect(routeWith(when, testRequest("hi", { task: "code" }))).toBe(false);
    expect(routeWith(when, testRequest("write a poem"))).toBe(false);
  });
});

describe("compile errors name the path", () => {
  const expectError = (body: unknown, message: string) => {
    expect(() => compilePolicy(body, context)).toThrow(PolicyError);
    expect(() => compilePolicy(body, context)).toThrow(message);
  };

  it("invalid regex deep in a rule", () => {
    const rules = [
      { name: "a", when: { task: ["x"] }, target: { model: "demo-small" } },
      { name: "b", when: { task: ["y"] }, target: { model: "demo-small" } },
      { name: "c", when: { any: [{ regex: "([a-z" }] }, target: { model: "demo-large" } },
    ];
    expectError({ ...base, rules }, "rules[2].when.any[0].regex: invalid regular expression");
  });

  it("unknown model names anywhere", () => {
    expectError({ ...base, defaultModel: "nope" }, 'defaultModel: unknown model "nope"');
    expectError(
      { ...base, rules: [{ name: "a", when: { task: ["x"] }, target: { model: "gpt-9" } }] },
      'rules[0].target.model: unknown model "gpt-9"',
    );
    expectError(
      { ...base, fallbacks: { "demo-large": ["demo-medium", "ghost"] } },
      "fallbacks.demo-large[1]: unknown model",
    );
    expectError(
      {
        ...base,
        rules: [
          { name: "a", when: { exceedsContextOf: "ghost" }, target: { model: "demo-small" } },
        ],
      },
      "rules[0].when.exceedsContextOf",
    );
    expectError(
      {
        ...base,
        cascade: {
          cheap: "demo-small",
          strong: "demo-large",
          threshold: 0.5,
          judge: { model: "ghost", threshold: 0.7 },
        },
      },
      "cascade.judge.model: unknown model",
    );
  });

  it("schema errors: wrong types, two conditions in one, missing sections", () => {
    expectError(
      { ...base, classifier: { cheap: "demo-small", strong: "demo-large", threshold: 2 } },
      "classifier.threshold",
    );
    expectError(
      {
        ...base,
        rules: [
          { name: "a", when: { task: ["x"], keyId: ["k"] }, target: { model: "demo-small" } },
        ],
      },
      "rules[0].when: exactly one condition",
    );
    expectError(
      { ...base, rules: [{ name: "a", when: { task: ["x"] }, target: { strategy: "cascade" } }] },
      'rules[0].target.strategy: strategy "cascade" needs a cascade section',
    );
    expectError({ ...base, version: 2 }, "version:");
  });
});

describe("decisions", () => {
  const policy = {
    ...base,
    rules: [
      { name: "long-docs", when: { promptChars: { min: 500 } }, target: { model: "demo-large" } },
      { name: "math", when: { keywords: ["integral"] }, target: { strategy: "cascade" } },
    ],
    otherwise: "classifier",
    classifier: { cheap: "demo-small", strong: "demo-large", threshold: 0.5 },
    cascade: {
      cheap: "demo-small",
      strong: "demo-large",
      threshold: 0.6,
      judge: { model: "demo-medium", threshold: 0.7 },
    },
    fallbacks: { "demo-large": ["demo-medium", "demo-small"], "demo-small": ["demo-medium"] },
  };

  it("rule → model, with fallbacks and a compact header", () => {
    const decision = compilePolicy(policy, context).decide(testRequest("x".repeat(600)));
    expect(decision.plan).toEqual([
      { model: "demo-large", reason: "rule:long-docs" },
      { model: "demo-medium", reason: "fallback" },
      { model: "demo-small", reason: "fallback" },
    ]);
    expect(decision.strategy).toBe("direct");
    expect(decision.trace.reason).toBe("rule:long-docs");
  });

  it("classifier below and above the threshold", () => {
    const compiled = compilePolicy(policy, context);
    const low = compiled.decide(testRequest("x".repeat(20)));
    expect(low.plan[0]?.model).toBe("demo-small");
    expect(low.trace.classifier).toEqual({ score: 0.2, threshold: 0.5 });
    expect(low.trace.reason).toBe("classifier:0.20<0.50");
    const high = compiled.decide(testRequest("y".repeat(62)));
    expect(high.plan[0]?.model).toBe("demo-large");
    expect(high.trace.reason).toBe("classifier:0.62>=0.50");
  });

  it("cascade strategy returns the cheap model first and the cascade plan", () => {
    const decision = compilePolicy(policy, context).decide(testRequest("integral of x"));
    expect(decision.strategy).toBe("cascade");
    expect(decision.plan[0]).toEqual({ model: "demo-small", reason: "cascade-cheap" });
    expect(decision.cascade).toEqual({
      cheap: "demo-small",
      strong: "demo-large",
      threshold: 0.6,
      judge: { model: "demo-medium", threshold: 0.7 },
    });
    expect(decision.trace.reason).toBe("rule:math+cascade:demo-small→demo-large");
  });

  it("no rule and otherwise default → defaultModel", () => {
    const decision = compilePolicy(base, context).decide(testRequest("hi"));
    expect(decision.plan).toEqual([{ model: "demo-small", reason: "default" }]);
    expect(decision.trace.reason).toBe("default");
  });

  it("aliases resolve to model names", () => {
    const models = testModels.map((m) =>
      m.name === "demo-large" ? { ...m, aliases: ["big"] } : m,
    );
    const compiled = compilePolicy({ ...base, defaultModel: "big" }, { ...context, models });
    expect(compiled.decide(testRequest("hi")).plan[0]?.model).toBe("demo-large");
  });
});

describe("capability gates", () => {
  it("images move the request to the next capable model in price order, traced", () => {
    const decision = compilePolicy(base, context).decide(
      testRequest("describe", { hasImages: true }),
    );
    expect(decision.plan[0]?.model).toBe("demo-medium");
    expect(decision.trace.gates).toEqual([
      { capability: "vision", from: "demo-small", to: "demo-medium" },
    ]);
    expect(decision.trace.reason).toBe("default;gate:vision→demo-medium");
  });

  it("json_schema and context window too", () => {
    const compiled = compilePolicy(base, context);
    expect(
      compiled.decide(testRequest("x", { responseFormat: { type: "json_schema" } })).plan[0]?.model,
    ).toBe("demo-medium");
    expect(
      compiled.decide(testRequest("x", { estimatedInputTokens: 100_000 })).plan[0]?.model,
    ).toBe("demo-large");
  });

  it("fallbacks that cannot serve the request are dropped", () => {
    const policy = {
      ...base,
      defaultModel: "demo-large",
      fallbacks: { "demo-large": ["demo-small", "demo-medium"] },
    };
    const decision = compilePolicy(policy, context).decide(testRequest("x", { hasImages: true }));
    expect(decision.plan.map((s) => s.model)).toEqual(["demo-large", "demo-medium"]);
  });

  it("a cascade whose cheap model cannot serve becomes direct", () => {
    const policy = {
      ...base,
      otherwise: "cascade",
      cascade: { cheap: "demo-small", strong: "demo-large", threshold: 0.5 },
    };
    const decision = compilePolicy(policy, context).decide(
      testRequest("x", { estimatedInputTokens: 100_000 }),
    );
    expect(decision.strategy).toBe("direct");
    expect(decision.plan[0]?.model).toBe("demo-large");
  });

  it("no capable model is a typed error", () => {
    expect(() =>
      compilePolicy(base, context).decide(testRequest("x", { estimatedInputTokens: 500_000 })),
    ).toThrow(/no configured model/);
  });
});

describe("weighted deployments", () => {
  const policy = {
    ...base,
    defaultModel: "demo-large",
    weights: {
      "demo-large": [
        { model: "demo-large", weight: 1 },
        { model: "demo-large-eu", weight: 3 },
      ],
    },
  };
  it("uses the injected RNG", () => {
    const pick = (r: number) =>
      compilePolicy(policy, { ...context, random: () => r }).decide(testRequest("x"));
    expect(pick(0.1).plan[0]?.model).toBe("demo-large");
    expect(pick(0.3).plan[0]?.model).toBe("demo-large-eu");
    expect(pick(0.3).trace.weighted).toEqual({ from: "demo-large", to: "demo-large-eu" });
  });
});
