import { createOpenAICompatibleAdapter } from "../../openai";

/** Fireworks AI: max_tokens; sends usage in the last chunk unasked */
export const fireworksAdapter = createOpenAICompatibleAdapter({
  kind: "fireworks",
  displayName: "Fireworks AI",
  defaultBaseUrl: "https://api.fireworks.ai/inference/v1",
  quirks: { maxTokensField: "max_tokens", streamUsage: "always" },
});
