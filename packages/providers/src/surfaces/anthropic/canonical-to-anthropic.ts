import type {
  AnthropicMessagesResponse,
  AnthropicResponseBlock,
  AnthropicStopReason,
  ChatCompletionResponse,
  FinishReason,
} from "@switchyard/core";
import { tokenUsageOf } from "@switchyard/core";
import { parseToolArguments } from "../../shared/json";
import { anthropicUsageFields } from "./anthropic-usage";

export function toAnthropicStopReason(
  reason: FinishReason | null | undefined,
): AnthropicStopReason {
  switch (reason) {
    case "length":
      return "max_tokens";
    case "tool_calls":
    case "function_call":
      return "tool_use";
    case "content_filter":
      return "refusal";
    default:
      return "end_turn";
  }
}

/** `msg_…` ids, as Anthropic clients expect. */
export const toAnthropicMessageId = (id: string): string =>
  id.startsWith("msg_") ? id : `msg_${id}`;

/** Canonical response → Anthropic `message`. `model` is the name the client asked for. */
export function canonicalToAnthropicResponse(
  response: ChatCompletionResponse,
  model: string = response.model,
): AnthropicMessagesResponse {
  const choice = response.choices[0];
  const content: AnthropicResponseBlock[] = [];
  if (choice?.message.content) content.push({ type: "text", text: choice.message.content });
  for (const call of choice?.message.tool_calls ?? []) {
    content.push({
      type: "tool_use",
      id: call.id,
      name: call.function.name,
      input: parseToolArguments(call.function.arguments),
    });
  }
  const usage =
    response.usage == null ? { inputTokens: 0, outputTokens: 0 } : tokenUsageOf(response.usage);
  return {
    id: toAnthropicMessageId(response.id),
    type: "message",
    role: "assistant",
    model,
    content,
    stop_reason: toAnthropicStopReason(choice?.finish_reason),
    stop_sequence: null,
    usage: { ...anthropicUsageFields(usage), output_tokens: usage.outputTokens },
  };
}
