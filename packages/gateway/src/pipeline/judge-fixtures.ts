/** Test fixtures for cascades with an LLM judge: judge models on mock-llm and judge policies. */
import type { ModelInfo, PublishedPolicy, RequestLogEntry } from "@switchyard/core";
import { makeModel } from "../testing/fakes";
import { type Harness, waitFor } from "../testing/harness";

/** Judge models served by mock-llm: `mock-grade-<n>` makes one answer with exactly that grade. */
export function judgeModels(harness: Harness): ModelInfo[] {
  const baseUrl = `${harness.mock.url}/v1`;
  const judge = (name: string, upstreamName: string) =>
    makeModel({
      name,
      upstreamName,
      baseUrl,
      inputPricePerMillion: 1,
      outputPricePerMillion: 2,
    });
  return [
    judge("grader-8", "grader+mock-grade-8"),
    judge("grader-3", "grader+mock-grade-3"),
    // No grade control: answers in sentences, which are not a grade.
    judge("grader-prose", "grader"),
    judge("grader-down", "grader+mock-error-500"),
    judge("grader-hangs", "grader+mock-timeout"),
    makeModel({
      name: "grader-claude",
      providerKind: "anthropic",
      upstreamName: "claude-judge-mock-grade-9",
      baseUrl: harness.mock.url,
      inputPricePerMillion: 1,
      outputPricePerMillion: 5,
    }),
  ];
}

/** A cascade small → premium whose local threshold is `localThreshold`, graded by `judge`. */
export const judgePolicy = (
  alias: string,
  judge: string,
  localThreshold: number,
  judgeThreshold = 0.7,
): PublishedPolicy => ({
  policyId: `p-${alias}`,
  versionId: `pv-${alias}`,
  version: 1,
  teamId: "team_1",
  alias,
  body: {
    version: 1,
    defaultModel: "small",
    baselineModel: "premium",
    otherwise: "cascade",
    cascade: {
      cheap: "small",
      strong: "premium",
      threshold: localThreshold,
      judge: { model: judge, threshold: judgeThreshold },
    },
  },
});

/** Add the judge models and policies to the harness's snapshot and reload it. */
export async function addJudges(harness: Harness, policies: PublishedPolicy[]): Promise<void> {
  harness.config.snapshot.models.push(...judgeModels(harness));
  harness.config.snapshot.policies.push(...policies);
  await harness.gateway.reload();
}

export async function logEntry(harness: Harness, id: string): Promise<RequestLogEntry> {
  await waitFor(() => harness.usage.entries.some((e) => e.clientRequestId === id));
  const found = harness.usage.entries.find((e) => e.clientRequestId === id);
  if (found === undefined) throw new Error(`no log entry ${id}`);
  return found;
}

export const attemptsOf = (entry: RequestLogEntry) =>
  (entry.attempts as { model: string; reason: string; error: string | null }[]).map((a) => [
    a.model,
    a.reason,
    a.error,
  ]);

export const cascadeResultOf = (entry: RequestLogEntry) =>
  (entry.routeTrace as { cascadeResult?: unknown }).cascadeResult;

export const picosOf = (usd: string) => Number(BigInt(usd.replace(".", "")));
