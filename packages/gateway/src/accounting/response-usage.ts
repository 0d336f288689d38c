import type { ChatCompletionRequest, ChatCompletionResponse } from "@switchyard/core";
import { estimateRequestTokens, estimateTokens } from "@switchyard/providers";

export interface UsageFigures {
  inputTokens: number;
  outputTokens: number;
  usageEstimated: boolean;
}

/** Tokens of a JSON answer: the provider's usage, else the providers' tokenizer estimate of the texts. */
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
