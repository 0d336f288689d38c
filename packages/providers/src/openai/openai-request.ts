import type { ChatCompletionRequest, ModelInfo } from "@switchyard/core";
import { z } from "zod";
import { stripCacheControl } from "../shared/cache-control";
import { takesReasoning } from "../shared/reasoning";
import { commonSettingsSchema, readSettings, trimSlash } from "../shared/settings";
import type { ConnectionTarget, UpstreamRequest } from "../types";
import type { OpenAICompatibleOptions } from "./openai-quirks";

export const openaiSettingsSchema = commonSettingsSchema.extend({
  organization: z.string().optional(),
  project: z.string().optional(),
});

/**
 * The upstream body is the client's body with `model` swapped for the upstream name, plus
 * stream_options.include_usage when streaming (so usage can be accounted), adjusted only by the
 * server's documented quirks. Anthropic's `cache_control` marks are removed unless the server
 * takes them (OpenRouter passes them on to the providers that cache).
 */
export function buildOpenAICompatibleBody(
  options: OpenAICompatibleOptions,
  model: ModelInfo,
  request: ChatCompletionRequest,
  stream: boolean,
): Record<string, unknown> {
  const { quirks } = options;
  const body: Record<string, unknown> = { ...request, model: model.upstreamName };
  if (quirks.maxTokensField === "max_tokens" && body.max_completion_tokens != null) {
    body.max_tokens ??= body.max_completion_tokens;
    delete body.max_completion_tokens;
  } else if (quirks.maxTokensField === "max_completion_tokens" && body.max_tokens != null) {
    body.max_completion_tokens ??= body.max_tokens;
    delete body.max_tokens;
  }
  if (stream) {
    body.stream = true;
    if (quirks.streamUsage === "stream_options") {
      body.stream_options = { ...(request.stream_options ?? {}), include_usage: true };
    } else {
      delete body.stream_options;
    }
  } else {
    delete body.stream;
    delete body.stream_options;
  }
  if (quirks.renameFields) {
    for (const [from, to] of Object.entries(quirks.renameFields)) {
      if (from in body) {
        body[to] = body[from];
        delete body[from];
      }
    }
  }
  if (!quirks.keepsCacheControl) stripCacheControl(body);
  // A reasoning effort only for models that take one (others reject the field).
  if (body.reasoning_effort != null && !takesReasoning(model)) delete body.reasoning_effort;
  if (quirks.dropFields) for (const field of quirks.dropFields) delete body[field];
  quirks.adjustBody?.(body, model.upstreamName);
  return body;
}

export function buildOpenAICompatibleRequest(
  options: OpenAICompatibleOptions,
  model: ModelInfo,
  request: ChatCompletionRequest,
  stream: boolean,
): UpstreamRequest {
  const headers = openAICompatibleHeaders(options, model);
  headers["content-type"] = "application/json";
  headers.accept = stream ? "text/event-stream" : "application/json";
  return {
    url: `${openAICompatibleBase(options, model)}/chat/completions`,
    method: "POST",
    headers,
    body: JSON.stringify(buildOpenAICompatibleBody(options, model, request, stream)),
  };
}

/** The connection's headers on every request: the server's own, auth, organization, settings. */
export function openAICompatibleHeaders(
  options: OpenAICompatibleOptions,
  target: ConnectionTarget,
): Record<string, string> {
  const settings = readSettings(openaiSettingsSchema, target.settings, target.name);
  const headers: Record<string, string> = { ...options.quirks.extraHeaders };
  if (target.apiKey) {
    Object.assign(
      headers,
      options.quirks.authHeaders
        ? options.quirks.authHeaders(target.apiKey)
        : { authorization: `Bearer ${target.apiKey}` },
    );
  }
  if (settings.organization) headers["openai-organization"] = settings.organization;
  if (settings.project) headers["openai-project"] = settings.project;
  if (settings.headers) Object.assign(headers, settings.headers);
  return headers;
}

/** The connection's base URL (with its version path, e.g. …/v1), without a trailing slash. */
export const openAICompatibleBase = (options: OpenAICompatibleOptions, target: ConnectionTarget) =>
  trimSlash(target.baseUrl || options.defaultBaseUrl);
