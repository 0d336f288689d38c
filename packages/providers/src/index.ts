export { anthropicAdapter } from "./anthropic";
export { azureOpenAIAdapter } from "./azure-openai";
export * from "./catalog";
export { geminiAdapter } from "./gemini";
export type { OpenAICompatibleOptions, OpenAICompatibleQuirks } from "./openai";
export { createOpenAICompatibleAdapter, openaiAdapter } from "./openai";
export { reasoningIgnored, takesReasoning, withoutReasoning } from "./reasoning-note";
export { getProvider, providerKinds } from "./registry";
export { forResponsesRequest } from "./responses-api";
export {
  classifyUpstreamError,
  isContextLengthError,
  retryAfterSeconds,
} from "./shared/upstream-error";
export {
  describeUpstreamFailure,
  rewordUpstreamError,
  type UpstreamErrorReport,
  upstreamErrorReport,
} from "./shared/upstream-report";
export * from "./sse";
export * from "./surfaces/anthropic";
export * from "./surfaces/responses";
export { approximateTokens, estimateRequestTokens, estimateTokens } from "./tokens";
export * from "./types";
