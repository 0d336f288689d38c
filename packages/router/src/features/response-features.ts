/**
 * Features of a model's answer for the cascade's quality scorer: a clearly stated final answer,
 * truncation, hedging, refusals, self-corrections, length against the prompt, self-consistency of
 * the final number and whether the written-out arithmetic is right.
 */
import { checkArithmetic } from "./arithmetic";
import type { FeatureSink } from "./sink";

export const RESPONSE_SLOTS = 30;
export const responseDenseNames: readonly string[] = [
  "has_response",
  "log_chars",
  "final_answer_stated",
  "choice_letter_stated",
  "conflicting_letters",
  "no_terminal_punctuation",
  "unbalanced_brackets",
  "log_calculations",
  "log_wrong_calculations",
  "wrong_calculation_share",
  "hedges",
  "refusal",
  "length_vs_prompt",
  "final_number_repeated",
  "log_numbers",
  "log_lines",
  "self_corrections",
  "approximations",
  "fractional_final_number",
  "negative_final_number",
  "short_answer",
  "prompt_number_coverage",
  "final_vs_prompt_magnitude",
  "final_number_in_prompt",
  "calculations_per_prompt_number",
  "final_answer_disagrees",
  "annotation_mismatch",
  "approximate_ending",
];

const finalAnswer = /answer is|final answer|answer:|####|\\boxed|therefore|thus|so the answer/i;
const choiceLetter = /answer is:?\s*\(?([A-J])\)?/gi;
const hedge =
  /\b(not sure|unclear|uncertain|might|may be|perhaps|possibly|cannot be determined|it seems|i think|i believe|assum\w*)\b/gi;
const refusal =
  /\b(i cannot|i can't|i'm sorry|i am sorry|as an ai|unable to (answer|provide|determine)|not possible to determine|insufficient information)\b/i;
const selfCorrection =
  /\b(wait|actually|mistake|re-?evaluat\w*|correction|let me re\w*|recalculat\w*|however)\b/gi;
const approximation = /\b(approximately|roughly|about|around|estimate\w*)\b|≈/gi;
const numberPattern = /-?\d[\d,]*(?:\.\d+)?/g;
const statedFinal = /(?:####|answer is:?|\\boxed\{)\s*\$?\s*(-?\d[\d,]*(?:\.\d+)?)/i;
const annotation = /<<[^<>]*=\s*(-?\d[\d,]*(?:\.\d+)?)>>\s*\$?(-?\d[\d,]*(?:\.\d+)?)?/g;
const approximateEnding = /approx|about|round|nearest/i;
const plain = (value: string) => Number(value.replace(/,/g, ""));

function countMatches(text: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  let count = 0;
  while (pattern.exec(text) !== null) count++;
  return count;
}

/** Writes the answer's features at `offset` (RESPONSE_SLOTS slots). */
export function extractResponseFeatures(
  response: string | null,
  prompt: string,
  sink: FeatureSink,
  offset: number,
): void {
  if (response === null) return;
  const text = response.trim();
  if (text === "") return;
  sink.add(offset, 1);
  sink.add(offset + 1, Math.log1p(text.length) / 8);
  if (finalAnswer.test(text)) sink.add(offset + 2, 1);
  const letters = new Set<string>();
  for (const match of text.matchAll(choiceLetter)) letters.add((match[1] ?? "").toUpperCase());
  if (letters.size > 0) sink.add(offset + 3, 1);
  if (letters.size > 1) sink.add(offset + 4, 1);
  const lastChar = text.charAt(text.length - 1);
  if (text.length > 0 && !/[.!?)\]"'*$}>]/.test(lastChar)) sink.add(offset + 5, 1);
  if (countMatches(text, /<</g) !== countMatches(text, />>/g)) sink.add(offset + 6, 1);
  const arithmetic = checkArithmetic(text);
  sink.add(offset + 7, Math.log1p(arithmetic.checked) / 2);
  sink.add(offset + 8, Math.log1p(arithmetic.wrong));
  if (arithmetic.checked > 0) sink.add(offset + 9, arithmetic.wrong / arithmetic.checked);
  sink.add(offset + 10, Math.log1p(countMatches(text, hedge)));
  if (refusal.test(text)) sink.add(offset + 11, 1);
  sink.add(offset + 12, Math.log1p(text.length) - Math.log1p(prompt.length));
  const numbers = text.match(numberPattern) ?? [];
  const lastNumber = numbers[numbers.length - 1];
  if (lastNumber !== undefined) {
    let repeats = 0;
    for (const value of numbers) if (value === lastNumber) repeats++;
    if (repeats >= 2) sink.add(offset + 13, 1);
    const value = Number(lastNumber.replace(/,/g, ""));
    if (!Number.isInteger(value)) sink.add(offset + 18, 1);
    if (value < 0) sink.add(offset + 19, 1);
  }
  sink.add(offset + 14, Math.log1p(numbers.length) / 3);
  sink.add(offset + 15, Math.log1p(countMatches(text, /\n/g)) / 3);
  sink.add(offset + 16, Math.log1p(countMatches(text, selfCorrection)));
  sink.add(offset + 17, Math.log1p(countMatches(text, approximation)));
  if (text.length < 40) sink.add(offset + 20, 1);
  const stated = statedFinal.exec(text);
  if (stated?.[1] !== undefined) {
    const before = text.slice(0, stated.index).match(numberPattern);
    const previous = before?.[before.length - 1];
    if (previous !== undefined && plain(previous) !== plain(stated[1])) sink.add(offset + 25, 1);
  }
  for (const match of text.matchAll(annotation)) {
    if (match[2] !== undefined && plain(match[1] ?? "") !== plain(match[2])) {
      sink.add(offset + 26, 1);
      break;
    }
  }
  if (approximateEnding.test(text.slice(-200))) sink.add(offset + 27, 1);
  const promptNumbers = new Set(
    (prompt.match(numberPattern) ?? []).map((n) => n.replace(/,/g, "")),
  );
  if (promptNumbers.size > 0) {
    const seen = new Set(numbers.map((n) => n.replace(/,/g, "")));
    let covered = 0;
    let largest = 0;
    for (const n of promptNumbers) {
      if (seen.has(n)) covered++;
      largest = Math.max(largest, Math.abs(Number(n)));
    }
    sink.add(offset + 21, covered / promptNumbers.size);
    if (lastNumber !== undefined) {
      const final = Math.abs(Number(lastNumber.replace(/,/g, "")));
      sink.add(offset + 22, Math.max(-3, Math.min(3, Math.log10((final + 1) / (largest + 1)))));
      if (promptNumbers.has(lastNumber.replace(/,/g, ""))) sink.add(offset + 23, 1);
    }
    sink.add(offset + 24, Math.min(3, arithmetic.checked / promptNumbers.size));
  }
}
