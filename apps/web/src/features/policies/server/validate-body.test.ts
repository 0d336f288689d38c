import type { ModelInfo } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { validatePolicyBody } from "./validate-body";

const model = (name: string): ModelInfo => ({
  id: name,
  name,
  aliases: [],
  providerKind: "mock",
  providerConnectionId: "conn",
  upstreamName: name,
  baseUrl: "http://mock.invalid/v1",
  apiKey: null,
  settings: {},
  inputPricePerMillion: 1,
  outputPricePerMillion: 4,
  contextWindow: 32_000,
  maxOutputTokens: null,
  capabilities: ["streaming"],
  teamId: null,
  enabled: true,
});
const models = [model("small"), model("large")];
const policy = (...regexes: string[]) => ({
  version: 1,
  defaultModel: "small",
  baselineModel: "large",
  rules: [
    { name: "task", when: { task: ["code"] }, target: { model: "large" } },
    ...regexes.map((regex, i) => ({ name: `r${i}`, when: { regex }, target: { model: "large" } })),
  ],
});

// The console's validate, explain, save and publish endpoints all validate through this.
describe("validatePolicyBody and rule regexes", () => {
  it("refuses what RE2 cannot run, naming each field", () => {
    const result = validatePolicyBody(policy("ok|fine", "(\\w)\\1", "x(?!y)"), models);
    expect(result.valid).toBe(false);
    expect(result.issues).toEqual([
      { path: "rules[2].when.regex", message: "backreferences are not supported (RE2 syntax)" },
      { path: "rules[3].when.regex", message: "lookarounds are not supported (RE2 syntax)" },
    ]);
  });

  it("accepts RE2 syntax, inline flags included", () => {
    expect(
      validatePolicyBody(policy("(?i)\\bselect\\b.*\\bfrom\\b", "\\p{Greek}+"), models).valid,
    ).toBe(true);
  });
});

describe("validatePolicyBody and the learning block", () => {
  const learning = { candidates: ["small", "large"], judge: "large" };
  it("accepts a learning block and names each bad field", () => {
    const ok = validatePolicyBody({ ...policy(), learning }, models);
    expect(ok.valid).toBe(true);
    if (ok.valid) expect(ok.compiled.learning?.sampleRate).toBe(0.02);
    const bad = validatePolicyBody(
      { ...policy(), learning: { ...learning, sampleRate: 2, budgetUsd: 0 } },
      models,
    );
    expect(bad.issues.map((issue) => issue.path)).toEqual([
      "learning.sampleRate",
      "learning.budgetUsd",
    ]);
    const unknown = validatePolicyBody(
      { ...policy(), learning: { ...learning, judge: "ghost" } },
      models,
    );
    expect(unknown.issues).toEqual([{ path: "learning.judge", message: 'unknown model "ghost"' }]);
  });
});
