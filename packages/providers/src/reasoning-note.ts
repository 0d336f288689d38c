import type { ChatCompletionRequest, ModelInfo } from "@switchyard/core";
import { getProvider } from "./registry";
import { requestedEffort, takesReasoning } from "./shared/reasoning";

export { takesReasoning, withoutReasoning } from "./shared/reasoning";

/**
 * Why a request's reasoning effort is not passed to this model (it does not take one, or its
 * provider cannot honour it for this request), for the caller's header note; null when the
 * request asks for none or the model gets it.
 */
export function reasoningIgnored(model: ModelInfo, request: ChatCompletionRequest): string | null {
  if (requestedEffort(request) === null) return null;
  if (!takesReasoning(model)) return `${model.name} does not take it`;
  return getProvider(model.providerKind).reasoningConflict?.(model, request) ?? null;
}
