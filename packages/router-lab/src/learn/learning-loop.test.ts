import { describe, expect, it } from "vitest";
import type { OutcomeRecord, Price } from "../eval/outcomes";
import { summarise } from "../eval/summary";
import { candidates, mergeByPrompt } from "./learn-records";
import { bestSingleModel, calibrationAt, learnedSummary } from "./learn-summary";
import { type LoopRequest, runLearningLoop, shouldRefit } from "./learning-loop";

const outcome = (score: number, output = 10) => ({
  score,
  response: null,
  input_tokens: 10,
  output_tokens: output,
});
const prices = new Map<string, Price>([
  ["small", { input: 1, output: 1 }],
  ["mid", { input: 5, output: 5 }],
  ["large", { input: 10, output: 30 }],
  ["judge", { input: 0.1, output: 0.1 }],
]);

/** "easy" prompts: the small model is right; "hard": only the large one. */
function records(n: number): OutcomeRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const hard = i % 3 === 0;
    return {
      id: `r${i}`,
      category: hard ? "hard" : "easy",
      messages: [{ role: "user", content: `${hard ? "Prove" : "Say"} thing number ${i}` }],
      outcomes: { small: outcome(hard ? 0 : 1), large: outcome(1) },
    };
  });
}
const judge = {
  model: "judge",
  price: prices.get("judge") as Price,
  overheadTokens: 100,
  outputTokens: 2,
};

describe("the learning loop's inputs", () => {
  it("merges rows of one prompt and picks the candidates in price order", () => {
    const rows: OutcomeRecord[] = [
      {
        id: "a/1",
        prompt_id: "a",
        messages: [{ role: "user", content: "hi" }],
        outcomes: { small: outcome(1), large: outcome(1) },
      },
      {
        id: "a/2",
        prompt_id: "a",
        messages: [{ role: "user", content: "hi" }],
        outcomes: { mid: outcome(0), large: outcome(1) },
      },
      {
        id: "b/1",
        prompt_id: "b",
        messages: [{ role: "user", content: "yo" }],
        outcomes: { small: outcome(1), large: outcome(1) },
      },
    ];
    const merged = mergeByPrompt(rows);
    expect(merged.map((r) => r.id)).toEqual(["a", "b"]);
    expect(Object.keys(merged[0]?.outcomes ?? {}).sort()).toEqual(["large", "mid", "small"]);
    const all = candidates(merged, prices);
    expect(all.models).toEqual(["small", "large"]);
    const three = candidates(merged, prices, ["large", "mid", "small"]);
    expect(three.models).toEqual(["small", "mid", "large"]);
    expect(three.dropped).toBe(1);
  });
});

describe("runLearningLoop", () => {
  const data = mergeByPrompt(records(600));
  const options = { rate: 0.1, retrainEvery: 20, seed: 5, judge, priorScore: () => 0.5 };
  const loop = runLearningLoop(data, ["small", "large"], prices, options);

  it("routes with the prior until the first fit, then with each artefact, and is deterministic", () => {
    expect(loop.requests).toHaveLength(600);
    expect(loop.requests[0]?.artefact).toBe("prior");
    const sampled = loop.requests.filter((r) => r.sampled).length;
    expect(sampled).toBe(loop.outcomes);
    expect(sampled).toBeGreaterThan(35);
    expect(sampled).toBeLessThan(90);
    let last = 0;
    const expected: number[] = [];
    for (let n = 1; n <= sampled; n++)
      if (shouldRefit(n, last, 20)) {
        expected.push(n);
        last = n;
      }
    expect(loop.fits.map((fit) => fit.outcomes)).toEqual(expected);
    expect(expected.slice(0, 6)).toEqual([5, 8, 12, 18, 27, 41]);
    expect(loop.requests.at(-1)?.artefact).toBe(loop.final?.id);
    const again = runLearningLoop(data, ["small", "large"], prices, options);
    expect(again.requests.map((r) => [r.record.id, r.sampled, r.artefact])).toEqual(
      loop.requests.map((r) => [r.record.id, r.sampled, r.artefact]),
    );
  });

  it("learns the categories: the learned router beats the prior on the requests it routed", () => {
    const routed = loop.requests.filter((r) => !r.sampled && r.artefact !== "prior");
    const summary = learnedSummary(routed);
    expect(summary.axis).toBe("strongShare");
    expect(summary.apgr).toBeGreaterThan(0.75);
    expect(summary.savedAt95).toBeGreaterThan(0.5);
  });

  it("counts calibration: every candidate and a judge per answer, less the call that serves", () => {
    const c = calibrationAt(loop.requests, 0.95);
    // judge: (100 + 10 + 10) tokens in at $0.1/M and 2 out, per answer, two answers.
    const judgeEach = 2 * ((120 * 0.1 + 2 * 0.1) / 1e6);
    expect(c.judgeUsd).toBeCloseTo(judgeEach * c.sampled, 12);
    const callSmall = 20 / 1e6;
    const callLarge = (10 * 10 + 10 * 30) / 1e6;
    expect(c.grossUsd).toBeCloseTo(c.sampled * (callSmall + callLarge + judgeEach), 12);
    expect(c.calibrationUsd).toBeLessThan(c.grossUsd);
    expect(c.share).toBeCloseTo(c.calibrationUsd / (c.routedUsd + c.grossUsd), 12);
  });
});

