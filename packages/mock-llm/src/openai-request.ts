import { stripControls } from "./controls";
import type { RequestContext } from "./dialect";
import type { NormalizedRequest, ToolChoice, ToolSpec } from "./request";
import { BadRequest, isRecord, optionalNumber } from "./request";
import { contentText, TextCollector } from "./text-collector";

/** OpenAI chat-completions request (also the Azure OpenAI body) → NormalizedRequest. */
export function parseOpenAIRequest(body: unknown, context: RequestContext): NormalizedRequest {
  if (!isRecord(body)) throw new BadRequest("The request body must be a JSON object");
  const model =
    context.pathModel ??
    (typeof body.model === "string" && body.model.length > 0 ? body.model : undefined);
  if (model === undefined) throw new BadRequest("you must provide a model parameter");
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) {
    throw new BadRequest("Missing required parameter: 'messages'.");
  }
  const collector = new TextCollector();
  let lastRole = "";
  for (const message of messages) {
    if (!isRecord(message) || typeof message.role !== "string") {
      throw new BadRequest("Each message must be an object with a 'role'");
    }
    lastRole = message.role;
    const text = contentText(message.content);
    switch (message.role) {
      case "system":
      case "developer":
        collector.add("system", text);
        break;
      case "user":
        collector.add("user", text);
        break;
      case "tool":
      case "function":
        collector.add("tool", text);
        break;
      case "assistant":
        collector.add("assistant", text + toolCallText(message.tool_calls));
        break;
      default:
        throw new BadRequest(`Invalid value for 'messages.role': '${message.role}'`);
    }
  }
  const tools = parseTools(body.tools);
  const stream = body.stream === true;
  const streamOptions = isRecord(body.stream_options) ? body.stream_options : undefined;
  return {
    model,
    baseModel: stripControls(model),
    stream,
    includeUsage: stream && streamOptions?.include_usage === true,
    ...collector.texts(),
    lastIsToolResult: lastRole === "tool" || lastRole === "function",
    tools,
    toolChoice: parseToolChoice(body.tool_choice, tools.length > 0),
    json: parseResponseFormat(body.response_format),
    maxTokens:
      optionalNumber(body.max_completion_tokens, "max_completion_tokens") ??
      optionalNumber(body.max_tokens, "max_tokens"),
  };
}

function toolCallText(toolCalls: unknown): string {
  if (!Array.isArray(toolCalls)) return "";
  let text = "";
  for (const call of toolCalls) {
    if (isRecord(call) && isRecord(call.function)) {
      text += `${String(call.function.name ?? "")}${String(call.function.arguments ?? "")}`;
    }
  }
  return text;
}

function parseTools(tools: unknown): ToolSpec[] {
  if (tools === undefined || tools === null) return [];
  if (!Array.isArray(tools)) throw new BadRequest("'tools' must be an array");
  return tools.map((tool, index) => {
    const fn = isRecord(tool) ? tool.function : undefined;
    if (!isRecord(fn) || typeof fn.name !== "string") {
      throw new BadRequest(`Missing required parameter: 'tools[${index}].function.name'.`);
    }
    return {
      name: fn.name,
      description: typeof fn.description === "string" ? fn.description : "",
      parameters: fn.parameters ?? { type: "object", properties: {} },
    };
  });
}

function parseToolChoice(choice: unknown, hasTools: boolean): ToolChoice {
  if (choice === undefined || choice === null) return hasTools ? "auto" : "none";
  if (choice === "none" || choice === "auto" || choice === "required") return choice;
  if (isRecord(choice) && isRecord(choice.function) && typeof choice.function.name === "string") {
    if (!hasTools)
      throw new BadRequest("'tool_choice' is only allowed when 'tools' are specified.");
    return { name: choice.function.name };
  }
  throw new BadRequest("Invalid value for 'tool_choice'.");
}

function parseResponseFormat(format: unknown): NormalizedRequest["json"] {
  if (!isRecord(format) || format.type === "text") return undefined;
  if (format.type === "json_object") return { schema: undefined };
  if (format.type === "json_schema") {
    const schema = isRecord(format.json_schema) ? format.json_schema.schema : undefined;
    if (schema === undefined)
      throw new BadRequest("Missing required parameter: 'response_format.json_schema'.");
    return { schema };
  }
  throw new BadRequest("Invalid value for 'response_format.type'.");
}
