import { describe, expect, it } from "vitest";
import type { ModelInfo } from "./domain";
import {
  classCost,
  classPrices,
  modelUsageCost,
  priceAt,
  tokenClasses,
  tokenUsageOf,
} from "./pricing";

const model = (over: Partial<ModelInfo>): ModelInfo => ({
  id: "m",
  name: "m",
  aliases: [],
  providerKind: "openai",
  providerConnectionId: "c",
  upstreamName: "m",
  baseUrl: "http://x",
  apiKey: null,
  settings: {},
  inputPricePerMillion: 3,
  outputPricePerMillion: 15,
  contextWindow: 1000,
  maxOutputTokens: null,
  capabilities: [],
  teamId: null,
  enabled: true,
  ...over,
});

describe("token classes", () => {
  it("splits totals into disjoint classes that add up to them", () => {
    const classes = tokenClasses({
      inputTokens: 1000,
      outputTokens: 500,
      cachedInputTokens: 600,
      cacheWrite5mTokens: 100,
      cacheWrite1hTokens: 50,
      reasoningTokens: 200,
    });
    expect(classes).toEqual({
      uncachedInput: 250,
      cachedInput: 600,
      cacheWrite5m: 100,
      cacheWrite1h: 50,
      output: 300,
      reasoning: 200,
    });
  });

  it("clamps parts larger than their total", () => {
    expect(
      tokenClasses({ inputTokens: 10, outputTokens: 5, cachedInputTokens: 40, reasoningTokens: 9 }),
    ).toMatchObject({
      uncachedInput: 0,
      cachedInput: 10,
      output: 0,
      reasoning: 5,
    });
  });

  it("reads the canonical usage's details and the cache-write extension", () => {
    expect(
      tokenUsageOf({
        prompt_tokens: 100,
        completion_tokens: 20,
        total_tokens: 120,
        prompt_tokens_details: {
          cached_tokens: 30,
          cache_write_tokens: 50,
          cache_write_1h_tokens: 10,
        },
        completion_tokens_details: { reasoning_tokens: 7 },
      }),
    ).toEqual({
      inputTokens: 100,
      outputTokens: 20,
      cachedInputTokens: 30,
      cacheWrite5mTokens: 40,
      cacheWrite1hTokens: 10,
      reasoningTokens: 7,
    });
  });
});

describe("class prices", () => {
  it("uses the model's own class prices", () => {
    const prices = classPrices(
      {
        inputPricePerMillion: 1.25,
        outputPricePerMillion: 10,
        cachedInputPricePerMillion: 0.125,
        cacheWrite5mPricePerMillion: null,
        cacheWrite1hPricePerMillion: null,
        reasoningPricePerMillion: 12,
      },
      "openai",
    );
    expect(prices).toEqual({
      uncachedInput: 1_250_000,
      cachedInput: 125_000,
      cacheWrite5m: 1_250_000,
      cacheWrite1h: 1_250_000,
      output: 10_000_000,
      reasoning: 12_000_000,
    });
  });

  it("applies Anthropic's documented multipliers when a class has no price", () => {
    const prices = classPrices(
      {
        inputPricePerMillion: 3,
        outputPricePerMillion: 15,
        cachedInputPricePerMillion: null,
        cacheWrite5mPricePerMillion: null,
        cacheWrite1hPricePerMillion: null,
        reasoningPricePerMillion: null,
      },
      "anthropic",
    );
    expect(prices).toMatchObject({
      cachedInput: 300_000,
      cacheWrite5m: 3_750_000,
      cacheWrite1h: 6_000_000,
      reasoning: 15_000_000,
    });
  });

  it("prices each class exactly", () => {
    const anthropic = model({ providerKind: "anthropic" });
    // 250 uncached × $3 + 600 read × $0.30 + 100 × $3.75 + 50 × $6 + 500 output × $15 (per million)
    expect(
      modelUsageCost(
        anthropic,
        {
          inputTokens: 1000,
          outputTokens: 500,
          cachedInputTokens: 600,
          cacheWrite5mTokens: 100,
          cacheWrite1hTokens: 50,
        },
        new Date(),
      ),
    ).toBe(250 * 3_000_000 + 600 * 300_000 + 100 * 3_750_000 + 50 * 6_000_000 + 500 * 15_000_000);
    expect(
      classCost(classPrices(anthropic, "anthropic"), { inputTokens: 0, outputTokens: 0 }),
    ).toBe(0);
  });
});

describe("price versions", () => {
  const history = [
    {
      effectiveFrom: new Date("2026-01-01T00:00:00Z"),
      inputPricePerMillion: 2,
      outputPricePerMillion: 8,
      cachedInputPricePerMillion: null,
      cacheWrite5mPricePerMillion: null,
      cacheWrite1hPricePerMillion: null,
      reasoningPricePerMillion: null,
    },
    {
      effectiveFrom: new Date("2026-06-01T00:00:00Z"),
      inputPricePerMillion: 1,
      outputPricePerMillion: 4,
      cachedInputPricePerMillion: 0.25,
      cacheWrite5mPricePerMillion: null,
      cacheWrite1hPricePerMillion: null,
      reasoningPricePerMillion: null,
    },
  ];

  it("picks the price in effect at the time", () => {
    const m = model({ priceHistory: history });
    expect(priceAt(m, new Date("2026-03-01T00:00:00Z"))?.inputPricePerMillion).toBe(2);
    expect(priceAt(m, new Date("2026-06-01T00:00:00Z"))?.inputPricePerMillion).toBe(1);
    expect(priceAt(m, new Date("2025-12-31T00:00:00Z"))?.inputPricePerMillion).toBe(3);
  });

  it("has no price for an unpriced model or an unpriced version", () => {
    expect(priceAt(model({ unpriced: true }), new Date())).toBeNull();
    const m = model({
      priceHistory: [{ ...history[0]!, inputPricePerMillion: null, outputPricePerMillion: null }],
    });
    expect(
      modelUsageCost(m, { inputTokens: 5, outputTokens: 5 }, new Date("2026-02-01")),
    ).toBeNull();
  });
});
