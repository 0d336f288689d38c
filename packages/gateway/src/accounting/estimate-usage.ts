import type { ChatCompletionRequest } from "@switchyard/core";

/** Rough token count of a text (about four characters a token): constant time, for routing and admission. */
export const estimateTextTokens = (text: string): number => Math.ceil(text.length / 4);

function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  let text = "";
  for (const part of content) {
    if (
      part !== null &&
      typeof part === "object" &&
      "text" in part &&
      typeof part.text === "string"
    ) {
      text += part.text;
    }
  }
  return text;
}

/**
 * Fast prompt-token approximation (characters / 4) for per-request decisions: routing, worst-case
 * budget reservations, Anthropic's message_start. Accounting uses the providers' tokenizer instead.
 */
export function estimatePromptTokens(request: ChatCompletionRequest): number {
  let tokens = 3;
  for (const message of request.messages) {
    tokens += 4 + estimateTextTokens(contentText(message.content));
  }
  if (request.tools !== undefined) tokens += estimateTextTokens(JSON.stringify(request.tools));
  return tokens;
}
