/**
 * The learner's model and objective. For each candidate m and request x with tags t:
 *
 *   logit q_m(x) = b_m + (s + o_m) · φ(x)
 *
 * where φ(x) = the prompt's dense cues, its hashed word unigrams + bigrams (folded to 2^hashBits
 * buckets), one indicator per known tag and the classifier prior's logit (the shipped
 * complexity classifier's score when the outcome was observed); s is shared by every candidate (how hard the request
 * is for everyone) and o_m is the candidate's own deviation (what it does better or worse than
 * the others). The loss is the cross-entropy of the grade (a soft label in [0, 1]) summed over
 * the graded (request, candidate) pairs, plus Gaussian priors (L2) on every weight: the summed
 * loss means a weight with few outcomes behind it stays near its prior mean (a tag seen twice is
 * shrunk toward the global estimate) and the data wins as outcomes accumulate. The classifier
 * prior's weight starts from what the classifier means (−1 for the cheapest candidate, 0 for the
 * most expensive, interpolated by price rank: a high score means the cheap one fails), so with
 * few outcomes the learned router ranks requests like the cold-start prior, and the team's
 * outcomes decide how far to trust it.
 */
import { DENSE_SLOTS } from "../features/prompt-features";
import type { Objective } from "./lbfgs";
import type { Outcome } from "./outcome";

export interface Penalties {
  /** Precision (1/variance) of each group's Gaussian prior, on the logit scale. */
  bias: number;
  sharedDense: number;
  ownDense: number;
  sharedHashed: number;
  ownHashed: number;
  sharedTag: number;
  ownTag: number;
  /** The classifier prior's weight (own block; its shared weight stays at 0). */
  classifier: number;
}

export interface Layout {
  models: readonly string[];
  hashBits: number;
  tags: readonly string[];
  /** dense + hashed + tags: the size of one block (shared, then one per model). */
  blockSize: number;
  hashedStart: number;
  tagStart: number;
  /** The classifier prior's slot (last in each block). */
  priorSlot: number;
  /** Index of block b's first weight (b = 0 shared, 1 + m for model m). */
  blockStart(block: number): number;
  size: number;
}

export function layoutOf(
  models: readonly string[],
  hashBits: number,
  tags: readonly string[],
): Layout {
  const hashedStart = DENSE_SLOTS;
  const tagStart = DENSE_SLOTS + (1 << hashBits);
  const priorSlot = tagStart + tags.length;
  const blockSize = priorSlot + 1;
  const k = models.length;
  return {
    models,
    hashBits,
    tags,
    blockSize,
    hashedStart,
    tagStart,
    priorSlot,
    blockStart: (block) => k + block * blockSize,
    size: k + (k + 1) * blockSize,
  };
}

/** One request's features in block coordinates, and its graded candidates. */
export interface DesignRow {
  indices: Int32Array;
  values: Float64Array;
  models: Int32Array;
  grades: Float64Array;
  weight: number;
}

/** Folds outcome features (2^14 buckets) to the layout's buckets and appends tag indicators. */
export function designRow(
  outcome: Outcome,
  layout: Layout,
  tagIndex: ReadonlyMap<string, number>,
): DesignRow | null {
  const mask = (1 << layout.hashBits) - 1;
  const indices: number[] = [];
  const values: number[] = [];
  const { indices: rawIndices, values: rawValues } = outcome.features;
  for (let i = 0; i < rawIndices.length; i++) {
    const index = rawIndices[i] as number;
    // Slot 0 is the cues' constant: each candidate's bias b_m plays that part.
    if (index === 0) continue;
    indices.push(index < DENSE_SLOTS ? index : DENSE_SLOTS + ((index - DENSE_SLOTS) & mask));
    values.push(rawValues[i] ?? 0);
  }
  for (const tag of outcome.tags) {
    const t = tagIndex.get(tag);
    if (t !== undefined) {
      indices.push(layout.tagStart + t);
      values.push(1);
    }
  }
  if (outcome.prior !== undefined) {
    indices.push(layout.priorSlot);
    values.push(priorLogit(outcome.prior));
  }
  const models: number[] = [];
  const grades: number[] = [];
  layout.models.forEach((model, m) => {
    const grade = outcome.grades[model];
    if (grade) {
      models.push(m);
      grades.push(grade.quality);
    }
  });
  if (models.length === 0) return null;
  return {
    indices: Int32Array.from(indices),
    values: Float64Array.from(values),
    models: Int32Array.from(models),
    grades: Float64Array.from(grades),
    weight: outcome.weight ?? 1,
  };
}

