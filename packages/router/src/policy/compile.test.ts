import { describe, expect, it } from "vitest";
import type { QualityScorer } from "../scorer/quality-scorer";
import { testCompileContext as context, testModels, testRequest } from "../testing/fixtures";
import { compilePolicy } from "./compile";
import { explain } from "./explain";
import { PolicyError } from "./policy-error";

const base = { version: 1, defaultModel: "demo-small", baselineModel: "demo-large" };

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

  it("a local-scorer cascade decides before the cheap call when the scorer will not read the answer", () => {
    const { judge: _judge, ...local } = policy.cascade;
    const preCalls: Record<string, number | null> = {
      "integral of a poem": 0.3,
      "integral of an ode": 0.9,
      "integral of x": null,
    };
    const scorer: QualityScorer = {
      name: "open-ended",
      score: () => 0.4,
      preCall: (text) => preCalls[text] ?? null,
    };
    const compiled = compilePolicy({ ...policy, cascade: local }, { ...context, scorer });
    const low = compiled.decide(testRequest("integral of a poem"));
    expect(low.strategy).toBe("direct");
    expect(low.cascade).toBeUndefined();
    expect(low.plan[0]).toEqual({ model: "demo-large", reason: "cascade-precall" });
    expect(low.trace.preCall).toEqual({ score: 0.3, threshold: 0.6 });
    expect(low.trace.cascade).toBeUndefined();
    expect(low.trace.reason).toBe("rule:math+cascade-precall:0.30<0.60");
    const high = compiled.decide(testRequest("integral of an ode"));
    expect(high.plan[0]).toEqual({ model: "demo-small", reason: "cascade-precall" });
    expect(high.trace.reason).toBe("rule:math+cascade-precall:0.90>=0.60");
    expect(explain(compiled, testRequest("integral of a poem")).summary).toContain(
      "Cascade decided before the call: the prompt asks for no answer the scorer can check, so the classifier's stand-in score 0.300 vs threshold 0.60 chose the strong model.",
    );
    // An answer the scorer reads: the cascade runs.
    expect(compiled.decide(testRequest("integral of x")).strategy).toBe("cascade");
    // An LLM judge reads any answer: the cascade runs whatever the local scorer says.
    const judged = compilePolicy(policy, { ...context, scorer });
    expect(judged.decide(testRequest("integral of a poem")).strategy).toBe("cascade");
  });

  it("a cascade's judge is carried to the scorer and the trace, and explained", () => {
    const compiled = compilePolicy(policy, context);
    expect(compiled.cascadeScorer?.judge).toEqual({ model: "demo-medium", threshold: 0.7 });
    expect(compiled.cascadeScorer?.threshold).toBe(0.6);
    const request = testRequest("integral of x");
    expect(compiled.decide(request).trace.cascade).toEqual({
      cheap: "demo-small",
      strong: "demo-large",
      threshold: 0.6,
      judge: { model: "demo-medium", threshold: 0.7 },
    });
    expect(explain(compiled, request).summary).toContain(
      "demo-medium grades the answer and it escalates to demo-large when the grade scores under 0.70 (if the judge fails, the local scorer decides at 0.60).",
    );
    const { judge: _judge, ...withoutJudge } = policy.cascade;
    const plain = compilePolicy({ ...policy, cascade: withoutJudge }, context);
    expect(plain.cascadeScorer?.judge).toBeUndefined();
    expect(plain.decide(request).trace.cascade).toEqual({
      cheap: "demo-small",
      strong: "demo-large",
      threshold: 0.6,
    });
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

  it("a disabled target is never chosen", () => {
    const models = testModels.map((m) => (m.name === "demo-small" ? { ...m, enabled: false } : m));
    const decision = compilePolicy(base, { ...context, models }).decide(testRequest("x"));
    expect(decision.plan[0]?.model).toBe("demo-medium");
    expect(decision.trace.gates[0]?.capability).toBe("disabled");
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
    expect(pick(0.3).plan.map((step) => step.model)).toEqual(["demo-large-eu", "demo-large"]);
  });
});

describe("explain", () => {
  it("lists every rule's match and the decision", () => {
    const policy = {
      ...base,
      rules: [
        { name: "greeting", when: { promptChars: { max: 10 } }, target: { model: "demo-small" } },
        { name: "tools", when: { requires: ["tools"] }, target: { model: "demo-large" } },
      ],
    };
    const result = explain(compilePolicy(policy, context), testRequest("hi", { tools: [{}] }));
    expect(result.rules).toEqual([
      { name: "greeting", matched: true },
      { name: "tools", matched: true },
    ]);
    expect(result.decision.plan[0]?.model).toBe("demo-small");
    expect(result.header).toBe("rule:greeting");
    expect(result.summary).toContain('Matched rule "greeting".');
    expect(result.classifier).toBeNull();
    const withClassifier = {
      ...policy,
      otherwise: "classifier",
      classifier: { cheap: "demo-small", strong: "demo-large", threshold: 0.5 },
    };
    const shown = explain(compilePolicy(withClassifier, context), testRequest("hi"));
    expect(shown.header).toBe("rule:greeting");
    expect(shown.classifier).toEqual({ score: 0.02, threshold: 0.5 });
  });
});

describe("embedding models", () => {
  const embed = {
    ...(testModels[0] as (typeof testModels)[number]),
    id: "id-embed",
    name: "embed",
    upstreamName: "embed",
    inputPricePerMillion: 0.01,
    outputPricePerMillion: 0,
    contextWindow: 1_000_000,
    capabilities: ["embeddings" as const],
  };
  const withEmbed = { ...context, models: [...testModels, embed] };

  it("are refused as a chat policy's target", () => {
    const body = {
      ...base,
      rules: [{ name: "a", when: { task: ["x"] }, target: { model: "embed" } }],
    };
    expect(() => compilePolicy(body, withEmbed)).toThrow(
      'rules[0].target.model: "embed" is an embedding model',
    );
  });

  it("never take a chat that no chat model can hold", () => {
    const policy = compilePolicy(base, withEmbed);
    expect(() => policy.decide(testRequest("x", { estimatedInputTokens: 300_000 }))).toThrow(
      /no configured model can serve this request/,
    );
  });
});
