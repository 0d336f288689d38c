import { stripControls } from "./controls";
import type { RequestContext } from "./dialect";
import type { NormalizedRequest, ToolChoice, ToolSpec } from "./request";
import { BadRequest, isRecord, optionalNumber } from "./request";
import { contentText, TextCollector } from "./text-collector";

/**
 * OpenAI Responses request (POST /v1/responses) → NormalizedRequest: `input` as a string or
 * items (messages, function_call, function_call_output), `instructions`, flat function tools,
 * `text.format`, `max_output_tokens`. Like OpenAI it refuses `previous_response_id` it does not
 * know (this mock stores nothing).
 */
export function parseResponsesRequest(body: unknown, context: RequestContext): NormalizedRequest {
  if (!isRecord(body)) throw new BadRequest("The request body must be a JSON object");
  const model =
    context.pathModel ??
    (typeof body.model === "string" && body.model.length > 0 ? body.model : undefined);
  if (model === undefined) throw new BadRequest("Missing required parameter: 'model'.");
  if (body.previous_response_id != null)
    throw new BadRequest(
      `Previous response with id '${String(body.previous_response_id)}' not found.`,
    );
  const collector = new TextCollector();
  if (typeof body.instructions === "string") collector.add("system", body.instructions);
  let lastIsToolResult = false;
  const input = body.input;
  if (typeof input === "string") collector.add("user", input);
  else if (Array.isArray(input)) {
    for (const item of input) {
      if (!isRecord(item)) throw new BadRequest("Each input item must be an object");
      const type = item.type ?? "message";
      lastIsToolResult = type === "function_call_output";
      if (type === "message") {
        const role = item.role;
        const text = contentText(item.content);
        if (role === "system" || role === "developer") collector.add("system", text);
        else if (role === "user") collector.add("user", text);
        else if (role === "assistant") collector.add("assistant", text);
        else throw new BadRequest(`Invalid value for 'input.role': '${String(role)}'`);
      } else if (type === "function_call") {
        collector.add("assistant", `${String(item.name ?? "")}${String(item.arguments ?? "")}`);
      } else if (type === "function_call_output") {
        collector.add(
          "tool",
          typeof item.output === "string" ? item.output : contentText(item.output),
        );
      } else if (type !== "reasoning") {
        throw new BadRequest(`Invalid input item type: '${String(type)}'`);
      }
    }
  } else {
    throw new BadRequest("Missing required parameter: 'input'.");
  }
  const tools = parseTools(body.tools);
  return {
    model,
    baseModel: stripControls(model),
    stream: body.stream === true,
    includeUsage: true,
    ...collector.texts(),
    lastIsToolResult,
    tools,
    toolChoice: parseToolChoice(body.tool_choice, tools.length > 0),
    json: parseFormat(isRecord(body.text) ? body.text.format : undefined),
    maxTokens: optionalNumber(body.max_output_tokens, "max_output_tokens"),
  };
}

function parseTools(tools: unknown): ToolSpec[] {
  if (tools === undefined || tools === null) return [];
  if (!Array.isArray(tools)) throw new BadRequest("'tools' must be an array");
  return tools.map((tool, index) => {
    if (!isRecord(tool) || tool.type !== "function" || typeof tool.name !== "string")
      throw new BadRequest(`Missing required parameter: 'tools[${index}].name'.`);
    return {
      name: tool.name,
      description: typeof tool.description === "string" ? tool.description : "",
      parameters: tool.parameters ?? { type: "object", properties: {} },
    };
  });
}

function parseToolChoice(choice: unknown, hasTools: boolean): ToolChoice {
  if (choice === undefined || choice === null) return hasTools ? "auto" : "none";
  if (choice === "none" || choice === "auto" || choice === "required") return choice;
  if (isRecord(choice) && choice.type === "function" && typeof choice.name === "string")
    return { name: choice.name };
  throw new BadRequest("Invalid value for 'tool_choice'.");
}

function parseFormat(format: unknown): NormalizedRequest["json"] {
  if (!isRecord(format) || format.type === "text") return undefined;
  if (format.type === "json_object") return { schema: undefined };
  if (format.type === "json_schema") {
    if (format.schema === undefined)
      throw new BadRequest("Missing required parameter: 'text.format.schema'.");
    return { schema: format.schema };
  }
  throw new BadRequest("Invalid value for 'text.format.type'.");
}
