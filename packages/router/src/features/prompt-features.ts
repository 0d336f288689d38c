/**
 * Prompt features: dense cues (length, numbers, math, code, question form, reasoning and
 * constraint cues, subject cues from word lists) and hashed word unigrams + bigrams. One pass over
 * the text, no allocation per call: word hashes go into a reused buffer.
 */
import { combineHashes, FNV_OFFSET, fnvStep, hashString } from "./hash";
import type { FeatureSink } from "./sink";
import { constraintWords, domainWords, questionWords, reasoningWords } from "./word-lists";

/** Dense slots: the named cues below, then spare slots; the hashed block starts after them. */
export const DENSE_SLOTS = 40;
const domainNames = Object.keys(domainWords);
export const promptDenseNames: readonly string[] = [
  "bias",
  "log_chars",
  "log_words",
  "log_numbers",
  "log_math_symbols",
  "log_code_chars",
  "log_newlines",
  "has_question_mark",
  "multiple_choice",
  "log_option_lines",
  "log_turns",
  "reasoning_cues",
  "constraint_cues",
  "question_words",
  "number_ratio",
  "ends_with_question",
  "long_words",
  ...domainNames.map((name) => `domain_${name}`),
];
const DOMAIN_BASE = 17;
const REASONING = 11;
const CONSTRAINT = 12;
const QUESTION = 13;

/**
 * word hash → dense slots it counts towards, as an open-addressing table of typed arrays (a Map
 * keyed by uint32 hashes would box every key).
 */
const TABLE_SIZE = 4096;
const tableKeys = new Uint32Array(TABLE_SIZE);
const tableEntries = new Int32Array(TABLE_SIZE).fill(-1);
const slotLists: number[][] = [];

function findEntry(hash: number): number {
  let j = hash & (TABLE_SIZE - 1);
  for (;;) {
    const entry = tableEntries[j] ?? -1;
    if (entry === -1 || tableKeys[j] === hash) return j;
    j = (j + 1) & (TABLE_SIZE - 1);
  }
}

function addCue(word: string, slot: number): void {
  const hash = hashString(word);
  const j = findEntry(hash);
  const entry = tableEntries[j] ?? -1;
  if (entry === -1) {
    tableKeys[j] = hash;
    tableEntries[j] = slotLists.length;
    slotLists.push([slot]);
  } else slotLists[entry]?.push(slot);
}
domainNames.forEach((name, i) => {
  for (const word of domainWords[name] ?? []) addCue(word, DOMAIN_BASE + i);
});
for (const word of reasoningWords) addCue(word, REASONING);
for (const word of constraintWords) addCue(word, CONSTRAINT);
for (const word of questionWords) addCue(word, QUESTION);

const NUMBER_TOKEN = hashString("#num");
const UNIGRAM_NS = 0x1234567;
const MAX_WORDS = 3000;
let wordBuffer = new Uint32Array(1024);
const cueCounts = new Float64Array(DENSE_SLOTS);

interface PromptFeatureOptions {
  /** log2 of the number of hashed buckets; 0 = no hashed features. */
  hashBits: number;
  /** First index of the hashed block (dense features come first). */
  offset?: number;
}

/** Long prompts: only the first HEAD_CHARS and the last TAIL_CHARS are read (bounded latency). */
const HEAD_CHARS = 1000;
const TAIL_CHARS = 300;

const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c > 191;
const isDigit = (c: number) => c >= 48 && c <= 57;

