/**
 * The default policy's point on a file (src/eval/default-policy.ts), scored as `pnpm eval` scores
 * everything: out-of-fold for the files the shipped weights were trained on, else the shipped
 * weights in-process.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { shippedClassifier, shippedScorer } from "@switchyard/router";
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

export async function policyAtDefault(
  records: readonly OutcomeRecord[],
  pair: ModelPair,
  prices: Map<string, Price>,
  source: DecisionSource,
): Promise<DefaultPolicyPoint> {
  const body = bindPolicy(readFileSync(DEFAULT_POLICY_PATH, "utf8"), pair);
  const scores = await scoreAll(records, pair, source);
  return defaultPolicyPoint(body, records, scores, pair, prices);
}
