import type { ProviderKind } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { getProvider, providerKinds } from "../registry";
import { testModel } from "../testing/fixtures";
import catalogJson from "./catalog.json" with { type: "json" };
import {
  allCatalogModels,
  catalogModelsFor,
  catalogProvider,
  loadCatalog,
  parseCatalog,
} from "./index";

describe("catalog", () => {
  it("validates and states the as-of date of its prices", () => {
    const catalog = loadCatalog();
    expect(catalog.pricesAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(catalog.currency).toBe("USD");
  });

  it("covers every provider kind, and each default base URL is the adapter's", () => {
    for (const kind of providerKinds()) {
      const provider = catalogProvider(kind);
      expect(provider, kind).not.toBeNull();
      if (kind === "azure-openai") continue; // a per-resource URL, no adapter default
      const upstream = getProvider(kind).buildRequest(
        testModel({ providerKind: kind, baseUrl: "" }),
        { model: "m", messages: [{ role: "user", content: "hi" }] },
        { stream: false },
      );
      expect(upstream.url.startsWith(`${provider?.defaultBaseUrl}/`), kind).toBe(true);
    }
  });

  it("lists the expected families with sane prices and limits", () => {
    const names = (kind: ProviderKind) => catalogModelsFor(kind).map((model) => model.name);
    expect(names("openai")).toEqual(
      expect.arrayContaining(["gpt-4.1", "gpt-4.1-mini", "gpt-4o", "gpt-4o-mini", "o3", "o4-mini"]),
    );
    expect(names("anthropic")).toEqual(
      expect.arrayContaining(["claude-opus-4-1", "claude-sonnet-4-5", "claude-haiku-4-5"]),
    );
    expect(names("gemini")).toEqual([
      "gemini-2.5-pro",
      "gemini-2.5-flash",
      "gemini-2.5-flash-lite",
      "gemini-embedding-001",
    ]);
    for (const kind of [
      "groq",
      "together",
      "mistral",
      "deepseek",
      "fireworks",
      "openrouter",
    ] as const) {
      expect(names(kind).length, kind).toBeGreaterThan(0);
    }
    for (const model of allCatalogModels()) {
      if (model.capabilities.includes("embeddings")) {
        // Embedding models: input tokens only, and nothing else.
        expect(model.outputPricePerMillion, model.name).toBe(0);
        expect(model.inputPricePerMillion, model.name).toBeGreaterThan(0);
        expect(model.capabilities, model.name).toEqual(["embeddings"]);
        continue;
      }
      expect(model.outputPricePerMillion, model.name).toBeGreaterThanOrEqual(
        model.inputPricePerMillion,
      );
      expect(model.contextWindow, model.name).toBeGreaterThanOrEqual(8192);
      expect(model.capabilities, model.name).toContain("streaming");
    }
    const sonnet = catalogModelsFor("anthropic").find(
      (model) => model.name === "claude-sonnet-4-5",
    );
    expect(sonnet?.upstreamName).toBe("claude-sonnet-4-5-20250929");
    expect(catalogModelsFor("gemini")[0]?.upstreamName).toBe("gemini-2.5-pro");
  });

  it("rejects a broken catalog with the offending path", () => {
    const broken = structuredClone(catalogJson) as {
      providers: { openai: { models: { contextWindow: unknown }[] } };
    };
    const first = broken.providers.openai.models[0];
    if (first) first.contextWindow = -1;
    expect(() => parseCatalog(broken)).toThrow(/providers\.openai\.models\.0\.contextWindow/);
    expect(() => parseCatalog({ ...catalogJson, pricesAsOf: "soon" })).toThrow(/pricesAsOf/);
    expect(() =>
      parseCatalog({
        ...catalogJson,
        providers: { ...catalogJson.providers, acme: catalogJson.providers.openai },
      }),
    ).toThrow();
  });

  it("rejects duplicate model names and an output limit above the window", () => {
    const openai = catalogJson.providers.openai;
    const model = openai.models[0];
    expect(() =>
      parseCatalog({
        ...catalogJson,
        providers: { openai: { ...openai, models: [model, model] } },
      }),
    ).toThrow(/duplicate/);
    expect(() =>
      parseCatalog({
        ...catalogJson,
        providers: { openai: { ...openai, models: [{ ...model, maxOutputTokens: 10_000_000 }] } },
      }),
    ).toThrow(/maxOutputTokens/);
  });
});
