import { createOpenAICompatibleAdapter } from "./openai-compatible";
import { openaiQuirks } from "./openai-quirks";

export { createOpenAICompatibleAdapter } from "./openai-compatible";
export type { OpenAICompatibleOptions, OpenAICompatibleQuirks } from "./openai-quirks";

export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";

export const openaiAdapter = createOpenAICompatibleAdapter({
  kind: "openai",
  displayName: "OpenAI",
  defaultBaseUrl: OPENAI_DEFAULT_BASE_URL,
  quirks: openaiQuirks,
});
