/**
 * The learned strategy's decision. Candidates are ordered by price, cheapest first; q_i is
 * candidate i's predicted quality for this request (the artefact's, or the prior's). Relative
 * quality r_i = q_i / max_j q_j: the share of the best candidate's expected quality that i is
 * expected to deliver on this request. The choice is the cheapest candidate with
 * r_i ≥ minQuality; the best candidate has r = 1, so there always is one.
 */
import { priorLogit } from "./objective";

export interface RelativeChoice {
  /** Index into the price-ordered candidates. */
  index: number;
  relativeQuality: number;
}

export function chooseByRelativeQuality(
  qualities: ArrayLike<number>,
  minQuality: number,
): RelativeChoice {
  let best = 0;
  for (let i = 0; i < qualities.length; i++) best = Math.max(best, qualities[i] as number);
  if (!(best > 0)) return { index: 0, relativeQuality: 1 };
  for (let i = 0; i < qualities.length; i++) {
    const relativeQuality = (qualities[i] as number) / best;
    if (relativeQuality >= minQuality - 1e-12) return { index: i, relativeQuality };
  }
  return { index: qualities.length - 1, relativeQuality: 1 };
}

/**
 * How close the decision came to going another way: the smallest distance, over the candidates
 * other than the best, between a relative quality and minQuality (1 with a single candidate). A
 * request near 0 is one where a small error in the predictions changes the choice; one far from
 * it would be routed the same by any nearby estimate.
 */
export function decisionMargin(qualities: ArrayLike<number>, minQuality: number): number {
  let best = 0;
  for (let i = 0; i < qualities.length; i++) best = Math.max(best, qualities[i] as number);
  if (!(best > 0)) return 0;
  let margin = 1;
  for (let i = 0; i < qualities.length; i++) {
    const q = qualities[i] as number;
    if (q < best) margin = Math.min(margin, Math.abs(q / best - minQuality));
  }
  return margin;
}

/**
 * The cold-start prior, before the team has an artefact: the learner's own model with no
 * outcomes yet. Every candidate's bias is 0 (quality 0.5) and the shipped complexity classifier's
 * score c (high when the cheap model is likely to fail) weighs −1 on the cheapest candidate's
 * logit, 0 on the most expensive one's, interpolated by price rank between:
 * q_i = σ(−(1 − i/(k − 1))·logit c). With two candidates, q_cheap = 1 − c and q_strong = 0.5, so
 * the cheap model is chosen when c ≤ 1 − minQuality/2 (c ≤ 0.525 at minQuality 0.95): today's
 * classifier near its usual threshold. The first artefact starts from exactly this model
 * (objective.ts), so routing changes gradually as outcomes arrive.
 */
export function priorQualities(classifierScore: number, out: Float64Array, k: number): void {
  const z = priorLogit(classifierScore);
  for (let i = 0; i < k; i++) {
    const weight = k === 1 ? 0 : -(1 - i / (k - 1));
    out[i] = 1 / (1 + Math.exp(-weight * z));
  }
}
