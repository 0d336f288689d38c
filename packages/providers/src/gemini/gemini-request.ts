import {
  type ChatCompletionRequest,
  type ChatMessage,
  invalidRequest,
  type ModelInfo,
  messageText,
  type UserContentPart,
} from "@switchyard/core";
import { parseToolArguments } from "../shared/json";
import { requestedEffort, THINKING_BUDGETS, takesReasoning } from "../shared/reasoning";
import { commonSettingsSchema, readSettings, trimSlash } from "../shared/settings";
import type { UpstreamRequest } from "../types";
import type { GeminiContent, GeminiPart } from "./gemini-schema";

export const GEMINI_DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";

const dataUrl = /^data:([^;,]+);base64,(.*)$/s;
const audioMime: Record<string, string> = { wav: "audio/wav", mp3: "audio/mp3" };
const extensionMime: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  pdf: "application/pdf",
};

function textOf(content: string | { text: string }[]): string {
  return typeof content === "string" ? content : content.map((part) => part.text).join("\n");
}

function userPart(part: UserContentPart, param: string): GeminiPart {
  switch (part.type) {
    case "text":
      return { text: part.text };
    case "image_url": {
      const match = dataUrl.exec(part.image_url.url);
      if (match) return { inlineData: { mimeType: match[1] ?? "", data: match[2] ?? "" } };
      const extension = /\.([a-z0-9]+)(?:$|\?)/i.exec(part.image_url.url)?.[1]?.toLowerCase() ?? "";
      return {
        fileData: {
          mimeType: extensionMime[extension] ?? "image/jpeg",
          fileUri: part.image_url.url,
        },
      };
    }
    case "input_audio":
      return {
        inlineData: {
          mimeType: audioMime[part.input_audio.format] ?? `audio/${part.input_audio.format}`,
          data: part.input_audio.data,
        },
      };
    case "file": {
      const match = part.file.file_data ? dataUrl.exec(part.file.file_data) : null;
      if (!match) throw invalidRequest("Gemini models need files inline as base64 data", param);
      return { inlineData: { mimeType: match[1] ?? "", data: match[2] ?? "" } };
    }
  }
}

function functionResponse(text: string): Record<string, unknown> {
  const parsed = parseToolArguments(text);
  if (
    parsed !== null &&
    typeof parsed === "object" &&
    !Array.isArray(parsed) &&
    !("_raw" in parsed)
  ) {
    return parsed as Record<string, unknown>;
  }
  return { content: text };
}

function append(contents: GeminiContent[], role: "user" | "model", parts: GeminiPart[]) {
  if (parts.length === 0) return;
  const last = contents.at(-1);
  if (last && last.role === role) last.parts = [...(last.parts ?? []), ...parts];
  else contents.push({ role, parts });
}

function convertMessages(messages: ChatMessage[]) {
  const system: GeminiPart[] = [];
  const contents: GeminiContent[] = [];
  const toolNames = new Map<string, string>();
  messages.forEach((message, i) => {
    switch (message.role) {
      case "system":
      case "developer":
        system.push({ text: textOf(message.content) });
        break;
      case "user":
        append(
          contents,
          "user",
          typeof message.content === "string"
            ? [{ text: message.content }]
            : message.content.map((part, j) => userPart(part, `messages[${i}].content[${j}]`)),
        );
        break;
      case "assistant": {
        const parts: GeminiPart[] = [];
        const content = message.content;
        const text = messageText(content, "");
        if (text !== "") parts.push({ text });
        for (const call of message.tool_calls ?? []) {
          toolNames.set(call.id, call.function.name);
          const args = parseToolArguments(call.function.arguments);
          parts.push({
            functionCall: {
              name: call.function.name,
              args: (args ?? {}) as Record<string, unknown>,
            },
          });
        }
        append(contents, "model", parts);
        break;
      }
      case "tool": {
        const name = toolNames.get(message.tool_call_id);
        if (!name) {
          throw invalidRequest(
            `No earlier assistant tool call has id ${message.tool_call_id}`,
            `messages[${i}].tool_call_id`,
          );
        }
        append(contents, "user", [
          { functionResponse: { name, response: functionResponse(textOf(message.content)) } },
        ]);
        break;
      }
      case "function":
        throw invalidRequest(
          "The deprecated function role is not supported for this model",
          `messages[${i}].role`,
        );
    }
  });
  return { system, contents };
}

