import { createRequire } from "node:module";
import type { ChatCompletionRequest } from "@switchyard/core";

/**
 * Token counts for when a provider reports no usage. Uses gpt-tokenizer's o200k_base encoding
 * (GPT-4o/4.1/o-series; within a few percent for other families). Measured on the project's
 * machine: ~170 µs per KB of text and ~0.3 s to load the encoding, so it is loaded on first use,
 * never at import. Texts past 64 KB are counted on their first 64 KB and extrapolated, which
 * bounds one call near 11 ms. For per-request routing decisions use `approximateTokens`
 * (characters / 4, constant time).
 */

type CountTokens = (text: string) => number;

let counter: CountTokens | null = null;
const requireFromHere = createRequire(import.meta.url);

function loadCounter(): CountTokens {
  if (counter) return counter;
  try {
    const encoding = requireFromHere("gpt-tokenizer/cjs/encoding/o200k_base") as {
      countTokens: CountTokens;
    };
    counter = (text) => encoding.countTokens(text);
  } catch {
    counter = approximateTokens;
  }
  return counter;
}

const EXACT_LIMIT = 64 * 1024;

/** ceil(characters / 4): the usual rule of thumb for English text; O(1). */
export const approximateTokens = (text: string): number => Math.ceil(text.length / 4);

/** Tokens in `text` by the o200k_base tokenizer (see above for cost). */
export function estimateTokens(text: string): number {
  if (text.length === 0) return 0;
  const count = loadCounter();
  if (text.length <= EXACT_LIMIT) return count(text);
  const head = count(text.slice(0, EXACT_LIMIT));
  return Math.ceil((head * text.length) / EXACT_LIMIT);
}

/** Per-message framing tokens (OpenAI's accounting: role and separators), and reply priming. */
const PER_MESSAGE = 3;
const REPLY_PRIMING = 3;
const IMAGE_LOW = 85;
const IMAGE_DEFAULT = 765;

/** Estimated prompt tokens of a canonical request: message text, images, tool calls and tools. */
export function estimateRequestTokens(request: ChatCompletionRequest): number {
  let tokens = REPLY_PRIMING;
  let text = "";
  for (const message of request.messages) {
    tokens += PER_MESSAGE;
    const content = message.content;
    if (typeof content === "string") text += `${content}\n`;
    else if (Array.isArray(content)) {
      for (const part of content) {
        if (part.type === "text") text += `${part.text}\n`;
        else if (part.type === "refusal") text += `${part.refusal}\n`;
        else if (part.type === "image_url") {
          tokens += part.image_url.detail === "low" ? IMAGE_LOW : IMAGE_DEFAULT;
        }
      }
    }
    if (message.role === "assistant") {
      for (const call of message.tool_calls ?? [])
        text += `${call.function.name}${call.function.arguments}\n`;
    }
  }
  if (request.tools && request.tools.length > 0) text += JSON.stringify(request.tools);
  return tokens + estimateTokens(text);
}
