/**
 * What a team gets once it has n outcomes: fit on n prompts (chosen by a seeded shuffle), route
 * every other prompt of the file with that fixed artefact, and summarise those. n = 0 is the
 * classifier prior. Complements the loop (which pools every stage of learning).
 */
import {
  fitLearnedRouter,
  type Outcome,
  outcomeOf,
  promptOf,
  requestTags,
} from "@switchyard/router";
import { loadLearnedModel } from "@switchyard/router/training";
import type { Price } from "../eval/outcomes";
import { seededRandom, shuffle } from "../model/train-logistic";
import { type LearnRecord, recordCosts } from "./learn-records";
import { type LearnedStrategySummary, learnedSummary } from "./learn-summary";
import { fixedScore, type LoopRequest, recordRequest } from "./learning-loop";

export interface CurvePoint {
  outcomes: number;
  seeds: number;
  apgr: number;
  savedAt95: number | null;
  /** Each seed's summary (a different choice of the n training prompts). */
  runs: Pick<LearnedStrategySummary, "apgr" | "cpt50" | "savedAt95">[];
}

export function learningCurve(
  records: readonly LearnRecord[],
  models: readonly string[],
  prices: ReadonlyMap<string, Price>,
  priorScore: (record: LearnRecord) => number,
  sizes: readonly number[],
  seeds: readonly number[],
): CurvePoint[] {
  const items = records.map((record) => {
    const grades: Record<string, { quality: number }> = {};
    for (const model of models) grades[model] = { quality: record.outcomes[model]?.score ?? 0 };
    const prior = priorScore(record);
    const outcome: Outcome = outcomeOf(recordRequest(record), grades, {
      classifier: fixedScore(prior),
    });
    return { record, prior, outcome };
  });
  return sizes.map((size) => {
    const runs = seeds.map((seed) => {
      const order = shuffle(items, seededRandom(seed * 97));
      const train = order.slice(0, size);
      const artefact = fitLearnedRouter(
        train.map((item) => item.outcome),
        { models, seed, heldOutPercent: 0 },
      );
      const model = loadLearnedModel(artefact);
      const requests: LoopRequest[] = order.slice(size).map(({ record, prior }) => {
        const qualities = new Float64Array(models.length);
        const { text, turns } = promptOf(record.messages);
        model.predict(text, turns, requestTags(recordRequest(record)), prior, qualities);
        return {
          record,
          sampled: false,
          paused: false,
          qualities,
          artefact: artefact.id,
          scores: models.map((name) => record.outcomes[name]?.score ?? 0),
          costs: recordCosts(record, models, prices),
          judgeCost: 0,
          grossUsd: 0,
        };
      });
      const { apgr, cpt50, savedAt95 } = learnedSummary(requests);
      return { apgr, cpt50, savedAt95 };
    });
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const saved = runs.map((run) => run.savedAt95);
    return {
      outcomes: size,
      seeds: seeds.length,
      apgr: mean(runs.map((run) => run.apgr)),
      savedAt95: saved.some((s) => s === null) ? null : mean(saved as number[]),
      runs,
    };
  });
}
