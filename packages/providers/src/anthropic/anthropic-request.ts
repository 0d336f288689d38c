import {
  type AnthropicContentBlock,
  type AnthropicMessage,
  type AnthropicMessagesRequest,
  type AnthropicTextBlock,
  type AnthropicToolChoice,
  type ChatCompletionRequest,
  type ChatMessage,
  invalidRequest,
  type ModelInfo,
  messageText,
  type UserContentPart,
} from "@switchyard/core";
import { z } from "zod";
import { cacheControlOf, withCacheControl } from "../shared/cache-control";
import { parseToolArguments } from "../shared/json";
import { commonSettingsSchema, readSettings, trimSlash } from "../shared/settings";
import type { UpstreamRequest } from "../types";
import { applyThinking } from "./anthropic-thinking";

export const ANTHROPIC_DEFAULT_BASE_URL = "https://api.anthropic.com";
export const ANTHROPIC_VERSION = "2023-06-01";
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

export const anthropicSettingsSchema = commonSettingsSchema.extend({
  anthropicVersion: z.string().optional(),
  /** Values for the anthropic-beta header. */
  betas: z.array(z.string()).optional(),
});

const dataUrl = /^data:([^;,]+);base64,(.*)$/s;

function textOf(content: string | { text: string }[]): string {
  return typeof content === "string" ? content : content.map((part) => part.text).join("\n");
}

/** Text parts as blocks: one per part when any carries `cache_control`, else joined in one. */
function textBlocks(content: string | { text: string }[]): AnthropicTextBlock[] {
  if (typeof content !== "string" && content.some((part) => cacheControlOf(part)))
    return content.map((part) => ({ type: "text", text: part.text, ...withCacheControl(part) }));
  return [{ type: "text", text: textOf(content) }];
}

function userBlock(part: UserContentPart, param: string): AnthropicContentBlock {
  return { ...userBlockOf(part, param), ...withCacheControl(part) } as AnthropicContentBlock;
}

function userBlockOf(part: UserContentPart, param: string): AnthropicContentBlock {
  switch (part.type) {
    case "text":
      return { type: "text", text: part.text };
    case "image_url": {
      const match = dataUrl.exec(part.image_url.url);
      if (match) {
        return {
          type: "image",
          source: { type: "base64", media_type: match[1] ?? "", data: match[2] ?? "" },
        };
      }
      return { type: "image", source: { type: "url", url: part.image_url.url } };
    }
    case "file": {
      const match = part.file.file_data ? dataUrl.exec(part.file.file_data) : null;
      if (!match) throw invalidRequest("Anthropic models need files inline as base64 data", param);
      return {
        type: "document",
        source: { type: "base64", media_type: match[1] ?? "", data: match[2] ?? "" },
      };
    }
    case "input_audio":
      throw invalidRequest("Anthropic models do not accept audio input", param);
  }
}

/** Append to the last message when it has the same role (Anthropic wants alternating turns). */
function append(
  messages: AnthropicMessage[],
  role: "user" | "assistant",
  blocks: AnthropicContentBlock[],
) {
  if (blocks.length === 0) return;
  const last = messages.at(-1);
  if (last && last.role === role) {
    const existing: AnthropicContentBlock[] =
      typeof last.content === "string" ? [{ type: "text", text: last.content }] : last.content;
    last.content = [...existing, ...blocks];
  } else {
    messages.push({ role, content: blocks });
  }
}

function convertMessages(messages: ChatMessage[]) {
  const system: AnthropicTextBlock[] = [];
  const out: AnthropicMessage[] = [];
  messages.forEach((message, i) => {
    const param = `messages[${i}]`;
    switch (message.role) {
      case "system":
      case "developer":
        system.push(...textBlocks(message.content));
        break;
      case "user":
        append(
          out,
          "user",
          typeof message.content === "string"
            ? [{ type: "text", text: message.content }]
            : message.content.map((part, j) => userBlock(part, `${param}.content[${j}]`)),
        );
        break;
      case "assistant": {
        const blocks: AnthropicContentBlock[] = [];
        const content = message.content;
        if (Array.isArray(content) && content.some((part) => cacheControlOf(part))) {
          for (const part of content) if (part.type === "text") blocks.push(...textBlocks([part]));
        } else {
          const text = messageText(content, "");
          if (text !== "") blocks.push({ type: "text", text });
        }
        for (const call of message.tool_calls ?? []) {
          blocks.push({
            type: "tool_use",
            id: call.id,
            name: call.function.name,
            input: parseToolArguments(call.function.arguments),
            ...withCacheControl(call),
          });
        }
        append(out, "assistant", blocks);
        break;
      }
      case "tool": {
        const content = message.content;
        const marked =
          typeof content === "string"
            ? undefined
            : content.findLast((part) => cacheControlOf(part));
        append(out, "user", [
          {
            type: "tool_result",
            tool_use_id: message.tool_call_id,
            content: textOf(content),
            ...withCacheControl(marked ?? message),
          },
        ]);
        break;
      }
      case "function":
        throw invalidRequest(
          "The deprecated function role is not supported for this model",
          `${param}.role`,
        );
    }
  });
  return { system, messages: out };
}

