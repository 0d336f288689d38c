/**
 * Deterministic logistic regression: AdaGrad over sparse examples with soft labels, sample
 * weights and L2, a seeded shuffle each epoch. Used offline by scripts/train.ts.
 */
import { type SparseVector, sigmoid } from "@switchyard/router/training";

export interface Example {
  x: SparseVector;
  /** Target in [0, 1] (soft labels allowed). */
  y: number;
  weight: number;
}

export interface TrainOptions {
  size: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

/** mulberry32: small, fast, seeded PRNG in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  const result = items.slice();
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = result[i] as T;
    result[i] = result[j] as T;
    result[j] = a;
  }
  return result;
}

export function trainLogistic(examples: readonly Example[], options: TrainOptions): Float64Array {
  const weights = new Float64Array(options.size);
  const squared = new Float64Array(options.size).fill(1e-8);
  const random = seededRandom(options.seed);
  const order = examples.map((_, i) => i);
  const l2PerExample = options.l2 / Math.max(1, examples.length);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const index of shuffle(order, random)) {
      const example = examples[index];
      if (!example) continue;
      const { indices, values } = example.x;
      let z = 0;
      for (let i = 0; i < indices.length; i++)
        z += (weights[indices[i] ?? 0] ?? 0) * (values[i] ?? 0);
      const error = (sigmoid(z) - example.y) * example.weight;
      for (let i = 0; i < indices.length; i++) {
        const k = indices[i] ?? 0;
        const w = weights[k] ?? 0;
        const gradient = error * (values[i] ?? 0) + (k === 0 ? 0 : l2PerExample * w);
        const g2 = (squared[k] ?? 0) + gradient * gradient;
        squared[k] = g2;
        weights[k] = w - (options.learningRate * gradient) / Math.sqrt(g2);
      }
    }
  }
  return weights;
}

/** Sparse [index, weight] pairs, rounded so the file is stable and small. */
export function compactWeights(weights: Float64Array, digits = 5): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < weights.length; i++) {
    const value = Number((weights[i] ?? 0).toPrecision(digits));
    if (value !== 0 && Math.abs(value) > 1e-6) pairs.push([i, value]);
  }
  return pairs;
}
