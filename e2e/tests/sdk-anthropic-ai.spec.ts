/**
 * The official Anthropic SDK and the Vercel AI SDK (`ai` with its default OpenAI provider, which
 * speaks the Responses API, and its Anthropic provider), unchanged, against the built server.
 */
import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import Anthropic from "@anthropic-ai/sdk";
import { expect, test } from "@playwright/test";
import { embed, embedMany, generateObject, generateText, streamText } from "ai";
import { z } from "zod";
import { e2eEnv } from "../support/e2e-env";

const baseUrl = () => process.env.SWITCHYARD_E2E_BASE_URL as string;
const anthropic = () => new Anthropic({ apiKey: e2eEnv.demoKey, baseURL: baseUrl() });
const messages = [{ role: "user" as const, content: "What is the capital of France?" }];

test("Anthropic SDK: messages.create, plain and streamed", async () => {
  const message = await anthropic().messages.create({
    model: "switchyard/auto",
    max_tokens: 200,
    messages,
  });
  expect(message.type).toBe("message");
  const block = message.content[0];
  expect(block?.type).toBe("text");
  expect(block?.type === "text" ? block.text.length : 0).toBeGreaterThan(0);
  expect(message.usage.output_tokens).toBeGreaterThan(0);

  const stream = anthropic().messages.stream({ model: "demo-small", max_tokens: 200, messages });
  let text = "";
  stream.on("text", (delta) => {
    text += delta;
  });
  const final = await stream.finalMessage();
  expect(text.length).toBeGreaterThan(0);
  expect(final.content[0]?.type === "text" ? final.content[0].text : "").toBe(text);
});

test("Anthropic SDK: countTokens, marked as an estimate for a non-Anthropic upstream", async () => {
  const { data, response } = await anthropic()
    .messages.countTokens({ model: "demo-small", messages })
    .withResponse();
  expect(data.input_tokens).toBeGreaterThan(0);
  expect(response.headers.get("x-switchyard-token-count")).toBe("estimated");
});

test("Anthropic SDK: structured output with output_config.format", async () => {
  const schema = {
    type: "object",
    properties: { city: { type: "string" }, country: { type: "string" } },
    required: ["city", "country"],
    additionalProperties: false,
  };
  const message = await anthropic().messages.create({
    model: "demo-small",
    max_tokens: 200,
    messages: [{ role: "user", content: "Name a city and its country." }],
    ...({ output_config: { format: { type: "json_schema", schema } } } as object),
  });
  const block = message.content[0];
  const parsed = JSON.parse(block?.type === "text" ? block.text : "") as Record<string, unknown>;
  expect(typeof parsed.city).toBe("string");
  expect(typeof parsed.country).toBe("string");
});

test("Anthropic SDK: errors arrive in Anthropic's shape", async () => {
  const failure = await anthropic()
    .messages.create({ model: "demo-small", max_tokens: 10, messages: [] })
    .catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(Anthropic.APIError);
  const apiError = failure as InstanceType<typeof Anthropic.APIError>;
  expect(apiError.status).toBe(400);
  expect(apiError.error).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
});

const openaiProvider = () => createOpenAI({ apiKey: e2eEnv.demoKey, baseURL: `${baseUrl()}/v1` });

test("AI SDK default provider: generateText and streamText (Responses API)", async () => {
  const generated = await generateText({
    model: openaiProvider()("switchyard/auto"),
    prompt: "Say hello.",
  });
  expect(generated.text.length).toBeGreaterThan(0);
  expect(generated.usage.inputTokens).toBeGreaterThan(0);

  const streamed = streamText({
    model: openaiProvider()("demo-small"),
    prompt: "Tell me a story.",
  });
  let text = "";
  for await (const delta of streamed.textStream) text += delta;
  expect(text.length).toBeGreaterThan(0);
  expect(await streamed.text).toBe(text);
});

test("AI SDK default provider: generateObject with a zod schema", async () => {
  const { object } = await generateObject({
    model: openaiProvider()("demo-small"),
    schema: z.object({ city: z.string(), population: z.number().int() }),
    prompt: "Name a big city.",
  });
  expect(typeof object.city).toBe("string");
  expect(Number.isInteger(object.population)).toBe(true);
});

test("AI SDK: embed and embedMany", async () => {
  const model = openaiProvider().textEmbeddingModel("demo-embed");
  const one = await embed({ model, value: "sunny day at the beach" });
  expect(one.embedding.length).toBeGreaterThan(0);
  const many = await embedMany({ model, values: ["a", "b", "c"] });
  expect(many.embeddings).toHaveLength(3);
  expect(many.embeddings[0]).toHaveLength(one.embedding.length);
});

test("AI SDK Anthropic provider: generateText through /v1/messages", async () => {
  const provider = createAnthropic({ apiKey: e2eEnv.demoKey, baseURL: `${baseUrl()}/v1` });
  const generated = await generateText({
    model: provider("demo-small"),
    prompt: "Say hello.",
    maxOutputTokens: 200,
  });
  expect(generated.text.length).toBeGreaterThan(0);
  expect(generated.usage.outputTokens).toBeGreaterThan(0);
});
