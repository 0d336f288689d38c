import type {
  ChatCompletionChunk,
  ChatCompletionRequest,
  ChatCompletionResponse,
} from "@switchyard/core";

export type SurfaceName = "openai" | "anthropic" | "responses";

/** A client request in the gateway's canonical (OpenAI chat) form. */
export interface ParsedRequest {
  canonical: ChatCompletionRequest;
  requestedModel: string;
  stream: boolean;
  /** The client asked for the usage chunk at the end of a stream. */
  includeUsage: boolean;
  /** Headers added to the answer (notes about how the request was taken). */
  extraHeaders?: Record<string, string>;
}

/** Turns canonical chunks into the client's SSE frames for one response. */
export interface StreamEncoder {
  /** SSE text for one canonical chunk (may be empty). */
  chunk(chunk: ChatCompletionChunk): string;
  /** Closing frames after a complete stream, with the provider's usage when it sent any. */
  end(usage: { inputTokens: number; outputTokens: number } | null): string;
  /** In-band error frames; the stream ends after them. */
  error(error: unknown): string;
}

/** The wire dialect a caller speaks: OpenAI chat completions or Anthropic Messages. */
export interface Surface {
  name: SurfaceName;
  parseRequest(body: unknown): ParsedRequest;
  /** `response.model` is the name of the model that answered (every surface's body says it). */
  encodeResponse(response: ChatCompletionResponse, parsed: ParsedRequest): unknown;
  /** `model`: the name of the model that answers, which every event that names one carries. */
  createStreamEncoder(parsed: ParsedRequest, model: string): StreamEncoder;
  errorResponse(error: unknown): { status: number; body: unknown; headers: Record<string, string> };
}
