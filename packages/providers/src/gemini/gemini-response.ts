import type {
  ChatCompletionChoice,
  ChatCompletionResponse,
  CompletionUsage,
  FinishReason,
  ModelInfo,
  ToolCall,
} from "@switchyard/core";
import { makeId, nowSeconds } from "../shared/ids";
import { parseUpstream } from "../shared/json";
import { type GeminiPart, type GeminiUsage, geminiResponseSchema } from "./gemini-schema";

const filtered = new Set([
  "SAFETY",
  "RECITATION",
  "LANGUAGE",
  "BLOCKLIST",
  "PROHIBITED_CONTENT",
  "SPII",
  "IMAGE_SAFETY",
]);

/** Gemini finishReason → OpenAI finish_reason (STOP with function calls → tool_calls). */
export function mapGeminiFinishReason(
  reason: string | undefined,
  hasToolCalls: boolean,
): FinishReason | null {
  if (reason === undefined || reason === "FINISH_REASON_UNSPECIFIED") return null;
  if (hasToolCalls) return "tool_calls";
  if (reason === "MAX_TOKENS") return "length";
  if (filtered.has(reason)) return "content_filter";
  return "stop";
}

/** Thinking tokens are billed as output. */
export function mapGeminiUsage(usage: GeminiUsage): CompletionUsage {
  const prompt = usage.promptTokenCount ?? 0;
  const completion = (usage.candidatesTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: usage.cachedContentTokenCount ?? 0 },
    completion_tokens_details: { reasoning_tokens: usage.thoughtsTokenCount ?? 0 },
  };
}

/** Text (thought summaries excluded) and function calls of a candidate's parts. */
export function splitParts(parts: readonly GeminiPart[], callIdPrefix: string, firstCallIndex = 0) {
  let text = "";
  const toolCalls: ToolCall[] = [];
  for (const part of parts) {
    if (part.text !== undefined && part.thought !== true) text += part.text;
    if (part.functionCall) {
      toolCalls.push({
        id: part.functionCall.id ?? `${callIdPrefix}${firstCallIndex + toolCalls.length}`,
        type: "function",
        function: {
          name: part.functionCall.name,
          arguments: JSON.stringify(part.functionCall.args ?? {}),
        },
      });
    }
  }
  return { text, toolCalls };
}

export function parseGeminiResponse(model: ModelInfo, body: unknown): ChatCompletionResponse {
  const response = parseUpstream(geminiResponseSchema, body, "Gemini response");
  const id = response.responseId ? `chatcmpl-${response.responseId}` : makeId("chatcmpl-");
  const candidates = response.candidates ?? [];
  const choices: ChatCompletionChoice[] = candidates.map((candidate, position) => {
    const { text, toolCalls } = splitParts(candidate.content?.parts ?? [], `call_${position}_`);
    return {
      index: candidate.index ?? position,
      message: {
        role: "assistant",
        content: text === "" && toolCalls.length > 0 ? null : text,
        ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
      },
      finish_reason: mapGeminiFinishReason(candidate.finishReason, toolCalls.length > 0) ?? "stop",
      logprobs: null,
    };
  });
  if (choices.length === 0 && response.promptFeedback?.blockReason) {
    choices.push({
      index: 0,
      message: { role: "assistant", content: null },
      finish_reason: "content_filter",
      logprobs: null,
    });
  }
  return {
    id,
    object: "chat.completion",
    created: nowSeconds(),
    model: response.modelVersion ?? model.upstreamName,
    choices,
    usage: response.usageMetadata ? mapGeminiUsage(response.usageMetadata) : null,
  };
}
