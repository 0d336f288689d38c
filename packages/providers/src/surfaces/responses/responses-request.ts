/**
 * OpenAI's Responses API request (POST /v1/responses) → the canonical chat request, so every
 * provider can serve it: `instructions` become the system message, input items become messages
 * (function_call and function_call_output items become assistant tool calls and tool results),
 * flat function tools become chat tools, `text.format` becomes response_format, `reasoning.effort`
 * becomes reasoning_effort and max_output_tokens the output limit. Reasoning items (an upstream's
 * own, replayed) are dropped: they only round-trip to OpenAI itself.
 */
import {
  type ChatCompletionRequest,
  type ChatMessage,
  invalidRequest,
  type ToolCall,
  type UserContentPart,
} from "@switchyard/core";
import { z } from "zod";

const textPart = z.looseObject({
  type: z.enum(["input_text", "output_text", "text"]),
  text: z.string(),
});
const imagePart = z.looseObject({
  type: z.literal("input_image"),
  image_url: z.string().optional(),
  detail: z.string().optional(),
});
const filePart = z.looseObject({
  type: z.literal("input_file"),
  file_data: z.string().optional(),
  filename: z.string().optional(),
});
const refusalPart = z.looseObject({ type: z.literal("refusal"), refusal: z.string() });
const contentPart = z.union([textPart, imagePart, filePart, refusalPart]);

const messageItem = z.looseObject({
  type: z.literal("message").optional(),
  role: z.enum(["user", "assistant", "system", "developer"]),
  content: z.union([z.string(), z.array(contentPart)]),
});
const functionCallItem = z.looseObject({
  type: z.literal("function_call"),
  call_id: z.string().min(1),
  name: z.string().min(1),
  arguments: z.string(),
});
const functionOutputItem = z.looseObject({
  type: z.literal("function_call_output"),
  call_id: z.string().min(1),
  output: z.union([z.string(), z.array(contentPart)]),
});
const reasoningItem = z.looseObject({ type: z.literal("reasoning") });
const inputItem = z.union([messageItem, functionCallItem, functionOutputItem, reasoningItem]);
type InputItem = z.infer<typeof inputItem>;
/** Items kept with a stored response (its input, then its output), replayed by a later turn. */
export const storedItemsSchema = z.array(inputItem);

const functionTool = z.looseObject({
  type: z.literal("function"),
  name: z.string().min(1),
  description: z.string().nullable().optional(),
  parameters: z.record(z.string(), z.unknown()).nullable().optional(),
  strict: z.boolean().nullable().optional(),
});

const textFormat = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("text") }),
  z.looseObject({ type: z.literal("json_object") }),
  z.looseObject({
    type: z.literal("json_schema"),
    name: z.string().min(1),
    schema: z.record(z.string(), z.unknown()),
    description: z.string().optional(),
    strict: z.boolean().nullable().optional(),
  }),
]);

export const responsesRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(inputItem)]),
  instructions: z.string().nullable().optional(),
  tools: z.array(functionTool).optional(),
  tool_choice: z
    .union([
      z.enum(["none", "auto", "required"]),
      z.looseObject({ type: z.literal("function"), name: z.string() }),
    ])
    .optional(),
  parallel_tool_calls: z.boolean().nullable().optional(),
  text: z.looseObject({ format: textFormat.optional() }).nullable().optional(),
  reasoning: z.looseObject({ effort: z.string().nullable().optional() }).nullable().optional(),
  max_output_tokens: z.number().int().positive().max(1_000_000).nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().min(0).max(1).nullable().optional(),
  metadata: z.record(z.string(), z.string()).nullable().optional(),
  user: z.string().optional(),
  stream: z.boolean().nullable().optional(),
  store: z.boolean().nullable().optional(),
  previous_response_id: z.string().nullable().optional(),
});

export type ResponsesRequest = z.infer<typeof responsesRequestSchema>;

function partsOf(content: z.infer<typeof messageItem>["content"]): UserContentPart[] | string {
  if (typeof content === "string") return content;
  const parts: UserContentPart[] = [];
  for (const part of content) {
    if (part.type === "input_image") {
      if (part.image_url) parts.push({ type: "image_url", image_url: { url: part.image_url } });
    } else if (part.type === "input_file") {
      if (part.file_data)
        parts.push({
          type: "file",
          file: { file_data: part.file_data, filename: part.filename ?? "file" },
        });
    } else if (part.type === "refusal") parts.push({ type: "text", text: part.refusal });
    else parts.push({ type: "text", text: part.text });
  }
  return parts;
}

const textOf = (content: UserContentPart[] | string): string =>
  typeof content === "string"
    ? content
    : content.map((part) => (part.type === "text" ? part.text : "")).join("");

