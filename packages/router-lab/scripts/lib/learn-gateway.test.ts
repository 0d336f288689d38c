import { describe, expect, it } from "vitest";
import type { Price } from "../../src/eval/outcomes";
import type { LearnRecord } from "../../src/learn/learn-records";
import { learnedSummary } from "../../src/learn/learn-summary";
import { runLearningLoop } from "../../src/learn/learning-loop";
import { seededRandom, shuffle } from "../../src/model/train-logistic";
import { runGatewayLearningLoop } from "./learn-gateway";

const prices = new Map<string, Price>([
  ["small", { input: 1, output: 1 }],
  ["large", { input: 10, output: 30 }],
  ["judge", { input: 0.1, output: 0.1 }],
]);
const outcome = (score: number, response: string) => ({
  score,
  response,
  input_tokens: 12,
  output_tokens: 8,
});

/** "proof" prompts: only the large model is right; "greeting" prompts: both are. */
const records: LearnRecord[] = Array.from({ length: 160 }, (_, i) => {
  const hard = i % 3 === 0;
  const category = hard ? "proof" : "greeting";
  return {
    id: `p${i}`,
    recordId: `r${i}`,
    category,
    messages: [
      { role: "user", content: `${hard ? "Prove lemma" : "Say hello to"} number ${i}, please.` },
    ],
    outcomes: {
      small: outcome(hard ? 0 : 1, hard ? "I cannot." : `Hello ${i}!`),
      large: outcome(1, hard ? `Proof of ${i}: done.` : `Hello there ${i}.`),
    },
  };
});
const options = {
  models: ["small", "large"],
  prices,
  judge: { model: "judge", price: prices.get("judge") as Price },
  rate: 0.25,
  retrainEvery: 10,
  seed: 3,
  minQuality: 0.95,
  maxShare: 1,
  explore: 1,
  adaptive: true,
  priorScore: () => 0.5,
};

describe("the learning loop through the gateway", () => {
  it("samples, judges, stores, fits and routes with each version, as the in-process loop does", async () => {
    const order = shuffle([...records], seededRandom(options.seed));
    const run = await runGatewayLearningLoop({ ...options, records: order });
    // Every decision is the one the artefact named in its trace makes; accounting is exact.
    expect(run.agreement).toEqual({ requests: 160, agreed: 160 });
    expect(run.accounting.gatewayServedUsd).toBeCloseTo(run.accounting.recordedServedUsd, 12);
    const sampled = run.requests.filter((r) => r.sampled);
    expect(sampled.length).toBe(run.outcomes);
    expect(run.outcomes).toBeGreaterThan(12);
    expect(run.fits.length).toBeGreaterThan(2);
    expect(run.fits[0]?.outcomes).toBe(5);
    // A sample paid the other candidate's answer and two judge calls.
    for (const r of sampled) {
      expect(r.judgeCost).toBeGreaterThan(0);
      expect(r.grossUsd).toBeGreaterThan(Math.max(...r.costs));
    }
    // The judge's grades are the recorded scores: the routers learn "proof" needs the large model.
    const routed = run.requests.filter((r) => !r.sampled && r.artefact !== "prior");
    expect(routed.length).toBeGreaterThan(60);
    const proofs = routed.filter((r) => r.record.category === "proof");
    const toLarge = proofs.filter(
      (r) => (r.qualities[0] as number) < 0.95 * (r.qualities[1] as number),
    );
    expect(toLarge.length / proofs.length).toBeGreaterThan(0.8);
    expect(learnedSummary(routed).apgr).toBeGreaterThan(0.65);

    // The same draws as the in-process loop: the same requests are samples.
    const inProcess = runLearningLoop(records, options.models, prices, {
      ...options,
      judge: {
        model: "judge",
        price: prices.get("judge") as Price,
        overheadTokens: 0,
        outputTokens: 0,
      },
    });
    expect(run.requests.map((r) => r.sampled)).toEqual(inProcess.requests.map((r) => r.sampled));
  }, 60_000);
});
