import { z } from "zod";

/**
 * OpenAI chat-completions request (POST /v1/chat/completions). The canonical request format of
 * the gateway. Objects are loose: fields this schema does not know are kept, so nothing a client
 * sends is dropped when the upstream is OpenAI-shaped.
 */

export const textPartSchema = z.looseObject({ type: z.literal("text"), text: z.string() });

export const imageUrlPartSchema = z.looseObject({
  type: z.literal("image_url"),
  image_url: z.looseObject({
    url: z.string(),
    detail: z.enum(["auto", "low", "high"]).optional(),
  }),
});

export const inputAudioPartSchema = z.looseObject({
  type: z.literal("input_audio"),
  input_audio: z.looseObject({ data: z.string(), format: z.string() }),
});

export const filePartSchema = z.looseObject({
  type: z.literal("file"),
  file: z.looseObject({
    file_data: z.string().optional(),
    file_id: z.string().optional(),
    filename: z.string().optional(),
  }),
});

export const refusalPartSchema = z.looseObject({ type: z.literal("refusal"), refusal: z.string() });

export const userContentPartSchema = z.discriminatedUnion("type", [
  textPartSchema,
  imageUrlPartSchema,
  inputAudioPartSchema,
  filePartSchema,
]);

export const assistantContentPartSchema = z.discriminatedUnion("type", [
  textPartSchema,
  refusalPartSchema,
]);

export const toolCallSchema = z.looseObject({
  id: z.string(),
  type: z.literal("function"),
  function: z.looseObject({ name: z.string(), arguments: z.string() }),
});

const textContent = z.union([z.string(), z.array(textPartSchema)]);

export const systemMessageSchema = z.looseObject({
  role: z.literal("system"),
  content: textContent,
  name: z.string().optional(),
});

export const developerMessageSchema = z.looseObject({
  role: z.literal("developer"),
  content: textContent,
  name: z.string().optional(),
});

export const userMessageSchema = z.looseObject({
  role: z.literal("user"),
  content: z.union([z.string(), z.array(userContentPartSchema)]),
  name: z.string().optional(),
});

export const assistantMessageSchema = z.looseObject({
  role: z.literal("assistant"),
  content: z.union([z.string(), z.array(assistantContentPartSchema), z.null()]).optional(),
  name: z.string().optional(),
  refusal: z.string().nullable().optional(),
  tool_calls: z.array(toolCallSchema).optional(),
  function_call: z.looseObject({ name: z.string(), arguments: z.string() }).nullable().optional(),
});

export const toolMessageSchema = z.looseObject({
  role: z.literal("tool"),
  content: textContent,
  tool_call_id: z.string(),
});

/** Deprecated `function` role; accepted and passed through. */
export const functionMessageSchema = z.looseObject({
  role: z.literal("function"),
  content: z.string().nullable(),
  name: z.string(),
});

export const chatMessageSchema = z.discriminatedUnion("role", [
  systemMessageSchema,
  developerMessageSchema,
  userMessageSchema,
  assistantMessageSchema,
  toolMessageSchema,
  functionMessageSchema,
]);

export const functionToolSchema = z.looseObject({
  type: z.literal("function"),
  function: z.looseObject({
    name: z.string(),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullable().optional(),
  }),
});

export const toolChoiceSchema = z.union([
  z.enum(["none", "auto", "required"]),
  z.looseObject({ type: z.literal("function"), function: z.looseObject({ name: z.string() }) }),
  z.looseObject({ type: z.literal("allowed_tools"), allowed_tools: z.looseObject({}) }),
]);

export const responseFormatSchema = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("text") }),
  z.looseObject({ type: z.literal("json_object") }),
  z.looseObject({
    type: z.literal("json_schema"),
    json_schema: z.looseObject({
      name: z.string(),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullable().optional(),
    }),
  }),
]);

const optionalNumber = z.number().nullable().optional();
const optionalInt = z.number().int().nullable().optional();

/** Most output tokens a request may ask for: above every model's limit, bounded for budgets. */
export const MAX_OUTPUT_TOKENS = 1_000_000;
/** An output-token limit: a whole number from 1 to MAX_OUTPUT_TOKENS (0 or less would reserve nothing). */
export const outputTokensSchema = z
  .number()
  .refine((value) => Number.isInteger(value) && value >= 1 && value <= MAX_OUTPUT_TOKENS, {
    message: `must be a whole number from 1 to ${MAX_OUTPUT_TOKENS}`,
  });

export const chatCompletionRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(chatMessageSchema).min(1),
  tools: z.array(functionToolSchema).optional(),
  tool_choice: toolChoiceSchema.optional(),
  parallel_tool_calls: z.boolean().optional(),
  response_format: responseFormatSchema.optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().min(0).max(1).nullable().optional(),
  max_tokens: outputTokensSchema.nullable().optional(),
  max_completion_tokens: outputTokensSchema.nullable().optional(),
  stop: z.union([z.string(), z.array(z.string()), z.null()]).optional(),
  seed: optionalInt,
  user: z.string().optional(),
  n: z.number().int().min(1).nullable().optional(),
  stream: z.boolean().nullable().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
  metadata: z.record(z.string(), z.string()).nullable().optional(),
  logprobs: z.boolean().nullable().optional(),
  top_logprobs: optionalInt,
  presence_penalty: optionalNumber,
  frequency_penalty: optionalNumber,
  logit_bias: z.record(z.string(), z.number()).nullable().optional(),
  reasoning_effort: z.string().nullable().optional(),
  service_tier: z.string().nullable().optional(),
  store: z.boolean().nullable().optional(),
  modalities: z.array(z.string()).nullable().optional(),
});

export type TextPart = z.infer<typeof textPartSchema>;
export type ImageUrlPart = z.infer<typeof imageUrlPartSchema>;
export type UserContentPart = z.infer<typeof userContentPartSchema>;
export type ToolCall = z.infer<typeof toolCallSchema>;
export type SystemMessage = z.infer<typeof systemMessageSchema>;
export type DeveloperMessage = z.infer<typeof developerMessageSchema>;
export type UserMessage = z.infer<typeof userMessageSchema>;
export type AssistantMessage = z.infer<typeof assistantMessageSchema>;
export type ToolMessage = z.infer<typeof toolMessageSchema>;
export type ChatMessage = z.infer<typeof chatMessageSchema>;
export type FunctionTool = z.infer<typeof functionToolSchema>;
export type ToolChoice = z.infer<typeof toolChoiceSchema>;
export type ResponseFormat = z.infer<typeof responseFormatSchema>;
export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;
