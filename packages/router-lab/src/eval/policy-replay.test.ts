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
});
