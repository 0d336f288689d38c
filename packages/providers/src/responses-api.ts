import type { ChatCompletionRequest } from "@switchyard/core";
import { responsesApiTakes } from "./openai/responses-api";
import type { ProviderAdapter } from "./types";

const native = new WeakMap<ProviderAdapter, ProviderAdapter>();

/**
 * The adapter a Responses API request uses: the provider's own Responses API when it has one and
 * the request means the same there (else, and for every other provider, the chat adapter).
 */
export function forResponsesRequest(
  adapter: ProviderAdapter,
  request: ChatCompletionRequest,
): ProviderAdapter {
  const api = adapter.responsesApi;
  if (api === undefined || !responsesApiTakes(request)) return adapter;
  let wrapped = native.get(adapter);
  if (wrapped === undefined) {
    wrapped = {
      ...adapter,
      buildRequest: (model, canonical, { stream }) =>
        api.buildRequest(model, canonical, { stream }),
      parseResponse: api.parseResponse,
      createStreamTranslator: api.createStreamTranslator,
    };
    native.set(adapter, wrapped);
  }
  return wrapped;
}
