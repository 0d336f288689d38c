import { type ChatCompletionRequest, messageText } from "@switchyard/core";

/** Rough token count of a text (about four characters a token): constant time, for routing and admission. */
export const estimateTextTokens = (text: string): number => Math.ceil(text.length / 4);

/**
 * Fast prompt-token approximation (characters / 4) for per-request decisions: routing, worst-case
 * budget reservations, Anthropic's message_start. Accounting uses the providers' tokenizer instead.
 */
export function estimatePromptTokens(request: ChatCompletionRequest): number {
  let tokens = 3;
  for (const message of request.messages) {
    tokens += 4 + estimateTextTokens(messageText(message.content));
  }
  if (request.tools !== undefined) tokens += estimateTextTokens(JSON.stringify(request.tools));
  return tokens;
}
