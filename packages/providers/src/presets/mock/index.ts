import { createOpenAICompatibleAdapter } from "../../openai";

/** Mock LLM: the test server in packages/mock-llm, which speaks OpenAI exactly */
export const mockAdapter = createOpenAICompatibleAdapter({
  kind: "mock",
  displayName: "Mock LLM",
  defaultBaseUrl: "http://127.0.0.1:4010/v1",
  quirks: { maxTokensField: "as-sent", streamUsage: "stream_options" },
});
