import type { ModelInfo, PriceVersion, ProviderKind } from "./domain";
import { exactPicos, type Picodollars, picosPerToken } from "./money";
import type { CompletionUsage } from "./wire/openai-response";

/**
 * Cost per token class. A provider's usage splits into: uncached input, input read from the
 * prompt cache, cache writes (Anthropic's 5-minute and 1-hour), plain output and reasoning
 * ("thinking") output. Each class has its own price.
 */

/** Tokens of one call: the totals, and the parts of them in each class (absent = 0). */
export interface TokenUsage {
  /** Every input token, cache reads and writes included. */
  inputTokens: number;
  /** Every output token, reasoning included. */
  outputTokens: number;
  cachedInputTokens?: number | undefined;
  cacheWrite5mTokens?: number | undefined;
  cacheWrite1hTokens?: number | undefined;
  reasoningTokens?: number | undefined;
}

/** The disjoint classes of a usage: they add up to inputTokens + outputTokens. */
export interface TokenClasses {
  uncachedInput: number;
  cachedInput: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  /** Output that is not reasoning. */
  output: number;
  reasoning: number;
}

const part = (value: number | undefined, max: number): number =>
  Math.max(0, Math.min(value ?? 0, max));

/** The classes of a usage; parts larger than their total are clamped (a provider's inconsistency). */
export function tokenClasses(usage: TokenUsage): TokenClasses {
  let left = Math.max(0, usage.inputTokens);
  const cachedInput = part(usage.cachedInputTokens, left);
  left -= cachedInput;
  const cacheWrite5m = part(usage.cacheWrite5mTokens, left);
  left -= cacheWrite5m;
  const cacheWrite1h = part(usage.cacheWrite1hTokens, left);
  left -= cacheWrite1h;
  const outputTokens = Math.max(0, usage.outputTokens);
  const reasoning = part(usage.reasoningTokens, outputTokens);
  return {
    uncachedInput: left,
    cachedInput,
    cacheWrite5m,
    cacheWrite1h,
    output: outputTokens - reasoning,
    reasoning,
  };
}

/**
 * The canonical (OpenAI-shaped) usage → token usage. Cached reads are
 * `prompt_tokens_details.cached_tokens`, reasoning `completion_tokens_details.reasoning_tokens`
 * (both parts of the totals, as OpenAI counts them). Cache writes, which OpenAI does not bill,
 * are the extension fields `prompt_tokens_details.cache_write_tokens` (all writes) and
 * `cache_write_1h_tokens` (the part of them kept one hour), set by the Anthropic adapter.
 */
export function tokenUsageOf(usage: CompletionUsage): TokenUsage {
  const prompt = usage.prompt_tokens_details ?? {};
  const completion = usage.completion_tokens_details ?? {};
  const num = (value: unknown): number => (typeof value === "number" ? value : 0);
  const writes = num(prompt.cache_write_tokens);
  const writes1h = Math.min(num(prompt.cache_write_1h_tokens), writes);
  return {
    inputTokens: usage.prompt_tokens,
    outputTokens: usage.completion_tokens,
    cachedInputTokens: num(prompt.cached_tokens),
    cacheWrite5mTokens: writes - writes1h,
    cacheWrite1hTokens: writes1h,
    reasoningTokens: num(completion.reasoning_tokens),
  };
}

/** The model fields a price is read from (a ModelInfo, or one version of its price history). */
export interface ModelPrices {
  inputPricePerMillion: number;
  outputPricePerMillion: number;
  cachedInputPricePerMillion?: number | null | undefined;
  cacheWrite5mPricePerMillion?: number | null | undefined;
  cacheWrite1hPricePerMillion?: number | null | undefined;
  reasoningPricePerMillion?: number | null | undefined;
}

/** Pico-dollars per token of every class. */
export interface ClassPrices {
  uncachedInput: Picodollars;
  cachedInput: Picodollars;
  cacheWrite5m: Picodollars;
  cacheWrite1h: Picodollars;
  output: Picodollars;
  reasoning: Picodollars;
}

/**
 * Providers' documented multipliers of the input price, used when a model has no price of its
 * own for a class. Anthropic (docs.anthropic.com, prompt caching pricing): cache read 0.1×,
 * 5-minute write 1.25×, 1-hour write 2×. Other providers list cached prices per model (OpenAI,
 * Gemini) or document none: without the model's own price, a class costs the input price.
 */
const CACHE_MULTIPLIERS: Partial<
  Record<ProviderKind, { cachedInput: number; cacheWrite5m: number; cacheWrite1h: number }>
> = {
  anthropic: { cachedInput: 0.1, cacheWrite5m: 1.25, cacheWrite1h: 2 },
};

/** Pico-dollars per token of each class for a model's prices. */
export function classPrices(prices: ModelPrices, provider: ProviderKind): ClassPrices {
  const input = picosPerToken(prices.inputPricePerMillion);
  const output = picosPerToken(prices.outputPricePerMillion);
  const multipliers = CACHE_MULTIPLIERS[provider];
  const own = (price: number | null | undefined, multiplier: number | undefined): Picodollars =>
    price != null
      ? picosPerToken(price)
      : multiplier === undefined
        ? input
        : Math.round(input * multiplier);
  return {
    uncachedInput: input,
    cachedInput: own(prices.cachedInputPricePerMillion, multipliers?.cachedInput),
    cacheWrite5m: own(prices.cacheWrite5mPricePerMillion, multipliers?.cacheWrite5m),
    cacheWrite1h: own(prices.cacheWrite1hPricePerMillion, multipliers?.cacheWrite1h),
    output,
    reasoning:
      prices.reasoningPricePerMillion != null
        ? picosPerToken(prices.reasoningPricePerMillion)
        : output,
  };
}

/** Exact cost of a usage at per-class prices. */
export function classCost(prices: ClassPrices, usage: TokenUsage): Picodollars {
  const classes = tokenClasses(usage);
  let total = 0;
  for (const key of Object.keys(classes) as (keyof TokenClasses)[]) {
    total += exactPicos(classes[key] * prices[key]);
  }
  return exactPicos(total);
}

/**
 * The prices in effect at `at`: the latest history version whose effectiveFrom is not after
 * it, else the model's current prices. null = the model has no known price then.
 */
export function priceAt(model: ModelInfo, at: Date): ModelPrices | null {
  const history = model.priceHistory;
  // Most models have no scheduled prices: answered without allocating (called per request).
  if (history === undefined || history.length === 0) return model.unpriced === true ? null : model;
  const now = at.getTime();
  let best: PriceVersion | null = null;
  for (const version of history) {
    const from = version.effectiveFrom.getTime();
    if (from > now) continue;
    if (best === null || from > best.effectiveFrom.getTime()) best = version;
  }
  if (best === null) return model.unpriced === true ? null : model;
  if (best.inputPricePerMillion === null || best.outputPricePerMillion === null) return null;
  return {
    ...best,
    inputPricePerMillion: best.inputPricePerMillion,
    outputPricePerMillion: best.outputPricePerMillion,
  };
}

/** A model's cost of a usage at `at`: exact pico-dollars, or null when it has no price then. */
export function modelUsageCost(model: ModelInfo, usage: TokenUsage, at: Date): Picodollars | null {
  const prices = priceAt(model, at);
  return prices === null ? null : classCost(classPrices(prices, model.providerKind), usage);
}
