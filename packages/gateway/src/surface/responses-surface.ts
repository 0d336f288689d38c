import { parseOrThrow, toOpenAIError } from "@switchyard/core";
import {
  canonicalToResponses,
  type ResponseMeta,
  type ResponsesRequest,
  ResponsesStreamEncoder,
  responsesRequestSchema,
  responsesToCanonicalRequest,
  type storedItemsSchema,
} from "@switchyard/providers";
import type { z } from "zod";
import { newResponseId } from "../responses/response-ids";
import type { ParsedRequest, StreamEncoder, Surface } from "./surface";

/** One Responses call: the request, the response's id and store flag, and where it is kept. */
export interface ResponsesCall {
  request: ResponsesRequest;
  meta: ResponseMeta;
  /** Told the finished response object (completed or incomplete) when it is to be stored. */
  keep?: ((response: Record<string, unknown>) => void) | undefined;
}

/** The call each parsed request came from (the encoders echo its settings). */
const calls = new WeakMap<ParsedRequest, ResponsesCall>();

const callOf = (parsed: ParsedRequest): ResponsesCall =>
  calls.get(parsed) ?? {
    request: { model: parsed.requestedModel, input: "" },
    meta: { id: newResponseId(), store: false, createdAt: Math.floor(Date.now() / 1000) },
  };

export const parseResponsesBody = (body: unknown): ResponsesRequest =>
  parseOrThrow(responsesRequestSchema, body);

/**
 * The parsed request of a Responses call: `history` (the items of the response named by
 * previous_response_id) comes before the call's input in the canonical request.
 */
export function responsesParsed(
  call: ResponsesCall,
  history: z.infer<typeof storedItemsSchema> = [],
): ParsedRequest {
  const { request } = call;
  const stream = request.stream === true;
  const parsed: ParsedRequest = {
    canonical: responsesToCanonicalRequest(request, history),
    requestedModel: request.model,
    stream,
    includeUsage: stream,
  };
  calls.set(parsed, call);
  return parsed;
}

/**
 * OpenAI's Responses API (POST /v1/responses): translated to the canonical chat request on the way
 * in and to a `response` object or the typed event stream on the way out, whatever provider
 * served it. Errors in OpenAI's shape. Stored responses and previous_response_id are resolved by
 * the gateway before this surface parses (see responses/responses-call.ts); parsed alone, a
 * request is stateless.
 */
export const responsesSurface: Surface = {
  name: "responses",
  parseRequest(body: unknown): ParsedRequest {
    const request = parseResponsesBody(body);
    const meta = { id: newResponseId(), store: false, createdAt: Math.floor(Date.now() / 1000) };
    return responsesParsed({ request, meta });
  },
  encodeResponse(response, parsed) {
    const call = callOf(parsed);
    const body = canonicalToResponses(response, call.request, response.model, call.meta);
    call.keep?.(body);
    return body;
  },
  createStreamEncoder(parsed: ParsedRequest, model: string): StreamEncoder {
    const call = callOf(parsed);
    const encoder = new ResponsesStreamEncoder(call.request, model, call.meta, call.keep);
    return {
      chunk: (chunk) => encoder.pushSse(chunk),
      end: (usage) => encoder.finishSse(usage),
      error: (error) => encoder.errorSse(error),
    };
  },
  errorResponse: (error) => toOpenAIError(error),
};
