import { anthropicMessagesRequestSchema, parseOrThrow, toAnthropicError } from "@switchyard/core";
import {
  AnthropicStreamEncoder,
  anthropicToCanonicalRequest,
  canonicalToAnthropicResponse,
} from "@switchyard/providers";
import { estimatePromptTokens } from "../accounting/estimate-usage";
import type { ParsedRequest, StreamEncoder, Surface } from "./surface";

/**
 * Anthropic Messages (POST /v1/messages): translated to the canonical request on the way in and
 * back to Anthropic's message / event stream on the way out, whatever provider served it.
 */
export const anthropicSurface: Surface = {
  name: "anthropic",
  parseRequest(body: unknown): ParsedRequest {
    const request = parseOrThrow(anthropicMessagesRequestSchema, body);
    const canonical = anthropicToCanonicalRequest(request);
    const stream = request.stream === true;
    return { canonical, requestedModel: request.model, stream, includeUsage: stream };
  },
  encodeResponse: (response) => canonicalToAnthropicResponse(response, response.model),
  createStreamEncoder(parsed: ParsedRequest, model: string): StreamEncoder {
    const encoder = new AnthropicStreamEncoder({
      model,
      inputTokens: estimatePromptTokens(parsed.canonical),
    });
    return {
      chunk: (chunk) => encoder.pushSse(chunk),
      end: (usage) => encoder.finishSse(usage),
      error: (error) => encoder.errorSse(error),
    };
  },
  errorResponse: (error) => toAnthropicError(error),
};
