/**
 * The shipped default policy at its default threshold, replayed on a file: the console's cascade
 * (the cheap model first, the local scorer escalating answers below 0.7, open-ended prompts
 * decided before the call; `packages/router/policies/eval-cascade.json`) over the file's cheapest
 * and dearest models. The product's promise: it never costs more than sending everything to the
 * strong model. Every eval reports whether that held, per file.
 */
import type { RecordScores } from "./decision-source";
import type { ModelPair, OutcomeRecord, Price } from "./outcomes";
import { type ReplayLearning, replayPolicy } from "./policy-replay";
import { outcomeRows } from "./replay";

export interface DefaultPolicyPoint {
  /** The policy's name and the threshold it ran at. */
  policy: string;
  threshold: number | null;
  /** Its cost as a share of all-strong (1 = as much; above 1 it lost money). */
  costShareOfStrong: number;
  /** Mean score of the answers it returned, and of each model's. */
  quality: number;
  cheapQuality: number;
  strongQuality: number;
  strongShare: number;
  /** Share of requests that paid the cheap call first (a cascade that read the answer). */
  cascadeShare: number;
  neverMoreThanStrong: boolean;
  /** With a trained artefact's per-tag cascade verdicts: share of requests that skipped the cascade. */
  skippedShare?: number;
}

/** The policy document with `$cheap` / `$strong` replaced by the pair's names. */
export function bindPolicy(text: string, pair: ModelPair): Record<string, unknown> {
  return JSON.parse(
    text
      .replaceAll('"$cheap"', JSON.stringify(pair.cheap))
      .replaceAll('"$strong"', JSON.stringify(pair.strong)),
  ) as Record<string, unknown>;
}

export function defaultPolicyPoint(
  policyBody: Record<string, unknown>,
  records: readonly OutcomeRecord[],
  scores: readonly RecordScores[],
  pair: ModelPair,
  prices: Map<string, Price>,
  learning?: ReplayLearning,
): DefaultPolicyPoint {
  const rows = outcomeRows(records, pair, prices);
  const point = replayPolicy(policyBody, records, rows, scores, pair, prices, learning);
  const strongUsd = rows.reduce((sum, row) => sum + row.strongCost, 0);
  const mean = (pick: (row: (typeof rows)[number]) => number) =>
    rows.reduce((sum, row) => sum + pick(row), 0) / Math.max(1, rows.length);
  const section = (policyBody.cascade ?? policyBody.classifier) as
    | { threshold?: number }
    | undefined;
  const costShareOfStrong = strongUsd > 0 ? point.costUsd / strongUsd : 0;
  return {
    policy: String(policyBody.name ?? "policy"),
    threshold: section?.threshold ?? null,
    costShareOfStrong,
    quality: point.quality,
    cheapQuality: mean((row) => row.cheapScore),
    strongQuality: mean((row) => row.strongScore),
    strongShare: point.strongShare,
    cascadeShare: point.cascadeShare,
    neverMoreThanStrong: costShareOfStrong <= 1,
    ...(learning && { skippedShare: point.skippedShare }),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** One line for the eval's output. */
export function describeDefaultPolicy(file: string, p: DefaultPolicyPoint): string {
  return `${file}: default policy (${p.policy}, threshold ${p.threshold ?? "n/a"}) costs ${pct(p.costShareOfStrong)} of all-strong (${p.neverMoreThanStrong ? "never more: holds" : "MORE THAN ALL-STRONG"}); quality ${p.quality.toFixed(3)} (cheap ${p.cheapQuality.toFixed(3)}, strong ${p.strongQuality.toFixed(3)}), strong ${pct(p.strongShare)}, cheap call read first ${pct(p.cascadeShare)}`;
}
