/** Test fixtures of the calibration tests: candidates, a learning policy, a chat request. */
import type { ModelInfo, PublishedPolicy, RequestLogEntry } from "@switchyard/core";
import { makeModel } from "../testing";

/** Candidates whose answers carry a quality mark, and a judge that grades by it (mock-llm). */
export const calibrationModels = (baseUrl: string): ModelInfo[] => [
  makeModel({
    name: "cand-cheap",
    upstreamName: "cheap+mock-quality-3",
    baseUrl,
    inputPricePerMillion: 0.1,
    outputPricePerMillion: 0.4,
  }),
  makeModel({
    name: "cand-strong",
    upstreamName: "strong+mock-quality-9",
    baseUrl,
    inputPricePerMillion: 5,
    outputPricePerMillion: 15,
  }),
  makeModel({ name: "cand-plain", upstreamName: "plain", baseUrl }),
  makeModel({ name: "judge", upstreamName: "grader+mock-judge", baseUrl }),
];

export const learning = {
  candidates: ["cand-cheap", "cand-strong"],
  judge: "judge",
  sampleRate: 0.5,
};

export function policy(block: unknown = learning, rules: unknown[] = []): PublishedPolicy {
  return {
    policyId: "pol_1",
    versionId: "pv_1",
    version: 1,
    teamId: "team_1",
    alias: "switchyard/auto",
    body: {
      version: 1,
      defaultModel: "cand-cheap",
      baselineModel: "cand-strong",
      rules,
      learning: block,
    },
  };
}

export const chat = (content = "What is the capital of France?", extra: object = {}) => ({
  json: { model: "switchyard/auto", messages: [{ role: "user", content }], ...extra },
});

export const byReason = (entries: readonly RequestLogEntry[], reason: string) =>
  entries.filter((entry) => entry.routeReason === reason);
