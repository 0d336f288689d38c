import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockLlm, startMockLlm } from "./index";

let mock: MockLlm;
beforeAll(async () => {
  mock = await startMockLlm({ port: 0 });
});
afterAll(() => mock.close());

const post = (path: string, body: unknown) =>
  fetch(`${mock.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

type OpenAIList = {
  data: { index: number; embedding: number[] }[];
  model: string;
  usage: { prompt_tokens: number };
};

describe("mock embeddings", () => {
  it("answers OpenAI's shape: one unit vector per input, the same for the same text", async () => {
    const first = (await (
      await post("/v1/embeddings", { model: "text-embedding-3-small", input: ["cat", "dog"] })
    ).json()) as OpenAIList;
    expect(first.data.map((d) => d.index)).toEqual([0, 1]);
    expect(first.data[0]?.embedding).toHaveLength(64);
    const norm = Math.hypot(...(first.data[0]?.embedding ?? []));
    expect(norm).toBeCloseTo(1, 9);
    expect(first.usage.prompt_tokens).toBe(2);
    const again = (await (
      await post("/v1/embeddings", { model: "text-embedding-3-small", input: "cat", dimensions: 8 })
    ).json()) as OpenAIList;
    expect(again.data[0]?.embedding).toHaveLength(8);
    const cat = (await (
      await post("/v1/embeddings", { model: "text-embedding-3-small", input: "cat" })
    ).json()) as OpenAIList;
    expect(cat.data[0]?.embedding).toEqual(first.data[0]?.embedding);
    expect(cat.data[0]?.embedding).not.toEqual(first.data[1]?.embedding);
  });

  it("serves Azure's deployment path and Gemini's batchEmbedContents", async () => {
    const azure = await post("/openai/deployments/emb/embeddings?api-version=2024-10-21", {
      input: "hello",
    });
    expect(((await azure.json()) as OpenAIList).data).toHaveLength(1);
    const gemini = await post("/v1beta/models/gemini-embedding-001:batchEmbedContents", {
      requests: [
        { model: "models/gemini-embedding-001", content: { parts: [{ text: "a" }] } },
        {
          model: "models/gemini-embedding-001",
          content: { parts: [{ text: "b" }] },
          outputDimensionality: 16,
        },
      ],
    });
    const body = (await gemini.json()) as { embeddings: { values: number[] }[] };
    expect(body.embeddings.map((e) => e.values.length)).toEqual([64, 16]);
  });

  it("refuses bad input and answers the error a model name's control asks for", async () => {
    expect((await post("/v1/embeddings", { model: "m", input: [] })).status).toBe(400);
    const failing = await post("/v1/embeddings", { model: "emb+mock-error-429", input: "x" });
    expect(failing.status).toBe(429);
  });
});
