/**
 * Deterministic embeddings in OpenAI's shape (POST /v1/embeddings, Azure's deployment path) and
 * Gemini's (POST /v1beta/models/{model}:batchEmbedContents): the same text and model always give
 * the same unit vector, so tests need no network. `dimensions` / `outputDimensionality` set the
 * length (default 64). The model name's `mock-error-N` control answers with that status. Beside
 * them, Anthropic's count_tokens (answerCountTokens).
 */
import type { IncomingHttpHeaders } from "node:http";
import { parseControls } from "./controls";
import type { Dialect } from "./dialect";
import { geminiDialect } from "./gemini";
import { createRandom, hashString } from "./hash";
import { azureDialect, openAIDialect } from "./openai";
import { countTokens } from "./tokens";

const DEFAULT_DIMENSIONS = 64;
const OPENAI_PATHS = new Set(["/v1/embeddings", "/embeddings", "/openai/v1/embeddings"]);
const AZURE_PATH = /^\/openai\/deployments\/([^/]+)\/embeddings$/;
const GEMINI_PATH = /^\/v1(?:beta)?\/models\/([^/:]+):batchEmbedContents$/;

/** A unit vector for `text` under `model`. */
export function mockEmbedding(model: string, text: string, dimensions: number): number[] {
  const random = createRandom(hashString(`${model}\u0000${text}`));
  const values = Array.from({ length: dimensions }, () => random.next() * 2 - 1);
  const norm = Math.sqrt(values.reduce((sum, value) => sum + value * value, 0)) || 1;
  return values.map((value) => value / norm);
}

export interface EmbeddingsRoute {
  dialect: Dialect;
  /** The model the path names (Azure deployments, Gemini); undefined: the body names it. */
  pathModel: string | undefined;
  gemini: boolean;
}

export function embeddingsRoute(method: string, path: string): EmbeddingsRoute | undefined {
  if (method !== "POST") return undefined;
  if (OPENAI_PATHS.has(path))
    return { dialect: openAIDialect, pathModel: undefined, gemini: false };
  const azure = AZURE_PATH.exec(path);
  if (azure)
    return { dialect: azureDialect, pathModel: decodeURIComponent(azure[1] ?? ""), gemini: false };
  const gemini = GEMINI_PATH.exec(path);
  if (gemini)
    return { dialect: geminiDialect, pathModel: decodeURIComponent(gemini[1] ?? ""), gemini: true };
  return undefined;
}

const dimensionsOf = (value: unknown) =>
  typeof value === "number" && Number.isInteger(value) && value > 0 && value <= 4096
    ? value
    : DEFAULT_DIMENSIONS;

const textOf = (input: unknown): string =>
  typeof input === "string" ? input : Array.isArray(input) ? input.join(" ") : "";

/** The answer to an embeddings request: status and JSON body. */
export function answerEmbeddings(
  route: EmbeddingsRoute,
  body: unknown,
  headers: IncomingHttpHeaders,
): { status: number; body: string } {
  const fail = (status: number, message: string) => {
    const rendered = route.dialect.error(status, message);
    return { status: rendered.status, body: rendered.body };
  };
  const request = (body ?? {}) as Record<string, unknown>;
  if (route.gemini) {
    const requests = Array.isArray(request.requests) ? request.requests : null;
    if (!requests || requests.length === 0) return fail(400, "requests must be a non-empty list");
    const model = route.pathModel ?? "";
    const status = parseControls(model, headers, {
      delayMs: 0,
      chunkDelayMs: 0,
      chunks: 1,
    }).errorStatus;
    if (status !== undefined) return fail(status, "");
    const embeddings = requests.map((item: Record<string, unknown>) => {
      const parts = (item?.content as { parts?: { text?: string }[] } | undefined)?.parts ?? [];
      const text = parts.map((part) => part.text ?? "").join("");
      return { values: mockEmbedding(model, text, dimensionsOf(item?.outputDimensionality)) };
    });
    return { status: 200, body: JSON.stringify({ embeddings }) };
  }
  const model = route.pathModel ?? (typeof request.model === "string" ? request.model : "");
  if (!model) return fail(400, "you must provide a model parameter");
  const inputs = typeof request.input === "string" ? [request.input] : request.input;
  if (!Array.isArray(inputs) || inputs.length === 0)
    return fail(400, "'input' must be a non-empty string or array");
  const status = parseControls(model, headers, {
    delayMs: 0,
    chunkDelayMs: 0,
    chunks: 1,
  }).errorStatus;
  if (status !== undefined) return fail(status, "");
  const dimensions = dimensionsOf(request.dimensions);
  const texts = inputs.map(textOf);
  const tokens = texts.reduce((sum, text) => sum + countTokens(text.length), 0);
  return {
    status: 200,
    body: JSON.stringify({
      object: "list",
      data: texts.map((text, index) => ({
        object: "embedding",
        index,
        embedding: mockEmbedding(model, text, dimensions),
      })),
      model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    }),
  };
}
