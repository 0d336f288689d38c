/**
 * Runs the learning loop on a file's traffic: through the real gateway (learn-gateway.ts, the
 * default) or in-process (src/learn/learning-loop.ts, the fast path and `--train`'s).
 */
import type { Price } from "../../src/eval/outcomes";
import type { LearnRecord } from "../../src/learn/learn-records";
import { type LoopOptions, type LoopResult, runLearningLoop } from "../../src/learn/learning-loop";
import { seededRandom, shuffle } from "../../src/model/train-logistic";
import { type GatewayLoopResult, runGatewayLearningLoop } from "./learn-gateway";

export interface LoopRun {
  loop: Pick<LoopResult, "requests" | "fits" | "outcomes">;
  /** Drawn samples the share cap paused. */
  paused: number;
  /** The gateway's decisions and accounting against the in-process replay (gateway source only). */
  gatewayCheck: Pick<GatewayLoopResult, "agreement" | "accounting"> | null;
}

export async function runLoop(
  source: string,
  records: readonly LearnRecord[],
  models: readonly string[],
  prices: Map<string, Price>,
  options: LoopOptions,
): Promise<LoopRun> {
  if (source !== "gateway") {
    const loop = runLearningLoop(records, models, prices, options);
    return { loop, paused: loop.requests.filter((r) => r.paused).length, gatewayCheck: null };
  }
  if (options.warmOutcomes)
    throw new Error("--train runs in-process only: add --source in-process");
  // The same arrival order as the in-process loop (runLearningLoop shuffles with this seed).
  const order = shuffle([...records], seededRandom(options.seed));
  const run = await runGatewayLearningLoop({
    records: order,
    models,
    prices,
    judge: { model: options.judge.model, price: options.judge.price },
    rate: options.rate,
    retrainEvery: options.retrainEvery,
    seed: options.seed,
    minQuality: options.minQuality ?? 0.95,
    maxShare: options.maxShare ?? 1,
    explore: options.explore ?? 1,
    adaptive: options.adaptive ?? true,
    priorScore: options.priorScore,
    onProgress: (done, total) => {
      if (done % 100 === 0 || done === total)
        process.stderr.write(`\rthrough the gateway: ${done}/${total} requests`);
      if (done === total) process.stderr.write("\n");
    },
  });
  return { loop: run, paused: run.paused, gatewayCheck: run };
}
