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

/** Accumulates every candidate's sum and, optionally, the classifier's, from one extraction. */
class MultiDotSink implements FeatureSink {
  readonly totals: Float64Array;
  prior = 0;
  priorWeights: Float64Array | null = null;
  /** Extraction buckets fold onto the artefact's: index − DENSE_SLOTS masked to its hashBits. */
  mask = 0;
  constructor(
    private readonly weights: Float64Array,
    private readonly k: number,
  ) {
    this.totals = new Float64Array(k);
  }
  add(index: number, value: number): void {
    if (this.priorWeights !== null) this.prior += (this.priorWeights[index] ?? 0) * value;
    if (index === 0) return;
    const slot = index < DENSE_SLOTS ? index : DENSE_SLOTS + ((index - DENSE_SLOTS) & this.mask);
    const base = slot * this.k;
    for (let m = 0; m < this.k; m++)
      this.totals[m] = (this.totals[m] as number) + (this.weights[base + m] as number) * value;
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
      sink.totals.fill(0);
      sink.prior = 0;
      // Read the classifier in the same pass when its buckets fold onto ours.
      const fused = typeof prior !== "number" && prior.hashBits >= artefact.hashBits;
      sink.priorWeights = fused ? prior.weights : null;
      const hashBits = fused ? prior.hashBits : artefact.hashBits;
      sink.mask = buckets - 1;
      extractPromptFeatures(text, turns, sink, fused ? { hashBits } : own);
      let z = 0;
      if (fused) z = Math.max(-MAX_PRIOR_LOGIT, Math.min(MAX_PRIOR_LOGIT, sink.prior));
      else if (typeof prior === "number") z = Number.isNaN(prior) ? 0 : priorLogit(prior);
      for (let m = 0; m < k; m++)
        out[m] =
          (biases[m] as number) + (sink.totals[m] as number) + (priorWeights[m] as number) * z;
      for (const tag of tags) {
        const effects = tagEffects.get(tag);
        if (effects)
          for (let m = 0; m < k; m++) out[m] = (out[m] as number) + (effects[m] as number);
      }
      for (let m = 0; m < k; m++) out[m] = 1 / (1 + Math.exp(-(out[m] as number)));
    },
  };
}
