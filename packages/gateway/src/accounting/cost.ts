import {
  type ModelInfo,
  modelUsageCost,
  type Picodollars,
  type TokenClasses,
  type TokenUsage,
  tokenClasses,
} from "@switchyard/core";

/**
 * Cost of a call's tokens on a model in exact pico-dollars, each token class at its own price
 * (core's pricing.ts), at the price in effect at `at` (the request's time). null = the model has
 * no price then (unpriced: cost unknown, never $0).
 */
export const modelCostPicos = (
  model: ModelInfo,
  usage: TokenUsage,
  at: Date = new Date(),
): Picodollars | null => modelUsageCost(model, usage, at);

/** The request's tokens per class, summed over its calls. */
export function addClasses(total: TokenClasses, usage: TokenUsage): void {
  const classes = tokenClasses(usage);
  total.uncachedInput += classes.uncachedInput;
  total.cachedInput += classes.cachedInput;
  total.cacheWrite5m += classes.cacheWrite5m;
  total.cacheWrite1h += classes.cacheWrite1h;
  total.output += classes.output;
  total.reasoning += classes.reasoning;
}

export const noClasses = (): TokenClasses => ({
  uncachedInput: 0,
  cachedInput: 0,
  cacheWrite5m: 0,
  cacheWrite1h: 0,
  output: 0,
  reasoning: 0,
});
