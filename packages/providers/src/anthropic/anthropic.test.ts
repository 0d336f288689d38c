import {
  anthropicMessagesRequestSchema,
  chatCompletionChunkSchema,
  chatCompletionRequestSchema,
  chatCompletionResponseSchema,
  parseOrThrow,
  SwitchyardError,
} from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { accumulate, providerFixtures, testModel } from "../testing/fixtures";
import { anthropicAdapter } from "./index";

const fixtures = providerFixtures("anthropic");
const model = testModel({
  providerKind: "anthropic",
  upstreamName: "claude-sonnet-4-5-20250929",
  apiKey: "sk-ant-test",
  maxOutputTokens: 64_000,
});

const request = parseOrThrow(chatCompletionRequestSchema, {
  model: "claude-sonnet",
  messages: [
    { role: "system", content: "You are terse." },
    { role: "developer", content: [{ type: "text", text: "Use tools." }] },
    {
      role: "user",
      content: [
        { type: "text", text: "Weather here?" },
        { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
        { type: "image_url", image_url: { url: "https://example.com/a.jpg" } },
      ],
    },
    {
      role: "assistant",
      content: "Checking.",
      tool_calls: [
        {
          id: "call_1",
          type: "function",
          function: { name: "get_weather", arguments: '{"city":"Paris"}' },
        },
        { id: "call_2", type: "function", function: { name: "get_time", arguments: "{}" } },
      ],
    },
    { role: "tool", tool_call_id: "call_1", content: "18C" },
    { role: "tool", tool_call_id: "call_2", content: "14:00" },
  ],
  tools: [
    {
      type: "function",
      function: {
        name: "get_weather",
        description: "Weather by city",
        parameters: { type: "object", properties: { city: { type: "string" } } },
      },
    },
    { type: "function", function: { name: "get_time" } },
  ],
  tool_choice: "required",
  parallel_tool_calls: false,
  temperature: 1.5,
  stop: "END",
  user: "user-42",
});

describe("anthropic request mapping", () => {
  const upstream = anthropicAdapter.buildRequest(model, request, { stream: true });
  const body = JSON.parse(upstream.body);

  it("targets /v1/messages with the Anthropic headers", () => {
    expect(upstream.url).toBe("https://api.anthropic.com/v1/messages");
    expect(upstream.headers["x-api-key"]).toBe("sk-ant-test");
    expect(upstream.headers["anthropic-version"]).toBe("2023-06-01");
    expect(upstream.headers.authorization).toBeUndefined();
  });

  it("produces a valid Messages request", () => {
    expect(anthropicMessagesRequestSchema.safeParse(body).success).toBe(true);
    expect(body.model).toBe("claude-sonnet-4-5-20250929");
    expect(body.stream).toBe(true);
    expect(body.max_tokens).toBe(64_000);
    expect(body.temperature).toBe(1);
    expect(body.stop_sequences).toEqual(["END"]);
    expect(body.metadata).toEqual({ user_id: "user-42" });
  });

  it("moves system and developer messages to `system`", () => {
    expect(body.system).toEqual([
      { type: "text", text: "You are terse." },
      { type: "text", text: "Use tools." },
    ]);
  });

  it("maps images, tool calls and merges tool results into one user turn", () => {
    expect(body.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "Weather here?" },
          {
            type: "image",
            source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" },
          },
          { type: "image", source: { type: "url", url: "https://example.com/a.jpg" } },
        ],
      },
      {
        role: "assistant",
        content: [
          { type: "text", text: "Checking." },
          { type: "tool_use", id: "call_1", name: "get_weather", input: { city: "Paris" } },
          { type: "tool_use", id: "call_2", name: "get_time", input: {} },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "call_1", content: "18C" },
          { type: "tool_result", tool_use_id: "call_2", content: "14:00" },
        ],
      },
    ]);
  });

  it("maps tools and tool_choice", () => {
    expect(body.tools).toEqual([
      {
        name: "get_weather",
        description: "Weather by city",
        input_schema: { type: "object", properties: { city: { type: "string" } } },
      },
      { name: "get_time", input_schema: { type: "object", properties: {} } },
    ]);
    expect(body.tool_choice).toEqual({ type: "any", disable_parallel_tool_use: true });
  });

  it("defaults max_tokens to 4096 when neither the request nor the model sets it", () => {
    const minimal = anthropicAdapter.buildRequest(
      testModel({ providerKind: "anthropic", maxOutputTokens: null }),
      { model: "x", messages: [{ role: "user", content: "hi" }] },
      { stream: false },
    );
    expect(JSON.parse(minimal.body).max_tokens).toBe(4096);
  });

  it("caps the client's limit at the model's maximum output", () => {
    const out = anthropicAdapter.buildRequest(
      testModel({ providerKind: "anthropic", maxOutputTokens: 8192 }),
      { ...request, max_tokens: 32_000 },
      { stream: false },
    );
    expect(JSON.parse(out.body).max_tokens).toBe(8192);
  });

  it("uses the client's max_completion_tokens", () => {
    const out = anthropicAdapter.buildRequest(
      model,
      { ...request, max_completion_tokens: 50 },
      { stream: false },
    );
    expect(JSON.parse(out.body).max_tokens).toBe(50);
  });

  it("rejects audio input with the part's path", () => {
    expect(() =>
      anthropicAdapter.buildRequest(
        model,
        {
          model: "x",
          messages: [
            {
              role: "user",
              content: [{ type: "input_audio", input_audio: { data: "AA", format: "wav" } }],
            },
          ],
        },
        { stream: false },
      ),
    ).toThrow(expect.objectContaining({ param: "messages[0].content[0]", status: 400 }));
  });
});

