/**
 * POST {base}/embeddings (OpenAI's Embeddings API, served alike by OpenAI-compatible servers: vLLM,
 * Ollama, Together, Mistral, Fireworks…). Floats are always asked for: the gateway encodes base64
 * itself when its caller wants it, whatever the upstream.
 */
import type { ModelInfo } from "@switchyard/core";
import { SwitchyardError } from "@switchyard/core";
import { z } from "zod";
import type { EmbeddingsAdapter, EmbeddingsRequest, UpstreamRequest } from "../types";
import type { OpenAICompatibleOptions } from "./openai-quirks";
import { openAICompatibleBase, openAICompatibleHeaders } from "./openai-request";

const responseSchema = z.object({
  data: z.array(
    z.object({ index: z.number().int().nonnegative(), embedding: z.array(z.number()) }),
  ),
  model: z.string().optional(),
  usage: z.object({ prompt_tokens: z.number().int().nonnegative() }).partial().optional(),
});

/** The upstream body: the client's inputs and options, with the upstream's model name. */
export function embeddingsBody(upstreamName: string, request: EmbeddingsRequest) {
  return {
    model: upstreamName,
    input: request.input,
    encoding_format: "float",
    ...(request.dimensions !== undefined && { dimensions: request.dimensions }),
    ...(request.user !== undefined && { user: request.user }),
  };
}

/** Parses an OpenAI embeddings list: vectors back in input order, one per input. */
export function parseOpenAIEmbeddings(provider: string, body: unknown, inputs: number) {
  const parsed = responseSchema.safeParse(body);
  if (!parsed.success || parsed.data.data.length !== inputs) {
    throw new SwitchyardError(
      `${provider} returned an embeddings response that is not one vector per input.`,
      {
        status: 502,
        code: "bad_upstream_response",
        type: "api_error",
      },
    );
  }
  const vectors = new Array<number[]>(inputs);
  for (const item of parsed.data.data) vectors[item.index] = item.embedding;
  return {
    vectors: Array.from(vectors, (vector) => vector ?? []),
    inputTokens: parsed.data.usage?.prompt_tokens ?? null,
    model: parsed.data.model ?? null,
  };
}

export function openAICompatibleEmbeddings(options: OpenAICompatibleOptions): EmbeddingsAdapter {
  return {
    buildRequest(model: ModelInfo, request: EmbeddingsRequest): UpstreamRequest {
      const headers = openAICompatibleHeaders(options, model);
      headers["content-type"] = "application/json";
      headers.accept = "application/json";
      return {
        url: `${openAICompatibleBase(options, model)}/embeddings`,
        method: "POST",
        headers,
        body: JSON.stringify(embeddingsBody(model.upstreamName, request)),
      };
    },
    parseResponse: (_model, body, inputs) =>
      parseOpenAIEmbeddings(options.displayName, body, inputs),
  };
}
