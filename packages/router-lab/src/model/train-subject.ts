/**
 * Fits the subject model (multinomial naive Bayes, Laplace smoothing, uniform prior: the subject
 * mix of a held-out set says nothing about its text). Deterministic; used offline by train.ts.
 */
import type { SparseVector, SubjectModel, SubjectModelFile } from "@switchyard/router/training";

export interface SubjectExample {
  /** Prompt vector; only indices ≥ offset (the hashed block) are read. */
  x: SparseVector;
  label: string;
}

export interface SubjectTrainOptions {
  bits: number;
  offset: number;
  /** Laplace smoothing added to every bucket count. */
  smoothing: number;
  temperature: number;
}

export function trainSubjectModel(
  examples: readonly SubjectExample[],
  options: SubjectTrainOptions,
): SubjectModel {
  const names = [...new Set(examples.map((e) => e.label))].sort();
  const k = names.length;
  const buckets = 1 << options.bits;
  const mask = buckets - 1;
  const counts = new Float64Array(buckets * k);
  const totals = new Float64Array(k);
  const column = new Map(names.map((name, s) => [name, s]));
  for (const example of examples) {
    const s = column.get(example.label) ?? 0;
    for (let i = 0; i < example.x.indices.length; i++) {
      const index = example.x.indices[i] ?? 0;
      if (index < options.offset) continue;
      const value = example.x.values[i] ?? 0;
      const at = ((index - options.offset) & mask) * k + s;
      counts[at] = (counts[at] ?? 0) + value;
      totals[s] = (totals[s] ?? 0) + value;
    }
  }
  const table = new Float64Array(buckets * k);
  for (let b = 0; b < buckets; b++) {
    let mean = 0;
    for (let s = 0; s < k; s++) {
      const p =
        ((counts[b * k + s] ?? 0) + options.smoothing) /
        ((totals[s] ?? 0) + options.smoothing * buckets);
      table[b * k + s] = Math.log(p);
      mean += Math.log(p) / k;
    }
    // Centring per bucket changes every subject's score by the same amount: the softmax is unchanged.
    for (let s = 0; s < k; s++) table[b * k + s] = (table[b * k + s] ?? 0) - mean;
  }
  return { names, bits: options.bits, temperature: options.temperature, table };
}

/** The JSON form (values rounded: the file stays small and byte-stable). */
export function subjectModelFile(model: SubjectModel): SubjectModelFile {
  return {
    names: model.names.slice(),
    bits: model.bits,
    temperature: model.temperature,
    table: Array.from(model.table, (v) => Number(v.toFixed(3))),
  };
}
