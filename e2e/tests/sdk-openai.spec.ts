/**
 * The official OpenAI SDK, unchanged, against the built server with its demo data: chat, the
 * Responses API (plain, streamed, a function-call round trip, structured output) and embeddings.
 */
import { expect, test } from "@playwright/test";
import OpenAI from "openai";
import { e2eEnv } from "../support/e2e-env";

const client = () =>
  new OpenAI({ apiKey: e2eEnv.demoKey, baseURL: `${process.env.SWITCHYARD_E2E_BASE_URL}/v1` });

const weather = {
  type: "function" as const,
  name: "get_weather",
  description: "Current weather in a city",
  parameters: {
    type: "object",
    properties: { city: { type: "string" } },
    required: ["city"],
    additionalProperties: false,
  },
  strict: true,
};

test("chat.completions.create, plain and streamed", async () => {
  const completion = await client().chat.completions.create({
    model: "switchyard/auto",
    messages: [{ role: "user", content: "Say hello in five words." }],
  });
  expect(completion.choices[0]?.message.content?.length).toBeGreaterThan(0);
  expect(completion.model).toMatch(/^demo-/);

  const stream = await client().chat.completions.create({
    model: "demo-small",
    messages: [{ role: "user", content: "Count to three." }],
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = "";
  let completionTokens = 0;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta?.content ?? "";
    if (chunk.usage) completionTokens = chunk.usage.completion_tokens;
  }
  expect(text.length).toBeGreaterThan(0);
  expect(completionTokens).toBeGreaterThan(0);
});

test("responses.create answers with output_text, usage and the answering model", async () => {
  const response = await client().responses.create({
    model: "switchyard/auto",
    instructions: "Answer briefly.",
    input: "What is the capital of France?",
  });
  expect(response.object).toBe("response");
  expect(response.status).toBe("completed");
  expect(response.output_text.length).toBeGreaterThan(0);
  expect(response.usage?.input_tokens).toBeGreaterThan(0);
  expect(response.model).toMatch(/^demo-/);
});

test("responses.create streamed: the typed events in order, ending with response.completed", async () => {
  const stream = await client().responses.create({
    model: "demo-small",
    input: "Tell me a short story.",
    stream: true,
  });
  const types: string[] = [];
  const sequence: number[] = [];
  let text = "";
  let completedText: string | undefined;
  for await (const event of stream) {
    types.push(event.type);
    sequence.push(event.sequence_number);
    if (event.type === "response.output_text.delta") text += event.delta;
    if (event.type === "response.completed") {
      completedText = event.response.output
        .flatMap((item) => (item.type === "message" ? item.content : []))
        .map((part) => (part.type === "output_text" ? part.text : ""))
        .join("");
    }
  }
  expect(types[0]).toBe("response.created");
  expect(types).toContain("response.output_text.delta");
  expect(types.at(-1)).toBe("response.completed");
  const first = sequence[0] ?? 0;
  expect(sequence).toEqual(sequence.map((_, index) => first + index));
  expect(text.length).toBeGreaterThan(0);
  expect(completedText).toBe(text);
});

test("responses: stored, continued with previous_response_id, read back and deleted", async () => {
  const first = await client().responses.create({
    model: "demo-small",
    instructions: "Answer briefly.",
    input: "My name is Ada. Remember it.",
  });
  expect(first.id).toMatch(/^resp_/);
  const second = await client().responses.create({
    model: "switchyard/auto",
    previous_response_id: first.id,
    input: "What is my name?",
  });
  expect(second.previous_response_id).toBe(first.id);
  expect(second.output_text.length).toBeGreaterThan(0);
  // The second turn was sent the whole conversation: more input than its own question.
  expect(second.usage?.input_tokens ?? 0).toBeGreaterThan(first.usage?.input_tokens ?? 0);

  const items = await client().responses.inputItems.list(second.id);
  const texts = JSON.stringify(items.data);
  expect(texts).toContain("My name is Ada");
  expect(texts).toContain("What is my name?");

  const stored = await client().responses.retrieve(first.id);
  expect(stored.id).toBe(first.id);
  expect(stored.output_text).toBe(first.output_text);
  const deleted: unknown = await client().responses.delete(first.id);
  expect(deleted).toEqual({ id: first.id, object: "response", deleted: true });
  const gone = await client()
    .responses.retrieve(first.id)
    .catch((error: unknown) => error);
  expect(gone).toBeInstanceOf(OpenAI.NotFoundError);
});

test("responses: a function call round trip", async () => {
  const first = await client().responses.create({
    model: "demo-small",
    input: "What is the weather in Paris?",
    tools: [weather],
    tool_choice: "required",
  });
  const call = first.output.find((item) => item.type === "function_call");
  if (call?.type !== "function_call")
    throw new Error(`no function_call in ${JSON.stringify(first.output)}`);
  expect(call.name).toBe("get_weather");
  expect(JSON.parse(call.arguments)).toHaveProperty("city");
  const second = await client().responses.create({
    model: "demo-small",
    input: [
      { role: "user", content: "What is the weather in Paris?" },
      { type: "function_call", call_id: call.call_id, name: call.name, arguments: call.arguments },
      { type: "function_call_output", call_id: call.call_id, output: '{"temp_c": 18}' },
    ],
    tools: [weather],
  });
  expect(second.status).toBe("completed");
  expect(second.output_text.length).toBeGreaterThan(0);
});

test("responses: text.format json_schema gives JSON matching the schema", async () => {
  const response = await client().responses.create({
    model: "demo-small",
    input: "Name a city and its country.",
    text: {
      format: {
        type: "json_schema",
        name: "place",
        strict: true,
        schema: {
          type: "object",
          properties: { city: { type: "string" }, country: { type: "string" } },
          required: ["city", "country"],
          additionalProperties: false,
        },
      },
    },
  });
  const parsed = JSON.parse(response.output_text) as Record<string, unknown>;
  expect(typeof parsed.city).toBe("string");
  expect(typeof parsed.country).toBe("string");
});

test("embeddings.create: one input, a batch, base64 by default in the SDK", async () => {
  const one = await client().embeddings.create({ model: "demo-embed", input: "sunny day" });
  expect(one.data).toHaveLength(1);
  const vector = one.data[0]?.embedding ?? [];
  expect(vector.length).toBeGreaterThan(0);
  expect(vector.every((value) => Number.isFinite(value))).toBe(true);
  expect(one.usage.prompt_tokens).toBeGreaterThan(0);

  const again = await client().embeddings.create({ model: "demo-embed", input: "sunny day" });
  expect(again.data[0]?.embedding).toEqual(vector);

  const batch = await client().embeddings.create({
    model: "demo-embed",
    input: ["a", "b", "c"],
    encoding_format: "float",
  });
  expect(batch.data.map((item) => item.index)).toEqual([0, 1, 2]);
  expect(batch.data[0]?.embedding).toHaveLength(vector.length);
});

test("bad input gets OpenAI's error shape through the SDK", async () => {
  const failure = await client()
    .responses.create({ model: "no-such-model", input: "hi" })
    .catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(OpenAI.APIError);
  const apiError = failure as InstanceType<typeof OpenAI.APIError>;
  expect(apiError.status).toBeGreaterThanOrEqual(400);
  expect(apiError.status).toBeLessThan(500);
  expect(typeof apiError.message).toBe("string");
});
