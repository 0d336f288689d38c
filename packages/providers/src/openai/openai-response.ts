import type {
  ChatCompletionResponse,
  CompletionUsage,
  ModelInfo,
  ToolCall,
} from "@switchyard/core";
import { z } from "zod";
import { normalizeFinishReason } from "../shared/finish-reason";
import { makeId, nowSeconds } from "../shared/ids";
import { parseUpstream } from "../shared/json";
import { upstreamErrorCode, upstreamStreamError } from "../shared/upstream-report";
import type { OpenAICompatibleOptions } from "./openai-quirks";
import { upstreamCompletionSchema } from "./openai-upstream-schema";

const errorOnlySchema = z.object({
  error: z.looseObject({ message: z.string() }),
  choices: z.undefined().optional(),
});

/** An OpenAI-compatible `chat.completion` body → the canonical response (extra fields kept). */
export function parseOpenAICompatibleResponse(
  options: OpenAICompatibleOptions,
  model: ModelInfo,
  body: unknown,
): ChatCompletionResponse {
  // Some gateways (OpenRouter) answer 200 with an error object instead of a completion.
  const failure = errorOnlySchema.safeParse(body);
  if (failure.success) {
    throw upstreamStreamError(options.displayName, {
      message: failure.data.error.message,
      code: upstreamErrorCode(failure.data.error),
    });
  }
  const raw = parseUpstream(upstreamCompletionSchema, body, "chat completion");
  const usage: CompletionUsage | null =
    raw.usage ?? options.quirks.usageFromChunk?.(raw as Record<string, unknown>) ?? null;
  return {
    ...raw,
    id: raw.id ?? makeId("chatcmpl-"),
    object: "chat.completion",
    created: raw.created ?? nowSeconds(),
    model: raw.model ?? model.upstreamName,
    choices: raw.choices.map((choice, position) => {
      const { tool_calls: rawToolCalls, ...message } = choice.message;
      const toolCalls: ToolCall[] | undefined = rawToolCalls?.map((call, i) => ({
        ...call,
        id: call.id ?? `call_${position}_${i}`,
        type: "function",
        function: { ...call.function, arguments: call.function.arguments ?? "" },
      }));
      return {
        ...choice,
        index: choice.index ?? position,
        message: {
          ...message,
          role: "assistant",
          content: message.content ?? null,
          ...(toolCalls && toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: normalizeFinishReason(choice.finish_reason),
      };
    }),
    usage,
  };
}
