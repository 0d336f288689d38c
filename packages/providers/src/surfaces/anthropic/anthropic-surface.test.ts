import {
  anthropicMessagesRequestSchema,
  anthropicMessagesResponseSchema,
  chatCompletionRequestSchema,
  parseOrThrow,
} from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { anthropicAdapter, toAnthropicRequest } from "../../anthropic";
import { openaiAdapter } from "../../openai";
import { providerFixtures, testModel } from "../../testing/fixtures";
import { anthropicToCanonicalRequest } from "./anthropic-to-canonical";
import { canonicalToAnthropicResponse } from "./canonical-to-anthropic";

const anthropicFixtures = providerFixtures("anthropic");
const openaiFixtures = providerFixtures("openai");
const claude = testModel({ providerKind: "anthropic", upstreamName: "claude-sonnet-4-5-20250929" });
const gpt = testModel();

const anthropicRequest = parseOrThrow(anthropicMessagesRequestSchema, {
  model: "claude-sonnet-4-5",
  max_tokens: 1024,
  system: [{ type: "text", text: "Be brief." }],
  messages: [
    {
      role: "user",
      content: [
        { type: "text", text: "What is in this picture, and the weather?" },
        { type: "image", source: { type: "base64", media_type: "image/jpeg", data: "/9j/4AAQ" } },
      ],
    },
    {
      role: "assistant",
      content: [
        { type: "text", text: "Let me check." },
        { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
      ],
    },
    {
      role: "user",
      content: [
        {
          type: "tool_result",
          tool_use_id: "toolu_1",
          content: [{ type: "text", text: "18C, sunny" }],
        },
        { type: "text", text: "Thanks, summarise." },
      ],
    },
  ],
  tools: [
    {
      name: "get_weather",
      description: "Weather by city",
      input_schema: {
        type: "object",
        properties: { city: { type: "string" } },
        required: ["city"],
      },
    },
  ],
  tool_choice: { type: "auto", disable_parallel_tool_use: true },
  stop_sequences: ["###"],
  temperature: 0.3,
  top_k: 40,
  metadata: { user_id: "u-1" },
  stream: true,
});

describe("Anthropic request → canonical", () => {
  const canonical = anthropicToCanonicalRequest(anthropicRequest);

  it("is a valid canonical request", () => {
    expect(chatCompletionRequestSchema.safeParse(canonical).success).toBe(true);
  });

  it("maps system, images, tool_use and tool_result in OpenAI's order", () => {
    expect(canonical.messages).toEqual([
      { role: "system", content: "Be brief." },
      {
        role: "user",
        content: [
          { type: "text", text: "What is in this picture, and the weather?" },
          { type: "image_url", image_url: { url: "data:image/jpeg;base64,/9j/4AAQ" } },
        ],
      },
      {
        role: "assistant",
        content: "Let me check.",
        tool_calls: [
          {
            id: "toolu_1",
            type: "function",
            function: { name: "get_weather", arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: "tool", tool_call_id: "toolu_1", content: "18C, sunny" },
      { role: "user", content: "Thanks, summarise." },
    ]);
    expect(canonical).toMatchObject({
      max_completion_tokens: 1024,
      tool_choice: "auto",
      parallel_tool_calls: false,
      stop: ["###"],
      temperature: 0.3,
      user: "u-1",
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(canonical).not.toHaveProperty("top_k");
  });

  it("round-trips back to an equivalent Anthropic request", () => {
    const back = toAnthropicRequest(claude, canonical, true);
    expect(back.messages).toEqual([
      anthropicRequest.messages[0],
      anthropicRequest.messages[1],
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "toolu_1", content: "18C, sunny" },
          { type: "text", text: "Thanks, summarise." },
        ],
      },
    ]);
    expect(back.system).toEqual([{ type: "text", text: "Be brief." }]);
    expect(back.tools).toEqual(anthropicRequest.tools);
    expect(back.tool_choice).toEqual(anthropicRequest.tool_choice);
    expect(back.max_tokens).toBe(1024);
    expect(back.stop_sequences).toEqual(["###"]);
  });
});

describe("canonical → Anthropic → canonical", () => {
  it("keeps an OpenAI tool conversation intact through Anthropic's format", () => {
    const original = parseOrThrow(chatCompletionRequestSchema, {
      model: "claude-sonnet-4-5",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Weather in Paris and Tokyo?" },
        {
          role: "assistant",
          content: null,
          tool_calls: [
            {
              id: "call_a",
              type: "function",
              function: { name: "get_weather", arguments: '{"city":"Paris"}' },
            },
            {
              id: "call_b",
              type: "function",
              function: { name: "get_weather", arguments: '{"city":"Tokyo"}' },
            },
          ],
        },
        { role: "tool", tool_call_id: "call_a", content: "18C" },
        { role: "tool", tool_call_id: "call_b", content: "25C" },
        { role: "assistant", content: "Paris 18C, Tokyo 25C." },
        { role: "user", content: "Thanks" },
      ],
      tools: [
        { type: "function", function: { name: "get_weather", parameters: { type: "object" } } },
      ],
      tool_choice: "none",
      max_completion_tokens: 200,
      stop: ["x"],
      stream: true,
    });
    const anthropic = toAnthropicRequest(claude, original, true);
    expect(anthropic.tool_choice).toEqual({ type: "none" });
    expect(anthropicMessagesRequestSchema.safeParse(anthropic).success).toBe(true);
    const back = anthropicToCanonicalRequest({ ...anthropic, model: "claude-sonnet-4-5" });
    expect(back.messages).toEqual(original.messages);
    expect(back.tools).toEqual(original.tools);
    expect(back.tool_choice).toBe("none");
    expect(back.max_completion_tokens).toBe(200);
    expect(back.stop).toEqual(["x"]);
  });
});

describe("canonical response → Anthropic message", () => {
  it("round-trips an Anthropic response through the canonical form", () => {
    const original = anthropicMessagesResponseSchema.parse(
      anthropicFixtures.json("message-tool-use.json"),
    );
    const canonical = anthropicAdapter.parseResponse(claude, original);
    const back = canonicalToAnthropicResponse(canonical, "claude-sonnet-4-5");
    expect(anthropicMessagesResponseSchema.safeParse(back).success).toBe(true);
    expect(back.content).toEqual(original.content);
    expect(back.stop_reason).toBe("tool_use");
    expect(back.id).toBe(original.id);
    expect(back.usage).toEqual({
      input_tokens: 472,
      output_tokens: 89,
      cache_read_input_tokens: 100,
      cache_creation_input_tokens: 0,
    });
    // Cache writes, by time to live, come back in Anthropic's names, apart from input_tokens.
    const writes = {
      ...original,
      usage: {
        input_tokens: 20,
        output_tokens: 5,
        cache_read_input_tokens: 60,
        cache_creation_input_tokens: 30,
        cache_creation: { ephemeral_5m_input_tokens: 10, ephemeral_1h_input_tokens: 20 },
      },
    };
    const again = canonicalToAnthropicResponse(
      anthropicAdapter.parseResponse(claude, writes),
      "claude-sonnet-4-5",
    );
    expect(again.usage).toEqual(writes.usage);
  });

  it("serves an Anthropic client from an OpenAI completion", () => {
    const canonical = openaiAdapter.parseResponse(
      gpt,
      openaiFixtures.json("chat-completion-tool-calls.json"),
    );
    const message = canonicalToAnthropicResponse(canonical, "claude-sonnet-4-5");
    expect(message.id.startsWith("msg_")).toBe(true);
    expect(message.model).toBe("claude-sonnet-4-5");
    expect(message.content).toEqual([
      {
        type: "tool_use",
        id: "call_Qw3rTy",
        name: "get_weather",
        input: { city: "Paris", unit: "celsius" },
      },
    ]);
    expect(message.usage).toMatchObject({ input_tokens: 82, output_tokens: 18 });
  });
});