/** Writes the prompt's features to `sink`. `turns` = number of user messages. */
export function extractPromptFeatures(
  text: string,
  turns: number,
  sink: FeatureSink,
  options: PromptFeatureOptions,
): void {
  cueCounts.fill(0);
  let words = 0;
  let numbers = 0;
  let mathSymbols = 0;
  let codeChars = 0;
  let newlines = 0;
  let questionMarks = 0;
  let optionLines = 0;
  let longWords = 0;
  let lineStart = true;
  let i = 0;
  const n = text.length;
  const skipFrom = n > HEAD_CHARS + TAIL_CHARS ? HEAD_CHARS : n;
  while (i < n) {
    if (i >= skipFrom && i < n - TAIL_CHARS) {
      i = n - TAIL_CHARS;
      while (i < n && (isLetter(text.charCodeAt(i)) || isDigit(text.charCodeAt(i)))) i++;
      continue;
    }
    const c = text.charCodeAt(i);
    if (isLetter(c) || isDigit(c)) {
      if (lineStart && c >= 65 && c <= 74) {
        const next = text.charCodeAt(i + 1);
        if ((next === 46 || next === 41) && text.charCodeAt(i + 2) === 32) optionLines++;
      }
      lineStart = false;
      let hash = FNV_OFFSET;
      const digit = isDigit(c);
      const start = i;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (isLetter(d)) hash = fnvStep(hash, d >= 65 && d <= 90 ? d + 32 : d);
        else if (isDigit(d) || (digit && (d === 46 || d === 44) && isDigit(text.charCodeAt(i + 1))))
          hash = fnvStep(hash, d);
        else break;
        i++;
      }
      if (digit) {
        numbers++;
        hash = NUMBER_TOKEN;
      } else {
        if (i - start >= 9) longWords++;
        const entry = tableEntries[findEntry(hash)] ?? -1;
        if (entry !== -1) {
          const slots = slotLists[entry] as number[];
          for (let k = 0; k < slots.length; k++) {
            const slot = slots[k] as number;
            cueCounts[slot] = (cueCounts[slot] ?? 0) + 1;
          }
        }
      }
      if (words < MAX_WORDS) {
        if (words >= wordBuffer.length) {
          const bigger = new Uint32Array(wordBuffer.length * 2);
          bigger.set(wordBuffer);
          wordBuffer = bigger;
        }
        wordBuffer[words] = hash;
      }
      words++;
      continue;
    }
    if (c === 10) {
      newlines++;
      lineStart = true;
    } else if (c === 63) questionMarks++;
    else if (
      c === 43 ||
      c === 45 ||
      c === 42 ||
      c === 47 ||
      c === 61 ||
      c === 94 ||
      c === 37 ||
      c === 36 ||
      c === 60 ||
      c === 62 ||
      c === 215 ||
      c === 247 ||
      c === 8730 ||
      c === 960
    )
      mathSymbols++;
    else if (c === 123 || c === 125 || c === 59 || c === 96 || c === 91 || c === 93) codeChars++;
    else if (c !== 32 && c !== 9 && c !== 13) lineStart = false;
    i++;
  }
  let last = n - 1;
  while (last >= 0 && text.charCodeAt(last) <= 32) last--;

  sink.add(0, 1);
  sink.add(1, Math.log1p(n) / 8);
  sink.add(2, Math.log1p(words) / 6);
  sink.add(3, Math.log1p(numbers) / 3);
  sink.add(4, Math.log1p(mathSymbols) / 3);
  sink.add(5, Math.log1p(codeChars) / 3);
  sink.add(6, Math.log1p(newlines) / 3);
  if (questionMarks > 0) sink.add(7, 1);
  if (optionLines >= 2) sink.add(8, 1);
  sink.add(9, Math.log1p(optionLines) / 2);
  sink.add(10, Math.log1p(Math.max(0, turns - 1)));
  sink.add(14, words > 0 ? numbers / words : 0);
  if (last >= 0 && text.charCodeAt(last) === 63) sink.add(15, 1);
  sink.add(16, Math.log1p(longWords) / 4);
  for (let slot = REASONING; slot <= QUESTION; slot++) {
    const count = cueCounts[slot] ?? 0;
    if (count > 0) sink.add(slot, Math.log1p(count) / 2);
  }
  for (let slot = DOMAIN_BASE; slot < DOMAIN_BASE + domainNames.length; slot++) {
    const count = cueCounts[slot] ?? 0;
    if (count > 0) sink.add(slot, Math.log1p(count) / 2);
  }

  const offset = options.offset ?? DENSE_SLOTS;
  const mask = (1 << options.hashBits) - 1;
  const kept = Math.min(words, MAX_WORDS);
  if (kept === 0 || options.hashBits === 0) return;
  const scale = 1 / Math.sqrt(kept);
  let previous = hashString("#start");
  for (let w = 0; w < kept; w++) {
    const hash = wordBuffer[w] ?? 0;
    sink.add(offset + (combineHashes(hash, UNIGRAM_NS) & mask), scale);
    sink.add(offset + (combineHashes(previous, hash) & mask), scale);
    previous = hash;
  }
}
