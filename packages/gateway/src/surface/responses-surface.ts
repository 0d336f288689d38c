import { parseOrThrow, toOpenAIError } from "@switchyard/core";
import {
  canonicalToResponses,
  type ResponsesRequest,
  ResponsesStreamEncoder,
  responsesRequestSchema,
  responsesToCanonicalRequest,
} from "@switchyard/providers";
import type { ParsedRequest, StreamEncoder, Surface } from "./surface";

/** The Responses request each parsed request came from (the encoders echo its settings). */
const originals = new WeakMap<ParsedRequest, ResponsesRequest>();

const originalOf = (parsed: ParsedRequest): ResponsesRequest =>
  originals.get(parsed) ?? { model: parsed.requestedModel, input: "" };

/**
 * OpenAI's Responses API (POST /v1/responses), stateless: translated to the canonical chat request
 * on the way in and to a `response` object or the typed event stream on the way out, whatever
 * provider served it. Errors in OpenAI's shape.
 */
export const responsesSurface: Surface = {
  name: "responses",
  parseRequest(body: unknown): ParsedRequest {
    const request = parseOrThrow(responsesRequestSchema, body);
    const canonical = responsesToCanonicalRequest(request);
    const stream = request.stream === true;
    const parsed: ParsedRequest = {
      canonical,
      requestedModel: request.model,
      stream,
      includeUsage: stream,
    };
    originals.set(parsed, request);
    return parsed;
  },
  encodeResponse: (response, parsed) =>
    canonicalToResponses(response, originalOf(parsed), response.model),
  createStreamEncoder(parsed: ParsedRequest, model: string): StreamEncoder {
    const encoder = new ResponsesStreamEncoder(originalOf(parsed), model);
    return {
      chunk: (chunk) => encoder.pushSse(chunk),
      end: (usage) => encoder.finishSse(usage),
      error: (error) => encoder.errorSse(error),
    };
  },
  errorResponse: (error) => toOpenAIError(error),
};
