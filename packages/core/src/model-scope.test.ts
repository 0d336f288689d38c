import { describe, expect, it } from "vitest";
import { buildModelScope, mostExpensiveModel } from "./model-scope";

const model = (name: string, aliases: string[] = [], output = 1, input = 1) => ({
  name,
  aliases,
  inputPricePerMillion: input,
  outputPricePerMillion: output,
});

describe("buildModelScope", () => {
  it("resolves own names, own aliases, shared names, shared aliases, in that order", () => {
    const ownA = model("a", ["shared-name", "x"]);
    const ownB = model("x");
    const sharedA = model("shared-name", ["y"]);
    const sharedB = model("z", ["a", "y", "w"]);
    const scope = buildModelScope([ownA, ownB], [sharedA, sharedB]);
    expect(scope.byName.get("a")).toBe(ownA);
    expect(scope.byName.get("x")).toBe(ownB);
    expect(scope.byName.get("shared-name")).toBe(ownA);
    expect(scope.byName.get("y")).toBe(sharedA);
    expect(scope.byName.get("w")).toBe(sharedB);
    // The shared model whose name an own alias takes is hidden; the other is listed.
    expect(scope.models).toEqual([ownA, ownB, sharedB]);
  });

  it("lists nothing for no models", () => {
    expect(buildModelScope([], []).models).toEqual([]);
  });
});

describe("mostExpensiveModel", () => {
  it("compares output price, then input price", () => {
    const cheap = model("cheap", [], 1, 1);
    const dear = model("dear", [], 10, 1);
    const dearer = model("dearer", [], 10, 2);
    expect(mostExpensiveModel([cheap, dearer, dear])).toBe(dearer);
    expect(mostExpensiveModel([])).toBeNull();
  });
});
