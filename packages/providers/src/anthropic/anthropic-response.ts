import {
  type AnthropicMessagesResponse,
  type AnthropicStopReason,
  type AnthropicUsage,
  anthropicMessagesResponseSchema,
  type ChatCompletionResponse,
  type CompletionUsage,
  type FinishReason,
  type ModelInfo,
  type ToolCall,
} from "@switchyard/core";
import { nowSeconds } from "../shared/ids";
import { parseUpstream } from "../shared/json";

export function mapAnthropicStopReason(
  reason: AnthropicStopReason | null | undefined,
): FinishReason | null {
  switch (reason) {
    case null:
    case undefined:
      return null;
    case "end_turn":
    case "stop_sequence":
    case "pause_turn":
      return "stop";
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length";
    case "tool_use":
      return "tool_calls";
    case "refusal":
      return "content_filter";
  }
}

/**
 * Anthropic usage → OpenAI usage: cache reads and writes count as prompt tokens (Anthropic's
 * input_tokens excludes both); reads are `cached_tokens`, writes the `cache_write_tokens`
 * extension, with the 1-hour part from `cache_creation.ephemeral_1h_input_tokens` (without the
 * breakdown every write is a 5-minute one, Anthropic's default time to live). Thinking tokens are
 * part of Anthropic's output_tokens and not reported apart: they are priced as output.
 */
export function mapAnthropicUsage(usage: Partial<AnthropicUsage>): CompletionUsage {
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const breakdown = usage.cache_creation ?? null;
  const writes =
    usage.cache_creation_input_tokens ??
    (breakdown?.ephemeral_5m_input_tokens ?? 0) + (breakdown?.ephemeral_1h_input_tokens ?? 0);
  const prompt = (usage.input_tokens ?? 0) + writes + cacheRead;
  const completion = usage.output_tokens ?? 0;
  const details: NonNullable<CompletionUsage["prompt_tokens_details"]> = {
    cached_tokens: cacheRead,
  };
  if (writes > 0) {
    details.cache_write_tokens = writes;
    const hour = breakdown?.ephemeral_1h_input_tokens ?? 0;
    if (hour > 0) details.cache_write_1h_tokens = Math.min(hour, writes);
  }
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: details,
  };
}

/** Anthropic `message` → canonical response. Thinking blocks are not carried over. */
export function fromAnthropicResponse(message: AnthropicMessagesResponse): ChatCompletionResponse {
  let text = "";
  let hasText = false;
  const toolCalls: ToolCall[] = [];
  for (const block of message.content) {
    if (block.type === "text") {
      text += block.text;
      hasText = true;
    } else if (block.type === "tool_use") {
      toolCalls.push({
        id: block.id,
        type: "function",
        function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) },
      });
    }
  }
  return {
    id: message.id,
    object: "chat.completion",
    created: nowSeconds(),
    model: message.model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: hasText ? text : null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: mapAnthropicStopReason(message.stop_reason),
        logprobs: null,
      },
    ],
    usage: mapAnthropicUsage(message.usage),
  };
}

export function parseAnthropicResponse(_model: ModelInfo, body: unknown): ChatCompletionResponse {
  return fromAnthropicResponse(
    parseUpstream(anthropicMessagesResponseSchema, body, "Anthropic message"),
  );
}
