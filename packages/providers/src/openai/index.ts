import type { ProviderAdapter } from "../types";
import { createOpenAICompatibleAdapter } from "./openai-compatible";
import { openaiQuirks } from "./openai-quirks";
import { openAICompatibleBase, openAICompatibleHeaders } from "./openai-request";
import { nativeResponsesApi } from "./responses-api";

export { createOpenAICompatibleAdapter } from "./openai-compatible";
export type { OpenAICompatibleOptions, OpenAICompatibleQuirks } from "./openai-quirks";

export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";

const openaiOptions = {
  kind: "openai",
  displayName: "OpenAI",
  defaultBaseUrl: OPENAI_DEFAULT_BASE_URL,
  quirks: openaiQuirks,
} as const;

export const openaiAdapter: ProviderAdapter = {
  ...createOpenAICompatibleAdapter(openaiOptions),
  responsesApi: nativeResponsesApi(openaiOptions, (model) => ({
    url: `${openAICompatibleBase(openaiOptions, model)}/responses`,
    headers: openAICompatibleHeaders(openaiOptions, model),
    upstreamName: model.upstreamName,
  })),
};
