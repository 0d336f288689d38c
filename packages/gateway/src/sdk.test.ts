import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, TEST_KEY } from "./testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** The same SDK clients over the node:http fast path and over handleWeb (as in Next route files). */
const transports = [
  { name: "node fast path", fetch: undefined },
  {
    name: "handleWeb",
    fetch: ((input: string | URL | Request, init?: RequestInit) =>
      h.gateway.handleWeb(new Request(input, init))) as typeof fetch,
  },
] as const;

const weatherTool = {
  type: "function" as const,
  function: {
    name: "get_weather",
    description: "Weather for a city",
    parameters: {
      type: "object",
      properties: { city: { type: "string" }, unit: { type: "string", enum: ["c", "f"] } },
      required: ["city", "unit"],
    },
  },
};

describe.each(transports)("openai SDK via $name", (transport) => {
  const client = () =>
    new OpenAI({
      apiKey: TEST_KEY,
      baseURL: `${h.server.url}/v1`,
      maxRetries: 0,
      ...(transport.fetch ? { fetch: transport.fetch } : {}),
    });

  it("plain completion", async () => {
    const completion = await client().chat.completions.create({
      model: "small",
      messages: [{ role: "user", content: "Name a colour" }],
    });
    expect(completion.choices[0]?.message.content?.length).toBeGreaterThan(0);
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it("streaming with usage", async () => {
    const stream = await client().chat.completions.create({
      model: "switchyard/auto",
      messages: [{ role: "user", content: "Count to five" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text.length).toBeGreaterThan(0);
    expect(usage?.completion_tokens).toBeGreaterThan(0);
  });

  it("tools", async () => {
    const completion = await client().chat.completions.create({
      model: "small",
      messages: [{ role: "user", content: "What is the weather in Paris?" }],
      tools: [weatherTool],
    });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(completion.choices[0]?.finish_reason).toBe("tool_calls");
    expect(call?.type === "function" ? call.function.name : null).toBe("get_weather");
    const args = JSON.parse(call?.type === "function" ? call.function.arguments : "{}") as Record<
      string,
      unknown
    >;
    expect(typeof args.city).toBe("string");
  });

  it("streamed tool call arguments reassemble", async () => {
    const stream = await client().chat.completions.create({
      model: "small",
      messages: [{ role: "user", content: "Weather in Rome?" }],
      tools: [weatherTool],
      stream: true,
    });
    let args = "";
    for await (const chunk of stream)
      args += chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? "";
    expect(JSON.parse(args)).toHaveProperty("city");
  });

  it("JSON mode", async () => {
    const completion = await client().chat.completions.create({
      model: "small",
      messages: [{ role: "user", content: "Answer in JSON" }],
      response_format: { type: "json_object" },
    });
    expect(() => JSON.parse(completion.choices[0]?.message.content ?? "")).not.toThrow();
  });

  it("errors surface as typed SDK errors", async () => {
    const notFound = await client()
      .chat.completions.create({ model: "nope", messages: [{ role: "user", content: "x" }] })
      .catch((error: unknown) => error);
    expect(notFound).toBeInstanceOf(OpenAI.NotFoundError);
    expect((notFound as InstanceType<typeof OpenAI.NotFoundError>).code).toBe("model_not_found");
    const badKey = await new OpenAI({
      apiKey: "sk-wrong",
      baseURL: `${h.server.url}/v1`,
      maxRetries: 0,
      ...(transport.fetch ? { fetch: transport.fetch } : {}),
    }).chat.completions
      .create({ model: "small", messages: [{ role: "user", content: "x" }] })
      .catch((error: unknown) => error);
    expect(badKey).toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it("lists models", async () => {
    const ids: string[] = [];
    for await (const model of client().models.list()) ids.push(model.id);
    expect(ids).toContain("switchyard/auto");
    expect(ids).toContain("small");
    expect((await client().models.retrieve("small")).id).toBe("small");
    await expect(client().models.retrieve("nope")).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });
});

describe.each(transports)("@anthropic-ai/sdk via $name", (transport) => {
  const client = () =>
    new Anthropic({
      apiKey: TEST_KEY,
      baseURL: h.server.url,
      maxRetries: 0,
      ...(transport.fetch ? { fetch: transport.fetch } : {}),
    });

  it("plain message", async () => {
    const message = await client().messages.create({
      model: "small",
      max_tokens: 100,
      messages: [{ role: "user", content: "Say something" }],
    });
    expect(message.content[0]?.type).toBe("text");
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it("streaming", async () => {
    const stream = client().messages.stream({
      model: "claude",
      max_tokens: 100,
      messages: [{ role: "user", content: "Stream something" }],
    });
    const final = await stream.finalMessage();
    const block = final.content[0];
    expect(block?.type === "text" ? block.text.length : 0).toBeGreaterThan(0);
  });

  it("tools", async () => {
    const message = await client().messages.create({
      model: "small",
      max_tokens: 100,
      messages: [{ role: "user", content: "What is the weather in Oslo?" }],
      tools: [
        {
          name: "get_weather",
          description: "Weather for a city",
          input_schema: {
            type: "object",
            properties: { city: { type: "string" } },
            required: ["city"],
          },
        },
      ],
    });
    expect(message.stop_reason).toBe("tool_use");
    const block = message.content.find((b) => b.type === "tool_use");
    expect(block?.type === "tool_use" ? block.name : null).toBe("get_weather");
  });

  it("lists and retrieves models in Anthropic's shape", async () => {
    const ids: string[] = [];
    for await (const model of client().models.list()) ids.push(model.id);
    expect(ids).toContain("claude");
    expect(ids).toContain("switchyard/auto");
    const model = await client().models.retrieve("claude");
    expect(model.type).toBe("model");
    expect(model.id).toBe("claude");
  });

  it("errors surface as typed SDK errors", async () => {
    const error = await client()
      .messages.create({
        model: "nope",
        max_tokens: 10,
        messages: [{ role: "user", content: "x" }],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
  });
});
