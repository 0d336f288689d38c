import { describe, expect, it } from "vitest";
import { getProvider } from "./registry";
import { testModel } from "./testing/fixtures";

const request = { input: ["alpha", "beta"], dimensions: 256, user: "u1" };

describe("provider embeddings", () => {
  it("OpenAI-compatible: POST {base}/embeddings with the upstream model, floats asked for", () => {
    const embeddings = getProvider("openai").embeddings;
    const model = testModel({
      providerKind: "openai",
      baseUrl: "https://api.openai.com/v1",
      upstreamName: "text-embedding-3-small",
      apiKey: "sk-x",
    });
    const upstream = embeddings?.buildRequest(model, request);
    expect(upstream?.url).toBe("https://api.openai.com/v1/embeddings");
    expect(upstream?.headers.authorization).toBe("Bearer sk-x");
    expect(JSON.parse(upstream?.body ?? "{}")).toEqual({
      model: "text-embedding-3-small",
      input: ["alpha", "beta"],
      encoding_format: "float",
      dimensions: 256,
      user: "u1",
    });
    const parsed = embeddings?.parseResponse(
      model,
      {
        object: "list",
        // Out of order on the wire: put back in input order.
        data: [
          { object: "embedding", index: 1, embedding: [0, 1] },
          { object: "embedding", index: 0, embedding: [1, 0] },
        ],
        model: "text-embedding-3-small",
        usage: { prompt_tokens: 3, total_tokens: 3 },
      },
      2,
    );
    expect(parsed).toEqual({
      vectors: [
        [1, 0],
        [0, 1],
      ],
      inputTokens: 3,
      model: "text-embedding-3-small",
    });
    expect(() => embeddings?.parseResponse(model, { data: [] }, 2)).toThrow(/one vector per input/);
  });

  it("Azure: the deployment's embeddings operation with api-version and api-key", () => {
    const upstream = getProvider("azure-openai").embeddings?.buildRequest(
      testModel({
        providerKind: "azure-openai",
        baseUrl: "https://res.openai.azure.com",
        upstreamName: "emb-deploy",
        apiKey: "az-key",
      }),
      request,
    );
    expect(upstream?.url).toBe(
      "https://res.openai.azure.com/openai/deployments/emb-deploy/embeddings?api-version=2024-10-21",
    );
    expect(upstream?.headers["api-key"]).toBe("az-key");
  });

  it("Gemini: batchEmbedContents, one request per input, outputDimensionality", () => {
    const model = testModel({
      providerKind: "gemini",
      baseUrl: "",
      upstreamName: "gemini-embedding-001",
      apiKey: "g-key",
    });
    const gemini = getProvider("gemini").embeddings;
    const upstream = gemini?.buildRequest(model, request);
    expect(upstream?.url).toBe(
      "https://generativelanguage.googleapis.com/v1beta/models/gemini-embedding-001:batchEmbedContents",
    );
    expect(upstream?.headers["x-goog-api-key"]).toBe("g-key");
    expect(JSON.parse(upstream?.body ?? "{}").requests[1]).toEqual({
      model: "models/gemini-embedding-001",
      content: { parts: [{ text: "beta" }] },
      outputDimensionality: 256,
    });
    expect(() => gemini?.buildRequest(model, { input: [[1, 2, 3]] })).toThrow(/text only/);
    expect(
      gemini?.parseResponse(model, { embeddings: [{ values: [1] }, { values: [2] }] }, 2),
    ).toEqual({ vectors: [[1], [2]], inputTokens: null, model: null });
  });

  it("Anthropic has no embeddings API", () => {
    expect(getProvider("anthropic").embeddings).toBeUndefined();
  });
});
