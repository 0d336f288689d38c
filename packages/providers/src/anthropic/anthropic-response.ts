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

/** Anthropic usage → OpenAI usage: cache reads and writes count as prompt tokens. */
export function mapAnthropicUsage(usage: Partial<AnthropicUsage>): CompletionUsage {
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const prompt = (usage.input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0) + cacheRead;
  const completion = usage.output_tokens ?? 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: cacheRead },
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
