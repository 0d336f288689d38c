import type { CompletionUsage, ProviderKind } from "@switchyard/core";

/**
 * How an OpenAI-compatible server differs from OpenAI. A preset folder is a default base URL and
 * one of these.
 */
export interface OpenAICompatibleQuirks {
  /**
   * Which field carries the output limit upstream. "as-sent" keeps what the client sent (OpenAI
   * accepts both; its reasoning models need max_completion_tokens).
   */
  maxTokensField: "as-sent" | "max_tokens" | "max_completion_tokens";
  /**
   * "stream_options": ask for usage with stream_options.include_usage (OpenAI, vLLM...).
   * "always": the server sends usage in its last chunk unasked and may reject stream_options.
   */
  streamUsage: "stream_options" | "always";
  /**
   * The server takes Anthropic's `cache_control` marks on content parts and tools (OpenRouter);
   * otherwise they are removed before sending.
   */
  keepsCacheControl?: boolean;
  /** Request fields the server rejects; removed before sending. */
  dropFields?: readonly string[];
  /** Request fields the server names differently, e.g. { seed: "random_seed" }. */
  renameFields?: Readonly<Record<string, string>>;
  /** Usage the server reports outside `usage` (e.g. Groq's x_groq.usage in the last chunk). */
  usageFromChunk?: (chunk: Record<string, unknown>) => CompletionUsage | null;
  /** Auth header; default `authorization: Bearer <key>`. */
  authHeaders?: (apiKey: string) => Record<string, string>;
  /** Headers the server needs on every request (e.g. OpenRouter's attribution headers). */
  extraHeaders?: Readonly<Record<string, string>>;
  /** Last adjustment of the body for a given upstream model (e.g. OpenAI's reasoning models). */
  adjustBody?: (body: Record<string, unknown>, upstreamName: string) => void;
}

export interface OpenAICompatibleOptions {
  kind: ProviderKind;
  /** Human name used in error messages. */
  displayName: string;
  /** Used when the model's connection has no base URL; includes the version path (…/v1). */
  defaultBaseUrl: string;
  quirks: OpenAICompatibleQuirks;
}

/**
 * OpenAI's reasoning models (o1, o3, o4-mini, gpt-5 but not gpt-5-chat) reject max_tokens and the
 * sampling parameters: "Unsupported parameter: 'max_tokens' ... Use 'max_completion_tokens'".
 * A request routed to one of them is made acceptable instead of failing.
 */
const reasoningModel = /^(o\d|gpt-5(?!-chat))/;
const unsupportedByReasoning = [
  "temperature",
  "top_p",
  "presence_penalty",
  "frequency_penalty",
  "logprobs",
  "top_logprobs",
  "logit_bias",
] as const;

export function adjustForOpenAIReasoning(
  body: Record<string, unknown>,
  upstreamName: string,
): void {
  if (!reasoningModel.test(upstreamName)) return;
  if (body.max_tokens != null) {
    body.max_completion_tokens ??= body.max_tokens;
  }
  delete body.max_tokens;
  for (const field of unsupportedByReasoning) delete body[field];
}

export const openaiQuirks: OpenAICompatibleQuirks = {
  maxTokensField: "as-sent",
  streamUsage: "stream_options",
  adjustBody: adjustForOpenAIReasoning,
};
