import { denseWeights, logisticWeightsSchema, predictSparse } from "@switchyard/router/training";
import { describe, expect, it } from "vitest";
import { compactWeights, type Example, seededRandom, trainLogistic } from "./train-logistic";

const vector = (indices: number[]) => ({
  indices: Int32Array.from(indices),
  values: Float64Array.from(indices.map(() => 1)),
});

// Feature 1 → positive, feature 2 → negative; bias at 0; noise features 3..9.
function examples(): Example[] {
  const random = seededRandom(1);
  return Array.from({ length: 400 }, (_, i) => {
    const positive = i % 2 === 0;
    const noise = 3 + Math.floor(random() * 7);
    return { x: vector([0, positive ? 1 : 2, noise]), y: positive ? 1 : 0, weight: 1 };
  });
}
const options = { size: 10, epochs: 5, learningRate: 0.1, l2: 1, seed: 42 };

describe("trainLogistic", () => {
  it("learns a separable problem", () => {
    const weights = trainLogistic(examples(), options);
    expect(predictSparse(weights, vector([0, 1]))).toBeGreaterThan(0.9);
    expect(predictSparse(weights, vector([0, 2]))).toBeLessThan(0.1);
  });

  it("is deterministic for a seed", () => {
    expect(trainLogistic(examples(), options)).toEqual(trainLogistic(examples(), options));
  });

  it("round-trips through the weights file format", () => {
    const weights = trainLogistic(examples(), options);
    const file = logisticWeightsSchema.parse({
      format: "switchyard-logistic",
      version: 1,
      name: "t",
      target: "t",
      hashBits: 4,
      size: 10,
      denseNames: [],
      weights: compactWeights(weights),
      training: {},
    });
    const restored = denseWeights(file);
    expect(predictSparse(restored, vector([0, 1]))).toBeCloseTo(
      predictSparse(weights, vector([0, 1])),
      4,
    );
  });
});
