import type { Answer } from "./answer";
import type { Dialect, RenderedError, RequestContext, StreamBody } from "./dialect";
import { SSE_CONTENT_TYPE } from "./dialect";
import { parseGeminiRequest } from "./gemini-request";
import { splitWords } from "./pieces";
import type { NormalizedRequest } from "./request";
import { classesOf } from "./token-classes";
import { countTokens } from "./tokens";

/** Gemini API generateContent / streamGenerateContent: https://ai.google.dev/api/generate-content */
const finishReason = (answer: Answer) =>
  answer.kind === "text" && answer.finish === "length" ? "MAX_TOKENS" : "STOP";

/**
 * Gemini's usageMetadata: promptTokenCount includes cachedContentTokenCount; thoughtsTokenCount
 * (reasoning) is apart from candidatesTokenCount. Cache writes are not reported (Gemini bills
 * cache storage, not writes).
 */
function usageMetadata(answer: Answer, outputTokens: number) {
  const classes = classesOf(answer);
  const inputTokens = answer.inputTokens;
  return {
    promptTokenCount: inputTokens,
    candidatesTokenCount: outputTokens,
    totalTokenCount: inputTokens + outputTokens + classes.reasoning,
    promptTokensDetails: [{ modality: "TEXT", tokenCount: inputTokens }],
    ...(classes.cached > 0 ? { cachedContentTokenCount: classes.cached } : {}),
    ...(classes.reasoning > 0 ? { thoughtsTokenCount: classes.reasoning } : {}),
  };
}

const parts = (answer: Answer) =>
  answer.kind === "tool"
    ? [{ functionCall: { name: answer.name, args: answer.args ?? {} } }]
    : [{ text: answer.text }];

function json(answer: Answer, request: NormalizedRequest, id: string): string {
  return JSON.stringify({
    candidates: [
      {
        content: { parts: parts(answer), role: "model" },
        finishReason: finishReason(answer),
        index: 0,
      },
    ],
    usageMetadata: usageMetadata(answer, answer.outputTokens),
    modelVersion: request.baseModel,
    responseId: id,
  });
}

function stream(
  answer: Answer,
  request: NormalizedRequest,
  id: string,
  chunks: number,
  context: RequestContext,
): StreamBody {
  const records: string[] = [];
  const record = (partList: unknown[], final: boolean, outputTokens: number) =>
    JSON.stringify({
      candidates: [
        {
          content: { parts: partList, role: "model" },
          ...(final ? { finishReason: finishReason(answer) } : {}),
          index: 0,
        },
      ],
      usageMetadata: usageMetadata(answer, outputTokens),
      modelVersion: request.baseModel,
      responseId: id,
    });
  if (answer.kind === "tool") {
    records.push(record(parts(answer), true, answer.outputTokens));
  } else {
    const pieces = splitWords(answer.text, chunks);
    let sent = 0;
    pieces.forEach((piece, index) => {
      sent += piece.length;
      const final = index === pieces.length - 1;
      records.push(
        record([{ text: piece }], final, final ? answer.outputTokens : countTokens(sent)),
      );
    });
  }
  if (context.query.get("alt") === "sse") {
    return {
      contentType: SSE_CONTENT_TYPE,
      frames: records.map((data) => `data: ${data}\r\n\r\n`),
    };
  }
  // Without alt=sse the stream is one JSON array, written element by element.
  const frames = records.map((data, index) => (index === 0 ? `[${data}` : `,\r\n${data}`));
  frames.push("]");
  return { contentType: "application/json; charset=UTF-8", frames };
}

const statuses: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ABORTED",
  429: "RESOURCE_EXHAUSTED",
  499: "CANCELLED",
  500: "INTERNAL",
  501: "NOT_IMPLEMENTED",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

const defaultMessages: Record<string, string> = {
  RESOURCE_EXHAUSTED: "Resource has been exhausted (e.g. check quota).",
  INTERNAL:
    "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
  UNAVAILABLE: "The model is overloaded. Please try again later.",
};

export function geminiError(status: number, message: string): RenderedError {
  const code = statuses[status] ?? (status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT");
  return {
    status,
    body: JSON.stringify({
      error: {
        code: status,
        message: message || defaultMessages[code] || "Request failed",
        status: code,
      },
    }),
    headers: {},
  };
}

export const geminiDialect: Dialect = {
  name: "gemini",
  idPrefix: "",
  parse: parseGeminiRequest,
  json,
  stream,
  error: geminiError,
};
