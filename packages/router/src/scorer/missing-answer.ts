/**
 * A cascade with no answer to read (the cheap call returned no text, or an outcome file did not
 * record it) falls back on the classifier's pre-call view: the classifier's score is mapped, by
 * rank, onto the scorer's scale, so the cascade escalates the same share of requests as it does
 * with answers, and it picks them as the classifier would (highest complexity first).
 */
import { z } from "zod";

export const missingAnswerSchema = z.object({
  /** Ascending quantiles of the classifier's score on the training prompts. */
  classifierQuantiles: z.array(z.number()).min(2),
  /** Ascending quantiles of the scorer's answer score on the same prompts. */
  answerQuantiles: z.array(z.number()).min(2),
});
export type MissingAnswerMap = z.infer<typeof missingAnswerSchema>;

/** `count` + 1 evenly spaced quantiles (0 … 1) of `values`. */
export function quantiles(values: readonly number[], count = 100): number[] {
  const sorted = values.slice().sort((a, b) => a - b);
  if (sorted.length === 0) throw new Error("quantiles of an empty list");
  return Array.from({ length: count + 1 }, (_, i) => {
    const at = (i / count) * (sorted.length - 1);
    const low = Math.floor(at);
    const high = Math.min(sorted.length - 1, low + 1);
    return (
      (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (at - low)
    );
  });
}

/** Share of the distribution at or below x, interpolated between quantiles, in [0, 1]. */
export function rankOf(sortedQuantiles: readonly number[], x: number): number {
  const n = sortedQuantiles.length - 1;
  if (x <= (sortedQuantiles[0] as number)) return 0;
  if (x >= (sortedQuantiles[n] as number)) return 1;
  let low = 0;
  let high = n;
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if ((sortedQuantiles[mid] as number) <= x) low = mid;
    else high = mid;
  }
  const a = sortedQuantiles[low] as number;
  const b = sortedQuantiles[high] as number;
  return (low + (b > a ? (x - a) / (b - a) : 0)) / n;
}

/** Value at rank p in [0, 1], interpolated between quantiles. */
export function valueAt(sortedQuantiles: readonly number[], p: number): number {
  const n = sortedQuantiles.length - 1;
  const at = Math.max(0, Math.min(1, p)) * n;
  const low = Math.floor(at);
  const high = Math.min(n, low + 1);
  const a = sortedQuantiles[low] as number;
  return a + ((sortedQuantiles[high] as number) - a) * (at - low);
}

/** The answer score standing in for a missing answer: the more complex the prompt, the lower. */
export function missingAnswerScore(map: MissingAnswerMap, complexity: number): number {
  return valueAt(map.answerQuantiles, 1 - rankOf(map.classifierQuantiles, complexity));
}

/** No answer to read: null, or only white space. */
export const isMissingAnswer = (answer: string | null): answer is null =>
  answer === null || answer.trim() === "";
