import { z } from "zod";
import { outputTokensSchema } from "./openai-request";

/** Anthropic Messages API (POST /v1/messages): request, response and the SSE stream events. */

const cacheControl = z
  .looseObject({ type: z.literal("ephemeral") })
  .nullable()
  .optional();

export const anthropicTextBlockSchema = z.looseObject({
  type: z.literal("text"),
  text: z.string(),
  cache_control: cacheControl,
});

export const anthropicImageBlockSchema = z.looseObject({
  type: z.literal("image"),
  source: z.discriminatedUnion("type", [
    z.looseObject({ type: z.literal("base64"), media_type: z.string(), data: z.string() }),
    z.looseObject({ type: z.literal("url"), url: z.string() }),
    z.looseObject({ type: z.literal("file"), file_id: z.string() }),
  ]),
  cache_control: cacheControl,
});

export const anthropicDocumentBlockSchema = z.looseObject({
  type: z.literal("document"),
  source: z.looseObject({ type: z.string() }),
  cache_control: cacheControl,
});

export const anthropicToolUseBlockSchema = z.looseObject({
  type: z.literal("tool_use"),
  id: z.string(),
  name: z.string(),
  input: z.unknown(),
  cache_control: cacheControl,
});

export const anthropicToolResultBlockSchema = z.looseObject({
  type: z.literal("tool_result"),
  tool_use_id: z.string(),
  content: z
    .union([
      z.string(),
      z.array(z.discriminatedUnion("type", [anthropicTextBlockSchema, anthropicImageBlockSchema])),
    ])
    .optional(),
  is_error: z.boolean().optional(),
  cache_control: cacheControl,
});

export const anthropicThinkingBlockSchema = z.looseObject({
  type: z.literal("thinking"),
  thinking: z.string(),
  signature: z.string(),
});

export const anthropicRedactedThinkingBlockSchema = z.looseObject({
  type: z.literal("redacted_thinking"),
  data: z.string(),
});

export const anthropicContentBlockSchema = z.discriminatedUnion("type", [
  anthropicTextBlockSchema,
  anthropicImageBlockSchema,
  anthropicDocumentBlockSchema,
  anthropicToolUseBlockSchema,
  anthropicToolResultBlockSchema,
  anthropicThinkingBlockSchema,
  anthropicRedactedThinkingBlockSchema,
]);

export const anthropicMessageSchema = z.looseObject({
  role: z.enum(["user", "assistant"]),
  content: z.union([z.string(), z.array(anthropicContentBlockSchema)]),
});

export const anthropicToolSchema = z.looseObject({
  name: z.string(),
  description: z.string().optional(),
  /** Absent for Anthropic's server tools (which carry their own `type`). */
  input_schema: z.record(z.string(), z.unknown()).optional(),
  type: z.string().optional(),
  /** Structured outputs: the model's tool input is checked against input_schema. */
  strict: z.boolean().optional(),
  cache_control: cacheControl,
});

/** Structured outputs: the answer is JSON matching `schema`. */
export const anthropicOutputFormatSchema = z.looseObject({
  type: z.literal("json_schema"),
  schema: z.record(z.string(), z.unknown()),
});

export const anthropicToolChoiceSchema = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("auto"), disable_parallel_tool_use: z.boolean().optional() }),
  z.looseObject({ type: z.literal("any"), disable_parallel_tool_use: z.boolean().optional() }),
  z.looseObject({
    type: z.literal("tool"),
    name: z.string(),
    disable_parallel_tool_use: z.boolean().optional(),
  }),
  z.looseObject({ type: z.literal("none") }),
]);

export const anthropicMessagesRequestSchema = z.looseObject({
  model: z.string().min(1),
  max_tokens: outputTokensSchema,
  messages: z.array(anthropicMessageSchema),
  system: z.union([z.string(), z.array(anthropicTextBlockSchema)]).optional(),
  tools: z.array(anthropicToolSchema).optional(),
  tool_choice: anthropicToolChoiceSchema.optional(),
  stop_sequences: z.array(z.string()).optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.number().int().min(0).optional(),
  metadata: z.looseObject({ user_id: z.string().nullable().optional() }).optional(),
  stream: z.boolean().optional(),
  output_config: z.looseObject({ format: anthropicOutputFormatSchema.optional() }).optional(),
  /** The structured-outputs beta's name for output_config.format. */
  output_format: anthropicOutputFormatSchema.optional(),
  thinking: z
    .discriminatedUnion("type", [
      z.looseObject({ type: z.literal("enabled"), budget_tokens: z.number().int() }),
      z.looseObject({ type: z.literal("disabled") }),
    ])
    .optional(),
});

