/**
 * The subject model: multinomial naive Bayes over the prompt's hashed word unigrams and bigrams,
 * trained offline with the outcome files' subject (category) as the label. Its output, one
 * probability a subject, is a feature of the classifier and the scorer: the subject is the
 * strongest single cue for whether the cheap model will do, and callers do not send it.
 */
import { z } from "zod";
import type { SparseVector } from "../features/sink";

export const subjectModelSchema = z.object({
  names: z.array(z.string()).min(1),
  /** log2 of the number of hashed buckets read (the low bits of the prompt's hashed block). */
  bits: z.number().int().min(4).max(16),
  /** Scores are divided by this before the softmax (naive Bayes is over-confident). */
  temperature: z.number().positive(),
  /** Centred log P(bucket | subject), bucket-major: table[bucket · names.length + subject]. */
  table: z.array(z.number()),
});
export type SubjectModelFile = z.infer<typeof subjectModelSchema>;

export interface SubjectModel {
  readonly names: readonly string[];
  readonly bits: number;
  readonly temperature: number;
  readonly table: Float64Array;
}

export function loadSubjectModel(raw: unknown): SubjectModel {
  const file = subjectModelSchema.parse(raw);
  if (file.table.length !== file.names.length << file.bits)
    throw new Error(
      `subject model: table has ${file.table.length} values, expected ${file.names.length << file.bits}`,
    );
  return { ...file, table: Float64Array.from(file.table) };
}

/** Adds one hashed feature (bucket = its index within the hashed block) to per-subject scores. */
export function addToScores(
  model: SubjectModel,
  scores: Float64Array,
  bucket: number,
  value: number,
): void {
  const k = model.names.length;
  const base = (bucket & ((1 << model.bits) - 1)) * k;
  const table = model.table;
  for (let s = 0; s < k; s++) scores[s] = (scores[s] ?? 0) + (table[base + s] ?? 0) * value;
}

/** In place: scores → probabilities (tempered softmax). All-zero scores give a uniform vector. */
export function softmaxInPlace(scores: Float64Array, temperature: number): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let s = 0; s < scores.length; s++) max = Math.max(max, scores[s] ?? 0);
  let total = 0;
  for (let s = 0; s < scores.length; s++) {
    const e = Math.exp(((scores[s] ?? 0) - max) / temperature);
    scores[s] = e;
    total += e;
  }
  for (let s = 0; s < scores.length; s++) scores[s] = (scores[s] ?? 0) / total;
}

/** Subject probabilities of a prompt vector whose hashed block starts at `offset`. */
export function subjectProbabilities(
  model: SubjectModel,
  vector: SparseVector,
  offset: number,
): Float64Array {
  const scores = new Float64Array(model.names.length);
  for (let i = 0; i < vector.indices.length; i++) {
    const index = vector.indices[i] ?? 0;
    if (index >= offset) addToScores(model, scores, index - offset, vector.values[i] ?? 0);
  }
  softmaxInPlace(scores, model.temperature);
  return scores;
}
