import {
  type ChatCompletionRequest,
  type ChatMessage,
  invalidRequest,
  type ModelInfo,
  type UserContentPart,
} from "@switchyard/core";
import { takesReasoning } from "../../shared/reasoning";

/**
 * The canonical request → a body for OpenAI's own POST /v1/responses. The gateway owns
 * conversation state: `store` is always false and no `previous_response_id` is ever sent (the
 * conversation travels whole in `input`).
 */

/** Canonical fields the Responses API has no equivalent for: such a request goes through chat. */
const CHAT_ONLY_FIELDS = [
  "stop",
  "seed",
  "logit_bias",
  "logprobs",
  "top_logprobs",
  "presence_penalty",
  "frequency_penalty",
  "modalities",
] as const;

/** Whether the Responses API can carry this request unchanged in meaning. */
export function responsesApiTakes(request: ChatCompletionRequest): boolean {
  if (request.n != null && request.n > 1) return false;
  for (const field of CHAT_ONLY_FIELDS) if (request[field] != null) return false;
  return !request.messages.some(
    (message) =>
      message.role === "function" ||
      (message.role === "user" &&
        Array.isArray(message.content) &&
        message.content.some((part) => part.type === "input_audio")),
  );
}

const textOf = (content: string | { text: string }[] | null | undefined): string =>
  content == null
    ? ""
    : typeof content === "string"
      ? content
      : content.map((part) => part.text).join("");

function inputPart(part: UserContentPart): Record<string, unknown> {
  switch (part.type) {
    case "text":
      return { type: "input_text", text: part.text };
    case "image_url":
      return {
        type: "input_image",
        image_url: part.image_url.url,
        detail: part.image_url.detail ?? "auto",
      };
    case "file":
      return {
        type: "input_file",
        ...(part.file.file_data !== undefined && { file_data: part.file.file_data }),
        ...(part.file.file_id !== undefined && { file_id: part.file.file_id }),
        ...(part.file.filename !== undefined && { filename: part.file.filename }),
      };
    case "input_audio":
      throw invalidRequest("Audio input is not supported through the Responses API", "input");
  }
}

function inputItems(messages: ChatMessage[]): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  for (const message of messages) {
    switch (message.role) {
      case "system":
      case "developer":
        items.push({ type: "message", role: message.role, content: textOf(message.content) });
        break;
      case "user":
        items.push({
          type: "message",
          role: "user",
          content:
            typeof message.content === "string" ? message.content : message.content.map(inputPart),
        });
        break;
      case "assistant": {
        const text =
          typeof message.content === "string" || message.content == null
            ? (message.content ?? "")
            : message.content.map((part) => (part.type === "text" ? part.text : "")).join("");
        if (text !== "") items.push({ type: "message", role: "assistant", content: text });
        for (const call of message.tool_calls ?? [])
          items.push({
            type: "function_call",
            call_id: call.id,
            name: call.function.name,
            arguments: call.function.arguments,
          });
        break;
      }
      case "tool":
        items.push({
          type: "function_call_output",
          call_id: message.tool_call_id,
          output: textOf(message.content),
        });
        break;
      case "function":
        throw invalidRequest("The deprecated function role is not supported", "input");
    }
  }
  return items;
}

function textFormat(request: ChatCompletionRequest): Record<string, unknown> | undefined {
  const format = request.response_format;
  if (format === undefined || format.type === "text") return undefined;
  if (format.type === "json_object") return { format: { type: "json_object" } };
  const schema = format.json_schema;
  return {
    format: {
      type: "json_schema",
      name: schema.name,
      schema: schema.schema ?? { type: "object" },
      ...(schema.description !== undefined && { description: schema.description }),
      ...(schema.strict != null && { strict: schema.strict }),
    },
  };
}

export function toNativeResponsesBody(
  model: ModelInfo,
  upstreamName: string,
  request: ChatCompletionRequest,
  stream: boolean,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: upstreamName,
    input: inputItems(request.messages),
    store: false,
  };
  if (request.tools && request.tools.length > 0)
    body.tools = request.tools.map((tool) => ({
      type: "function",
      name: tool.function.name,
      ...(tool.function.description !== undefined && { description: tool.function.description }),
      parameters: tool.function.parameters ?? { type: "object", properties: {} },
      strict: tool.function.strict === true,
    }));
  const choice = request.tool_choice;
  if (typeof choice === "string") body.tool_choice = choice;
  else if (choice?.type === "function")
    body.tool_choice = { type: "function", name: choice.function.name };
  if (request.parallel_tool_calls != null) body.parallel_tool_calls = request.parallel_tool_calls;
  const text = textFormat(request);
  if (text) body.text = text;
  const limit = request.max_completion_tokens ?? request.max_tokens;
  if (limit != null) body.max_output_tokens = limit;
  if (request.temperature != null) body.temperature = request.temperature;
  if (request.top_p != null) body.top_p = request.top_p;
  if (request.reasoning_effort != null && takesReasoning(model))
    body.reasoning = { effort: request.reasoning_effort };
  if (request.metadata) body.metadata = request.metadata;
  if (request.user) body.user = request.user;
  if (request.service_tier != null) body.service_tier = request.service_tier;
  if (stream) body.stream = true;
  return body;
}