function toolConfig(request: ChatCompletionRequest): Record<string, unknown> | undefined {
  const choice = request.tool_choice;
  if (choice === undefined) return undefined;
  if (choice === "none") return { functionCallingConfig: { mode: "NONE" } };
  if (choice === "auto") return { functionCallingConfig: { mode: "AUTO" } };
  if (choice === "required") return { functionCallingConfig: { mode: "ANY" } };
  if (choice.type === "function") {
    return { functionCallingConfig: { mode: "ANY", allowedFunctionNames: [choice.function.name] } };
  }
  return undefined;
}

/** Canonical request → Gemini generateContent body. */
export function toGeminiRequest(
  request: ChatCompletionRequest,
  maxOutputTokens: number | null = null,
  /** The model thinks (takes a reasoning effort as a thinking budget). */
  thinks = false,
): Record<string, unknown> {
  const { system, contents } = convertMessages(request.messages);
  const body: Record<string, unknown> = { contents };
  if (system.length > 0) body.systemInstruction = { parts: system };
  if (request.tools && request.tools.length > 0) {
    body.tools = [
      {
        functionDeclarations: request.tools.map((tool) => ({
          name: tool.function.name,
          ...(tool.function.description ? { description: tool.function.description } : {}),
          ...(tool.function.parameters ? { parametersJsonSchema: tool.function.parameters } : {}),
        })),
      },
    ];
    const config = toolConfig(request);
    if (config) body.toolConfig = config;
  }
  const generation: Record<string, unknown> = {};
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  // Capped at the model's limit, which Gemini would otherwise reject.
  if (maxTokens != null) {
    generation.maxOutputTokens = maxOutputTokens ? Math.min(maxTokens, maxOutputTokens) : maxTokens;
  }
  if (request.temperature != null) generation.temperature = request.temperature;
  if (request.top_p != null) generation.topP = request.top_p;
  if (request.stop != null)
    generation.stopSequences = typeof request.stop === "string" ? [request.stop] : request.stop;
  if (request.n != null) generation.candidateCount = request.n;
  if (request.seed != null) generation.seed = request.seed;
  if (request.presence_penalty != null) generation.presencePenalty = request.presence_penalty;
  if (request.frequency_penalty != null) generation.frequencyPenalty = request.frequency_penalty;
  const format = request.response_format;
  if (format && format.type !== "text") {
    generation.responseMimeType = "application/json";
    if (format.type === "json_schema" && format.json_schema.schema) {
      generation.responseJsonSchema = format.json_schema.schema;
    }
  }
  // A reasoning effort as Gemini's thinking budget (models that think; "none"/"minimal": default).
  const effort = requestedEffort(request);
  const budget = effort === null ? undefined : THINKING_BUDGETS[effort];
  if (budget !== undefined && thinks) generation.thinkingConfig = { thinkingBudget: budget };
  if (Object.keys(generation).length > 0) body.generationConfig = generation;
  return body;
}

export function buildGeminiRequest(
  model: ModelInfo,
  request: ChatCompletionRequest,
  stream: boolean,
): UpstreamRequest {
  const settings = readSettings(commonSettingsSchema, model.settings, model.name);
  const name = model.upstreamName.replace(/^models\//, "");
  const base = trimSlash(model.baseUrl || GEMINI_DEFAULT_BASE_URL);
  const url = stream
    ? `${base}/models/${encodeURIComponent(name)}:streamGenerateContent?alt=sse`
    : `${base}/models/${encodeURIComponent(name)}:generateContent`;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: stream ? "text/event-stream" : "application/json",
  };
  if (model.apiKey) headers["x-goog-api-key"] = model.apiKey;
  if (settings.headers) Object.assign(headers, settings.headers);
  return {
    url,
    method: "POST",
    headers,
    body: JSON.stringify(toGeminiRequest(request, model.maxOutputTokens, takesReasoning(model))),
  };
}
