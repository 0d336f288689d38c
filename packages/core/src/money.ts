/**
 * Money. Prices are USD per million tokens; costs are computed exactly in integer pico-dollars
 * (1e-12 USD: a price per million tokens is a whole number of pico-dollars per token down to
 * $0.000001/M) and stored as decimal USD strings, never as floats.
 */
export type Picodollars = number;

/** Pico-dollars per token for a price in USD per million tokens (e.g. 0.15 → 150_000). */
export const picosPerToken = (usdPerMillion: number): Picodollars =>
  Math.round(usdPerMillion * 1_000_000);

export const tokenCost = (tokens: number, usdPerMillion: number): Picodollars =>
  tokens * picosPerToken(usdPerMillion);

export interface Price {
  inputPerMillion: number;
  outputPerMillion: number;
}

export const usageCost = (price: Price, inputTokens: number, outputTokens: number): Picodollars =>
  tokenCost(inputTokens, price.inputPerMillion) + tokenCost(outputTokens, price.outputPerMillion);

/** Exact decimal USD string (12 places) for a pico-dollar amount, e.g. 7_500_000 → "0.000007500000". */
export function picosToUsdString(picos: Picodollars): string {
  const negative = picos < 0;
  const digits = BigInt(Math.round(Math.abs(picos)))
    .toString()
    .padStart(13, "0");
  const whole = digits.slice(0, -12);
  const fraction = digits.slice(-12);
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}

export const picosToUsd = (picos: Picodollars): number => picos / 1e12;
export const usdToPicos = (usd: number): Picodollars => Math.round(usd * 1e12);
