import type { Answer } from "./answer";
import type { Dialect, StreamBody } from "./dialect";
import { SSE_CONTENT_TYPE } from "./dialect";
import { openAIDialect } from "./openai";
import { splitEvenly, splitWords } from "./pieces";
import type { NormalizedRequest } from "./request";
import { parseResponsesRequest } from "./responses-request";

/** OpenAI's Responses API: https://platform.openai.com/docs/api-reference/responses */

const now = () => Math.floor(Date.now() / 1000);

const usage = (answer: Answer) => ({
  input_tokens: answer.inputTokens,
  input_tokens_details: { cached_tokens: 0 },
  output_tokens: answer.outputTokens,
  output_tokens_details: { reasoning_tokens: 0 },
  total_tokens: answer.inputTokens + answer.outputTokens,
});

function outputItem(answer: Answer, id: string) {
  if (answer.kind === "tool")
    return {
      type: "function_call",
      id: `fc_${id}`,
      call_id: answer.callId,
      name: answer.name,
      arguments: answer.argumentsJson,
      status: "completed",
    };
  return {
    type: "message",
    id: `msg_${id}`,
    status: "completed",
    role: "assistant",
    content: [{ type: "output_text", text: answer.text, annotations: [] }],
  };
}

function responseObject(
  answer: Answer | null,
  request: NormalizedRequest,
  id: string,
  status: "in_progress" | "completed" | "incomplete",
) {
  const done = answer !== null && status !== "in_progress";
  return {
    id,
    object: "response",
    created_at: now(),
    status,
    error: null,
    incomplete_details: status === "incomplete" ? { reason: "max_output_tokens" } : null,
    model: request.model,
    output: done ? [outputItem(answer, id)] : [],
    parallel_tool_calls: true,
    store: false,
    usage: done ? usage(answer) : null,
  };
}

const finalStatus = (answer: Answer) =>
  answer.kind === "text" && answer.finish === "length" ? "incomplete" : "completed";

function stream(
  answer: Answer,
  request: NormalizedRequest,
  id: string,
  chunks: number,
): StreamBody {
  let sequence = 0;
  const frames: string[] = [];
  const event = (type: string, data: Record<string, unknown>) =>
    frames.push(
      `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...data })}\n\n`,
    );
  event("response.created", { response: responseObject(null, request, id, "in_progress") });
  event("response.in_progress", { response: responseObject(null, request, id, "in_progress") });
  const item = outputItem(answer, id);
  if (answer.kind === "tool") {
    event("response.output_item.added", { output_index: 0, item: { ...item, arguments: "" } });
    for (const piece of splitEvenly(answer.argumentsJson, chunks))
      event("response.function_call_arguments.delta", {
        item_id: item.id,
        output_index: 0,
        delta: piece,
      });
    event("response.function_call_arguments.done", {
      item_id: item.id,
      output_index: 0,
      arguments: answer.argumentsJson,
    });
  } else {
    event("response.output_item.added", { output_index: 0, item: { ...item, content: [] } });
    const part = { type: "output_text", text: "", annotations: [] };
    event("response.content_part.added", {
      item_id: item.id,
      output_index: 0,
      content_index: 0,
      part,
    });
    for (const piece of splitWords(answer.text, chunks))
      event("response.output_text.delta", {
        item_id: item.id,
        output_index: 0,
        content_index: 0,
        delta: piece,
      });
    event("response.output_text.done", {
      item_id: item.id,
      output_index: 0,
      content_index: 0,
      text: answer.text,
    });
  }
  event("response.output_item.done", { output_index: 0, item });
  const status = finalStatus(answer);
  event(status === "completed" ? "response.completed" : "response.incomplete", {
    response: responseObject(answer, request, id, status),
  });
  return { contentType: SSE_CONTENT_TYPE, frames };
}

export const responsesDialect: Dialect = {
  name: "openai",
  idPrefix: "resp_",
  parse: parseResponsesRequest,
  json: (answer, request, id) =>
    JSON.stringify(responseObject(answer, request, id, finalStatus(answer))),
  stream,
  error: openAIDialect.error,
};
