/**
 * "Test connection" for a model, and "import from the provider's list" for a connection: each one
 * real call through the model's provider adapter, answered in plain words (probe-call.ts).
 */
import type { ModelInfo, ProviderKind } from "@switchyard/core";
import {
  type ConnectionTarget,
  getProvider,
  type UpstreamModel,
  upstreamErrorReport,
} from "@switchyard/providers";
import { type ProbeOptions, type ProbeResponse, probeCall } from "./probe-call";

export type ConnectionTest =
  | { ok: true; latencyMs: number; reply: string; upstreamModel: string }
  | {
      ok: false;
      latencyMs: number | null;
      status: number | null;
      message: string;
      detail: string | null;
    };

const PROBE_PROMPT = "Reply with the word OK.";

/** What an HTTP error status means for a call on a connection, and what to check. */
function statusHint(status: number, model: string | null): string {
  if (status === 401 || status === 403)
    return "The provider refused the credential: check the connection's API key and its permissions.";
  if (status === 404)
    return model
      ? `The provider does not know the model "${model}", or the base URL is wrong: check the upstream id and the base URL.`
      : "Nothing at that address lists models: check the base URL (often ending in /v1).";
  if (status === 429)
    return "The provider is rate limiting this key: try again later or check its quota.";
  if (status === 400 || status === 422)
    return `The provider refused the request${model ? ` for "${model}"` : ""}: see its words below.`;
  return `The provider failed (HTTP ${status}): see its words below, or try again later.`;
}

function failed(
  kind: ProviderKind,
  response: Extract<ProbeResponse, { ok: false }>,
  model: string | null,
): Extract<ConnectionTest, { ok: false }> {
  let message = response.message;
  if (!message && response.status !== null) {
    const error = getProvider(kind).parseError(
      response.status,
      response.headers,
      response.detail ?? "",
    );
    const code = upstreamErrorReport(error)?.code;
    message = `${statusHint(response.status, model)}${code ? ` (code ${code})` : ""}`;
  }
  const { latencyMs, status, detail } = response;
  return { ok: false, latencyMs, status, message, detail };
}

/** Makes one small chat call to `model` (its provider, credential and upstream id). */
export async function testModelConnection(
  model: ModelInfo,
  options: ProbeOptions = {},
): Promise<ConnectionTest> {
  const adapter = getProvider(model.providerKind);
  let upstream: ReturnType<typeof adapter.buildRequest>;
  try {
    upstream = adapter.buildRequest(
      model,
      { model: model.name, messages: [{ role: "user", content: PROBE_PROMPT }], max_tokens: 16 },
      { stream: false },
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, latencyMs: null, status: null, message, detail: null };
  }
  const response = await probeCall(upstream, options);
  if (!response.ok) return failed(model.providerKind, response, model.upstreamName);
  try {
    const parsed = adapter.parseResponse(model, response.body);
    const content = parsed.choices[0]?.message.content;
    return {
      ok: true,
      latencyMs: response.latencyMs,
      reply: (typeof content === "string" ? content : "").slice(0, 200),
      upstreamModel: parsed.model || model.upstreamName,
    };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      latencyMs: response.latencyMs,
      status: response.status,
      message: `The provider answered, but not in the ${model.providerKind} format: ${why}`,
      detail: null,
    };
  }
}

export type UpstreamModelList =
  | { ok: true; models: UpstreamModel[]; latencyMs: number }
  | Extract<ConnectionTest, { ok: false }>;

/** The models a connection's provider lists (GET …/models), or why it could not be read. */
export async function listUpstreamModels(
  kind: ProviderKind,
  connection: ConnectionTarget,
  options: ProbeOptions = {},
): Promise<UpstreamModelList> {
  const listing = getProvider(kind).modelList;
  if (!listing)
    return {
      ok: false,
      latencyMs: null,
      status: null,
      message: `${kind} has no model list to import from: add its models by name.`,
      detail: null,
    };
  const response = await probeCall(listing.request(connection), options);
  if (!response.ok) return failed(kind, response, null);
  try {
    const models = listing.parse(response.body).sort((a, b) => a.id.localeCompare(b.id));
    return { ok: true, models, latencyMs: response.latencyMs };
  } catch {
    return {
      ok: false,
      latencyMs: response.latencyMs,
      status: response.status,
      message: `The provider answered, but not with a ${kind} model list: check the base URL.`,
      detail: null,
    };
  }
}
