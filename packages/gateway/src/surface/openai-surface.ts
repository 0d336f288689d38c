import {
  type ChatCompletionChunk,
  chatCompletionRequestSchema,
  parseOrThrow,
  toOpenAIError,
} from "@switchyard/core";
import type { ParsedRequest, StreamEncoder, Surface } from "./surface";

function createOpenAIStreamEncoder(parsed: ParsedRequest, model: string): StreamEncoder {
  return {
    chunk(chunk: ChatCompletionChunk): string {
      chunk.model = model;
      if (chunk.usage != null && !parsed.includeUsage) {
        // The gateway always asks upstreams for usage; a client that did not ask never sees it.
        if (chunk.choices.length === 0) return "";
        const { usage: _usage, ...rest } = chunk;
        return `data: ${JSON.stringify(rest)}\n\n`;
      }
      return `data: ${JSON.stringify(chunk)}\n\n`;
    },
    end: () => "data: [DONE]\n\n",
    error(error: unknown): string {
      return `data: ${JSON.stringify(toOpenAIError(error).body)}\n\n`;
    },
  };
}

/** OpenAI chat completions: the canonical format, so requests and responses pass through. */
export const openAISurface: Surface = {
  name: "openai",
  parseRequest(body: unknown): ParsedRequest {
    const request = parseOrThrow(chatCompletionRequestSchema, body);
    const stream = request.stream === true;
    const includeUsage = stream && request.stream_options?.include_usage === true;
    const canonical = stream
      ? { ...request, stream_options: { ...request.stream_options, include_usage: true } }
      : request;
    return { canonical, requestedModel: request.model, stream, includeUsage };
  },
  encodeResponse: (response) => response,
  createStreamEncoder: createOpenAIStreamEncoder,
  errorResponse: (error) => toOpenAIError(error),
};