/** The classifier prior as a feature: its score's logit, clamped to [0.01, 0.99]. */
export const priorLogit = (score: number) => {
  const c = Math.min(0.99, Math.max(0.01, score));
  return Math.log(c / (1 - c));
};

const softplus = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Per-weight prior precision and mean for the layout. */
export function priors(layout: Layout, penalties: Penalties, biasMeans: readonly number[]) {
  const precision = new Float64Array(layout.size);
  const mean = new Float64Array(layout.size);
  const k = layout.models.length;
  for (let m = 0; m < k; m++) {
    precision[m] = penalties.bias;
    mean[m] = biasMeans[m] ?? 0;
  }
  for (let block = 0; block <= k; block++) {
    const start = layout.blockStart(block);
    const shared = block === 0;
    for (let j = 0; j < layout.blockSize; j++) {
      precision[start + j] =
        j < layout.hashedStart
          ? shared
            ? penalties.sharedDense
            : penalties.ownDense
          : j < layout.tagStart
            ? shared
              ? penalties.sharedHashed
              : penalties.ownHashed
            : shared
              ? penalties.sharedTag
              : penalties.ownTag;
    }
    const prior = start + layout.priorSlot;
    if (shared) precision[prior] = 1e3;
    else {
      const m = block - 1;
      precision[prior] = penalties.classifier;
      mean[prior] = k === 1 ? 0 : -(1 - m / (k - 1));
    }
  }
  return { precision, mean };
}

export function objective(
  rows: readonly DesignRow[],
  layout: Layout,
  prior: { precision: Float64Array; mean: Float64Array },
): Objective {
  const sharedStart = layout.blockStart(0);
  const k = layout.models.length;
  const blockSize = layout.blockSize;
  return {
    evaluate(x, gradient) {
      let value = 0;
      for (let j = 0; j < x.length; j++) {
        const delta = (x[j] as number) - (prior.mean[j] as number);
        const precision = prior.precision[j] as number;
        value += 0.5 * precision * delta * delta;
        gradient[j] = precision * delta;
      }
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r] as DesignRow;
        const { indices, values } = row;
        const n = indices.length;
        let sharedGradient = 0;
        for (let e = 0; e < row.models.length; e++) {
          const m = row.models[e] as number;
          const own = k + (1 + m) * blockSize;
          let z = x[m] as number;
          for (let i = 0; i < n; i++) {
            const j = indices[i] as number;
            z += ((x[sharedStart + j] as number) + (x[own + j] as number)) * (values[i] as number);
          }
          const y = row.grades[e] as number;
          value += row.weight * (softplus(z) - y * z);
          const g = row.weight * (sigmoid(z) - y);
          gradient[m] = (gradient[m] as number) + g;
          for (let i = 0; i < n; i++) {
            const j = own + (indices[i] as number);
            gradient[j] = (gradient[j] as number) + g * (values[i] as number);
          }
          sharedGradient += g;
        }
        for (let i = 0; i < n; i++) {
          const j = sharedStart + (indices[i] as number);
          gradient[j] = (gradient[j] as number) + sharedGradient * (values[i] as number);
        }
      }
      return value;
    },
  };
}

/** logit q_m for one design row under weights x (the same sum the runtime computes). */
export function predictRow(
  x: Float64Array,
  layout: Layout,
  row: { indices: Int32Array; values: Float64Array },
  m: number,
): number {
  const shared = layout.blockStart(0);
  const own = layout.blockStart(1 + m);
  let z = x[m] as number;
  for (let i = 0; i < row.indices.length; i++) {
    const j = row.indices[i] as number;
    z += ((x[shared + j] as number) + (x[own + j] as number)) * (row.values[i] as number);
  }
  return sigmoid(z);
}
