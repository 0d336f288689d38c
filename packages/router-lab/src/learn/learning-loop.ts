/**
 * The learning loop, offline: an outcome file replayed as one team's traffic in a seeded shuffled
 * order. Each request is drawn as a calibration sample with probability `rate` (times the adaptive
 * weight and its tag's taper, GradeTally.taper), admitted while the calibration share has room
 * (CalibrationPacer); a sample grades the served answer and the candidates its plan calls
 * (planCalibrationCalls: every one without a cap), all paid, and its outcome joins the training
 * set. Every `retrainEvery` outcomes the learner refits, and sooner while the set is young
 * (shouldRefit). Every request is routed by the artefact current at
 * the time (before its own outcome is known), or by the classifier prior before the first one;
 * the predicted qualities are kept so the caller can sweep minQuality afterwards.
 */
import {
  adaptiveSampleWeight,
  CalibrationPacer,
  callUsd,
  DEFAULT_TAPER_AFTER,
  DEFAULT_WARMUP,
  type FitOptions,
  fitLearnedRouter,
  GradeTally,
  gradeUsd,
  type LearnedRouter,
  type Outcome,
  outcomeOf,
  planCalibrationCalls,
  promptOf,
  type RoutingRequest,
  requestTags,
} from "@switchyard/router";
import {
  chooseByRelativeQuality,
  decisionMargin,
  type LearnedModel,
  loadLearnedModel,
  priorQualities,
} from "@switchyard/router/training";
import type { Price } from "../eval/outcomes";
import { seededRandom, shuffle } from "../model/train-logistic";
import { type LearnRecord, recordCosts } from "./learn-records";

export interface JudgePricing {
  model: string;
  price: Price;
  /** Tokens of the grading instructions around the conversation and the answer. */
  overheadTokens: number;
  /** Tokens of the judge's reply (one integer). */
  outputTokens: number;
}

export interface LoopOptions {
  rate: number;
  retrainEvery: number;
  seed: number;
  judge: JudgePricing;
  /** The shipped classifier's score for a record: the cold-start prior. */
  priorScore: (record: LearnRecord) => number;
  fit?: Omit<Partial<FitOptions>, "models" | "seed">;
  /** Outcomes known before the first request (e.g. another team's), fitted before it. */
  warmOutcomes?: readonly Outcome[];
  /**
   * The policy's `maxShare` (default DEFAULT_MAX_SHARE): a drawn request is sampled only while the
   * calibration spend is within this share of the total, and a sample's calls beyond the served
   * answer's grade spend at most the room left (planCalibrationCalls), as in the gateway.
   */
  maxShare?: number;
  /** The minQuality the pacer counts served spend at (default 0.95). */
  minQuality?: number;
  /** The policy's `explore` (default 1): a further factor on calling the dearer candidates. */
  explore?: number;
  /** The policy's `warmup`: grades of each candidate taken whatever the room. */
  warmup?: number;
  /** The policy's `taperAfter`: a tag's outcomes before its draw rate tapers (GradeTally.taper). */
  taperAfter?: number;
  /**
   * The policy's `adaptive` (default true): a request the current artefact decided far from its
   * boundary is drawn at a tapering share of the rate (adaptiveSampleWeight), as in the gateway.
   */
  adaptive?: boolean;
}

export interface LoopRequest {
  record: LearnRecord;
  sampled: boolean;
  /** Drawn at the sample rate but not sampled: the calibration share was spent. */
  paused: boolean;
  /** Predicted quality per candidate (cheapest first) when the request arrived. */
  qualities: Float64Array;
  /** The artefact that predicted it, or "prior". */
  artefact: string;
  /** Recorded score and USD of each candidate's answer. */
  scores: number[];
  costs: number[];
  /** USD of grading the answers a sample grades (paid when sampled; else of grading all). */
  judgeCost: number;
  /** A sample's every call (served, the other graded candidates, the judge); 0 if not sampled. */
  grossUsd: number;
}

export interface LoopResult {
  requests: LoopRequest[];
  fits: { outcomes: number; id: string; ms: number }[];
  final: LearnedRouter | null;
  outcomes: number;
}

/** Fewest outcomes the first fit needs (the priors keep a fit on five outcomes close to the prior). */
export const FIRST_FIT = 5;

/**
 * Refit when the team's outcomes have grown by `every` since the last fit, or by half (from
 * FIRST_FIT): 5, 8, 12, 18, 27, 41, 62, 93, then every 25 with every = 25. The cold start is
 * then a few dozen requests, not hundreds, and small fits cost milliseconds.
 */
export function shouldRefit(outcomes: number, lastFit: number, every: number): boolean {
  if (outcomes < FIRST_FIT) return false;
  return outcomes - lastFit >= every || outcomes >= Math.max(FIRST_FIT, Math.ceil(1.5 * lastFit));
}

/** The RoutingRequest the gateway would build for a recorded prompt (tags: its category). */
export function recordRequest(record: LearnRecord): RoutingRequest {
  return {
    messages: record.messages,
    hasImages: false,
    requestedModel: "switchyard/auto",
    keyId: "",
    teamId: "",
    estimatedInputTokens: 0,
    tags: record.category ? [`category:${record.category}`] : [],
  };
}

/** A classifier that answers one precomputed score (the record's prior, e.g. out-of-fold). */
export const fixedScore = (score: number) => ({ name: "precomputed", score: () => score });

