import type { ProviderAdapter } from "../types";
import { anthropicTokenCounter } from "./anthropic-count-tokens";
import { parseAnthropicError } from "./anthropic-error";
import { anthropicModelList } from "./anthropic-model-list";
import { buildAnthropicRequest, outputLimit } from "./anthropic-request";
import { parseAnthropicResponse } from "./anthropic-response";
import { AnthropicStreamTranslator } from "./anthropic-stream";
import { anthropicThinkingConflict } from "./anthropic-thinking";

export { ANTHROPIC_DEFAULT_BASE_URL, toAnthropicRequest } from "./anthropic-request";
export {
  fromAnthropicResponse,
  mapAnthropicStopReason,
  mapAnthropicUsage,
} from "./anthropic-response";

/** Anthropic Messages API (POST {base}/v1/messages, x-api-key, anthropic-version). */
export const anthropicAdapter: ProviderAdapter = {
  kind: "anthropic",
  modelList: anthropicModelList,
  countTokens: anthropicTokenCounter,
  buildRequest: (model, request, { stream, clientHeaders }) =>
    buildAnthropicRequest(model, request, stream, clientHeaders),
  parseResponse: parseAnthropicResponse,
  createStreamTranslator: (model, request) => new AnthropicStreamTranslator(model, request),
  parseError: parseAnthropicError,
  reasoningConflict: (model, request) =>
    anthropicThinkingConflict(request, outputLimit(model, request)),
};
