import type { ModelInfo } from "@switchyard/core";
import type { ResponsesApi } from "../../types";
import type { OpenAICompatibleOptions } from "../openai-quirks";
import { toNativeResponsesBody } from "./native-request";
import { parseNativeResponse } from "./native-response";
import { NativeResponsesStreamTranslator } from "./native-stream";

export { responsesApiTakes, toNativeResponsesBody } from "./native-request";
export { parseNativeResponse } from "./native-response";
export { NativeResponsesStreamTranslator } from "./native-stream";

/** Where a model's Responses API is and what to send it: URL, the connection's headers, model id. */
export type ResponsesTarget = (model: ModelInfo) => {
  url: string;
  headers: Record<string, string>;
  upstreamName: string;
};

/** A server's own POST /v1/responses (OpenAI; Azure at /openai/v1/responses). */
export function nativeResponsesApi(
  options: OpenAICompatibleOptions,
  target: ResponsesTarget,
): ResponsesApi {
  return {
    buildRequest(model, request, { stream }) {
      const { url, headers, upstreamName } = target(model);
      headers["content-type"] = "application/json";
      headers.accept = stream ? "text/event-stream" : "application/json";
      const body = toNativeResponsesBody(model, upstreamName, request, stream);
      // Reasoning models take no sampling parameters here either.
      options.quirks.adjustBody?.(body, upstreamName);
      return { url, method: "POST", headers, body: JSON.stringify(body) };
    },
    parseResponse: (_model, body) => parseNativeResponse(options.displayName, body),
    createStreamTranslator: (_model, request) =>
      new NativeResponsesStreamTranslator(options.displayName, request),
  };
}
