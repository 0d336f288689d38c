import { describe, expect, it } from "vitest";
import { chooseByRelativeQuality, priorQualities } from "./relative-quality";

describe("the decision rule", () => {
  it("picks the cheapest candidate whose quality relative to the best reaches minQuality", () => {
    const q = Float64Array.from([0.6, 0.78, 0.8]);
    expect(chooseByRelativeQuality(q, 0.7).index).toBe(0);
    expect(chooseByRelativeQuality(q, 0.7).relativeQuality).toBeCloseTo(0.75, 12);
    expect(chooseByRelativeQuality(q, 0.95).index).toBe(1);
    expect(chooseByRelativeQuality(q, 0.99).index).toBe(2);
    expect(chooseByRelativeQuality(q, 1).relativeQuality).toBe(1);
    expect(chooseByRelativeQuality(q, 0).index).toBe(0);
  });

  it("measures against the best candidate, whichever it is", () => {
    // The middle model is predicted best: the most expensive one is never needed.
    const q = Float64Array.from([0.5, 0.9, 0.7]);
    expect(chooseByRelativeQuality(q, 0.99)).toEqual({ index: 1, relativeQuality: 1 });
    expect(chooseByRelativeQuality(Float64Array.from([0, 0]), 0.95).index).toBe(0);
  });

  it("the prior reads the classifier score like today's classifier", () => {
    const out = new Float64Array(2);
    priorQualities(0.3, out, 2);
    expect(out[0]).toBeCloseTo(0.7, 6);
    expect(out[1]).toBeCloseTo(0.5, 6);
    // Two candidates: cheap when c ≤ 1 − minQuality / 2.
    priorQualities(0.52, out, 2);
    expect(chooseByRelativeQuality(out, 0.95).index).toBe(0);
    priorQualities(0.53, out, 2);
    expect(chooseByRelativeQuality(out, 0.95).index).toBe(1);
    const three = new Float64Array(3);
    priorQualities(0.9, three, 3);
    expect(three[0]).toBeLessThan(three[1] as number);
    expect(three[2]).toBeCloseTo(0.5, 6);
  });
});
