import type { ModelView } from "./contract";

/** The price fields of the model edit form, as typed. */
export interface PriceForm {
  input: string;
  output: string;
  /** Cached-input price; empty: the default rule (provider multiplier, else the input price). */
  cached: string;
  unpriced: boolean;
  /** A date (YYYY-MM-DD) from which the prices apply; empty: at once. */
  effectiveFrom: string;
}

export const priceFormOf = (model: ModelView): PriceForm => ({
  input: model.inputPricePerMillion,
  output: model.outputPricePerMillion,
  cached: model.cachedInputPricePerMillion ?? "",
  unpriced: model.unpriced,
  effectiveFrom: "",
});

/**
 * The price part of a models.update body: only what changed; marking the model unpriced sends no
 * prices; a date schedules the change from 00:00 UTC that day.
 */
export function priceEditBody(model: ModelView, form: PriceForm): Record<string, unknown> {
  const from = form.effectiveFrom.trim()
    ? { effectiveFrom: `${form.effectiveFrom.trim()}T00:00:00Z` }
    : {};
  if (form.unpriced) return model.unpriced ? {} : { unpriced: true, ...from };
  const body: Record<string, unknown> = {};
  const input = form.input.trim();
  const output = form.output.trim();
  if (model.unpriced || input !== model.inputPricePerMillion) body.inputPricePerMillion = input;
  if (model.unpriced || output !== model.outputPricePerMillion) body.outputPricePerMillion = output;
  const cached = form.cached.trim() || null;
  if (cached !== model.cachedInputPricePerMillion) body.cachedInputPricePerMillion = cached;
  if (model.unpriced) body.unpriced = false;
  return Object.keys(body).length === 0 ? {} : { ...body, ...from };
}
