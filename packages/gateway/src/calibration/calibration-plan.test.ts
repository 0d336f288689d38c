/** Calibration samples planned within the policy's share, and the per-tag taper of the rate. */
import { afterEach, describe, expect, it } from "vitest";
import { MemoryOutcomeStore } from "../testing";
import { type Harness, startHarness } from "../testing/harness";
import { calibrationModels, chat, learning, policy } from "./calibration-fixtures";

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe("calibration plans", () => {
  it("with a share cap, calls past warmup only the candidates the room affords", async () => {
    const outcomes = new MemoryOutcomeStore();
    harness = await startHarness({
      extraModels: calibrationModels,
      policies: [policy({ ...learning, sampleRate: 1, maxShare: 0.5, warmup: 1 })],
      outcomes,
      calibration: { random: () => 0 },
    });
    const h = harness;
    for (let i = 0; outcomes.all().length < 3 && i < 500; i++) {
      expect((await h.fetch("/v1/chat/completions", chat(`question ${i}?`))).status).toBe(200);
      await h.gateway.calibrationIdle();
    }
    const graded = outcomes.all().map((outcome) => Object.keys(outcome.grades).sort());
    // The first sample is cand-strong's warmup grade; later ones grade the served (cheap) answer,
    // and cand-strong's answer (37× the price) never fits what the cheap traffic has paid for.
    expect(graded[0]).toEqual(["cand-cheap", "cand-strong"]);
    expect(graded).toHaveLength(3);
    for (const later of graded.slice(1)) expect(later).toEqual(["cand-cheap"]);
    // Past the warmup loan, sampling paused until the traffic had repaid it.
    expect(h.gateway.calibrationStats().paused).toBeGreaterThan(10);
  });

  it("tapers a tag's sample rate once it has taperAfter outcomes", async () => {
    const outcomes = new MemoryOutcomeStore();
    harness = await startHarness({
      extraModels: calibrationModels,
      policies: [policy({ ...learning, sampleRate: 0.5, taperAfter: 2 })],
      outcomes,
      calibration: { random: () => 0.2 },
    });
    const h = harness;
    for (let i = 0; i < 6; i++) {
      expect((await h.fetch("/v1/chat/completions", chat(`question ${i}?`))).status).toBe(200);
      await h.gateway.calibrationIdle();
    }
    // 0.2 < 0.5 draws the first three (0, 1 and 2 outcomes: full rate); at 3 the rate is
    // 0.5 × (2/3)² ≈ 0.22, still drawn; at 4 it is 0.125 and the tag is no longer sampled.
    expect(outcomes.all()).toHaveLength(4);
  });
});
