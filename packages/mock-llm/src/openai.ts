import type { Answer } from "./answer";
import type { Dialect, RenderedError, StreamBody } from "./dialect";
import { SSE_CONTENT_TYPE } from "./dialect";
import { parseOpenAIRequest } from "./openai-request";
import { splitEvenly, splitWords } from "./pieces";
import type { NormalizedRequest } from "./request";
import { classesOf } from "./token-classes";

/** OpenAI chat completions: https://platform.openai.com/docs/api-reference/chat */
const FINGERPRINT = "fp_mock";

const now = () => Math.floor(Date.now() / 1000);

/** OpenAI reports cache reads and reasoning; its cache writes are not billed, nor reported. */
function usage(answer: Answer) {
  const classes = classesOf(answer);
  const completion = answer.outputTokens + classes.reasoning;
  return {
    prompt_tokens: answer.inputTokens,
    completion_tokens: completion,
    total_tokens: answer.inputTokens + completion,
    prompt_tokens_details: { cached_tokens: classes.cached, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: classes.reasoning,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function json(answer: Answer, request: NormalizedRequest, id: string): string {
  const message =
    answer.kind === "tool"
      ? {
          role: "assistant",
          content: null,
          tool_calls: [
            {
              id: answer.callId,
              type: "function",
              function: { name: answer.name, arguments: answer.argumentsJson },
            },
          ],
          refusal: null,
          annotations: [],
        }
      : { role: "assistant", content: answer.text, refusal: null, annotations: [] };
  const finish = answer.kind === "tool" ? "tool_calls" : answer.finish;
  return JSON.stringify({
    id,
    object: "chat.completion",
    created: now(),
    model: request.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finish }],
    usage: usage(answer),
    service_tier: "default",
    system_fingerprint: FINGERPRINT,
  });
}

function stream(
  answer: Answer,
  request: NormalizedRequest,
  id: string,
  chunks: number,
): StreamBody {
  const head = `data: {"id":${JSON.stringify(id)},"object":"chat.completion.chunk","created":${now()},"model":${JSON.stringify(request.model)},"system_fingerprint":"${FINGERPRINT}","choices":`;
  const tail = request.includeUsage ? ',"usage":null}\n\n' : "}\n\n";
  const frame = (delta: unknown, finish: string | null) =>
    `${head}[${JSON.stringify({ index: 0, delta, logprobs: null, finish_reason: finish })}]${tail}`;
  const frames: string[] = [];
  if (answer.kind === "tool") {
    frames.push(
      frame(
        {
          role: "assistant",
          content: null,
          tool_calls: [
            {
              index: 0,
              id: answer.callId,
              type: "function",
              function: { name: answer.name, arguments: "" },
            },
          ],
          refusal: null,
        },
        null,
      ),
    );
    for (const piece of splitEvenly(answer.argumentsJson, chunks)) {
      frames.push(frame({ tool_calls: [{ index: 0, function: { arguments: piece } }] }, null));
    }
    frames.push(frame({}, "tool_calls"));
  } else {
    frames.push(frame({ role: "assistant", content: "", refusal: null }, null));
    for (const piece of splitWords(answer.text, chunks))
      frames.push(frame({ content: piece }, null));
    frames.push(frame({}, answer.finish));
  }
  if (request.includeUsage) frames.push(`${head}[],"usage":${JSON.stringify(usage(answer))}}\n\n`);
  frames.push("data: [DONE]\n\n");
  return { contentType: SSE_CONTENT_TYPE, frames };
}

const errorKinds: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: "invalid_request_error", code: null, message: "Invalid request" },
  401: {
    type: "invalid_request_error",
    code: "invalid_api_key",
    message: "Incorrect API key provided.",
  },
  403: {
    type: "invalid_request_error",
    code: "unsupported_country_region_territory",
    message: "Forbidden",
  },
  404: {
    type: "invalid_request_error",
    code: "model_not_found",
    message: "The model does not exist",
  },
  429: {
    type: "requests",
    code: "rate_limit_exceeded",
    message: "Rate limit reached for requests",
  },
  500: {
    type: "server_error",
    code: null,
    message: "The server had an error while processing your request.",
  },
  503: {
    type: "server_error",
    code: null,
    message: "The engine is currently overloaded, please try again later.",
  },
};

const errorKind = (status: number) =>
  errorKinds[status] ?? {
    type: status >= 500 ? "server_error" : "invalid_request_error",
    code: null,
    message: "Request failed",
  };

export function openAIError(status: number, message: string): RenderedError {
  const kind = errorKind(status);
  return {
    status,
    body: JSON.stringify({
      error: { message: message || kind.message, type: kind.type, param: null, code: kind.code },
    }),
    headers: {},
  };
}

export const openAIDialect: Dialect = {
  name: "openai",
  idPrefix: "chatcmpl-",
  parse: parseOpenAIRequest,
  json,
  stream,
  error: openAIError,
};

/** Azure OpenAI: the same bodies; the deployment in the path names the model; error codes are strings. */
export const azureDialect: Dialect = {
  ...openAIDialect,
  name: "azure",
  error(status, message) {
    const text = message || errorKind(status).message;
    return {
      status,
      body: JSON.stringify({
        error: { code: String(status), message: text, param: null, type: null },
      }),
      headers: {},
    };
  },
};
