import { createRandom } from "./hash";
import { countTokens } from "./tokens";
import { WORDS } from "./words";

export interface GeneratedText {
  text: string;
  /** True when max tokens stopped the answer before its natural length. */
  truncated: boolean;
}

const MIN_TOKENS = 8;
const MAX_TOKENS = 400;

/**
 * The natural answer length in tokens for a prompt: proportional to the prompt, clamped, with a
 * little seed-dependent variation so different models answer at different lengths.
 */
export function naturalLength(seed: number, promptTokens: number): number {
  const scaled = Math.round(promptTokens * 0.75) + 8 + (seed % 9);
  return Math.min(MAX_TOKENS, Math.max(MIN_TOKENS, scaled));
}

/**
 * Sentences of real words, derived only from the seed. Its token count (ceil(chars/4)) never
 * exceeds maxTokens when given.
 */
export function generateText(
  seed: number,
  promptTokens: number,
  maxTokens?: number,
): GeneratedText {
  const natural = naturalLength(seed, promptTokens);
  const limitTokens = maxTokens === undefined ? natural : Math.min(natural, Math.max(0, maxTokens));
  const truncated = limitTokens < natural;
  const budget = limitTokens * 4;
  if (budget === 0) return { text: "", truncated };
  const random = createRandom(seed);
  // Sentence lengths shrink towards the end so a natural answer ends on a full sentence.
  const sentenceLength = (used: number) =>
    Math.max(2, Math.min(random.int(6, 14), Math.floor((budget - used) / 7)));
  let text = "";
  let sentenceLeft = sentenceLength(0);
  let startOfSentence = true;
  while (true) {
    let word = random.pick(WORDS);
    if (startOfSentence) word = word.charAt(0).toUpperCase() + word.slice(1);
    sentenceLeft--;
    const ending = sentenceLeft === 0 ? "." : "";
    const piece = (text.length === 0 ? "" : " ") + word + ending;
    if (text.length + piece.length > budget) {
      if (text.length === 0) text = word.slice(0, budget);
      break;
    }
    text += piece;
    startOfSentence = sentenceLeft === 0;
    if (startOfSentence) {
      if (!truncated && budget - text.length < 14) break;
      sentenceLeft = sentenceLength(text.length);
    }
  }
  if (!truncated && !text.endsWith(".")) {
    text = text.length + 1 <= budget ? `${text}.` : text;
  }
  return { text, truncated };
}

/** Token count of a generated or recorded text. */
export function textTokens(text: string): number {
  return countTokens(text.length);
}
