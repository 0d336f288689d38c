import { z } from "zod";
import { toolCallSchema } from "./openai-request";

/** OpenAI chat-completions response (`chat.completion`) and stream chunk (`chat.completion.chunk`). */

export const finishReasonSchema = z.enum([
  "stop",
  "length",
  "tool_calls",
  "content_filter",
  "function_call",
]);

export const completionUsageSchema = z.looseObject({
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  total_tokens: z.number(),
  prompt_tokens_details: z
    .looseObject({
      cached_tokens: z.number().optional(),
      audio_tokens: z.number().optional(),
      /**
       * Switchyard's extension (not OpenAI's): prompt tokens written to the provider's cache
       * (Anthropic's cache_creation_input_tokens), and the part of them kept one hour.
       */
      cache_write_tokens: z.number().optional(),
      cache_write_1h_tokens: z.number().optional(),
    })
    .nullable()
    .optional(),
  completion_tokens_details: z
    .looseObject({
      reasoning_tokens: z.number().optional(),
      audio_tokens: z.number().optional(),
      accepted_prediction_tokens: z.number().optional(),
      rejected_prediction_tokens: z.number().optional(),
    })
    .nullable()
    .optional(),
});

export const responseMessageSchema = z.looseObject({
  role: z.literal("assistant"),
  content: z.string().nullable(),
  refusal: z.string().nullable().optional(),
  tool_calls: z.array(toolCallSchema).optional(),
});

export const chatCompletionChoiceSchema = z.looseObject({
  index: z.number(),
  message: responseMessageSchema,
  finish_reason: finishReasonSchema.nullable(),
  logprobs: z.unknown().optional(),
});

export const chatCompletionResponseSchema = z.looseObject({
  id: z.string(),
  object: z.literal("chat.completion"),
  created: z.number(),
  model: z.string(),
  choices: z.array(chatCompletionChoiceSchema),
  usage: completionUsageSchema.nullable().optional(),
  system_fingerprint: z.string().nullable().optional(),
  service_tier: z.string().nullable().optional(),
});

export const toolCallDeltaSchema = z.looseObject({
  index: z.number(),
  id: z.string().optional(),
  type: z.literal("function").optional(),
  function: z
    .looseObject({ name: z.string().optional(), arguments: z.string().optional() })
    .optional(),
});

export const chunkDeltaSchema = z.looseObject({
  role: z.enum(["assistant", "developer", "system", "user", "tool"]).optional(),
  content: z.string().nullable().optional(),
  refusal: z.string().nullable().optional(),
  tool_calls: z.array(toolCallDeltaSchema).optional(),
});

export const chunkChoiceSchema = z.looseObject({
  index: z.number(),
  delta: chunkDeltaSchema,
  finish_reason: finishReasonSchema.nullable().optional(),
  logprobs: z.unknown().optional(),
});

export const chatCompletionChunkSchema = z.looseObject({
  id: z.string(),
  object: z.literal("chat.completion.chunk"),
  created: z.number(),
  model: z.string(),
  choices: z.array(chunkChoiceSchema),
  usage: completionUsageSchema.nullable().optional(),
  system_fingerprint: z.string().nullable().optional(),
  service_tier: z.string().nullable().optional(),
});

export type FinishReason = z.infer<typeof finishReasonSchema>;
export type CompletionUsage = z.infer<typeof completionUsageSchema>;
export type ResponseMessage = z.infer<typeof responseMessageSchema>;
export type ChatCompletionChoice = z.infer<typeof chatCompletionChoiceSchema>;
export type ChatCompletionResponse = z.infer<typeof chatCompletionResponseSchema>;
export type ToolCallDelta = z.infer<typeof toolCallDeltaSchema>;
export type ChunkDelta = z.infer<typeof chunkDeltaSchema>;
export type ChunkChoice = z.infer<typeof chunkChoiceSchema>;
export type ChatCompletionChunk = z.infer<typeof chatCompletionChunkSchema>;
