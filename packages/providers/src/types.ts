import type {
  ChatCompletionChunk,
  ChatCompletionRequest,
  ChatCompletionResponse,
  ModelInfo,
  ProviderKind,
  SwitchyardError,
  TokenUsage,
} from "@switchyard/core";

/**
 * The contract every provider folder implements. The gateway's canonical format is the OpenAI
 * chat-completions shape (core's wire schemas); each provider maps it to and from its own wire
 * format. No provider-specific code exists outside its folder.
 */
export interface UpstreamRequest {
  /** Absolute URL. */
  url: string;
  method: "POST" | "GET";
  headers: Record<string, string>;
  body: string;
}

/** Tokens of one call: totals and their per-class parts (core's pricing.ts). */
export type Usage = TokenUsage;

/** Incremental parser for one upstream SSE stream, producing canonical chunks. */
export interface StreamTranslator {
  /** One decoded SSE event (`event:` name if any, `data:` payload). */
  push(event: { event?: string; data: string }): ChatCompletionChunk[];
  /** Usage reported so far (null until the provider sent any). */
  usage(): Usage | null;
  /** True once the provider signalled the end of the stream. */
  done(): boolean;
}

/** What a model-list request needs of a connection. */
export type ConnectionTarget = Pick<ModelInfo, "name" | "baseUrl" | "apiKey" | "settings">;

/** One model a provider's own list names, with the limits it states (when it states them). */
export interface UpstreamModel {
  id: string;
  contextWindow?: number;
  maxOutputTokens?: number;
}

/** The provider's own model list: a GET request and the parser of its JSON body. */
export interface ModelListing {
  request(connection: ConnectionTarget): UpstreamRequest;
  parse(body: unknown): UpstreamModel[];
}

/** An embeddings request as the gateway sends it upstream (inputs already split into a list). */
export interface EmbeddingsRequest {
  input: readonly string[] | readonly (readonly number[])[];
  /** Requested vector length (models that support shortening). */
  dimensions?: number | undefined;
  user?: string | undefined;
}

/** Vectors in input order (floats), and the provider's token count when it gives one. */
export interface EmbeddingsResult {
  vectors: number[][];
  inputTokens: number | null;
  /** The provider's name of the model that answered. */
  model: string | null;
}

/** How a provider computes embeddings (absent: it has no embeddings API, e.g. Anthropic). */
export interface EmbeddingsAdapter {
  buildRequest(model: ModelInfo, request: EmbeddingsRequest): UpstreamRequest;
  parseResponse(model: ModelInfo, body: unknown, inputs: number): EmbeddingsResult;
}

/** A provider's own token count of a request (Anthropic's count_tokens). */
export interface TokenCounter {
  buildRequest(
    model: ModelInfo,
    request: ChatCompletionRequest,
    clientHeaders?: Readonly<Record<string, string | string[] | undefined>>,
  ): UpstreamRequest;
  /** The input tokens the provider counted. */
  parseResponse(body: unknown): number;
}

/**
 * A provider's own Responses API (OpenAI, Azure OpenAI): requests that came to the gateway's
 * /v1/responses go there natively, mapped back to the canonical response and chunks.
 */
export interface ResponsesApi {
  buildRequest(
    model: ModelInfo,
    request: ChatCompletionRequest,
    options: { stream: boolean },
  ): UpstreamRequest;
  parseResponse(model: ModelInfo, body: unknown): ChatCompletionResponse;
  createStreamTranslator(model: ModelInfo, request: ChatCompletionRequest): StreamTranslator;
}

export interface ProviderAdapter {
  kind: ProviderKind;
  /** Its own Responses API, where it has one (absent: /v1/responses goes through chat). */
  responsesApi?: ResponsesApi;
  /** Exact input-token counts, where the provider offers them (absent: the gateway estimates). */
  countTokens?: TokenCounter;
  embeddings?: EmbeddingsAdapter;
  /** Where the provider lists its models (absent: it has no list, e.g. Azure deployments). */
  modelList?: ModelListing;
  buildRequest(
    model: ModelInfo,
    request: ChatCompletionRequest,
    options: {
      stream: boolean;
      /**
       * The caller's request headers: a provider forwards the ones that are its own (Anthropic:
       * anthropic-beta and anthropic-version), nothing else.
       */
      clientHeaders?: Readonly<Record<string, string | string[] | undefined>> | undefined;
    },
  ): UpstreamRequest;
  parseResponse(model: ModelInfo, body: unknown): ChatCompletionResponse;
  createStreamTranslator(model: ModelInfo, request: ChatCompletionRequest): StreamTranslator;
  /**
   * Why this request's reasoning effort cannot reach this (reasoning) model, when the provider has
   * such limits (Anthropic's extended thinking); null when it can.
   */
  reasoningConflict?(model: ModelInfo, request: ChatCompletionRequest): string | null;
  /** Map an upstream error response to a typed error with the right retryable flag. */
  parseError(
    status: number,
    headers: Record<string, string | string[] | undefined>,
    bodyText: string,
  ): SwitchyardError;
}
