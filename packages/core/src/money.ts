/**
 * Money. Prices are USD per million tokens; costs are computed in integer pico-dollars
 * (1e-12 USD: a price per million tokens is a whole number of pico-dollars per token down to
 * $0.000001/M) and stored as exact decimal USD strings, never as floats.
 *
 * A pico-dollar amount is a JavaScript number, exact up to Number.MAX_SAFE_INTEGER pico-dollars,
 * about $9,007.19. A single call's cost is checked against that bound (a larger one throws a
 * RangeError: no call costs that much). Running totals above it (a budget period with more than
 * $9,007 of spend) are doubles: each addition is off by at most half a unit in the last place,
 * a relative error below 1.2e-16 (a ten-thousandth of a micro-cent at $1M), and Redis keeps
 * shared totals as exact 64-bit integers (HINCRBY). The request log and the rollups are exact
 * decimals whatever the amount.
 */
export type Picodollars = number;

export const PICOS_PER_USD = 1_000_000_000_000;

/** Pico-dollars per token for a price in USD per million tokens (e.g. 0.15 → 150_000). */
export const picosPerToken = (usdPerMillion: number): Picodollars =>
  Math.round(usdPerMillion * 1_000_000);

/** An amount that must be exact: a safe integer of pico-dollars, or a RangeError. */
export function exactPicos(picos: number): Picodollars {
  if (!Number.isSafeInteger(picos))
    throw new RangeError(`${picos} pico-dollars is not an exact amount (at most $9,007.19)`);
  return picos;
}

export const tokenCost = (tokens: number, usdPerMillion: number): Picodollars =>
  exactPicos(tokens * picosPerToken(usdPerMillion));

export interface Price {
  inputPerMillion: number;
  outputPerMillion: number;
}

export const usageCost = (price: Price, inputTokens: number, outputTokens: number): Picodollars =>
  exactPicos(
    tokenCost(inputTokens, price.inputPerMillion) + tokenCost(outputTokens, price.outputPerMillion),
  );

const digitsOf = (picos: Picodollars): string =>
  BigInt(Math.round(Math.abs(picos)))
    .toString()
    .padStart(13, "0");

/** Exact decimal USD string (12 places) for a pico-dollar amount, e.g. 7_500_000 → "0.000007500000". */
export function picosToUsdString(picos: Picodollars): string {
  const digits = digitsOf(picos);
  return `${picos < 0 ? "-" : ""}${digits.slice(0, -12)}.${digits.slice(-12)}`;
}

/** "$10.00", "$0.0025": at least two decimals, no trailing zeros beyond them (messages, alerts). */
export function formatUsd(picos: Picodollars): string {
  const digits = digitsOf(picos);
  const fraction = digits.slice(-12).replace(/0+$/, "").padEnd(2, "0");
  return `${picos < 0 ? "-" : ""}$${digits.slice(0, -12)}.${fraction}`;
}

export const DECIMAL_USD_PATTERN = /^\d{1,12}(\.\d{1,12})?$/;

/** Pico-dollars of a decimal USD string such as "10" or "0.25" (exact below $9,007.19). */
export function usdToPicos(usd: string): Picodollars {
  if (!DECIMAL_USD_PATTERN.test(usd)) throw new Error(`not a decimal USD amount: ${usd}`);
  const [whole = "0", fraction = ""] = usd.split(".");
  return Number(BigInt(whole) * BigInt(PICOS_PER_USD) + BigInt(fraction.padEnd(12, "0")));
}
