import { describe, expect, it } from "vitest";
import { anthropicMessagesResponseSchema, anthropicStreamEventSchema } from "./anthropic-messages";
import { chatCompletionRequestSchema } from "./openai-request";
import { chatCompletionChunkSchema, chatCompletionResponseSchema } from "./openai-response";

describe("OpenAI schemas", () => {
  it("accepts every documented request option", () => {
    const result = chatCompletionRequestSchema.safeParse({
      model: "gpt-4.1",
      messages: [
        { role: "system", content: [{ type: "text", text: "sys" }] },
        { role: "user", content: "hi", name: "ann" },
        { role: "assistant", content: [{ type: "refusal", refusal: "no" }] },
        { role: "function", name: "f", content: null },
        {
          role: "user",
          content: [
            {
              type: "file",
              file: { file_data: "data:application/pdf;base64,AA", filename: "a.pdf" },
            },
          ],
        },
      ],
      tools: [{ type: "function", function: { name: "f", strict: true, parameters: {} } }],
      tool_choice: { type: "function", function: { name: "f" } },
      parallel_tool_calls: false,
      response_format: { type: "json_object" },
      temperature: 2,
      top_p: 1,
      max_tokens: null,
      max_completion_tokens: 10,
      stop: null,
      seed: 1,
      user: "u",
      n: 1,
      stream: false,
      stream_options: null,
      metadata: { a: "b" },
      logprobs: true,
      top_logprobs: 3,
      reasoning_effort: "low",
    });
    expect(result.success).toBe(true);
  });

  it("rejects out-of-range and mistyped options", () => {
    const base = { model: "m", messages: [{ role: "user", content: "x" }] };
    expect(chatCompletionRequestSchema.safeParse({ ...base, temperature: 3 }).success).toBe(false);
    expect(chatCompletionRequestSchema.safeParse({ ...base, n: 0 }).success).toBe(false);
    expect(chatCompletionRequestSchema.safeParse({ ...base, messages: [] }).success).toBe(false);
    expect(
      chatCompletionRequestSchema.safeParse({ ...base, tool_choice: "sometimes" }).success,
    ).toBe(false);
    expect(
      chatCompletionRequestSchema.safeParse({
        ...base,
        messages: [{ role: "user", content: [{ type: "video", video: {} }] }],
      }).success,
    ).toBe(false);
  });

  it("validates a response and a usage-only chunk", () => {
    expect(
      chatCompletionResponseSchema.safeParse({
        id: "chatcmpl-1",
        object: "chat.completion",
        created: 1,
        model: "m",
        choices: [
          { index: 0, message: { role: "assistant", content: "hi" }, finish_reason: "stop" },
        ],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }).success,
    ).toBe(true);
    expect(
      chatCompletionChunkSchema.safeParse({
        id: "chatcmpl-1",
        object: "chat.completion.chunk",
        created: 1,
        model: "m",
        choices: [],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }).success,
    ).toBe(true);
    expect(
      chatCompletionChunkSchema.safeParse({
        id: "x",
        object: "chat.completion",
        created: 1,
        model: "m",
        choices: [],
      }).success,
    ).toBe(false);
  });
});

describe("Anthropic schemas", () => {
  it("validates a message and each stream event type", () => {
    expect(
      anthropicMessagesResponseSchema.safeParse({
        id: "msg_1",
        type: "message",
        role: "assistant",
        model: "claude",
        content: [{ type: "text", text: "hi" }],
        stop_reason: "end_turn",
        stop_sequence: null,
        usage: { input_tokens: 1, output_tokens: 1 },
      }).success,
    ).toBe(true);
    const events = [
      { type: "ping" },
      { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
      { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "a" } },
      {
        type: "content_block_delta",
        index: 1,
        delta: { type: "input_json_delta", partial_json: "{" },
      },
      { type: "content_block_stop", index: 0 },
      {
        type: "message_delta",
        delta: { stop_reason: "tool_use", stop_sequence: null },
        usage: { output_tokens: 3 },
      },
      { type: "message_stop" },
      { type: "error", error: { type: "overloaded_error", message: "Overloaded" } },
    ];
    for (const event of events)
      expect(anthropicStreamEventSchema.safeParse(event).success, event.type).toBe(true);
    expect(anthropicStreamEventSchema.safeParse({ type: "message_explode" }).success).toBe(false);
  });
});
