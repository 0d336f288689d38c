import { gbdtProbability, gbdtSchema, treeValue } from "@switchyard/router/training";
import { describe, expect, it } from "vitest";
import { trainGbdt } from "./train-gbdt";
import { seededRandom } from "./train-logistic";

// y = 1 when x0 > 0.5 XOR x1 > 0.5 (needs an interaction, which a linear model cannot learn); x2 is noise.
function examples(count: number, seed: number) {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const x = Float64Array.from([random(), random(), random()]);
    const y = (x[0] ?? 0) > 0.5 !== (x[1] ?? 0) > 0.5 ? 1 : 0;
    return { x, y, weight: 1 };
  });
}
const options = { trees: 40, depth: 2, learningRate: 0.3, bins: 16, lambda: 1, minHessian: 1 };

describe("trainGbdt", () => {
  it("learns an interaction and generalises to new points", () => {
    const model = trainGbdt(examples(800, 1), 3, options);
    const test = examples(200, 2);
    const correct = test.filter((e) => (gbdtProbability(model, e.x) > 0.5 ? 1 : 0) === e.y).length;
    expect(correct / test.length).toBeGreaterThan(0.9);
  });

  it("is deterministic and round-trips through the file format", () => {
    const a = trainGbdt(examples(300, 3), 3, options);
    expect(trainGbdt(examples(300, 3), 3, options)).toEqual(a);
    const file = gbdtSchema.parse({
      format: "switchyard-gbdt",
      version: 1,
      name: "t",
      target: "t",
      featureCount: 3,
      featureNames: ["a", "b", "c"],
      base: a.base,
      trees: a.trees,
      training: {},
    });
    const x = Float64Array.from([0.2, 0.9, 0.5]);
    expect(gbdtProbability(file, x)).toBe(gbdtProbability(a, x));
  });

  it("walks a hand-made tree", () => {
    const tree = {
      feature: [0, -1, -1],
      threshold: [1, 0, 0],
      left: [1, -1, -1],
      right: [2, -1, -1],
      value: [0, -2, 3],
    };
    expect(treeValue(tree, [1])).toBe(-2);
    expect(treeValue(tree, [1.5])).toBe(3);
  });
});