export function judgeCost(record: LearnRecord, models: readonly string[], judge: JudgePricing) {
  let total = 0;
  for (const model of models) {
    const outcome = record.outcomes[model];
    if (!outcome) continue;
    const input = judge.overheadTokens + outcome.input_tokens + outcome.output_tokens;
    total += (input * judge.price.input + judge.outputTokens * judge.price.output) / 1e6;
  }
  return total;
}

const sumOf = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** The product's default `learning.maxShare`. */
export const DEFAULT_MAX_SHARE = 1;
export { DEFAULT_TAPER_AFTER, DEFAULT_WARMUP };

/**
 * A sample's calls, planned as the gateway plans them (calibrate.ts): from the served answer's
 * recorded token counts, the candidates' and the judge's per-million prices.
 */
function planSample(
  record: LearnRecord,
  models: readonly string[],
  perMillion: readonly Price[],
  served: number,
  judge: JudgePricing,
  plan: {
    room: number;
    explore: number;
    minQuality: number;
    tally: { n: ArrayLike<number>; sum: ArrayLike<number> };
    totals: ArrayLike<number>;
    warmup: number;
    random: () => number;
  },
): number[] {
  const answer = record.outcomes[models[served] as string];
  const input = answer?.input_tokens ?? 0;
  const output = answer?.output_tokens ?? 0;
  const grade = gradeUsd(judge.price, input, output);
  return planCalibrationCalls({
    answerUsd: perMillion.map((price) => callUsd(price, input, output)),
    gradeUsd: models.map(() => grade),
    served,
    ...plan,
    // The room is for the calls beyond the served answer's grade, which every sample makes.
    room: plan.room - grade,
  });
}

export function runLearningLoop(
  records: readonly LearnRecord[],
  models: readonly string[],
  prices: ReadonlyMap<string, Price>,
  options: LoopOptions,
): LoopResult {
  const order = shuffle([...records], seededRandom(options.seed));
  // One stream for the sample draws and the plans' draws, in the gateway's order.
  const sampling = seededRandom(options.seed + 1);
  const outcomes: Outcome[] = [...(options.warmOutcomes ?? [])];
  const fits: LoopResult["fits"] = [];
  let artefact: LearnedRouter | null = null;
  let model: LearnedModel | null = null;
  const refit = () => {
    const start = performance.now();
    artefact = fitLearnedRouter(outcomes, {
      heldOutPercent: 0,
      ...options.fit,
      models,
      seed: options.seed,
    });
    model = loadLearnedModel(artefact);
    fits.push({ outcomes: outcomes.length, id: artefact.id, ms: performance.now() - start });
  };
  if (outcomes.length > 0) refit();
  const k = models.length;
  const pacer = new CalibrationPacer(options.maxShare ?? DEFAULT_MAX_SHARE);
  const tally = new GradeTally(models);
  const perMillion = models.map((name) => prices.get(name) as Price);
  const minQuality = options.minQuality ?? 0.95;
  const requests: LoopRequest[] = [];
  let own = 0;
  let lastFit = 0;
  for (const record of order) {
    const request = recordRequest(record);
    const { text, turns } = promptOf(record.messages);
    const qualities = new Float64Array(k);
    const current = model as LearnedModel | null;
    const priorScore = options.priorScore(record);
    if (current) current.predict(text, turns, requestTags(request), priorScore, qualities);
    else priorQualities(priorScore, qualities, k);
    const costs = recordCosts(record, models, prices);
    const servedIndex = chooseByRelativeQuality(qualities, minQuality).index;
    const served = costs[servedIndex] as number;
    const weight =
      (options.adaptive ?? true) && current
        ? adaptiveSampleWeight(
            decisionMargin(qualities, minQuality),
            (artefact as LearnedRouter | null)?.trainingSize ?? 0,
          )
        : 1;
    // As in the gateway: the draw and the admission at routing time, the request's own cost
    // counted when it closes, and the sample planned after that.
    const tagKey = GradeTally.key(request.tags ?? []);
    const taper = tally.taper(tagKey, options.taperAfter ?? DEFAULT_TAPER_AFTER);
    const drawn = sampling() < options.rate * weight * taper;
    const held = drawn ? pacer.admit() : null;
    pacer.served(served);
    const sampled = held !== null;
    const graded = sampled
      ? planSample(record, models, perMillion, servedIndex, options.judge, {
          room: pacer.room(),
          explore: options.explore ?? 1,
          minQuality,
          tally: tally.counts(tagKey),
          totals: tally.totals,
          warmup: options.warmup ?? DEFAULT_WARMUP,
          random: sampling,
        })
      : models.map((_, m) => m);
    const gradedNames = graded.map((m) => models[m] as string);
    const judged = judgeCost(record, gradedNames, options.judge);
    const grossUsd = sampled ? sumOf(graded.map((m) => costs[m] as number)) + judged : 0;
    if (held !== null) pacer.settle(held, grossUsd - served);
    const scores = models.map((name) => record.outcomes[name]?.score ?? 0);
    requests.push({
      record,
      sampled,
      paused: drawn && !sampled,
      qualities,
      artefact: current ? current.id : "prior",
      scores,
      costs,
      judgeCost: judged,
      grossUsd,
    });
    if (!sampled) continue;
    const grades: Record<string, { quality: number; costUsd: number }> = {};
    for (const m of graded)
      grades[models[m] as string] = { quality: scores[m] as number, costUsd: costs[m] as number };
    outcomes.push(outcomeOf(request, grades, { classifier: fixedScore(priorScore) }));
    tally.add(tagKey, grades);
    own++;
    if (shouldRefit(own, lastFit, options.retrainEvery)) {
      refit();
      lastFit = own;
    }
  }
  return { requests, fits, final: artefact, outcomes: own };
}