describe("anthropic responses", () => {
  it("maps text + tool_use to content + tool_calls", () => {
    const response = anthropicAdapter.parseResponse(model, fixtures.json("message-tool-use.json"));
    expect(chatCompletionResponseSchema.safeParse(response).success).toBe(true);
    const choice = response.choices[0];
    expect(choice?.message.content).toBe("I'll check the current weather in Paris for you.");
    expect(choice?.message.tool_calls).toEqual([
      {
        id: "toolu_01A09q90qw90lq917835lq9",
        type: "function",
        function: { name: "get_weather", arguments: '{"city":"Paris","unit":"celsius"}' },
      },
    ]);
    expect(choice?.finish_reason).toBe("tool_calls");
    expect(response.usage).toMatchObject({
      prompt_tokens: 572,
      completion_tokens: 89,
      total_tokens: 661,
    });
    expect(response.usage?.prompt_tokens_details?.cached_tokens).toBe(100);
  });

  it("maps max_tokens to length", () => {
    const response = anthropicAdapter.parseResponse(
      model,
      fixtures.json("message-max-tokens.json"),
    );
    expect(response.choices[0]?.finish_reason).toBe("length");
  });
});

describe("anthropic streams", () => {
  it("turns text and input_json_delta events into canonical deltas", () => {
    const translator = anthropicAdapter.createStreamTranslator(model, {
      ...request,
      stream_options: { include_usage: true },
    });
    const chunks = fixtures.replay("stream-tool-use.sse", translator, 23);
    for (const chunk of chunks)
      expect(chatCompletionChunkSchema.safeParse(chunk).success).toBe(true);
    expect(accumulate(chunks)).toEqual({
      content: "Okay, let's check the weather for Paris.",
      finishReason: "tool_calls",
      toolCalls: [
        {
          id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6",
          name: "get_weather",
          arguments: '{"city": "Paris"}',
        },
      ],
    });
    expect(chunks[0]?.id).toBe("msg_014p7gG3wDgGV9EUtLvnow3U");
    expect(chunks.at(-1)?.usage?.completion_tokens).toBe(89);
    expect(translator.usage()).toMatchObject({ inputTokens: 472, outputTokens: 89 });
    expect(translator.done()).toBe(true);
  });

  it("throws a retryable error for an in-stream overloaded_error", () => {
    const translator = anthropicAdapter.createStreamTranslator(model, request);
    let caught: unknown;
    try {
      fixtures.replay("stream-overloaded.sse", translator);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SwitchyardError);
    expect((caught as SwitchyardError).retryable).toBe(true);
    expect((caught as SwitchyardError).status).toBe(503);
  });
});

describe("anthropic errors", () => {
  it("retries 529 overloaded", () => {
    const error = anthropicAdapter.parseError(529, {}, fixtures.text("error-overloaded.json"));
    expect(error.retryable).toBe(true);
    expect(error.type).toBe("overloaded_error");
  });

  it("marks prompt-too-long as context_length_exceeded", () => {
    const error = anthropicAdapter.parseError(400, {}, fixtures.text("error-prompt-too-long.json"));
    expect(error.code).toBe("context_length_exceeded");
    expect(error.retryable).toBe(false);
  });

  it("retries 429 after retry-after seconds", () => {
    const error = anthropicAdapter.parseError(
      429,
      { "retry-after": "12" },
      fixtures.text("error-rate-limit.json"),
    );
    expect(error.retryable).toBe(true);
    expect(error.retryAfterSeconds).toBe(12);
  });
});
