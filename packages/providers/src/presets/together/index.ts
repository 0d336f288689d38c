import { createOpenAICompatibleAdapter } from "../../openai";

/** Together AI: max_tokens only; sends usage in the last chunk unasked */
export const togetherAdapter = createOpenAICompatibleAdapter({
  kind: "together",
  displayName: "Together AI",
  defaultBaseUrl: "https://api.together.xyz/v1",
  quirks: { maxTokensField: "max_tokens", streamUsage: "always" },
});
