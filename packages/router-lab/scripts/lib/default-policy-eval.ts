/**
 * The default policy's point on a file (src/eval/default-policy.ts), scored as `pnpm eval` scores
 * everything: out-of-fold for the files the shipped weights were trained on, else the shipped
 * weights in-process.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import {
  compilePolicy,
  fitLearnedRouter,
  type Outcome,
  shippedClassifier,
  shippedScorer,
} from "@switchyard/router";
import {
  type DecisionSource,
  inProcessSource,
  precomputedSource,
} from "../../src/eval/decision-source";
import {
  bindPolicy,
  type DefaultPolicyPoint,
  defaultPolicyPoint,
} from "../../src/eval/default-policy";
import type { ModelPair, OutcomeRecord, Price } from "../../src/eval/outcomes";
import { replayModel } from "../../src/eval/policy-replay";
import { scoreAll } from "../../src/eval/replay";
import { outOfFoldScores, shippedTraining } from "./oof-source";
import { defaultDataDir, routerDir, sha256File } from "./paths";

export const DEFAULT_POLICY_PATH = resolve(routerDir, "policies/eval-cascade.json");

/** The router's scores for a file's records, as the eval reads them. */
export function fileSource(
  dataPath: string,
  prices: Map<string, Price>,
  log: (message: string) => void,
): DecisionSource {
  const sha = sha256File(dataPath);
  const trainedOn = shippedTraining().files.some((file) => file.sha256 === sha);
  const oof = trainedOn
    ? outOfFoldScores(sha, [dirname(dataPath), defaultDataDir], prices, log)
    : null;
  return oof
    ? precomputedSource(oof, "out-of-fold predictions (this file trained the shipped weights)")
    : inProcessSource(shippedClassifier(), shippedScorer());
}

/** The default policy with per-tag cascade verdicts fitted on a loop's calibration outcomes. */
export interface LearnedCascadePoint {
  point: DefaultPolicyPoint;
  artefact: string;
  /** Tags routed straight to strong / to cheap. */
  strongTags: string[];
  cheapTags: string[];
}

/**
 * The default policy's point; with `outcomes` (graded calibration samples), also the same policy
 * with a `learning` block over its pair, deciding with an artefact fitted on those outcomes, so
 * each record's `category:<c>` tag may skip the cascade (replayed on every record, the sampled
 * ones included).
 */
export async function policyAtDefault(
  records: readonly OutcomeRecord[],
  pair: ModelPair,
  prices: Map<string, Price>,
  source: DecisionSource,
  outcomes?: readonly Outcome[],
): Promise<{ point: DefaultPolicyPoint; learned: LearnedCascadePoint | null }> {
  const body = bindPolicy(readFileSync(DEFAULT_POLICY_PATH, "utf8"), pair);
  const scores = await scoreAll(records, pair, source);
  const point = defaultPolicyPoint(body, records, scores, pair, prices);
  if (!outcomes || outcomes.length === 0) return { point, learned: null };
  const learningBody = {
    ...body,
    learning: { sampleRate: 0, candidates: [pair.cheap, pair.strong], judge: pair.cheap },
  };
  const models = [pair.cheap, pair.strong].map((name) =>
    replayModel(name, prices.get(name) as Price),
  );
  const target = compilePolicy(learningBody, { models }).learnedTargets.find((t) => t.cascade);
  if (!target?.cascade) return { point, learned: null };
  const artefact = fitLearnedRouter(outcomes, {
    models: target.models,
    seed: 1,
    heldOutPercent: 0,
    cascade: target.cascade,
  });
  const verdicts = Object.entries(artefact.cascade?.tags ?? {});
  const learned = defaultPolicyPoint(learningBody, records, scores, pair, prices, {
    learnedRouter: () => artefact,
    tags: (record) => (record.category ? [`category:${record.category}`] : []),
  });
  return {
    point,
    learned: {
      point: learned,
      artefact: artefact.id,
      strongTags: verdicts.filter(([, v]) => v.model === pair.strong).map(([tag]) => tag),
      cheapTags: verdicts.filter(([, v]) => v.model === pair.cheap).map(([tag]) => tag),
    },
  };
}
