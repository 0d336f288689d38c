import type { ChatCompletionRequest, ChatCompletionResponse } from "@switchyard/core";
import { estimatePromptTokens } from "./estimate-usage";

export interface UsageFigures {
  inputTokens: number;
  outputTokens: number;
  usageEstimated: boolean;
}

/** Tokens of a JSON answer: the provider's usage, else an estimate from the texts. */
export function usageOfResponse(
  response: ChatCompletionResponse,
  request: ChatCompletionRequest,
): UsageFigures {
  if (response.usage != null) {
    return {
      inputTokens: response.usage.prompt_tokens,
      outputTokens: response.usage.completion_tokens,
      usageEstimated: false,
    };
  }
  let chars = 0;
  for (const choice of response.choices) {
    chars += choice.message.content?.length ?? 0;
    for (const call of choice.message.tool_calls ?? []) chars += call.function.arguments.length;
  }
  return {
    inputTokens: estimatePromptTokens(request),
    outputTokens: Math.ceil(chars / 4),
    usageEstimated: true,
  };
}
