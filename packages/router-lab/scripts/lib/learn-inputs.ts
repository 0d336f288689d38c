/**
 * What `pnpm eval --learn` reads besides the traffic: its numeric options, the classifier prior of
 * each record (out-of-fold for the files the shipped weights were trained on) and, for `--train`,
 * another team's outcomes.
 */
import { dirname, resolve } from "node:path";
import {
  GRADING_OUTPUT_TOKENS,
  GRADING_OVERHEAD_TOKENS,
  type Outcome,
  outcomeOf,
  promptOf,
  shippedClassifier,
} from "@switchyard/router";
import { hashString } from "@switchyard/router/training";
import { z } from "zod";
import type { Price } from "../../src/eval/outcomes";
import { candidates, type LearnRecord, mergeByPrompt } from "../../src/learn/learn-records";
import {
  DEFAULT_MAX_SHARE,
  fixedScore,
  type JudgePricing,
  recordRequest,
} from "../../src/learn/learning-loop";
import { readOutcomeFile } from "./load-outcomes";
import { outOfFoldScores, shippedTraining } from "./oof-source";
import { defaultDataDir, sha256File } from "./paths";

export function learnOptions(flags: Map<string, string>, prices: Map<string, Price>) {
  const rate = z.coerce.number().min(0).max(1).parse(flags.get("learn"));
  const retrainEvery = z.coerce
    .number()
    .int()
    .min(1)
    .parse(flags.get("retrain") ?? 25);
  const seed = z.coerce
    .number()
    .int()
    .parse(flags.get("seed") ?? 1);
  const minQuality = z.coerce
    .number()
    .min(0)
    .max(1)
    .parse(flags.get("min-quality") ?? 0.95);
  const maxShare = z.coerce
    .number()
    .min(0)
    .max(1)
    .parse(flags.get("max-share") ?? DEFAULT_MAX_SHARE);
  const explore = z.coerce
    .number()
    .min(0)
    .max(1)
    .parse(flags.get("explore") ?? 1);
  const judgeName = flags.get("judge") ?? "gemini-1.5-flash-002";
  const judgePrice = prices.get(judgeName);
  if (!judgePrice) throw new Error(`--judge: no price for "${judgeName}" in the prices file`);
  const judge: JudgePricing = {
    model: judgeName,
    price: judgePrice,
    overheadTokens: GRADING_OVERHEAD_TOKENS,
    outputTokens: GRADING_OUTPUT_TOKENS,
  };
  const adaptive = z.enum(["true", "false"]).parse(flags.get("adaptive") ?? "true") === "true";
  return {
    rate,
    retrainEvery,
    seed,
    minQuality,
    maxShare,
    explore,
    adaptive,
    judgeName,
    judgePrice,
    judge,
  };
}

/** Same-file transfer: prompts whose id hashes to the first half train, the others are the traffic. */
export const inTrainingHalf = (record: LearnRecord) => hashString(record.id) % 2 === 0;

/** The shipped classifier's score per record, out-of-fold for the files it was trained on. */
export function priorScores(
  dataPath: string,
  prices: Map<string, Price>,
  log: (m: string) => void,
) {
  const sha = sha256File(dataPath);
  const trainedOn = shippedTraining().files.some((file) => file.sha256 === sha);
  const oof = trainedOn
    ? outOfFoldScores(sha, [dirname(dataPath), defaultDataDir], prices, log)
    : null;
  const classifier = shippedClassifier();
  return {
    description: oof
      ? "shipped classifier, out-of-fold (it was trained on this file)"
      : "shipped classifier",
    score(record: LearnRecord): number {
      const known = oof?.get(record.recordId);
      if (known) return known.complexity;
      const { text, turns } = promptOf(record.messages);
      return classifier.score(text, turns);
    },
  };
}

/**
 * Another team's outcomes (`--train FILE[:a,b]`), its candidates mapped onto ours by price rank.
 * The same file as the traffic: only the prompts of the training half.
 */
export function transferOutcomes(
  spec: string,
  dataPath: string,
  models: readonly string[],
  prices: Map<string, Price>,
  log: (message: string) => void,
): Outcome[] {
  const [file, list] = spec.split(":") as [string, string | undefined];
  const path = resolve(file);
  const prior = priorScores(path, prices, log);
  const requested = list?.split(",").filter(Boolean);
  let merged = mergeByPrompt(readOutcomeFile(path));
  if (path === dataPath) merged = merged.filter(inTrainingHalf);
  const picked = candidates(merged, prices, requested);
  if (picked.models.length !== models.length)
    throw new Error(`--train: ${picked.models.length} candidates there, ${models.length} here`);
  return picked.records.map((record) => {
    const grades: Record<string, { quality: number }> = {};
    picked.models.forEach((name, m) => {
      grades[models[m] as string] = { quality: record.outcomes[name]?.score ?? 0 };
    });
    return outcomeOf(recordRequest(record), grades, {
      classifier: fixedScore(prior.score(record)),
    });
  });
}