/** The request's input as items (a string is one user message). */
const itemsOf = (input: ResponsesRequest["input"]): InputItem[] =>
  typeof input === "string" ? [{ role: "user", content: input }] : input;

function messagesOf(instructions: string | null | undefined, items: InputItem[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  if (instructions) out.push({ role: "system", content: instructions });
  let pendingCalls: ToolCall[] | null = null;
  const flushCalls = () => {
    if (pendingCalls) out.push({ role: "assistant", content: null, tool_calls: pendingCalls });
    pendingCalls = null;
  };
  for (const item of items) {
    if (item.type === "reasoning") continue;
    if (item.type === "function_call") {
      // Consecutive calls are one assistant turn with several tool calls.
      pendingCalls ??= [];
      pendingCalls.push({
        id: item.call_id,
        type: "function",
        function: { name: item.name, arguments: item.arguments },
      });
      continue;
    }
    flushCalls();
    if (item.type === "function_call_output") {
      const output = typeof item.output === "string" ? item.output : textOf(partsOf(item.output));
      out.push({ role: "tool", tool_call_id: item.call_id, content: output });
      continue;
    }
    const content = partsOf(item.content);
    if (item.role === "assistant") out.push({ role: "assistant", content: textOf(content) });
    else if (item.role === "user") out.push({ role: "user", content });
    else out.push({ role: item.role, content: textOf(content) });
  }
  flushCalls();
  return out;
}

/**
 * The Responses request as the canonical chat request. `history`: the items of the response named
 * by previous_response_id (its input items, then its output), which come before `input`; the
 * earlier turns' instructions are not carried over.
 */
export function responsesToCanonicalRequest(
  request: ResponsesRequest,
  history: readonly InputItem[] = [],
): ChatCompletionRequest {
  const items = [...history, ...itemsOf(request.input)];
  const out: ChatCompletionRequest = {
    model: request.model,
    messages: messagesOf(request.instructions, items),
  };
  if (out.messages.length === 0) throw invalidRequest("input holds no message.", "input");
  if (request.tools && request.tools.length > 0) {
    out.tools = request.tools.map((tool) => ({
      type: "function",
      function: {
        name: tool.name,
        ...(tool.description ? { description: tool.description } : {}),
        parameters: tool.parameters ?? { type: "object", properties: {} },
        ...(tool.strict != null && { strict: tool.strict }),
      },
    }));
  }
  const choice = request.tool_choice;
  if (choice !== undefined)
    out.tool_choice =
      typeof choice === "string" ? choice : { type: "function", function: { name: choice.name } };
  if (request.parallel_tool_calls != null) out.parallel_tool_calls = request.parallel_tool_calls;
  const format = request.text?.format;
  if (format?.type === "json_object") out.response_format = { type: "json_object" };
  if (format?.type === "json_schema")
    out.response_format = {
      type: "json_schema",
      json_schema: {
        name: format.name,
        schema: format.schema,
        ...(format.description ? { description: format.description } : {}),
        ...(format.strict != null && { strict: format.strict }),
      },
    };
  if (request.reasoning?.effort) out.reasoning_effort = request.reasoning.effort;
  if (request.max_output_tokens != null) out.max_completion_tokens = request.max_output_tokens;
  if (request.temperature != null) out.temperature = request.temperature;
  if (request.top_p != null) out.top_p = request.top_p;
  if (request.metadata) out.metadata = request.metadata;
  if (request.user) out.user = request.user;
  if (request.stream) {
    out.stream = true;
    out.stream_options = { include_usage: true };
  }
  return out;
}

/**
 * The request's input as stored input items: a string becomes a user message with one input_text
 * part, and every item gets an id (`msg_…`/`fc_…`/`fco_…` from `base`, numbered) unless it has one.
 */
export function storedInputItems(
  input: ResponsesRequest["input"],
  base: string,
): Record<string, unknown>[] {
  if (typeof input === "string")
    return [
      {
        id: `msg_${base}_in0`,
        type: "message",
        role: "user",
        status: "completed",
        content: [{ type: "input_text", text: input }],
      },
    ];
  return input.map((item, index) => {
    if (typeof item.id === "string" && item.id.length > 0) return { ...item };
    const prefix =
      item.type === "function_call"
        ? "fc"
        : item.type === "function_call_output"
          ? "fco"
          : item.type === "reasoning"
            ? "rs"
            : "msg";
    const id = `${prefix}_${base}_in${index}`;
    if (item.type === undefined || item.type === "message") {
      const content =
        typeof item.content === "string"
          ? [{ type: item.role === "assistant" ? "output_text" : "input_text", text: item.content }]
          : item.content;
      return { ...item, id, type: "message", status: "completed", content };
    }
    return { ...item, id };
  });
}
