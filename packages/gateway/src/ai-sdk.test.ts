/**
 * The Vercel AI SDK's default OpenAI provider, unchanged, pointed at the gateway: `openai(model)`
 * speaks the Responses API; generateText, streamText, generateObject, embed and embedMany.
 */
import { createOpenAI } from "@ai-sdk/openai";
import { embed, embedMany, generateObject, generateText, streamText } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { makeModel } from "./testing/fakes";
import { type Harness, startHarness, TEST_KEY } from "./testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    extraModels: (baseUrl) => [
      makeModel({
        name: "embed-small",
        baseUrl,
        providerKind: "openai",
        upstreamName: "text-embedding-3-small",
        inputPricePerMillion: 0.02,
        outputPricePerMillion: 0,
        capabilities: ["embeddings"],
      }),
    ],
  });
});
afterAll(async () => {
  await h.close();
});

const provider = () => createOpenAI({ apiKey: TEST_KEY, baseURL: `${h.server.url}/v1` });

describe("AI SDK default provider", () => {
  it("generateText and streamText through the Responses API", async () => {
    const generated = await generateText({ model: provider()("small"), prompt: "Say hello." });
    expect(generated.text.length).toBeGreaterThan(0);
    expect(generated.usage.inputTokens).toBeGreaterThan(0);
    const streamed = streamText({ model: provider()("small"), prompt: "Tell me a story." });
    let text = "";
    for await (const delta of streamed.textStream) text += delta;
    expect(text.length).toBeGreaterThan(0);
    expect(await streamed.text).toBe(text);
    const logged = h.usage.entries.filter((entry) => entry.surface === "responses");
    expect(logged.length).toBeGreaterThan(0);
  });

  it("generateObject with a zod schema", async () => {
    const { object } = await generateObject({
      model: provider()("small"),
      schema: z.object({ city: z.string(), population: z.number().int() }),
      prompt: "Name a big city.",
    });
    expect(typeof object.city).toBe("string");
    expect(Number.isInteger(object.population)).toBe(true);
  });

  it("embed and embedMany", async () => {
    const model = provider().textEmbeddingModel("embed-small");
    const one = await embed({ model, value: "sunny day at the beach" });
    expect(one.embedding).toHaveLength(64);
    const many = await embedMany({ model, values: ["a", "b", "c"] });
    expect(many.embeddings).toHaveLength(3);
    expect(many.embeddings[0]).toHaveLength(64);
  });
});
