import { createOpenAICompatibleAdapter } from "../../openai";

/** Ollama: self-hosted OpenAI-compatible endpoint; max_tokens; supports stream_options.include_usage */
export const ollamaAdapter = createOpenAICompatibleAdapter({
  kind: "ollama",
  displayName: "Ollama",
  defaultBaseUrl: "http://localhost:11434/v1",
  quirks: { maxTokensField: "max_tokens", streamUsage: "stream_options" },
});
