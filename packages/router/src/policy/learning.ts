/** A policy's `learning` block (outcome collection by calibration sampling), compiled. */
import { PolicyError } from "./policy-error";
import type { PolicyBody } from "./schema";

/** What the gateway reads to sample a policy's requests for calibration. */
export interface CompiledLearning {
  /** Probability that an eligible request is sampled (0..1). */
  sampleRate: number;
  /** Most of the policy's total spend calibration may take (0..1, 1 = no cap; CalibrationPacer). */
  maxShare: number;
  /** A factor on calling each candidate dearer than the served one (planCalibrationCalls). */
  explore: number;
  /** A candidate's first grades taken whatever the share's room (planCalibrationCalls). */
  warmup: number;
  /** A tag's outcomes before its sample rate tapers (GradeTally.taper; 0 = never). */
  taperAfter: number;
  /** Taper the sample rate on clear learned decisions (adaptiveSampleWeight). */
  adaptive: boolean;
  /** Calibration spend cap per calendar month in USD; null = only the team's own budgets. */
  budgetUsd: number | null;
  /** The candidates' model names (aliases resolved), in the order the policy lists them. */
  candidates: readonly string[];
  /** The judge's model name (alias resolved). */
  judge: string;
  /** Requests carrying any of these tags (see requestTags) are never sampled. */
  excludeTags: readonly string[];
  /** Names of the rules marked `private: true`: requests they match are never sampled. */
  privateRules: ReadonlySet<string>;
}

/** The learning block with its model names resolved, or null when the policy has none. */
export function compileLearning(
  policy: PolicyBody,
  resolve: (name: string, path: PropertyKey[]) => string,
): CompiledLearning | null {
  const learning = policy.learning;
  if (learning === undefined) return null;
  const candidates = learning.candidates.map((name, i) =>
    resolve(name, ["learning", "candidates", i]),
  );
  candidates.forEach((name, i) => {
    if (candidates.indexOf(name) !== i)
      throw new PolicyError(["learning", "candidates", i], `"${name}" is listed twice`);
  });
  return {
    sampleRate: learning.sampleRate,
    maxShare: learning.maxShare,
    explore: learning.explore,
    warmup: learning.warmup,
    taperAfter: learning.taperAfter,
    adaptive: learning.adaptive,
    budgetUsd: learning.budgetUsd ?? null,
    candidates,
    judge: resolve(learning.judge, ["learning", "judge"]),
    excludeTags: learning.excludeTags ?? [],
    privateRules: new Set(policy.rules.filter((rule) => rule.private).map((rule) => rule.name)),
  };
}