const sumCosts = (requests: readonly LoopRequest[]) => {
  const c = calibrationAt(requests, 0.95);
  return c.routedUsd + c.grossUsd;
};

describe("runLearningLoop with a calibration share cap", () => {
  const data = mergeByPrompt(records(600));
  // Without adaptive sampling: the draws then do not depend on the artefacts, so both runs draw alike.
  const base = {
    rate: 0.1,
    retrainEvery: 20,
    seed: 5,
    judge,
    priorScore: () => 0.5,
    adaptive: false,
    taperAfter: 0,
    warmup: 0,
  };

  it("samples fewer of the drawn requests and keeps calibration within maxShare of spend", () => {
    const free = runLearningLoop(data, ["small", "large"], prices, base);
    const capped = runLearningLoop(data, ["small", "large"], prices, { ...base, maxShare: 0.01 });
    const tenth = runLearningLoop(data, ["small", "large"], prices, { ...base, maxShare: 0.1 });
    expect(tenth.outcomes).toBeGreaterThan(capped.outcomes);
    expect(tenth.outcomes).toBeLessThan(free.outcomes);
    expect(calibrationAt(tenth.requests, 0.95).share).toBeLessThanOrEqual(0.1);
    expect(capped.requests.filter((r) => r.paused).length).toBeGreaterThan(0);
    expect(capped.outcomes).toBeLessThan(free.outcomes);
    expect(capped.outcomes).toBeGreaterThanOrEqual(1);
    expect(calibrationAt(free.requests, 0.95).share).toBeGreaterThan(0.01);
    // The pacer counted served spend at minQuality 0.95. The first sample is taken at once, so a
    // short run may end over the cap by that one sample: this one does, and stops there (the
    // prior serves the cheap model, so the traffic never pays for a second).
    const share = calibrationAt(capped.requests, 0.95).share;
    const first = capped.requests.find((r) => r.sampled) as LoopRequest;
    const total = sumCosts(capped.requests);
    expect(share).toBeLessThanOrEqual(0.01 + first.grossUsd / total);
  });
});

describe("learned summaries", () => {
  const request = (scores: number[], costs: number[], qualities: number[]): LoopRequest => ({
    record: { id: "x", recordId: "x", messages: [], category: undefined, outcomes: {} },
    sampled: false,
    paused: false,
    grossUsd: 0,
    qualities: Float64Array.from(qualities),
    artefact: "a",
    scores,
    costs,
    judgeCost: 0,
  });

  it("two candidates: RouteLLM's metrics on 1 − relative quality of the cheap one", () => {
    const requests = Array.from({ length: 10 }, (_, i) =>
      request([i >= 6 ? 0 : 1, 1], [1, 9], [1 - i / 10, 1]),
    );
    const summary = learnedSummary(requests);
    const reference = summarise(
      requests.map((r) => ({
        cheapScore: r.scores[0] as number,
        strongScore: 1,
        cheapCost: 1,
        strongCost: 9,
      })),
      requests.map((_, i) => i / 10),
      "route",
    );
    expect(summary.apgr).toBeCloseTo(reference.apgr, 10);
    expect(summary.savedAt95).toBeCloseTo(reference.savedAt95 ?? 0, 10);
  });

  it("more candidates: the cost axis, and the best single model", () => {
    // The middle model is always right at a fifth of the large one's price.
    const requests = Array.from({ length: 20 }, (_, i) =>
      request([i % 2, 1, 1], [1, 2, 10], [i % 2 ? 0.9 : 0.3, 0.95, 0.96]),
    );
    const summary = learnedSummary(requests);
    expect(summary.axis).toBe("cost");
    expect(summary.savedAt95).toBeCloseTo(1 - (10 * 1 + 10 * 2) / 200, 10);
    expect(bestSingleModel(requests, ["a", "b", "c"]).model).toBe("b");
  });
});
