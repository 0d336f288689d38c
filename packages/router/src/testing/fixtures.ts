/** Small synthetic models and requests for the unit tests. */
import type { Capability, ModelInfo } from "@switchyard/core";
import type { ComplexityClassifier } from "../classifier/complexity-classifier";
import type { RoutingRequest } from "../policy/request";
import type { QualityScorer } from "../scorer/quality-scorer";

function testModel(
  name: string,
  price: number,
  capabilities: Capability[] = ["tools", "json", "json_schema", "streaming"],
  contextWindow = 32_000,
): ModelInfo {
  return {
    id: `id-${name}`,
    name,
    aliases: [],
    providerKind: "mock",
    providerConnectionId: "conn",
    upstreamName: name,
    baseUrl: "http://mock.invalid",
    apiKey: null,
    settings: {},
    inputPricePerMillion: price,
    outputPricePerMillion: price * 4,
    contextWindow,
    maxOutputTokens: null,
    capabilities,
    teamId: null,
    enabled: true,
  };
}

export const testModels: ModelInfo[] = [
  testModel("demo-small", 0.1, ["tools", "json", "streaming"], 16_000),
  testModel("demo-medium", 1, ["tools", "json", "json_schema", "vision", "streaming"], 64_000),
  testModel("demo-large", 10, ["tools", "json", "json_schema", "vision", "streaming"], 200_000),
  testModel("demo-large-eu", 10, ["tools", "json", "json_schema", "vision", "streaming"], 200_000),
];

export function testRequest(text: string, extra: Partial<RoutingRequest> = {}): RoutingRequest {
  return {
    messages: [{ role: "user", content: text }],
    hasImages: false,
    requestedModel: "switchyard/auto",
    keyId: "key-1",
    teamId: "team-1",
    estimatedInputTokens: Math.ceil(text.length / 4),
    ...extra,
  };
}

/** Scores a prompt by its length: 0 when empty, 1 from 100 characters. */
export const lengthClassifier: ComplexityClassifier = {
  name: "length",
  score: (text) => Math.min(1, text.length / 100),
};

/** Gives every answer the same quality score, 0.4. */
export const fixedScorer: QualityScorer = { name: "fixed", score: () => 0.4 };

/** What compilePolicy needs: the test models, the length classifier and the fixed scorer. */
export const testCompileContext = {
  models: testModels,
  classifier: lengthClassifier,
  scorer: fixedScorer,
};
