import {
  type ChatCompletionRequest,
  type ChatCompletionResponse,
  messageText,
} from "@switchyard/core";

/** The prompt as stored when a team turned content logging on: one "role: text" line per message. */
export function promptText(request: ChatCompletionRequest): string {
  return request.messages
    .map((message) => `${message.role}: ${messageText(message.content)}`)
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
