/**
 * The artefact loaded for decisions: every candidate's weights interleaved in one array, so one
 * pass of feature extraction adds each feature to all candidates' sums, and, when the classifier
 * prior is a linear model over the same features, to its sum too. No allocation per call.
 */
import type { LinearPrompt } from "../classifier/complexity-classifier";
import { DENSE_SLOTS, extractPromptFeatures } from "../features/prompt-features";
import type { FeatureSink } from "../features/sink";
import type { LearnedRouter } from "./artefact";
import { priorLogit } from "./objective";
import { unpackWeights } from "./weights-codec";

/**
 * The classifier prior for one prediction: its score (NaN when unknown: counts as 0.5), or the
 * classifier's linear model, read in the same feature pass.
 */
export type PriorInput = number | LinearPrompt;

export interface LearnedModel {
  readonly id: string;
  readonly models: readonly string[];
  /** True when predictions read the classifier prior (some candidate weighs it). */
  readonly usesPrior: boolean;
  /** Writes each candidate's predicted quality, in `models` order, into `out`. */
  predict(
    text: string,
    turns: number,
    tags: readonly string[],
    prior: PriorInput,
    out: Float64Array,
  ): void;
}

/**
 * Accumulates every candidate's sum and, optionally, the classifier's, from one extraction. The
 * first four candidates' sums are fields (registers in the hot loop), the rest an array.
 */
class MultiDotSink implements FeatureSink {
  t0 = 0;
  t1 = 0;
  t2 = 0;
  t3 = 0;
  readonly rest: Float64Array;
  prior = 0;
  priorWeights: Float64Array | null = null;
  /** Extraction buckets fold onto the artefact's: index − DENSE_SLOTS masked to its hashBits. */
  mask = 0;
  constructor(
    private readonly weights: Float64Array,
    private readonly k: number,
  ) {
    this.rest = new Float64Array(Math.max(0, k - 4));
  }
  reset(priorWeights: Float64Array | null, mask: number): void {
    this.t0 = 0;
    this.t1 = 0;
    this.t2 = 0;
    this.t3 = 0;
    this.rest.fill(0);
    this.prior = 0;
    this.priorWeights = priorWeights;
    this.mask = mask;
  }
  add(index: number, value: number): void {
    if (this.priorWeights !== null) this.prior += (this.priorWeights[index] as number) * value;
    if (index === 0) return;
    const slot = index < DENSE_SLOTS ? index : DENSE_SLOTS + ((index - DENSE_SLOTS) & this.mask);
    const k = this.k;
    const w = this.weights;
    const base = slot * k;
    this.t0 += (w[base] as number) * value;
    if (k > 1) this.t1 += (w[base + 1] as number) * value;
    if (k > 2) this.t2 += (w[base + 2] as number) * value;
    if (k > 3) this.t3 += (w[base + 3] as number) * value;
    for (let m = 4; m < k; m++)
      this.rest[m - 4] = (this.rest[m - 4] as number) + (w[base + m] as number) * value;
  }
  total(m: number): number {
    if (m === 0) return this.t0;
    if (m === 1) return this.t1;
    if (m === 2) return this.t2;
    if (m === 3) return this.t3;
    return this.rest[m - 4] as number;
  }
}

const MAX_PRIOR_LOGIT = priorLogit(1);

export function loadLearnedModel(artefact: LearnedRouter): LearnedModel {
  const k = artefact.models.length;
  const buckets = 1 << artefact.hashBits;
  const width = DENSE_SLOTS + buckets;
  const weights = new Float64Array(width * k);
  const biases = new Float64Array(k);
  const priorWeights = Float64Array.from(artefact.weights, (entry) => entry.prior);
  artefact.weights.forEach((entry, m) => {
    biases[m] = entry.bias;
    entry.dense.forEach((value, slot) => {
      weights[slot * k + m] = value;
    });
    const hashed = unpackWeights(entry.hashed, buckets);
    for (let j = 0; j < buckets; j++) weights[(DENSE_SLOTS + j) * k + m] = hashed[j] as number;
  });
  const tagEffects = new Map<string, Float64Array>();
  for (const [tag, effects] of Object.entries(artefact.tags))
    tagEffects.set(tag, Float64Array.from(effects));
  const sink = new MultiDotSink(weights, k);
  const own = { hashBits: artefact.hashBits };
  return {
    id: artefact.id,
    models: artefact.models,
    usesPrior: priorWeights.some((weight) => weight !== 0),
    predict(text, turns, tags, prior, out) {
      // Read the classifier in the same pass when its buckets fold onto ours.
      const fused = typeof prior !== "number" && prior.hashBits >= artefact.hashBits;
      sink.reset(fused ? prior.weights : null, buckets - 1);
      const hashBits = fused ? prior.hashBits : artefact.hashBits;
      extractPromptFeatures(text, turns, sink, fused ? { hashBits } : own);
      let z = 0;
      if (fused) z = Math.max(-MAX_PRIOR_LOGIT, Math.min(MAX_PRIOR_LOGIT, sink.prior));
      else if (typeof prior === "number") z = Number.isNaN(prior) ? 0 : priorLogit(prior);
      for (let m = 0; m < k; m++)
        out[m] = (biases[m] as number) + sink.total(m) + (priorWeights[m] as number) * z;
      for (const tag of tags) {
        const effects = tagEffects.get(tag);
        if (effects)
          for (let m = 0; m < k; m++) out[m] = (out[m] as number) + (effects[m] as number);
      }
      for (let m = 0; m < k; m++) out[m] = 1 / (1 + Math.exp(-(out[m] as number)));
    },
  };
}
