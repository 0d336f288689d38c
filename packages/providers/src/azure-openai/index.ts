import { type ChatCompletionRequest, type ModelInfo, SwitchyardError } from "@switchyard/core";
import { z } from "zod";
import { createOpenAICompatibleAdapter } from "../openai";
import { embeddingsBody, parseOpenAIEmbeddings } from "../openai/openai-embeddings";
import type { OpenAICompatibleOptions } from "../openai/openai-quirks";
import { buildOpenAICompatibleBody } from "../openai/openai-request";
import { nativeResponsesApi } from "../openai/responses-api";
import { commonSettingsSchema, readSettings, trimSlash } from "../shared/settings";
import type { EmbeddingsAdapter, ProviderAdapter, UpstreamRequest } from "../types";

/**
 * Azure OpenAI: https://{resource}.openai.azure.com/openai/deployments/{deployment}/chat/completions
 * ?api-version=… with an `api-key` header. With apiVersion "v1" it uses the newer
 * /openai/v1/chat/completions route (no api-version, `model` names the deployment). The Responses
 * API is at /openai/v1/responses whatever the apiVersion.
 */
export const AZURE_DEFAULT_API_VERSION = "2024-10-21";

export const azureSettingsSchema = commonSettingsSchema.extend({
  /** Deployment name; defaults to the model's upstream name. */
  deployment: z.string().min(1).optional(),
  apiVersion: z.string().min(1).optional(),
  /** Send the credential as `authorization: Bearer` (a Microsoft Entra token) instead of api-key. */
  useBearerToken: z.boolean().optional(),
});

const options: OpenAICompatibleOptions = {
  kind: "azure-openai",
  displayName: "Azure OpenAI",
  defaultBaseUrl: "",
  quirks: { maxTokensField: "as-sent", streamUsage: "stream_options" },
};

/** Where a deployment's operation lives, and the connection's headers. */
function azureTarget(model: ModelInfo, operation: "chat/completions" | "embeddings" | "responses") {
  const settings = readSettings(azureSettingsSchema, model.settings, model.name);
  const base = trimSlash(model.baseUrl);
  if (base === "") {
    throw new SwitchyardError(
      `Model ${model.name}: an Azure OpenAI connection needs its resource URL as base URL`,
      { status: 500, code: "invalid_model_settings", type: "api_error" },
    );
  }
  const deployment = settings.deployment ?? model.upstreamName;
  const apiVersion = settings.apiVersion ?? AZURE_DEFAULT_API_VERSION;
  // The Responses API is served only on the v1 route, the deployment named in the body.
  const url =
    apiVersion === "v1" || operation === "responses"
      ? `${base}/openai/v1/${operation}`
      : `${base}/openai/deployments/${encodeURIComponent(deployment)}/${operation}?api-version=${encodeURIComponent(apiVersion)}`;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (model.apiKey) {
    if (settings.useBearerToken) headers.authorization = `Bearer ${model.apiKey}`;
    else headers["api-key"] = model.apiKey;
  }
  if (settings.headers) Object.assign(headers, settings.headers);
  return { url, headers, deployment };
}

function buildAzureRequest(
  model: ModelInfo,
  request: ChatCompletionRequest,
  stream: boolean,
): UpstreamRequest {
  const { url, headers, deployment } = azureTarget(model, "chat/completions");
  headers.accept = stream ? "text/event-stream" : "application/json";
  const deployedModel = { ...model, upstreamName: deployment };
  return {
    url,
    method: "POST",
    headers,
    body: JSON.stringify(buildOpenAICompatibleBody(options, deployedModel, request, stream)),
  };
}

const azureEmbeddings: EmbeddingsAdapter = {
  buildRequest(model, request) {
    const { url, headers, deployment } = azureTarget(model, "embeddings");
    headers.accept = "application/json";
    return {
      url,
      method: "POST",
      headers,
      body: JSON.stringify(embeddingsBody(deployment, request)),
    };
  },
  parseResponse: (_model, body, inputs) => parseOpenAIEmbeddings("Azure OpenAI", body, inputs),
};

// Azure serves deployments, which its data-plane API does not list: no modelList, models are
// added by name.
const { modelList: _openAIList, ...base } = createOpenAICompatibleAdapter(options);

export const azureOpenAIAdapter: ProviderAdapter = {
  ...base,
  buildRequest: (model, request, { stream }) => buildAzureRequest(model, request, stream),
  embeddings: azureEmbeddings,
  responsesApi: nativeResponsesApi(options, (model) => {
    const { url, headers, deployment } = azureTarget(model, "responses");
    return { url, headers, upstreamName: deployment };
  }),
};