function convertToolChoice(request: ChatCompletionRequest): AnthropicToolChoice | undefined {
  const choice = request.tool_choice;
  const noParallel =
    request.parallel_tool_calls === false ? { disable_parallel_tool_use: true } : {};
  if (choice === undefined)
    return request.parallel_tool_calls === false ? { type: "auto", ...noParallel } : undefined;
  if (choice === "none") return { type: "none" };
  if (choice === "auto") return { type: "auto", ...noParallel };
  if (choice === "required") return { type: "any", ...noParallel };
  if (choice.type === "function")
    return { type: "tool", name: choice.function.name, ...noParallel };
  return { type: "auto", ...noParallel };
}

/** Models that take structured outputs natively (output_config.format, strict tools). */
const nativeSchemas = (model: ModelInfo) => model.capabilities.includes("json_schema");

function jsonInstruction(model: ModelInfo, request: ChatCompletionRequest): string | null {
  const format = request.response_format;
  if (!format || format.type === "text") return null;
  if (format.type === "json_schema" && nativeSchemas(model)) return null;
  if (format.type === "json_object") return "Respond with a single JSON object and nothing else.";
  return `Respond with a single JSON value that matches this JSON schema, and nothing else:\n${JSON.stringify(format.json_schema.schema ?? {})}`;
}

/**
 * max_tokens is required by Anthropic: the client's limit (capped at the model's, which Anthropic
 * would otherwise reject), else the model's maximum, else 4096.
 */
export function outputLimit(model: ModelInfo, request: ChatCompletionRequest): number {
  const requested = request.max_completion_tokens ?? request.max_tokens;
  if (requested == null) return model.maxOutputTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS;
  return model.maxOutputTokens ? Math.min(requested, model.maxOutputTokens) : requested;
}

/** Canonical (OpenAI) request → Anthropic Messages request body. */
export function toAnthropicRequest(
  model: ModelInfo,
  request: ChatCompletionRequest,
  stream: boolean,
): AnthropicMessagesRequest {
  if (request.n != null && request.n > 1)
    throw invalidRequest("n > 1 is not supported for this model", "n");
  const { system, messages } = convertMessages(request.messages);
  const instruction = jsonInstruction(model, request);
  if (instruction) system.push({ type: "text", text: instruction });
  const body: AnthropicMessagesRequest = {
    model: model.upstreamName,
    max_tokens: outputLimit(model, request),
    messages,
  };
  if (system.length > 0) body.system = system;
  // Tools stay declared even with tool_choice "none": Anthropic rejects tool_use history without them.
  if (request.tools && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      name: tool.function.name,
      ...(tool.function.description ? { description: tool.function.description } : {}),
      input_schema: tool.function.parameters ?? { type: "object", properties: {} },
      ...(tool.function.strict === true && nativeSchemas(model) && { strict: true }),
      ...withCacheControl(tool),
    }));
  }
  const format = request.response_format;
  if (format?.type === "json_schema" && nativeSchemas(model))
    body.output_config = {
      format: { type: "json_schema", schema: format.json_schema.schema ?? { type: "object" } },
    };
  const toolChoice = body.tools ? convertToolChoice(request) : undefined;
  if (toolChoice) body.tool_choice = toolChoice;
  if (request.stop != null)
    body.stop_sequences = typeof request.stop === "string" ? [request.stop] : request.stop;
  // OpenAI's range is 0–2, Anthropic's 0–1.
  if (request.temperature != null) body.temperature = Math.min(1, request.temperature);
  if (request.top_p != null) body.top_p = request.top_p;
  if (request.user) body.metadata = { user_id: request.user };
  applyThinking(model, request, body);
  if (stream) body.stream = true;
  return body;
}

const headerValues = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value])
    .flatMap((item) => item.split(","))
    .map((item) => item.trim())
    .filter(Boolean);

/**
 * A Messages request for Anthropic. The caller's `anthropic-beta` flags are forwarded beside the
 * model's configured ones, and its `anthropic-version` unless the model pins one.
 */
export function buildAnthropicRequest(
  model: ModelInfo,
  request: ChatCompletionRequest,
  stream: boolean,
  clientHeaders?: Readonly<Record<string, string | string[] | undefined>>,
): UpstreamRequest {
  const settings = readSettings(anthropicSettingsSchema, model.settings, model.name);
  const clientVersion = headerValues(clientHeaders?.["anthropic-version"])[0];
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: stream ? "text/event-stream" : "application/json",
    "anthropic-version": settings.anthropicVersion ?? clientVersion ?? ANTHROPIC_VERSION,
  };
  if (model.apiKey) headers["x-api-key"] = model.apiKey;
  const betas = [
    ...new Set([...(settings.betas ?? []), ...headerValues(clientHeaders?.["anthropic-beta"])]),
  ];
  if (betas.length > 0) headers["anthropic-beta"] = betas.join(",");
  if (settings.headers) Object.assign(headers, settings.headers);
  return {
    url: `${trimSlash(model.baseUrl || ANTHROPIC_DEFAULT_BASE_URL)}/v1/messages`,
    method: "POST",
    headers,
    body: JSON.stringify(toAnthropicRequest(model, request, stream)),
  };
}
