import { type ChatCompletionRequest, type TokenUsage, tokenUsageOf } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { anthropicAdapter } from "./anthropic";
import { azureOpenAIAdapter } from "./azure-openai";
import { geminiAdapter } from "./gemini";
import { openaiAdapter } from "./openai";
import { testModel } from "./testing/fixtures";
import type { ProviderAdapter } from "./types";

/**
 * Every provider's usage, JSON and streamed, split into token classes exactly: a streamed usage
 * reported several times (cumulative) is the last report, never the sum of them.
 */
const request: ChatCompletionRequest = {
  model: "x",
  messages: [{ role: "user", content: "hi" }],
  stream_options: { include_usage: true },
};

function streamUsage(
  adapter: ProviderAdapter,
  kind: string,
  events: { event?: string; data: unknown }[],
) {
  const translator = adapter.createStreamTranslator(
    testModel({ providerKind: kind as never }),
    request,
  );
  for (const event of events)
    translator.push({
      ...(event.event ? { event: event.event } : {}),
      data: JSON.stringify(event.data),
    });
  return translator.usage();
}

function jsonUsage(adapter: ProviderAdapter, kind: string, body: unknown): TokenUsage | null {
  const response = adapter.parseResponse(testModel({ providerKind: kind as never }), body);
  return response.usage == null ? null : tokenUsageOf(response.usage);
}

const openaiUsage = {
  prompt_tokens: 2006,
  completion_tokens: 300,
  total_tokens: 2306,
  prompt_tokens_details: { cached_tokens: 1920, audio_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 192, audio_tokens: 0 },
};
const openaiExpected: TokenUsage = {
  inputTokens: 2006,
  outputTokens: 300,
  cachedInputTokens: 1920,
  cacheWrite5mTokens: 0,
  cacheWrite1hTokens: 0,
  reasoningTokens: 192,
};
const openaiBody = {
  id: "chatcmpl-1",
  object: "chat.completion",
  created: 1,
  model: "gpt-5",
  choices: [{ index: 0, message: { role: "assistant", content: "ok" }, finish_reason: "stop" }],
  usage: openaiUsage,
};
const openaiChunk = (delta: object, finish: string | null, usage: object | null) => ({
  id: "chatcmpl-1",
  object: "chat.completion.chunk",
  created: 1,
  model: "gpt-5",
  choices: finish === "usage" ? [] : [{ index: 0, delta, finish_reason: finish }],
  usage,
});
const openaiStream = [
  { data: openaiChunk({ role: "assistant", content: "" }, null, null) },
  { data: openaiChunk({ content: "o" }, null, null) },
  { data: openaiChunk({ content: "k" }, null, null) },
  { data: openaiChunk({}, "stop", null) },
  { data: openaiChunk({}, "usage", openaiUsage) },
];

describe("OpenAI and Azure usage classes", () => {
  for (const [kind, adapter] of [
    ["openai", openaiAdapter],
    ["azure-openai", azureOpenAIAdapter],
  ] as const) {
    it(`${kind}: JSON answer`, () => {
      expect(jsonUsage(adapter, kind, openaiBody)).toEqual(openaiExpected);
    });
    it(`${kind}: stream`, () => {
      expect(streamUsage(adapter, kind, openaiStream)).toEqual(openaiExpected);
    });
  }
});

describe("Anthropic usage classes", () => {
  // input_tokens excludes cache reads and writes; output_tokens includes thinking.
  const usage = {
    input_tokens: 50,
    cache_creation_input_tokens: 1500,
    cache_read_input_tokens: 8000,
    cache_creation: { ephemeral_5m_input_tokens: 1000, ephemeral_1h_input_tokens: 500 },
    output_tokens: 400,
  };
  const expected: TokenUsage = {
    inputTokens: 9550,
    outputTokens: 400,
    cachedInputTokens: 8000,
    cacheWrite5mTokens: 1000,
    cacheWrite1hTokens: 500,
    reasoningTokens: 0,
  };
  const message = {
    id: "msg_1",
    type: "message",
    role: "assistant",
    model: "claude-sonnet-4-5",
    content: [{ type: "text", text: "ok" }],
    stop_reason: "end_turn",
    stop_sequence: null,
    usage,
  };

  it("JSON answer", () => {
    expect(jsonUsage(anthropicAdapter, "anthropic", message)).toEqual(expected);
  });

  it("stream: message_start's cache figures repeated in message_delta count once", () => {
    const events = [
      {
        event: "message_start",
        data: {
          type: "message_start",
          message: {
            ...message,
            content: [],
            stop_reason: null,
            usage: { ...usage, output_tokens: 1 },
          },
        },
      },
      {
        event: "content_block_start",
        data: { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
      },
      {
        event: "content_block_delta",
        data: { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "ok" } },
      },
      { event: "content_block_stop", data: { type: "content_block_stop", index: 0 } },
      {
        event: "message_delta",
        data: {
          type: "message_delta",
          delta: { stop_reason: "end_turn", stop_sequence: null },
          usage,
        },
      },
      { event: "message_stop", data: { type: "message_stop" } },
    ];
    expect(streamUsage(anthropicAdapter, "anthropic", events)).toEqual(expected);
  });

  it("writes without the TTL breakdown are 5-minute writes", () => {
    const { cache_creation: _, ...plain } = usage;
    expect(jsonUsage(anthropicAdapter, "anthropic", { ...message, usage: plain })).toMatchObject({
      cacheWrite5mTokens: 1500,
      cacheWrite1hTokens: 0,
    });
  });
});

describe("Gemini usage classes", () => {
  // promptTokenCount includes the cached tokens; candidatesTokenCount excludes thoughts.
  const usageMetadata = (candidates: number) => ({
    promptTokenCount: 12000,
    cachedContentTokenCount: 9000,
    candidatesTokenCount: candidates,
    thoughtsTokenCount: 250,
    totalTokenCount: 12000 + candidates + 250,
  });
  const expected: TokenUsage = {
    inputTokens: 12000,
    outputTokens: 330,
    cachedInputTokens: 9000,
    cacheWrite5mTokens: 0,
    cacheWrite1hTokens: 0,
    reasoningTokens: 250,
  };
  const record = (text: string, candidates: number, final: boolean) => ({
    candidates: [
      {
        content: { parts: [{ text }], role: "model" },
        ...(final ? { finishReason: "STOP" } : {}),
        index: 0,
      },
    ],
    usageMetadata: usageMetadata(candidates),
    modelVersion: "gemini-2.5-flash",
  });

  it("JSON answer", () => {
    expect(jsonUsage(geminiAdapter, "gemini", record("ok", 80, true))).toEqual(expected);
  });

  it("stream: usageMetadata on every record counts once", () => {
    const events = [
      { data: record("o", 30, false) },
      { data: record("k", 60, false) },
      { data: record("!", 80, true) },
    ];
    expect(streamUsage(geminiAdapter, "gemini", events)).toEqual(expected);
  });
});
