import type { Answer } from "./answer";
import type { TokenClassControls } from "./controls";

/**
 * Token classes an answer's usage reports, from the `cached`, `cache-write`, `cache-write-1h` and
 * `reasoning` controls. Cache reads and writes are parts of the prompt's tokens (clamped to them);
 * reasoning tokens come on top of the answer's own output tokens. Each dialect reports them in
 * its provider's usage fields.
 */
export interface AnswerClasses {
  cached: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  reasoning: number;
}

const NONE: AnswerClasses = { cached: 0, cacheWrite5m: 0, cacheWrite1h: 0, reasoning: 0 };

export const classesOf = (answer: Answer): AnswerClasses => answer.classes ?? NONE;

/** The answer with the classes the controls ask for (unchanged when they ask for none). */
export function withTokenClasses(answer: Answer, controls: TokenClassControls): Answer {
  const { cached, cacheWrite5m, cacheWrite1h, reasoning } = controls;
  if (cached + cacheWrite5m + cacheWrite1h + reasoning === 0) return answer;
  let left = answer.inputTokens;
  const take = (value: number) => {
    const part = Math.min(value, left);
    left -= part;
    return part;
  };
  const classes = {
    cached: take(cached),
    cacheWrite5m: take(cacheWrite5m),
    cacheWrite1h: take(cacheWrite1h),
    reasoning,
  };
  return { ...answer, classes };
}

/** Anthropic's input_tokens: the prompt's tokens neither read from nor written to the cache. */
export const uncachedInput = (answer: Answer): number => {
  const c = classesOf(answer);
  return answer.inputTokens - c.cached - c.cacheWrite5m - c.cacheWrite1h;
};
