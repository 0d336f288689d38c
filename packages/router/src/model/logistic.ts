/** A logistic-regression model over sparse features, with its weights file format (zod). */
import { z } from "zod";
import type { SparseVector } from "../features/sink";

export const logisticWeightsSchema = z.object({
  format: z.literal("switchyard-logistic"),
  version: z.literal(1),
  name: z.string(),
  /** What the probability means, e.g. "P(strong model beats cheap model)". */
  target: z.string(),
  hashBits: z.number().int().min(4).max(22),
  /** Size of the weight vector (dense slots + hashed buckets). */
  size: z.number().int().positive(),
  denseNames: z.array(z.string()),
  /** Sparse storage: [index, weight] pairs for non-zero weights. */
  weights: z.array(z.tuple([z.number().int().nonnegative(), z.number()])),
  training: z.record(z.string(), z.unknown()),
});
export type LogisticWeights = z.infer<typeof logisticWeightsSchema>;

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function denseWeights(file: LogisticWeights): Float64Array {
  const weights = new Float64Array(file.size);
  for (const [index, value] of file.weights) {
    if (index >= file.size) throw new Error(`weight index ${index} outside size ${file.size}`);
    weights[index] = value;
  }
  return weights;
}

export function predictSparse(weights: Float64Array, vector: SparseVector): number {
  let total = 0;
  for (let i = 0; i < vector.indices.length; i++)
    total += (weights[vector.indices[i] ?? 0] ?? 0) * (vector.values[i] ?? 0);
  return sigmoid(total);
}
