import type { ChatCompletionResponse, ModelInfo } from "@switchyard/core";
import { cascadeDecision } from "@switchyard/router";
import type { Logger } from "pino";
import { type UsageFigures, usageOfResponse } from "../accounting/response-usage";
import {
  type AttemptRecord,
  type ExecuteContext,
  type Executed,
  executePlan,
  PlanFailedError,
} from "../execute/execute-plan";
import type { CascadeRoute, RouteDecision } from "../route/resolve-route";

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

export interface CascadeVerdict {
  score: number;
  threshold: number;
  escalated: boolean;
  strongFailed?: boolean;
}

/** Execute a plan non-streamed and parse the answer. */
export const executeForJson = (
  context: ExecuteContext,
): Promise<Executed<ChatCompletionResponse>> =>
  executePlan({ ...context, stream: false }, async (call, adapter, target) =>
    adapter.parseResponse(target.model, await call.response.body.json()),
  );

/** A cascade's first step: the cheap model's answer (non-streamed) and its local score. */
export async function runCheap(context: ExecuteContext, cascade: CascadeRoute) {
  const first = await executeForJson(context);
  const usage = usageOfResponse(first.value, context.request);
  const answer = first.value.choices[0]?.message.content ?? null;
  const { score, escalate } = cascadeDecision(cascade.scorer, answer, cascade.routingRequest);
  const verdict: CascadeVerdict = {
    score,
    threshold: cascade.scorer.threshold,
    escalated: escalate,
  };
  return { first, usage, verdict };
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
 * A non-streamed request: execute the plan; for a cascade, score the cheap answer locally and, below
 * the threshold, call the strong plan too (if that fails, the cheap answer is served after all).
 */
export async function executeJson(
  context: ExecuteContext,
  route: RouteDecision,
  logger: Logger,
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
  const { first, usage, verdict } = await runCheap(context, route.cascade);
  if (!verdict.escalated) return outcomeOf(first, usage, `${route.reason};accepted`, verdict);
  try {
    const strong = await executeForJson({ ...context, plan: route.cascade.strongPlan });
    const outcome = outcomeOf(
      strong,
      usageOfResponse(strong.value, context.request),
      `${route.reason};escalated`,
      verdict,
    );
    outcome.attempts = [...first.attempts, ...strong.attempts];
    outcome.upstreamMs += first.upstreamMs;
    outcome.cheapCall = { model: first.target.model, usage };
    return outcome;
  } catch (error) {
    if (!(error instanceof PlanFailedError)) throw error;
    logger.warn(
      { err: error.error.message },
      "cascade escalation failed; serving the cheap answer",
    );
    const outcome = outcomeOf(first, usage, `${route.reason};escalation-failed`, {
      ...verdict,
      strongFailed: true,
    });
    outcome.attempts = [...first.attempts, ...error.attempts];
    outcome.upstreamMs += error.upstreamMs;
    return outcome;
  }
}
