import type { Answer } from "./answer";
import { checkAnthropicHeaders, parseAnthropicRequest } from "./anthropic-request";
import type { Dialect, RenderedError, StreamBody } from "./dialect";
import { SSE_CONTENT_TYPE } from "./dialect";
import { splitEvenly, splitWords } from "./pieces";
import type { NormalizedRequest } from "./request";
import { classesOf, uncachedInput } from "./token-classes";

/** Anthropic Messages API: https://docs.anthropic.com/en/api/messages (and its streaming events). */
const stopReason = (answer: Answer) =>
  answer.kind === "tool" ? "tool_use" : answer.finish === "length" ? "max_tokens" : "end_turn";

const toolUseId = (answer: Answer) =>
  answer.kind === "tool" ? `toolu_${answer.callId.slice(5)}` : "";

/**
 * Anthropic's usage: input_tokens excludes cache reads and writes; cache_creation breaks the
 * writes down by time to live; output_tokens includes thinking (reasoning) tokens.
 */
function usage(answer: Answer, outputTokens: number) {
  const classes = classesOf(answer);
  return {
    input_tokens: uncachedInput(answer),
    cache_creation_input_tokens: classes.cacheWrite5m + classes.cacheWrite1h,
    cache_read_input_tokens: classes.cached,
    cache_creation: {
      ephemeral_5m_input_tokens: classes.cacheWrite5m,
      ephemeral_1h_input_tokens: classes.cacheWrite1h,
    },
    output_tokens: outputTokens,
  };
}

const outputOf = (answer: Answer) => answer.outputTokens + classesOf(answer).reasoning;

function json(answer: Answer, request: NormalizedRequest, id: string): string {
  const content =
    answer.kind === "tool"
      ? [{ type: "tool_use", id: toolUseId(answer), name: answer.name, input: answer.args ?? {} }]
      : [{ type: "text", text: answer.text }];
  return JSON.stringify({
    id,
    type: "message",
    role: "assistant",
    model: request.model,
    content,
    stop_reason: stopReason(answer),
    stop_sequence: null,
    usage: usage(answer, outputOf(answer)),
  });
}

const event = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

function stream(
  answer: Answer,
  request: NormalizedRequest,
  id: string,
  chunks: number,
): StreamBody {
  const frames: string[] = [
    event("message_start", {
      type: "message_start",
      message: {
        id,
        type: "message",
        role: "assistant",
        model: request.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: usage(answer, 1),
      },
    }),
  ];
  // One content block: the tool call's arguments or the text, streamed in pieces.
  const [contentBlock, deltas] =
    answer.kind === "tool"
      ? [
          { type: "tool_use", id: toolUseId(answer), name: answer.name, input: {} },
          splitEvenly(answer.argumentsJson, chunks).map((piece) => ({
            type: "input_json_delta",
            partial_json: piece,
          })),
        ]
      : [
          { type: "text", text: "" },
          splitWords(answer.text, chunks).map((piece) => ({ type: "text_delta", text: piece })),
        ];
  frames.push(
    event("content_block_start", {
      type: "content_block_start",
      index: 0,
      content_block: contentBlock,
    }),
    event("ping", { type: "ping" }),
  );
  for (const delta of deltas) {
    frames.push(event("content_block_delta", { type: "content_block_delta", index: 0, delta }));
  }
  frames.push(
    event("content_block_stop", { type: "content_block_stop", index: 0 }),
    event("message_delta", {
      type: "message_delta",
      delta: { stop_reason: stopReason(answer), stop_sequence: null },
      // Cumulative: the input and cache figures of message_start again, and the final output.
      usage: usage(answer, outputOf(answer)),
    }),
    event("message_stop", { type: "message_stop" }),
  );
  return { contentType: SSE_CONTENT_TYPE, frames };
}

const errorTypes: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  503: "overloaded_error",
  504: "timeout_error",
  529: "overloaded_error",
};

const defaultMessages: Record<string, string> = {
  rate_limit_error: "Number of requests has exceeded your rate limit.",
  overloaded_error: "Overloaded",
  api_error: "Internal server error",
};

let errorCounter = 0;

export function anthropicError(status: number, message: string): RenderedError {
  const type = errorTypes[status] ?? (status >= 500 ? "api_error" : "invalid_request_error");
  return {
    status,
    body: JSON.stringify({
      type: "error",
      error: { type, message: message || defaultMessages[type] || "Request failed" },
    }),
    headers: { "request-id": `req_mock${(++errorCounter).toString(36)}` },
  };
}

export const anthropicDialect: Dialect = {
  name: "anthropic",
  idPrefix: "msg_",
  parse: (body) => parseAnthropicRequest(body),
  json,
  stream,
  error: anthropicError,
  checkHeaders: checkAnthropicHeaders,
};
