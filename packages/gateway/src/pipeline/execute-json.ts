import type { ChatCompletionResponse, ModelInfo } from "@switchyard/core";
import { cascadeDecision } from "@switchyard/router";
import type { Logger } from "pino";
import { completionText } from "../accounting/content-text";
import { type UsageFigures, usageOfResponse } from "../accounting/response-usage";
import {
  type AttemptRecord,
  type ExecuteContext,
  type Executed,
  executePlan,
  PlanFailedError,
} from "../execute/execute-plan";
import type { CascadeRoute, RouteDecision } from "../route/resolve-route";
import { type CascadeJudge, type JudgeVerdict, judgeNote, runJudge } from "./judge";

export interface JsonOutcome {
  response: ChatCompletionResponse;
  served: ModelInfo;
  usage: UsageFigures;
  attempts: AttemptRecord[];
  upstreamMs: number;
  /** x-switchyard-route: the route's reason, plus the cascade's verdict when there was one. */
  reason: string;
  /** When a cascade escalated: the cheap call, which was paid as well. */
  cheapCall: { model: ModelInfo; usage: UsageFigures } | null;
  cascade: CascadeVerdict | null;
}

/** The cascade's decision: `score` and `threshold` are the judge's when it graded, else the local scorer's. */
export interface CascadeVerdict {
  score: number;
  threshold: number;
  escalated: boolean;
  strongFailed?: boolean;
  /** Present when the policy names a judge: its grade, or why it failed (the local scorer decided). */
  judge?: JudgeVerdict;
}

/** Execute a plan non-streamed and parse the answer. */
export const executeForJson = (
  context: ExecuteContext,
): Promise<Executed<ChatCompletionResponse>> =>
  executePlan({ ...context, stream: false }, async (call, adapter, target) =>
    adapter.parseResponse(target.model, await call.response.body.json()),
  );

export interface CheapOutcome {
  first: Executed<ChatCompletionResponse>;
  usage: UsageFigures;
  verdict: CascadeVerdict;
  /** The route's reason, plus the judge's note when there is a judge. */
  reason: string;
  /** Attempts so far (the cheap call's, then the judge's) and their upstream time. */
  attempts: AttemptRecord[];
  upstreamMs: number;
}

/**
 * A cascade's first step: the cheap model's answer (non-streamed), scored by the policy's judge
 * when it names one, else (or when the judge fails) by the local scorer.
 */
export async function runCheap(
  context: ExecuteContext,
  cascade: CascadeRoute,
  judge: CascadeJudge | null,
  reason: string,
): Promise<CheapOutcome> {
  const first = await executeForJson(context);
  const usage = usageOfResponse(first.value, context.request);
  const local = (): CascadeVerdict => {
    const answer = first.value.choices[0]?.message.content ?? null;
    const { score, escalate } = cascadeDecision(cascade.scorer, answer, cascade.routingRequest);
    return { score, threshold: cascade.scorer.threshold, escalated: escalate };
  };
  const prior = { attempts: first.attempts, upstreamMs: first.upstreamMs };
  if (judge === null) return { first, usage, verdict: local(), reason, ...prior };
  const judged = await runJudge(context, judge, completionText(first.value), prior).catch(
    (error: unknown) => {
      if (error instanceof PlanFailedError)
        error.paidCheapCall = { model: first.target.model, usage };
      throw error;
    },
  );
  const { score, threshold } = judged.verdict;
  const verdict: CascadeVerdict =
    score === null
      ? { ...local(), judge: judged.verdict }
      : { score, threshold, escalated: score < threshold, judge: judged.verdict };
  return {
    first,
    usage,
    verdict,
    reason: `${reason};${judgeNote(judged.verdict)}`,
    attempts: judged.attempts,
    upstreamMs: judged.upstreamMs,
  };
}

const outcomeOf = (
  executed: Executed<ChatCompletionResponse>,
  usage: UsageFigures,
  reason: string,
  cascade: CascadeVerdict | null,
): JsonOutcome => ({
  response: executed.value,
  served: executed.target.model,
  usage,
  attempts: executed.attempts,
  upstreamMs: executed.upstreamMs,
  reason,
  cheapCall: null,
  cascade,
});

/**
 * A non-streamed request: execute the plan; for a cascade, score the cheap answer (judge or local
 * scorer) and, below the threshold, call the strong plan too (if that fails, the cheap answer is
 * served after all).
 */
export async function executeJson(
  context: ExecuteContext,
  route: RouteDecision,
  logger: Logger,
  judge: CascadeJudge | null = null,
): Promise<JsonOutcome> {
  if (route.cascade === null) {
    const executed = await executeForJson(context);
    return outcomeOf(
      executed,
      usageOfResponse(executed.value, context.request),
      route.reason,
      null,
    );
  }
  const cheap = await runCheap(context, route.cascade, judge, route.reason);
  const { first, usage, verdict, reason } = cheap;
  if (!verdict.escalated) {
    const outcome = outcomeOf(first, usage, `${reason};accepted`, verdict);
    outcome.attempts = cheap.attempts;
    outcome.upstreamMs = cheap.upstreamMs;
    return outcome;
  }
  try {
    const strong = await executeForJson({ ...context, plan: route.cascade.strongPlan });
    const outcome = outcomeOf(
      strong,
      usageOfResponse(strong.value, context.request),
      `${reason};escalated`,
      verdict,
    );
    outcome.attempts = [...cheap.attempts, ...strong.attempts];
    outcome.upstreamMs += cheap.upstreamMs;
    outcome.cheapCall = { model: first.target.model, usage };
    return outcome;
  } catch (error) {
    if (!(error instanceof PlanFailedError)) throw error;
    logger.warn(
      { err: error.error.message },
      "cascade escalation failed; serving the cheap answer",
    );
    const outcome = outcomeOf(first, usage, `${reason};escalation-failed`, {
      ...verdict,
      strongFailed: true,
    });
    outcome.attempts = [...cheap.attempts, ...error.attempts];
    outcome.upstreamMs = cheap.upstreamMs + error.upstreamMs;
    return outcome;
  }
}
