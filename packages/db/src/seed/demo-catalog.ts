/**
 * The demo's models, all served by the mock provider, priced at the current list prices of the
 * hosted models they stand in for, so the savings the console shows are realistic:
 *   demo-small   $0.15 in / $0.60 out per million tokens  (like OpenAI gpt-4o-mini)
 *   demo-medium  $2.50 in / $10.00 out                    (like OpenAI gpt-4o)
 *   demo-large   $15.00 in / $75.00 out                   (like Anthropic Claude Opus 4.1)
 *   demo-embed   $0.02 in (embeddings, POST /v1/embeddings) (like OpenAI text-embedding-3-small)
 */
export interface DemoModel {
  name: string;
  upstreamName: string;
  inputPricePerMillion: string;
  outputPricePerMillion: string;
  contextWindow: number;
  maxOutputTokens: number | null;
  capabilities: string[];
}

export const DEMO_MODELS: readonly DemoModel[] = [
  {
    name: "demo-small",
    upstreamName: "gpt-4o-mini",
    inputPricePerMillion: "0.15",
    outputPricePerMillion: "0.60",
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    capabilities: ["tools", "vision", "json", "json_schema", "streaming"],
  },
  {
    name: "demo-medium",
    upstreamName: "gpt-4o",
    inputPricePerMillion: "2.50",
    outputPricePerMillion: "10.00",
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    capabilities: ["tools", "vision", "json", "json_schema", "streaming"],
  },
  {
    name: "demo-large",
    upstreamName: "claude-opus-4-1",
    inputPricePerMillion: "15.00",
    outputPricePerMillion: "75.00",
    contextWindow: 200_000,
    maxOutputTokens: 32_000,
    capabilities: ["tools", "vision", "json", "streaming"],
  },
  {
    name: "demo-embed",
    upstreamName: "text-embedding-3-small",
    inputPricePerMillion: "0.02",
    outputPricePerMillion: "0",
    contextWindow: 8_191,
    maxOutputTokens: null,
    capabilities: ["embeddings"],
  },
];

export const DEMO_TEAM = { slug: "demo", name: "Demo" } as const;
export const DEMO_CONNECTION_NAME = "mock";
export const DEMO_KEY_NAME = "Demo key";
/** Stand-in credential for the mock provider (it accepts any key); stored encrypted like a real one. */
export const DEMO_CONNECTION_CREDENTIAL = "sk-mock-demo";
export const DEMO_POLICY = {
  name: "Auto",
  alias: "switchyard/auto",
  /**
   * Rules, the classifier and a cascade, so a first request shows routing at work. Opaque here:
   * the routing engine's schema (packages/router) validates it when loaded.
   */
  body: {
    version: 1,
    name: "Demo: rules, classifier and cascade",
    defaultModel: "demo-small",
    baselineModel: "demo-large",
    rules: [
      {
        name: "long-documents",
        when: { promptTokens: { min: 12_000 } },
        target: { model: "demo-medium" },
      },
      {
        name: "code",
        when: { any: [{ task: ["code"] }, { regex: "```|\\bdef |function\\s*\\(" }] },
        target: { model: "demo-medium" },
      },
      {
        name: "math",
        when: {
          any: [{ task: ["math"] }, { keywords: ["how many", "how much", "percent", "solve"] }],
        },
        target: { strategy: "cascade" },
      },
      {
        name: "extraction",
        when: { keywords: ["classify", "extract", "translate", "format these"] },
        target: { model: "demo-small" },
      },
      { name: "short-chat", when: { promptChars: { max: 40 } }, target: { model: "demo-small" } },
    ],
    otherwise: "classifier",
    classifier: { cheap: "demo-small", strong: "demo-large", threshold: 0.55 },
    cascade: { cheap: "demo-small", strong: "demo-large", threshold: 0.7 },
  },
} as const;
