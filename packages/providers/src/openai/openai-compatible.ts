import type { ProviderAdapter } from "../types";
import { openAICompatibleEmbeddings } from "./openai-embeddings";
import { parseOpenAIError } from "./openai-error";
import { openAICompatibleModelList } from "./openai-model-list";
import type { OpenAICompatibleOptions } from "./openai-quirks";
import { buildOpenAICompatibleRequest } from "./openai-request";
import { parseOpenAICompatibleResponse } from "./openai-response";
import { OpenAIStreamTranslator } from "./openai-stream";

/** An adapter for OpenAI or any server that speaks its chat-completions API. */
export function createOpenAICompatibleAdapter(options: OpenAICompatibleOptions): ProviderAdapter {
  return {
    kind: options.kind,
    modelList: openAICompatibleModelList(options),
    embeddings: openAICompatibleEmbeddings(options),
    buildRequest: (model, request, { stream }) =>
      buildOpenAICompatibleRequest(options, model, request, stream),
    parseResponse: (model, body) => parseOpenAICompatibleResponse(options, model, body),
    createStreamTranslator: (model, request) => new OpenAIStreamTranslator(options, model, request),
    parseError: (status, headers, bodyText) =>
      parseOpenAIError(options.displayName, status, headers, bodyText),
  };
}
