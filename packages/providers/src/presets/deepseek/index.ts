import { createOpenAICompatibleAdapter } from "../../openai";

/** DeepSeek: max_tokens only; supports stream_options.include_usage */
export const deepseekAdapter = createOpenAICompatibleAdapter({
  kind: "deepseek",
  displayName: "DeepSeek",
  defaultBaseUrl: "https://api.deepseek.com",
  quirks: { maxTokensField: "max_tokens", streamUsage: "stream_options" },
});
