import type { IncomingHttpHeaders } from "node:http";
import { stripControls } from "./controls";
import type { NormalizedRequest, ToolChoice, ToolSpec } from "./request";
import { BadRequest, isRecord, optionalNumber } from "./request";
import { contentText, TextCollector } from "./text-collector";

/** Anthropic Messages request → NormalizedRequest. */
export function parseAnthropicRequest(body: unknown): NormalizedRequest {
  if (!isRecord(body)) throw new BadRequest("The request body must be a JSON object");
  if (typeof body.model !== "string" || body.model.length === 0)
    throw new BadRequest("model: Field required");
  const maxTokens = optionalNumber(body.max_tokens, "max_tokens");
  if (maxTokens === undefined) throw new BadRequest("max_tokens: Field required");
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0)
    throw new BadRequest("messages: Field required");
  const collector = new TextCollector();
  const system = contentText(body.system);
  if (system.length > 0) collector.add("system", system);
  let lastIsToolResult = false;
  for (const [index, message] of messages.entries()) {
    if (!isRecord(message) || (message.role !== "user" && message.role !== "assistant")) {
      throw new BadRequest(`messages.${index}.role: Input should be 'user' or 'assistant'`);
    }
    const { text, hasToolResult } = blocksText(message.content);
    collector.add(
      message.role === "user" && hasToolResult && text.length === 0 ? "tool" : message.role,
      text,
    );
    lastIsToolResult = message.role === "user" && hasToolResult;
  }
  const tools = parseTools(body.tools);
  return {
    model: body.model,
    baseModel: stripControls(body.model),
    stream: body.stream === true,
    includeUsage: false,
    ...collector.texts(),
    lastIsToolResult,
    tools,
    toolChoice: parseToolChoice(body.tool_choice, tools.length > 0),
    json: parseOutputFormat(body),
    maxTokens,
  };
}

/** Missing credentials or version get the errors the real API gives. */
export function checkAnthropicHeaders(
  headers: IncomingHttpHeaders,
): { status: number; message: string } | undefined {
  if (!headers["x-api-key"] && !headers.authorization) {
    return { status: 401, message: "x-api-key header is required" };
  }
  if (!headers["anthropic-version"])
    return { status: 400, message: "anthropic-version: header is required" };
  return undefined;
}

function blocksText(content: unknown): { text: string; hasToolResult: boolean } {
  if (typeof content === "string") return { text: content, hasToolResult: false };
  if (!Array.isArray(content))
    throw new BadRequest("messages.content: Input should be a valid list");
  let text = "";
  let hasToolResult = false;
  const append = (value: string) => {
    if (value.length > 0) text = text.length === 0 ? value : `${text}\n${value}`;
  };
  for (const block of content) {
    if (!isRecord(block)) continue;
    if (block.type === "text" && typeof block.text === "string") append(block.text);
    else if (block.type === "tool_use")
      append(`${String(block.name ?? "")}${JSON.stringify(block.input ?? {})}`);
    else if (block.type === "tool_result") {
      hasToolResult = true;
      append(contentText(block.content));
    }
  }
  return { text, hasToolResult };
}

function parseTools(tools: unknown): ToolSpec[] {
  if (tools === undefined || tools === null) return [];
  if (!Array.isArray(tools)) throw new BadRequest("tools: Input should be a valid list");
  const specs: ToolSpec[] = [];
  for (const [index, tool] of tools.entries()) {
    if (!isRecord(tool) || typeof tool.name !== "string")
      throw new BadRequest(`tools.${index}.name: Field required`);
    // Server tools (web search, code execution…) have a versioned type and no input schema.
    if (tool.input_schema === undefined && typeof tool.type === "string" && tool.type !== "custom")
      continue;
    if (!isRecord(tool.input_schema))
      throw new BadRequest(`tools.${index}.input_schema: Field required`);
    specs.push({
      name: tool.name,
      description: typeof tool.description === "string" ? tool.description : "",
      parameters: tool.input_schema,
    });
  }
  return specs;
}

function parseToolChoice(choice: unknown, hasTools: boolean): ToolChoice {
  if (choice === undefined || choice === null) return hasTools ? "auto" : "none";
  if (!isRecord(choice)) throw new BadRequest("tool_choice: Input should be an object");
  switch (choice.type) {
    case "auto":
      return "auto";
    case "any":
      return "required";
    case "none":
      return "none";
    case "tool":
      if (typeof choice.name !== "string") throw new BadRequest("tool_choice.name: Field required");
      return { name: choice.name };
    default:
      throw new BadRequest("tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'");
  }
}

/** Structured outputs: `output_format` (beta) or `output_config.format` with a JSON schema. */
function parseOutputFormat(body: Record<string, unknown>): NormalizedRequest["json"] {
  const format = isRecord(body.output_format)
    ? body.output_format
    : isRecord(body.output_config) && isRecord(body.output_config.format)
      ? body.output_config.format
      : undefined;
  if (format?.type !== "json_schema") return undefined;
  return { schema: format.schema };
}
