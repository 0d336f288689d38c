/**
 * The response cache's key: the team, the model that would answer, and the request's fields that
 * decide the answer (messages, tools, format, sampling, limits); not stream, metadata or user.
 */
import { createHash } from "node:crypto";
import type { ChatCompletionRequest } from "@switchyard/core";

const SEMANTIC_FIELDS = [
  "messages",
  "tools",
  "tool_choice",
  "parallel_tool_calls",
  "response_format",
  "temperature",
  "top_p",
  "max_tokens",
  "max_completion_tokens",
  "stop",
  "seed",
  "n",
  "presence_penalty",
  "frequency_penalty",
  "logit_bias",
  "logprobs",
  "top_logprobs",
  "reasoning_effort",
] as const;

export function responseCacheKey(
  teamId: string,
  model: string,
  request: ChatCompletionRequest,
): string {
  const fields: Record<string, unknown> = {};
  for (const field of SEMANTIC_FIELDS) {
    const value = (request as Record<string, unknown>)[field];
    if (value !== undefined && value !== null) fields[field] = value;
  }
  const hash = createHash("sha256")
    .update(JSON.stringify([teamId, model, fields]))
    .digest("hex");
  return `sy:cache:${hash}`;
}

/** Whether a policy's cache takes this request: temperature 0 only, unless the policy says any. */
export const cacheTakes = (request: ChatCompletionRequest, anyTemperature: boolean): boolean =>
  anyTemperature || request.temperature === 0;
