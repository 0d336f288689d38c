import { createOpenAICompatibleAdapter } from "../../openai";

/** Mistral: max_tokens only, random_seed instead of seed, rejects unknown fields; sends usage in the last chunk unasked */
export const mistralAdapter = createOpenAICompatibleAdapter({
  kind: "mistral",
  displayName: "Mistral",
  defaultBaseUrl: "https://api.mistral.ai/v1",
  quirks: {
    maxTokensField: "max_tokens",
    streamUsage: "always",
    renameFields: { seed: "random_seed" },
    dropFields: [
      "user",
      "store",
      "metadata",
      "service_tier",
      "logit_bias",
      "logprobs",
      "top_logprobs",
      "reasoning_effort",
      "modalities",
    ],
  },
});
