import type {
  AnthropicContentBlock,
  AnthropicMessagesRequest,
  AnthropicToolChoice,
  ChatCompletionRequest,
  ChatMessage,
  ToolCall,
  ToolChoice,
  UserContentPart,
} from "@switchyard/core";
import { cacheControlOf, withCacheControl } from "../../shared/cache-control";

/**
 * The Anthropic endpoint's request → the canonical (OpenAI) request, so that any provider can
 * serve it. Thinking blocks are dropped (they only round-trip to Anthropic itself); top_k has no
 * OpenAI equivalent and is dropped. `cache_control` marks stay on the matching content parts, tool
 * calls and tools (see shared/cache-control.ts): Anthropic upstreams get them back, others not.
 */

function userPart(block: AnthropicContentBlock): UserContentPart | null {
  switch (block.type) {
    case "text":
      return { type: "text", text: block.text, ...withCacheControl(block) };
    case "image": {
      const source = block.source;
      if (source.type === "base64") {
        return {
          type: "image_url",
          image_url: { url: `data:${source.media_type};base64,${source.data}` },
          ...withCacheControl(block),
        };
      }
      if (source.type === "url")
        return { type: "image_url", image_url: { url: source.url }, ...withCacheControl(block) };
      return null;
    }
    case "document": {
      const source = block.source as { type: string; media_type?: unknown; data?: unknown };
      if (source.type === "base64" && typeof source.data === "string") {
        const mediaType =
          typeof source.media_type === "string" ? source.media_type : "application/pdf";
        return {
          type: "file",
          file: { file_data: `data:${mediaType};base64,${source.data}`, filename: "document.pdf" },
          ...withCacheControl(block),
        };
      }
      if (source.type === "text" && typeof source.data === "string")
        return { type: "text", text: source.data, ...withCacheControl(block) };
      return null;
    }
    default:
      return null;
  }
}

function toolResultText(block: Extract<AnthropicContentBlock, { type: "tool_result" }>): string {
  const content = block.content;
  const text =
    content === undefined
      ? ""
      : typeof content === "string"
        ? content
        : content.map((part) => (part.type === "text" ? part.text : "[image]")).join("\n");
  return block.is_error ? `Error: ${text}` : text;
}

function convertMessages(request: AnthropicMessagesRequest): ChatMessage[] {
  const out: ChatMessage[] = [];
  if (request.system !== undefined) {
    const blocks = request.system;
    if (typeof blocks !== "string" && blocks.some((block) => cacheControlOf(block))) {
      const parts = blocks.map((b) => ({
        type: "text" as const,
        text: b.text,
        ...withCacheControl(b),
      }));
      out.push({ role: "system", content: parts });
    } else {
      const system = typeof blocks === "string" ? blocks : blocks.map((b) => b.text).join("\n");
      if (system !== "") out.push({ role: "system", content: system });
    }
  }
  for (const message of request.messages) {
    if (typeof message.content === "string") {
      out.push({ role: message.role, content: message.content });
      continue;
    }
    if (message.role === "assistant") {
      const texts: { type: "text"; text: string; cache_control?: Record<string, unknown> }[] = [];
      const toolCalls: ToolCall[] = [];
      for (const block of message.content) {
        if (block.type === "text")
          texts.push({ type: "text", text: block.text, ...withCacheControl(block) });
        else if (block.type === "tool_use") {
          toolCalls.push({
            id: block.id,
            type: "function",
            function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) },
            ...withCacheControl(block),
          });
        }
      }
      const text = texts.map((part) => part.text).join("");
      const marked = texts.some((part) => part.cache_control !== undefined);
      out.push({
        role: "assistant",
        content: marked ? texts : text === "" ? null : text,
        ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
      });
      continue;
    }
    // A user turn: tool results become tool messages (first, as OpenAI expects them right after
    // the assistant's tool calls), the rest one user message.
    const parts: UserContentPart[] = [];
    for (const block of message.content) {
      if (block.type === "tool_result") {
        const text = toolResultText(block);
        const control = cacheControlOf(block);
        out.push({
          role: "tool",
          tool_call_id: block.tool_use_id,
          content: control ? [{ type: "text", text, cache_control: control }] : text,
        });
      } else {
        const part = userPart(block);
        if (part) parts.push(part);
      }
    }
    if (parts.length === 0) continue;
    const onlyText = parts.every((part) => part.type === "text" && !cacheControlOf(part));
    out.push({
      role: "user",
      content: onlyText && parts.length === 1 ? (parts[0] as { text: string }).text : parts,
    });
  }
  return out;
}

function convertToolChoice(choice: AnthropicToolChoice): ToolChoice {
  switch (choice.type) {
    case "auto":
      return "auto";
    case "any":
      return "required";
    case "none":
      return "none";
    case "tool":
      return { type: "function", function: { name: choice.name } };
  }
}

export function anthropicToCanonicalRequest(
  request: AnthropicMessagesRequest,
): ChatCompletionRequest {
  const out: ChatCompletionRequest = {
    model: request.model,
    messages: convertMessages(request),
    max_completion_tokens: request.max_tokens,
  };
  const tools = (request.tools ?? []).filter((tool) => tool.input_schema !== undefined);
  if (tools.length > 0) {
    out.tools = tools.map((tool) => ({
      type: "function",
      function: {
        name: tool.name,
        ...(tool.description ? { description: tool.description } : {}),
        parameters: tool.input_schema ?? { type: "object", properties: {} },
        ...(tool.strict === true && { strict: true }),
      },
      ...withCacheControl(tool),
    }));
    if (request.tool_choice) {
      out.tool_choice = convertToolChoice(request.tool_choice);
      if (
        "disable_parallel_tool_use" in request.tool_choice &&
        request.tool_choice.disable_parallel_tool_use
      ) {
        out.parallel_tool_calls = false;
      }
    }
  }
  // Structured outputs (output_config.format, or the beta's output_format): OpenAI's json_schema.
  const format = request.output_config?.format ?? request.output_format;
  if (format !== undefined)
    out.response_format = {
      type: "json_schema",
      json_schema: { name: "output", schema: format.schema, strict: true },
    };
  if (request.stop_sequences && request.stop_sequences.length > 0)
    out.stop = request.stop_sequences;
  if (request.temperature !== undefined) out.temperature = request.temperature;
  if (request.top_p !== undefined) out.top_p = request.top_p;
  if (request.metadata?.user_id) out.user = request.metadata.user_id;
  if (request.stream) {
    out.stream = true;
    out.stream_options = { include_usage: true };
  }
  return out;
}
