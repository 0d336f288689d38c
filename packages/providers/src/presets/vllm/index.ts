import { createOpenAICompatibleAdapter } from "../../openai";

/** vLLM: self-hosted; accepts both token-limit fields and stream_options */
export const vllmAdapter = createOpenAICompatibleAdapter({
  kind: "vllm",
  displayName: "vLLM",
  defaultBaseUrl: "http://localhost:8000/v1",
  quirks: { maxTokensField: "as-sent", streamUsage: "stream_options" },
});
