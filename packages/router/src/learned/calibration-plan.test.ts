import { describe, expect, it } from "vitest";
import { GradeTally, gradeValues, planCalibrationCalls } from "./calibration-plan";

const models = ["cheap", "mid", "strong"];
const none = { n: [0, 0, 0], sum: [0, 0, 0] };
const base = {
  answerUsd: [1, 4, 30],
  gradeUsd: [0.1, 0.1, 0.1],
  explore: 1,
  minQuality: 0.95,
  tally: none,
  totals: [100, 100, 100],
  warmup: 5,
};

describe("planCalibrationCalls", () => {
  it("calls every candidate without a cap, and only the served one with no room", () => {
    const random = () => 0.999;
    expect(planCalibrationCalls({ ...base, served: 0, room: Infinity, random })).toEqual([0, 1, 2]);
    expect(planCalibrationCalls({ ...base, served: 1, room: 0, random: () => 0 })).toEqual([1]);
  });

  it("never spends more than the room on the calls it draws", () => {
    // Room for the mid candidate but not the strong one, whatever the draws.
    for (const u of [0, 0.3, 0.9])
      expect(planCalibrationCalls({ ...base, served: 0, room: 5, random: () => u })).not.toContain(
        2,
      );
    expect(planCalibrationCalls({ ...base, served: 0, room: 5, random: () => 0 })).toEqual([0, 1]);
  });

  it("calls a candidate in warmup whatever the room", () => {
    const plan = planCalibrationCalls({
      ...base,
      totals: [100, 100, 2],
      served: 0,
      room: 0,
      random: () => 0.999,
    });
    expect(plan).toEqual([0, 2]);
  });

  it("favours the cheaper of equally valuable candidates and keeps within the room", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const costs = [1.1, 4.1, 30.1];
    const counts = [0, 0, 0];
    for (let i = 0; i < 2000; i++) {
      const plan = planCalibrationCalls({ ...base, served: 0, room: 20, random });
      const spent = plan.filter((m) => m !== 0).reduce((a, m) => a + (costs[m] as number), 0);
      expect(spent).toBeLessThanOrEqual(20);
      for (const m of plan) counts[m] = (counts[m] as number) + 1;
    }
    expect(counts[0]).toBe(2000);
    expect(counts[1]).toBeGreaterThan(1000);
    expect(counts[2]).toBe(0);
  });
});

describe("gradeValues", () => {
  it("values uncertain candidates near the boundary and the reference most", () => {
    // cheap: 40 grades averaging 0.5 (far below 0.95 of strong); mid: 3 grades at 0.95; strong 40 at 1.
    const tally = { n: [40, 3, 40], sum: [20, 2.85, 40] };
    const values = gradeValues(tally, 3, 0.95);
    expect(values[1]).toBeGreaterThan(values[0] as number);
    expect(values[2]).toBeGreaterThan(0);
    // A converged tally is worth less than a fresh one.
    const fresh = gradeValues({ n: [0, 0, 0], sum: [0, 0, 0] }, 3, 0.95);
    expect(fresh[0]).toBeGreaterThan(values[0] as number);
  });
});

describe("GradeTally", () => {
  it("counts grades per tag key and tapers a key's rate once it has enough outcomes", () => {
    const tally = new GradeTally(models);
    const key = GradeTally.key(["category:b", "category:a", "category:b"]);
    expect(key).toBe(GradeTally.key(["category:a", "category:b"]));
    for (let i = 0; i < 30; i++) tally.add(key, { cheap: { quality: 1 }, strong: { quality: 0 } });
    expect(tally.counts(key).n).toEqual(Float64Array.from([30, 0, 30]));
    expect(Array.from(tally.totals)).toEqual([30, 0, 30]);
    expect(tally.taper(key, 15)).toBeCloseTo(0.25, 12);
    expect(tally.taper(key, 30)).toBe(1);
    expect(tally.taper(key, 0)).toBe(1);
    expect(tally.taper(GradeTally.key([]), 15)).toBe(1);
  });
});
