import { anthropicDialect } from "./anthropic";
import { countTokens } from "./tokens";

export const COUNT_TOKENS_PATH = "/v1/messages/count_tokens";

/**
 * Anthropic's POST /v1/messages/count_tokens: a deterministic count of the request's text (four
 * characters a token over its system prompt, messages and tools, as serialised).
 */
export function answerCountTokens(body: unknown): { status: number; body: string } {
  const request = (body ?? {}) as Record<string, unknown>;
  if (typeof request.model !== "string" || !Array.isArray(request.messages)) {
    const rendered = anthropicDialect.error(400, "model and messages are required");
    return { status: rendered.status, body: rendered.body };
  }
  const counted = JSON.stringify([request.system ?? "", request.messages, request.tools ?? []]);
  return { status: 200, body: JSON.stringify({ input_tokens: countTokens(counted.length) }) };
}
