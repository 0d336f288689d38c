import {
  type ChatCompletionRequest,
  type ChatCompletionResponse,
  type TokenUsage,
  tokenUsageOf,
} from "@switchyard/core";
import { estimateRequestTokens, estimateTokens } from "@switchyard/providers";

/** A call's tokens (totals and per-class parts) and whether they were estimated. */
export interface UsageFigures extends TokenUsage {
  usageEstimated: boolean;
}

/** Tokens of a JSON answer: the provider's usage, else the providers' tokenizer estimate of the texts. */
export function usageOfResponse(
  response: ChatCompletionResponse,
  request: ChatCompletionRequest,
): UsageFigures {
  if (response.usage != null) {
    return { ...tokenUsageOf(response.usage), usageEstimated: false };
  }
  let text = "";
  for (const choice of response.choices) {
    text += choice.message.content ?? "";
    for (const call of choice.message.tool_calls ?? [])
      text += call.function.name + call.function.arguments;
  }
  return {
    inputTokens: estimateRequestTokens(request),
    outputTokens: estimateTokens(text),
    usageEstimated: true,
  };
}
