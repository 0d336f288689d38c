import type { ProviderAdapter } from "../types";
import { geminiEmbeddings } from "./gemini-embeddings";
import { parseGeminiError } from "./gemini-error";
import { geminiModelList } from "./gemini-model-list";
import { buildGeminiRequest } from "./gemini-request";
import { parseGeminiResponse } from "./gemini-response";
import { GeminiStreamTranslator } from "./gemini-stream";

export { GEMINI_DEFAULT_BASE_URL, toGeminiRequest } from "./gemini-request";
export { mapGeminiFinishReason } from "./gemini-response";

/** Google Gemini API (generateContent / streamGenerateContent?alt=sse, x-goog-api-key). */
export const geminiAdapter: ProviderAdapter = {
  kind: "gemini",
  modelList: geminiModelList,
  embeddings: geminiEmbeddings,
  buildRequest: (model, request, { stream }) => buildGeminiRequest(model, request, stream),
  parseResponse: parseGeminiResponse,
  createStreamTranslator: (model, request) => new GeminiStreamTranslator(model, request),
  parseError: parseGeminiError,
};
