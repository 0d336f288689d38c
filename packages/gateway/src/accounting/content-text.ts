import type { ChatCompletionRequest, ChatCompletionResponse } from "@switchyard/core";

const partsText = (content: unknown): string => {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part: unknown) =>
      part !== null && typeof part === "object" && "text" in part && typeof part.text === "string"
        ? part.text
        : "",
    )
    .join("");
};

/** The prompt as stored when a team turned content logging on: one "role: text" line per message. */
export function promptText(request: ChatCompletionRequest): string {
  return request.messages
    .map((message) => `${message.role}: ${partsText(message.content)}`)
    .join("\n");
}

/** The answer as stored with content logging: the text, then any tool calls as name(arguments). */
export function completionText(response: ChatCompletionResponse): string {
  const message = response.choices[0]?.message;
  if (message === undefined) return "";
  const calls = (message.tool_calls ?? []).map(
    (call) => `${call.function.name}(${call.function.arguments})`,
  );
  return [message.content ?? "", ...calls].filter((part) => part.length > 0).join("\n");
}