export const anthropicStopReasonSchema = z.enum([
  "end_turn",
  "max_tokens",
  "stop_sequence",
  "tool_use",
  "pause_turn",
  "refusal",
  "model_context_window_exceeded",
]);

export const anthropicUsageSchema = z.looseObject({
  input_tokens: z.number(),
  output_tokens: z.number(),
  cache_creation_input_tokens: z.number().nullable().optional(),
  cache_read_input_tokens: z.number().nullable().optional(),
  /** The cache writes by time to live (cache_creation_input_tokens is their sum). */
  cache_creation: z
    .looseObject({
      ephemeral_5m_input_tokens: z.number().optional(),
      ephemeral_1h_input_tokens: z.number().optional(),
    })
    .nullable()
    .optional(),
});

/** Blocks an assistant response may contain. */
export const anthropicResponseBlockSchema = z.discriminatedUnion("type", [
  anthropicTextBlockSchema,
  anthropicToolUseBlockSchema,
  anthropicThinkingBlockSchema,
  anthropicRedactedThinkingBlockSchema,
  z.looseObject({ type: z.literal("server_tool_use"), id: z.string(), name: z.string() }),
]);

export const anthropicMessagesResponseSchema = z.looseObject({
  id: z.string(),
  type: z.literal("message"),
  role: z.literal("assistant"),
  model: z.string(),
  content: z.array(anthropicResponseBlockSchema),
  stop_reason: anthropicStopReasonSchema.nullable(),
  stop_sequence: z.string().nullable().optional(),
  usage: anthropicUsageSchema,
});

export const anthropicErrorEventSchema = z.looseObject({
  type: z.literal("error"),
  error: z.looseObject({ type: z.string(), message: z.string() }),
});

export const anthropicStreamEventSchema = z.discriminatedUnion("type", [
  z.looseObject({
    type: z.literal("message_start"),
    message: anthropicMessagesResponseSchema.extend({
      usage: anthropicUsageSchema.partial().loose(),
    }),
  }),
  z.looseObject({
    type: z.literal("content_block_start"),
    index: z.number(),
    content_block: anthropicResponseBlockSchema,
  }),
  z.looseObject({
    type: z.literal("content_block_delta"),
    index: z.number(),
    delta: z.discriminatedUnion("type", [
      z.looseObject({ type: z.literal("text_delta"), text: z.string() }),
      z.looseObject({ type: z.literal("input_json_delta"), partial_json: z.string() }),
      z.looseObject({ type: z.literal("thinking_delta"), thinking: z.string() }),
      z.looseObject({ type: z.literal("signature_delta"), signature: z.string() }),
      z.looseObject({ type: z.literal("citations_delta") }),
    ]),
  }),
  z.looseObject({ type: z.literal("content_block_stop"), index: z.number() }),
  z.looseObject({
    type: z.literal("message_delta"),
    delta: z.looseObject({
      stop_reason: anthropicStopReasonSchema.nullable().optional(),
      stop_sequence: z.string().nullable().optional(),
    }),
    usage: anthropicUsageSchema.partial().loose().optional(),
  }),
  z.looseObject({ type: z.literal("message_stop") }),
  z.looseObject({ type: z.literal("ping") }),
  anthropicErrorEventSchema,
]);

export type AnthropicTextBlock = z.infer<typeof anthropicTextBlockSchema>;
export type AnthropicImageBlock = z.infer<typeof anthropicImageBlockSchema>;
export type AnthropicToolUseBlock = z.infer<typeof anthropicToolUseBlockSchema>;
export type AnthropicToolResultBlock = z.infer<typeof anthropicToolResultBlockSchema>;
export type AnthropicContentBlock = z.infer<typeof anthropicContentBlockSchema>;
export type AnthropicMessage = z.infer<typeof anthropicMessageSchema>;
export type AnthropicTool = z.infer<typeof anthropicToolSchema>;
export type AnthropicToolChoice = z.infer<typeof anthropicToolChoiceSchema>;
export type AnthropicMessagesRequest = z.infer<typeof anthropicMessagesRequestSchema>;
export type AnthropicStopReason = z.infer<typeof anthropicStopReasonSchema>;
export type AnthropicUsage = z.infer<typeof anthropicUsageSchema>;
export type AnthropicResponseBlock = z.infer<typeof anthropicResponseBlockSchema>;
export type AnthropicMessagesResponse = z.infer<typeof anthropicMessagesResponseSchema>;
export type AnthropicStreamEvent = z.infer<typeof anthropicStreamEventSchema>;
