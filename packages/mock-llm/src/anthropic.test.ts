import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockLlm, startMockLlm } from "./index";
import {
  anthropicHeaders,
  bookingTool,
  conforms,
  parseSse,
  post,
  weatherTool,
} from "./test-helpers";

let mock: MockLlm;
beforeAll(async () => {
  mock = await startMockLlm({ port: 0 });
});
afterAll(async () => {
  await mock.close();
});

const messages = (
  body: Record<string, unknown>,
  headers: Record<string, string> = anthropicHeaders,
) => post(`${mock.url}/v1/messages`, body, headers);

const prompt = "Summarise the plot of a detective novel set in a small harbour town.";
const tools = [
  {
    name: weatherTool.name,
    description: weatherTool.description,
    input_schema: weatherTool.parameters,
  },
  {
    name: bookingTool.name,
    description: bookingTool.description,
    input_schema: bookingTool.parameters,
  },
];

interface Message {
  id: string;
  type: string;
  role: string;
  model: string;
  content: Array<{ type: string; text?: string; id?: string; name?: string; input?: unknown }>;
  stop_reason: string;
  stop_sequence: null;
  usage: { input_tokens: number; output_tokens: number };
}

describe("Anthropic messages", () => {
  it("answers JSON with usage and end_turn", async () => {
    const system = "Answer like a librarian.";
    const response = await messages({
      model: "claude-haiku-4-5",
      max_tokens: 1024,
      system,
      messages: [{ role: "user", content: [{ type: "text", text: prompt }] }],
    });
    expect(response.status).toBe(200);
    const body = response.json() as Message;
    expect(body.type).toBe("message");
    expect(body.role).toBe("assistant");
    expect(body.id).toMatch(/^msg_/);
    expect(body.stop_reason).toBe("end_turn");
    expect(body.stop_sequence).toBeNull();
    expect(body.content).toHaveLength(1);
    const text = body.content[0]!.text!;
    expect(body.content[0]!.type).toBe("text");
    expect(body.usage.input_tokens).toBe(Math.ceil((system.length + prompt.length) / 4));
    expect(body.usage.output_tokens).toBe(Math.ceil(text.length / 4));
  });

  it("streams the documented event sequence", async () => {
    const request = {
      model: "claude-haiku-4-5",
      max_tokens: 1024,
      messages: [{ role: "user", content: prompt }],
    };
    const whole = (await messages(request)).json() as Message;
    const response = await messages({ ...request, stream: true });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const events = parseSse(response.text);
    const names = events.map((event) => event.event);
    expect(names.slice(0, 3)).toEqual(["message_start", "content_block_start", "ping"]);
    expect(names.slice(-3)).toEqual(["content_block_stop", "message_delta", "message_stop"]);
    const deltas = events.filter((event) => event.event === "content_block_delta");
    expect(deltas.length).toBe(names.length - 6);
    for (const event of events)
      expect((JSON.parse(event.data) as { type: string }).type).toBe(event.event);
    const start = JSON.parse(events[0]!.data) as { message: Message };
    expect(start.message.content).toEqual([]);
    expect(start.message.stop_reason).toBeNull();
    expect(start.message.usage.input_tokens).toBe(whole.usage.input_tokens);
    const text = deltas
      .map(
        (event) =>
          JSON.parse(event.data) as { index: number; delta: { type: string; text: string } },
      )
      .map((event) => {
        expect(event.index).toBe(0);
        expect(event.delta.type).toBe("text_delta");
        return event.delta.text;
      })
      .join("");
    expect(text).toBe(whole.content[0]!.text);
    const messageDelta = JSON.parse(events.at(-2)!.data) as {
      delta: { stop_reason: string; stop_sequence: null };
      usage: { output_tokens: number };
    };
    expect(messageDelta.delta).toEqual({ stop_reason: "end_turn", stop_sequence: null });
    expect(messageDelta.usage.output_tokens).toBe(whole.usage.output_tokens);
  });

  it("uses a tool when offered, forced by tool_choice, with input_json_delta in streams", async () => {
    const free = (
      await messages({
        model: "claude-sonnet-4-5",
        max_tokens: 512,
        tools,
        messages: [{ role: "user", content: "What's the weather in Lisbon?" }],
      })
    ).json() as Message;
    expect(free.stop_reason).toBe("tool_use");
    const block = free.content[0]!;
    expect(block.type).toBe("tool_use");
    expect(block.id).toMatch(/^toolu_/);
    expect(block.name).toBe("get_weather");
    expect(conforms(weatherTool.parameters, block.input)).toBe(true);

    const stream = await messages({
      model: "claude-sonnet-4-5",
      max_tokens: 512,
      stream: true,
      tools,
      tool_choice: { type: "tool", name: "book_table" },
      messages: [{ role: "user", content: "What's the weather in Lisbon?" }],
    });
    const events = parseSse(stream.text);
    const start = JSON.parse(events[1]!.data) as {
      content_block: { type: string; name: string; input: unknown };
    };
    expect(start.content_block).toMatchObject({ type: "tool_use", name: "book_table", input: {} });
    const partial = events
      .filter((event) => event.event === "content_block_delta")
      .map((event) => JSON.parse(event.data) as { delta: { type: string; partial_json: string } })
      .map((event) => {
        expect(event.delta.type).toBe("input_json_delta");
        return event.delta.partial_json;
      })
      .join("");
    expect(conforms(bookingTool.parameters, JSON.parse(partial))).toBe(true);
    const messageDelta = JSON.parse(events.at(-2)!.data) as { delta: { stop_reason: string } };
    expect(messageDelta.delta.stop_reason).toBe("tool_use");

    const none = (
      await messages({
        model: "claude-sonnet-4-5",
        max_tokens: 512,
        tools,
        tool_choice: { type: "none" },
        messages: [{ role: "user", content: "What's the weather in Lisbon?" }],
      })
    ).json() as Message;
    expect(none.content[0]!.type).toBe("text");

    const afterResult = (
      await messages({
        model: "claude-sonnet-4-5",
        max_tokens: 512,
        tools,
        messages: [
          { role: "user", content: "What's the weather in Lisbon?" },
          {
            role: "assistant",
            content: [
              { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Lisbon" } },
            ],
          },
          {
            role: "user",
            content: [
              { type: "tool_result", tool_use_id: "toolu_1", content: "22 degrees, sunny" },
            ],
          },
        ],
      })
    ).json() as Message;
    expect(afterResult.stop_reason).toBe("end_turn");
    expect(afterResult.content[0]!.type).toBe("text");
  });

  it("stops at max_tokens and supports structured output", async () => {
    const capped = (
      await messages({
        model: "claude-haiku-4-5",
        max_tokens: 6,
        messages: [{ role: "user", content: prompt.repeat(5) }],
      })
    ).json() as Message;
    expect(capped.stop_reason).toBe("max_tokens");
    expect(capped.usage.output_tokens).toBeLessThanOrEqual(6);

    const schema = {
      type: "object",
      properties: {
        title: { type: "string" },
        year: { type: "integer", minimum: 1900, maximum: 2030 },
      },
      required: ["title", "year"],
      additionalProperties: false,
    };
    const structured = (
      await messages({
        model: "claude-sonnet-4-5",
        max_tokens: 512,
        output_format: { type: "json_schema", schema },
        messages: [{ role: "user", content: "A book as JSON" }],
      })
    ).json() as Message;
    expect(conforms(schema, JSON.parse(structured.content[0]!.text!))).toBe(true);
  });

  it("checks headers and body like the real API, with Anthropic error bodies", async () => {
    const body = {
      model: "claude-haiku-4-5",
      max_tokens: 10,
      messages: [{ role: "user", content: "hi" }],
    };
    const noKey = await messages(body, { "anthropic-version": "2023-06-01" });
    expect(noKey.status).toBe(401);
    expect(noKey.json()).toEqual({
      type: "error",
      error: { type: "authentication_error", message: "x-api-key header is required" },
    });
    const noVersion = await messages(body, { "x-api-key": "k" });
    expect(noVersion.status).toBe(400);
    expect((noVersion.json() as { error: { type: string } }).error.type).toBe(
      "invalid_request_error",
    );
    const noMaxTokens = await messages({
      model: "claude-haiku-4-5",
      messages: [{ role: "user", content: "hi" }],
    });
    expect(noMaxTokens.status).toBe(400);
    expect(noMaxTokens.json()).toEqual({
      type: "error",
      error: { type: "invalid_request_error", message: "max_tokens: Field required" },
    });
    const limited = await messages({
      ...body,
      model: "claude-haiku-4-5-mock-error-429-mock-retry-after-3",
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    expect(limited.headers.get("request-id")).toMatch(/^req_/);
    expect((limited.json() as { error: { type: string } }).error.type).toBe("rate_limit_error");
    const overloaded = await messages({ ...body, model: "claude-haiku-4-5-mock-error-529" });
    expect(overloaded.status).toBe(529);
    expect((overloaded.json() as { error: { type: string } }).error.type).toBe("overloaded_error");
  });

  it("lists models in Anthropic's shape when anthropic-version is sent", async () => {
    const response = await fetch(`${mock.url}/v1/models`, { headers: anthropicHeaders });
    const body = (await response.json()) as {
      data: Array<{ type: string; id: string }>;
      has_more: boolean;
    };
    expect(body.has_more).toBe(false);
    expect(
      body.data.some((model) => model.type === "model" && model.id === "claude-haiku-4-5"),
    ).toBe(true);
  });
});
