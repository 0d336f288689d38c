/** Ordering a team's models by price, for the policy editor's defaults and warnings. */
import type { ModelView } from "../models/contract";

type Priced = Pick<ModelView, "name" | "inputPricePerMillion" | "outputPricePerMillion">;

/**
 * A model's blended price, input + output USD per million tokens. A number, for ordering and
 * comparing only: nothing is paid or stored with it.
 */
export const blendedPrice = (model: Priced): number =>
  Number(model.inputPricePerMillion) + Number(model.outputPricePerMillion);

/** The models, cheapest first (by blended price, then by name). */
export function byPrice<T extends Priced>(models: readonly T[]): T[] {
  return [...models].sort(
    (a, b) => blendedPrice(a) - blendedPrice(b) || a.name.localeCompare(b.name),
  );
}

/**
 * The models a policy can route a chat to, cheapest first: enabled, and not embedding models
 * (those answer POST /v1/embeddings only, and the router refuses them as chat targets).
 */
export const chatModelsByPrice = <T extends Priced & Pick<ModelView, "enabled" | "capabilities">>(
  models: readonly T[],
): T[] => byPrice(models.filter((m) => m.enabled && !m.capabilities.includes("embeddings")));

/** Blended price by model name. */
export const pricesByName = (models: readonly Priced[]): Map<string, number> =>
  new Map(models.map((model) => [model.name, blendedPrice(model)]));

/**
 * The warning a cheap/strong pair gets when its cheap model costs more than its strong one;
 * null when it does not, or when either price is unknown.
 */
export function pairPriceWarning(
  pair: { cheap?: string; strong?: string },
  prices: ReadonlyMap<string, number>,
): string | null {
  const cheap = pair.cheap ? prices.get(pair.cheap) : undefined;
  const strong = pair.strong ? prices.get(pair.strong) : undefined;
  if (cheap === undefined || strong === undefined || cheap <= strong) return null;
  const usd = (value: number) => `$${Number(value.toFixed(6))}`;
  return (
    `The cheap model costs more than the strong one: ${pair.cheap} ${usd(cheap)} vs ` +
    `${pair.strong} ${usd(strong)} per million tokens (input + output). Swap them, or easy ` +
    "requests go to the dearer model."
  );
}
