import { describe, expect, it } from "vitest";
import type { ModelView } from "./contract";
import { priceEditBody, priceFormOf } from "./price-edit-body";

const model = (over: Partial<ModelView> = {}) =>
  ({
    inputPricePerMillion: "3",
    outputPricePerMillion: "15",
    cachedInputPricePerMillion: null,
    unpriced: false,
    ...over,
  }) as ModelView;

describe("the model form's price edit", () => {
  it("sends nothing when no price changed", () => {
    expect(priceEditBody(model(), priceFormOf(model()))).toEqual({});
  });

  it("sends what changed, with the date it applies from", () => {
    const form = {
      ...priceFormOf(model()),
      input: "2.5",
      cached: "0.25",
      effectiveFrom: "2027-01-01",
    };
    expect(priceEditBody(model(), form)).toEqual({
      inputPricePerMillion: "2.5",
      cachedInputPricePerMillion: "0.25",
      effectiveFrom: "2027-01-01T00:00:00Z",
    });
  });

  it("marks a model unpriced without prices, and prices it again with both", () => {
    expect(priceEditBody(model(), { ...priceFormOf(model()), unpriced: true })).toEqual({
      unpriced: true,
    });
    const unpriced = model({ unpriced: true });
    expect(priceEditBody(unpriced, { ...priceFormOf(unpriced), unpriced: false })).toEqual({
      inputPricePerMillion: "3",
      outputPricePerMillion: "15",
      unpriced: false,
    });
  });
});
