import type { IncomingHttpHeaders } from "node:http";

/** The catalogue GET /v1/models (and Gemini's GET /v1beta/models) lists. Any model name is accepted. */
export const DEFAULT_MODELS: readonly string[] = [
  "gpt-4o",
  "gpt-4o-mini",
  "gpt-4.1",
  "gpt-4.1-mini",
  "gpt-4.1-nano",
  "o3-mini",
  "claude-sonnet-4-5",
  "claude-haiku-4-5",
  "claude-opus-4-1",
  "gemini-2.5-pro",
  "gemini-2.5-flash",
  "gemini-2.5-flash-lite",
];

const CREATED = 1_700_000_000;

/** OpenAI's list shape, or Anthropic's when the caller sends anthropic-version. */
export function modelList(models: readonly string[], headers: IncomingHttpHeaders): string {
  if (headers["anthropic-version"]) {
    const data = models.map((id) => ({
      type: "model",
      id,
      display_name: id,
      created_at: new Date(CREATED * 1000).toISOString(),
    }));
    return JSON.stringify({
      data,
      has_more: false,
      first_id: data[0]?.id ?? null,
      last_id: data.at(-1)?.id ?? null,
    });
  }
  return JSON.stringify({
    object: "list",
    data: models.map((id) => ({
      id,
      object: "model",
      created: CREATED,
      owned_by: "switchyard-mock",
    })),
  });
}

/** Gemini's models.list shape. */
export function geminiModelList(models: readonly string[]): string {
  return JSON.stringify({
    models: models.map((id) => ({
      name: `models/${id}`,
      version: "001",
      displayName: id,
      inputTokenLimit: 1_048_576,
      outputTokenLimit: 65_536,
      supportedGenerationMethods: ["generateContent", "countTokens"],
    })),
  });
}
