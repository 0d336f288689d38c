import { describe, expect, it } from "vitest";
import { byPrice, chatModelsByPrice, pairPriceWarning, pricesByName } from "./model-price";

const models = [
  { name: "large", inputPricePerMillion: "15", outputPricePerMillion: "75" },
  { name: "medium", inputPricePerMillion: "2.5", outputPricePerMillion: "10" },
  { name: "small", inputPricePerMillion: "0.15", outputPricePerMillion: "0.6" },
  { name: "also-small", inputPricePerMillion: "0.6", outputPricePerMillion: "0.15" },
];

describe("byPrice", () => {
  it("orders cheapest first by input + output price, then by name", () => {
    expect(byPrice(models).map((m) => m.name)).toEqual(["also-small", "small", "medium", "large"]);
  });
});

describe("pairPriceWarning", () => {
  const prices = pricesByName(models);
  it("warns when the cheap model costs more than the strong one", () => {
    expect(pairPriceWarning({ cheap: "large", strong: "small" }, prices)).toContain(
      "large $90 vs small $0.75",
    );
  });
  it("says nothing for a pair in order, an equal price or an unknown model", () => {
    expect(pairPriceWarning({ cheap: "small", strong: "large" }, prices)).toBeNull();
    expect(pairPriceWarning({ cheap: "small", strong: "also-small" }, prices)).toBeNull();
    expect(pairPriceWarning({ cheap: "ghost", strong: "small" }, prices)).toBeNull();
    expect(pairPriceWarning({ cheap: "", strong: "small" }, prices)).toBeNull();
  });
});

describe("chatModelsByPrice", () => {
  it("leaves out disabled and embedding models, the rest cheapest first", () => {
    const model = (name: string, price: string, capabilities: string[], enabled = true) => ({
      name,
      inputPricePerMillion: price,
      outputPricePerMillion: price,
      capabilities,
      enabled,
    });
    const listed = chatModelsByPrice([
      model("large", "10", ["tools"]),
      model("embed", "0.02", ["embeddings"]),
      model("off", "0.01", ["tools"], false),
      model("small", "0.1", ["tools"]),
    ]);
    expect(listed.map((m) => m.name)).toEqual(["small", "large"]);
  });
});
