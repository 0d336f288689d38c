import { stripControls } from "./controls";
import type { RequestContext } from "./dialect";
import type { NormalizedRequest, ToolChoice, ToolSpec } from "./request";
import { BadRequest, isRecord, optionalNumber } from "./request";
import { TextCollector } from "./text-collector";

/** Gemini generateContent / streamGenerateContent request → NormalizedRequest. */
export function parseGeminiRequest(body: unknown, context: RequestContext): NormalizedRequest {
  if (!isRecord(body)) throw new BadRequest("Invalid JSON payload received.");
  const model = context.pathModel;
  if (!model) throw new BadRequest("A model name is required in the URL.");
  const contents = body.contents;
  if (!Array.isArray(contents) || contents.length === 0) {
    throw new BadRequest("* GenerateContentRequest.contents: contents is not specified");
  }
  const collector = new TextCollector();
  const system = body.systemInstruction ?? body.system_instruction;
  if (isRecord(system)) collector.add("system", partsText(system.parts).text);
  let lastIsToolResult = false;
  for (const [index, content] of contents.entries()) {
    if (!isRecord(content) || !Array.isArray(content.parts)) {
      throw new BadRequest(
        `* GenerateContentRequest.contents[${index}].parts: contents.parts must not be empty.`,
      );
    }
    const { text, hasFunctionResponse } = partsText(content.parts);
    const role = content.role === "model" ? "assistant" : hasFunctionResponse ? "tool" : "user";
    collector.add(role, text);
    lastIsToolResult = hasFunctionResponse;
  }
  const config = isRecord(body.generationConfig) ? body.generationConfig : {};
  const { tools, toolChoice } = parseTools(body.tools, body.toolConfig ?? body.tool_config);
  return {
    model,
    baseModel: stripControls(model),
    stream: context.pathStream,
    includeUsage: false,
    ...collector.texts(),
    lastIsToolResult,
    tools,
    toolChoice,
    json:
      config.responseMimeType === "application/json"
        ? { schema: config.responseJsonSchema ?? config.responseSchema }
        : undefined,
    maxTokens: optionalNumber(config.maxOutputTokens, "generationConfig.maxOutputTokens"),
  };
}

function partsText(parts: unknown): { text: string; hasFunctionResponse: boolean } {
  let text = "";
  let hasFunctionResponse = false;
  if (!Array.isArray(parts)) return { text, hasFunctionResponse };
  const append = (value: string) => {
    if (value.length > 0) text = text.length === 0 ? value : `${text}\n${value}`;
  };
  for (const part of parts) {
    if (!isRecord(part)) continue;
    if (typeof part.text === "string") append(part.text);
    else if (isRecord(part.functionCall)) {
      append(
        `${String(part.functionCall.name ?? "")}${JSON.stringify(part.functionCall.args ?? {})}`,
      );
    } else if (isRecord(part.functionResponse)) {
      hasFunctionResponse = true;
      append(JSON.stringify(part.functionResponse.response ?? {}));
    }
  }
  return { text, hasFunctionResponse };
}

function parseTools(
  rawTools: unknown,
  rawConfig: unknown,
): { tools: ToolSpec[]; toolChoice: ToolChoice } {
  let tools: ToolSpec[] = [];
  if (Array.isArray(rawTools)) {
    for (const tool of rawTools) {
      const declarations = isRecord(tool)
        ? (tool.functionDeclarations ?? tool.function_declarations)
        : undefined;
      if (!Array.isArray(declarations)) continue;
      for (const declaration of declarations) {
        if (!isRecord(declaration) || typeof declaration.name !== "string") {
          throw new BadRequest(
            "* GenerateContentRequest.tools[0].function_declarations[0].name: Name is required.",
          );
        }
        tools.push({
          name: declaration.name,
          description: typeof declaration.description === "string" ? declaration.description : "",
          parameters: declaration.parametersJsonSchema ??
            declaration.parameters ?? { type: "object" },
        });
      }
    }
  }
  const config = isRecord(rawConfig)
    ? (rawConfig.functionCallingConfig ?? rawConfig.function_calling_config)
    : undefined;
  const mode =
    isRecord(config) && typeof config.mode === "string" ? config.mode.toUpperCase() : "AUTO";
  const allowed = isRecord(config)
    ? (config.allowedFunctionNames ?? config.allowed_function_names)
    : undefined;
  if (tools.length === 0 || mode === "NONE") return { tools, toolChoice: "none" };
  if (mode === "ANY") {
    if (Array.isArray(allowed) && allowed.length > 0) {
      const names = new Set(allowed.map(String));
      tools = tools.filter((tool) => names.has(tool.name));
      if (tools.length === 0)
        throw new BadRequest("allowed_function_names do not match any function declaration");
      if (tools.length === 1 && tools[0]) return { tools, toolChoice: { name: tools[0].name } };
    }
    return { tools, toolChoice: "required" };
  }
  return { tools, toolChoice: "auto" };
}
