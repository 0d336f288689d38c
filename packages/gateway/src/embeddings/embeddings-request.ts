/**
 * POST /v1/embeddings (OpenAI's Embeddings API): the body checked with zod, bad input a 400 in
 * OpenAI's error shape naming the field.
 */
import { invalidRequest } from "@switchyard/core";
import { estimateTokens } from "@switchyard/providers";
import { z } from "zod";

/** OpenAI's limit on inputs per request. */
export const MAX_EMBEDDING_INPUTS = 2_048;

const text = z.string().min(1, "an input must not be an empty string");
const tokens = z.array(z.number().int().nonnegative()).min(1, "a token array must not be empty");
const bodySchema = z.object({
  model: z.string().min(1, "name the embedding model"),
  input: z.union([
    text,
    z.array(text).min(1).max(MAX_EMBEDDING_INPUTS),
    tokens,
    z.array(tokens).min(1).max(MAX_EMBEDDING_INPUTS),
  ]),
  dimensions: z.number().int().positive().max(65_536).optional(),
  encoding_format: z.enum(["float", "base64"]).optional(),
  user: z.string().max(256).optional(),
});

export interface EmbeddingsCall {
  model: string;
  /** Always a list: a single string (or token array) becomes one input. */
  inputs: string[] | number[][];
  dimensions: number | undefined;
  encoding: "float" | "base64";
  user: string | undefined;
  /** Input tokens as the gateway estimates them (what admission reserves for). */
  estimatedTokens: number;
}

export function parseEmbeddingsRequest(body: unknown): EmbeddingsCall {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = issue?.path.join(".") || null;
    throw invalidRequest(
      `Invalid embeddings request${param ? ` at '${param}'` : ""}: ${issue?.message ?? "invalid"}. Send { "model", "input": a string, a list of strings or of token arrays }.`,
      param,
    );
  }
  const { model, input, dimensions, encoding_format, user } = parsed.data;
  const inputs: string[] | number[][] =
    typeof input === "string"
      ? [input]
      : typeof input[0] === "number"
        ? [input as number[]]
        : (input as string[] | number[][]);
  let estimatedTokens = 0;
  for (const item of inputs)
    estimatedTokens += typeof item === "string" ? estimateTokens(item) : item.length;
  return { model, inputs, dimensions, encoding: encoding_format ?? "float", user, estimatedTokens };
}

/** A vector as OpenAI's base64 encoding: little-endian float32s. */
export function toBase64(vector: readonly number[]): string {
  const buffer = Buffer.allocUnsafe(vector.length * 4);
  for (let i = 0; i < vector.length; i++) buffer.writeFloatLE(vector[i] as number, i * 4);
  return buffer.toString("base64");
}
