import { createOpenAICompatibleAdapter } from "../../openai";

/**
 * OpenRouter: always includes usage in the last chunk (stream_options has no effect); may send an
 * error object mid-stream; passes `cache_control` on content parts to the providers that cache.
 */
export const openrouterAdapter = createOpenAICompatibleAdapter({
  kind: "openrouter",
  displayName: "OpenRouter",
  defaultBaseUrl: "https://openrouter.ai/api/v1",
  quirks: { maxTokensField: "as-sent", streamUsage: "always", keepsCacheControl: true },
});
