import { MemoryLimits, parseBudget } from "@switchyard/limits";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeModel } from "../testing/fakes";
import { type Harness, startHarness, TEST_KEY, waitFor } from "../testing/harness";

const embedding = (name: string, baseUrl: string, overrides = {}) =>
  makeModel({
    name,
    baseUrl,
    providerKind: "openai",
    inputPricePerMillion: 0.02,
    outputPricePerMillion: 0,
    contextWindow: 8_191,
    capabilities: ["embeddings"],
    ...overrides,
  });

describe("POST /v1/embeddings", () => {
  let h: Harness;
  const limits = new MemoryLimits();
  beforeAll(async () => {
    h = await startHarness({
      limits,
      extraModels: (baseUrl) => [
        embedding("embed-small", baseUrl, { upstreamName: "text-embedding-3-small" }),
        // Fails, then falls back to another embedding model.
        embedding("embed-broken", baseUrl, {
          upstreamName: "e+mock-error-503",
          settings: { fallbacks: ["embed-small"] },
        }),
        embedding("embed-gemini", baseUrl.replace(/\/v1$/, "/v1beta"), {
          providerKind: "gemini",
          upstreamName: "gemini-embedding-001",
          inputPricePerMillion: 0.15,
        }),
        embedding("embed-unpriced", baseUrl, {
          upstreamName: "text-embedding-3-small",
          unpriced: true,
        }),
        embedding("embed-azure", baseUrl.replace(/\/v1$/, ""), {
          providerKind: "azure-openai",
          upstreamName: "my-embedding-deployment",
        }),
      ],
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it("answers the official OpenAI SDK, single and batch, float and base64, logged and priced", async () => {
    const client = new OpenAI({ apiKey: TEST_KEY, baseURL: `${h.server.url}/v1` });
    // The SDK asks for base64 by default and decodes it.
    const one = await client.embeddings.create({ model: "embed-small", input: "hello world" });
    expect(one.data).toHaveLength(1);
    expect(one.data[0]?.embedding).toHaveLength(64);
    expect(Math.hypot(...(one.data[0]?.embedding ?? []))).toBeCloseTo(1, 5);
    expect(one.model).toBe("embed-small");
    const batch = await client.embeddings.create({
      model: "embed-small",
      input: ["hello world", "goodbye"],
      dimensions: 8,
      encoding_format: "float",
    });
    expect(batch.data.map((d) => [d.index, d.embedding.length])).toEqual([
      [0, 8],
      [1, 8],
    ]);
    expect(batch.usage.prompt_tokens).toBeGreaterThan(0);
    // The same text gives the same vector, whichever encoding carried it.
    const again = await client.embeddings.create({
      model: "embed-small",
      input: "hello world",
      encoding_format: "float",
    });
    for (const [i, value] of (again.data[0]?.embedding ?? []).entries())
      expect(one.data[0]?.embedding[i]).toBeCloseTo(value, 6);

    await waitFor(
      () => h.usage.entries.filter((e) => e.requestedModel === "embed-small").length >= 3,
    );
    const logged = h.usage.entries.find((e) => e.requestedModel === "embed-small");
    expect(logged).toMatchObject({
      routedModel: "embed-small",
      routeReason: "embeddings",
      status: "ok",
      outputTokens: 0,
    });
    // Priced per input token at the model's price: $0.02 per million.
    expect(Number(logged?.costUsd)).toBeCloseTo((logged?.inputTokens ?? 0) * 0.02e-6, 15);
  });

  it("serves Gemini and Azure upstreams through the same API, and falls back on failures", async () => {
    for (const model of ["embed-gemini", "embed-azure"]) {
      const response = await h.fetch("/v1/embeddings", { json: { model, input: ["a", "b"] } });
      expect(response.status, model).toBe(200);
      const body = (await response.json()) as { data: { embedding: number[] }[] };
      expect(body.data).toHaveLength(2);
    }
    const fallback = await h.fetch("/v1/embeddings", {
      json: { model: "embed-broken", input: "x" },
    });
    expect(fallback.status).toBe(200);
    expect(fallback.headers.get("x-switchyard-model")).toBe("embed-small");
  });

  it("refuses bad input, chat models and policies in OpenAI's error shape", async () => {
    const cases: [unknown, number, string][] = [
      [{ model: "embed-small" }, 400, "input"],
      [{ model: "embed-small", input: [] }, 400, "input"],
      [{ model: "embed-small", input: "" }, 400, "input"],
      [{ model: "embed-small", input: "x", encoding_format: "hex" }, 400, "encoding_format"],
      [{ model: "small", input: "x" }, 400, "model"],
      [{ model: "switchyard/auto", input: "x" }, 400, "model"],
      [{ model: "nope", input: "x" }, 404, "model"],
    ];
    for (const [json, status, param] of cases) {
      const response = await h.fetch("/v1/embeddings", { json });
      expect(response.status, JSON.stringify(json)).toBe(status);
      const body = (await response.json()) as { error: { param: string | null; message: string } };
      expect(body.error.param, JSON.stringify(json)).toBe(param);
    }
    expect((await h.fetch("/v1/embeddings")).status).toBe(405);
  });

  it("holds budgets: refused at the limit, and settled at the real cost", async () => {
    limits.setBudgets([
      parseBudget({ id: "b-emb", scope: "team", teamId: "team_1", period: "day", limitUsd: "1" }),
    ]);
    const ok = await h.fetch("/v1/embeddings", {
      json: { model: "embed-small", input: "count me" },
    });
    expect(ok.status).toBe(200);
    let usage = await limits.usage("b-emb");
    for (let i = 0; i < 200 && !usage?.spentPicos; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      usage = await limits.usage("b-emb");
    }
    expect(usage?.spentPicos).toBeGreaterThan(0);
    expect(usage?.reservedPicos).toBe(0);
    limits.setBudgets([
      parseBudget({
        id: "b-emb",
        scope: "team",
        teamId: "team_1",
        period: "day",
        limitUsd: "0.000000001",
      }),
    ]);
    const refused = await h.fetch("/v1/embeddings", {
      json: { model: "embed-small", input: "a long enough text to cost more than the limit" },
    });
    expect(refused.status).toBe(402);
    limits.setBudgets([]);
  });

  it("keeps an unpriced model from requests under a budget, and logs its cost unknown otherwise", async () => {
    const ask = () =>
      h.fetch("/v1/embeddings", { json: { model: "embed-unpriced", input: "unknown price" } });
    const served = await ask();
    expect(served.status).toBe(200);
    await waitFor(() => h.usage.entries.some((e) => e.requestedModel === "embed-unpriced"));
    expect(h.usage.entries.find((e) => e.requestedModel === "embed-unpriced")?.unpriced).toBe(true);
    limits.setBudgets([
      parseBudget({ id: "b-unp", scope: "team", teamId: "team_1", period: "day", limitUsd: "1" }),
    ]);
    const refused = await ask();
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      "model_unpriced",
    );
    limits.setBudgets([]);
  });
});
