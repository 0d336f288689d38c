import type {
  ChatCompletionResponse,
  CompletionUsage,
  FinishReason,
  ToolCall,
} from "@switchyard/core";
import { z } from "zod";
import { makeId, nowSeconds } from "../../shared/ids";
import { parseUpstream } from "../../shared/json";
import { upstreamErrorCode, upstreamStreamError } from "../../shared/upstream-report";

/** OpenAI's `response` object (POST /v1/responses), as far as the gateway reads it. */

export const nativeUsageSchema = z.looseObject({
  input_tokens: z.number(),
  output_tokens: z.number(),
  total_tokens: z.number().optional(),
  input_tokens_details: z.looseObject({ cached_tokens: z.number().optional() }).nullish(),
  output_tokens_details: z.looseObject({ reasoning_tokens: z.number().optional() }).nullish(),
});

const outputItemSchema = z.union([
  z.looseObject({
    type: z.literal("message"),
    content: z.array(
      z.union([
        z.looseObject({ type: z.literal("output_text"), text: z.string() }),
        z.looseObject({ type: z.literal("refusal"), refusal: z.string() }),
        z.looseObject({ type: z.string() }),
      ]),
    ),
  }),
  z.looseObject({
    type: z.literal("function_call"),
    call_id: z.string(),
    name: z.string(),
    arguments: z.string(),
  }),
  z.looseObject({ type: z.string() }),
]);

export const nativeResponseSchema = z.looseObject({
  id: z.string().optional(),
  created_at: z.number().optional(),
  model: z.string().optional(),
  status: z.string().nullish(),
  error: z.looseObject({ message: z.string().optional(), code: z.unknown() }).nullish(),
  incomplete_details: z.looseObject({ reason: z.string().nullish() }).nullish(),
  output: z.array(outputItemSchema).default([]),
  usage: nativeUsageSchema.nullish(),
});
export type NativeResponse = z.infer<typeof nativeResponseSchema>;
export type NativeUsage = z.infer<typeof nativeUsageSchema>;

/** Responses usage → the canonical (chat) usage, token classes kept. */
export function canonicalUsage(usage: NativeUsage): CompletionUsage {
  return {
    prompt_tokens: usage.input_tokens,
    completion_tokens: usage.output_tokens,
    total_tokens: usage.total_tokens ?? usage.input_tokens + usage.output_tokens,
    prompt_tokens_details: { cached_tokens: usage.input_tokens_details?.cached_tokens ?? 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.output_tokens_details?.reasoning_tokens ?? 0,
    },
  };
}

/** Why a response stopped, as a chat finish reason. */
export function finishReasonOf(response: NativeResponse, calledTools: boolean): FinishReason {
  if (calledTools) return "tool_calls";
  const reason = response.incomplete_details?.reason;
  if (reason === "max_output_tokens") return "length";
  if (reason === "content_filter") return "content_filter";
  return "stop";
}

/** A failed response (status "failed", or an error object) as the typed upstream error. */
export function failureOf(displayName: string, response: NativeResponse) {
  if (response.status !== "failed" && !response.error) return null;
  const error = (response.error ?? {}) as Record<string, unknown>;
  return upstreamStreamError(displayName, {
    message: typeof error.message === "string" ? error.message : "",
    code: upstreamErrorCode(error),
  });
}

export function parseNativeResponse(displayName: string, body: unknown): ChatCompletionResponse {
  const response = parseUpstream(nativeResponseSchema, body, "response");
  const failure = failureOf(displayName, response);
  if (failure) throw failure;
  let text: string | null = null;
  let refusal: string | null = null;
  const toolCalls: ToolCall[] = [];
  for (const item of response.output) {
    if (item.type === "message" && "content" in item && Array.isArray(item.content)) {
      for (const part of item.content as { type: string; text?: string; refusal?: string }[]) {
        if (part.type === "output_text") text = (text ?? "") + (part.text ?? "");
        else if (part.type === "refusal") refusal = (refusal ?? "") + (part.refusal ?? "");
      }
    } else if (item.type === "function_call") {
      const call = item as { call_id: string; name: string; arguments: string };
      toolCalls.push({
        id: call.call_id,
        type: "function",
        function: { name: call.name, arguments: call.arguments },
      });
    }
  }
  return {
    id: response.id ?? makeId("resp_"),
    object: "chat.completion",
    created: response.created_at ?? nowSeconds(),
    model: response.model ?? "",
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: text,
          ...(refusal !== null && { refusal }),
          ...(toolCalls.length > 0 && { tool_calls: toolCalls }),
        },
        finish_reason: finishReasonOf(response, toolCalls.length > 0),
        logprobs: null,
      },
    ],
    usage: response.usage ? canonicalUsage(response.usage) : null,
  };
}
