/**
 * A model edit's price fields: applied at once (the model's own fields), or scheduled as a
 * price version from a later date (model_prices), which the gateway charges from that date on.
 */
import type { z } from "zod";
import { badRequest } from "@/server/admin/errors";
import type { modelUpdateSchema } from "../contract";

type Body = z.output<typeof modelUpdateSchema>;
type Decimalish = { toString(): string } | null;

const PRICE_FIELDS = [
  "inputPricePerMillion",
  "outputPricePerMillion",
  "cachedInputPricePerMillion",
  "cacheWrite5mPricePerMillion",
  "cacheWrite1hPricePerMillion",
  "reasoningPricePerMillion",
] as const;

type PriceField = (typeof PRICE_FIELDS)[number];
type Prices = Record<PriceField, string | null>;

/** Prices set at once: input and output are never cleared (a model is marked unpriced instead). */
type NowFields = {
  inputPricePerMillion?: string;
  outputPricePerMillion?: string;
  cachedInputPricePerMillion?: string | null;
  cacheWrite5mPricePerMillion?: string | null;
  cacheWrite1hPricePerMillion?: string | null;
  reasoningPricePerMillion?: string | null;
  unpriced?: boolean;
};

export type PriceEdit =
  | { kind: "none" }
  | { kind: "now"; fields: NowFields }
  | { kind: "scheduled"; effectiveFrom: Date; version: Prices };

/** The model's current prices (the version in effect, else its own fields). */
type CurrentRow = Record<PriceField, Decimalish> & {
  unpriced: boolean;
  prices?: ({ effectiveFrom: Date } & Record<PriceField, Decimalish>)[];
};

function currentPrices(row: CurrentRow, now: Date): Prices & { unpriced: boolean } {
  const inEffect = (row.prices ?? []).filter((version) => version.effectiveFrom <= now).at(-1);
  const source = inEffect ?? row;
  const prices = Object.fromEntries(
    PRICE_FIELDS.map((field) => [field, source[field]?.toString() ?? null]),
  ) as Prices;
  const unpriced =
    inEffect === undefined
      ? row.unpriced
      : inEffect.inputPricePerMillion === null || inEffect.outputPricePerMillion === null;
  return { ...prices, unpriced };
}

export function priceEdit(body: Body, row: CurrentRow, now: Date): PriceEdit {
  const given = PRICE_FIELDS.filter((field) => body[field] !== undefined);
  if (given.length === 0 && body.unpriced === undefined) {
    if (body.effectiveFrom !== undefined)
      throw badRequest("effectiveFrom needs a price to apply from that date.");
    return { kind: "none" };
  }
  if (body.unpriced === true && given.length > 0)
    throw badRequest("A model without a price takes no prices in the same edit.");
  if (
    (body.inputPricePerMillion === null || body.outputPricePerMillion === null) &&
    body.unpriced !== true
  )
    throw badRequest("Input and output prices cannot be cleared: mark the model unpriced.");
  const effectiveFrom = body.effectiveFrom === undefined ? now : new Date(body.effectiveFrom);
  const fields: Partial<Prices> = {};
  for (const field of given) fields[field] = body[field] ?? null;
  if (effectiveFrom.getTime() <= now.getTime()) {
    const { inputPricePerMillion, outputPricePerMillion, ...classes } = fields;
    return {
      kind: "now",
      fields: {
        ...classes,
        ...(inputPricePerMillion == null ? {} : { inputPricePerMillion }),
        ...(outputPricePerMillion == null ? {} : { outputPricePerMillion }),
        ...(body.unpriced === undefined ? {} : { unpriced: body.unpriced }),
      },
    };
  }
  // A version is a whole price set: fields not given keep the current price's.
  const current = currentPrices(row, effectiveFrom);
  const { unpriced, ...base } = current;
  const version: Prices = { ...base, ...fields };
  if (body.unpriced === true) {
    version.inputPricePerMillion = null;
    version.outputPricePerMillion = null;
  } else if (
    unpriced &&
    (body.inputPricePerMillion == null || body.outputPricePerMillion == null)
  ) {
    throw badRequest("Give the input and output prices the model takes from that date.");
  }
  return { kind: "scheduled", effectiveFrom, version };
}
