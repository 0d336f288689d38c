import { type ApiKeyInfo, notFound } from "@switchyard/core";
import type { ConfigState } from "../config/config-state";
import { anthropicModelPage, toAnthropicModel, wantsAnthropicShape } from "./anthropic-models";
import { responseHeaders } from "./headers";
import { listModels } from "./models-list";
import type { GatewayRequest, GatewayResult } from "./types";

export const isModelsPath = (path: string): boolean =>
  path === "/v1/models" || path.startsWith("/v1/models/");

const safeDecode = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/**
 * GET /v1/models and GET /v1/models/{model_id}: OpenAI's shape, or Anthropic's (paged with
 * `limit`, `after_id`, `before_id`) for a caller that speaks Anthropic's API.
 */
export function answerModels(
  request: GatewayRequest,
  path: string,
  key: ApiKeyInfo,
  config: ConfigState,
): GatewayResult {
  const list = listModels(key, config);
  const anthropic = wantsAnthropicShape(request.headers);
  let body: unknown;
  if (path === "/v1/models") {
    body = anthropic ? anthropicModelPage(list.data, request.query ?? "") : list;
  } else {
    const id = safeDecode(path.slice("/v1/models/".length));
    const model = list.data.find((entry) => entry.id === id);
    if (model === undefined)
      throw notFound(
        `The model '${id}' does not exist or you do not have access to it.`,
        "model_not_found",
        "model",
      );
    body = anthropic ? toAnthropicModel(model) : model;
  }
  const overheadMs = performance.now() - request.receivedAt;
  return {
    kind: "json",
    status: 200,
    headers: responseHeaders(request, "none", "models", overheadMs, "json"),
    body: JSON.stringify(body),
  };
}
