import type { ChatCompletionResponse, ModelInfo } from "@switchyard/core";
import { cascadeDecision } from "@switchyard/router";
import type { Logger } from "pino";
import { type UsageFigures, usageOfResponse } from "../accounting/response-usage";
import {
  type AttemptRecord,
  type ExecuteContext,
  executePlan,
  PlanFailedError,
} from "../execute/execute-plan";
import type { RouteDecision } from "../route/resolve-route";

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
  cascade: { score: number; threshold: number; escalated: boolean; strongFailed?: boolean } | null;
}

const run = (context: ExecuteContext) =>
  executePlan(context, async (call, adapter, target) =>
    adapter.parseResponse(target.model, await call.response.body.json()),
  );

/**
 * A non-streamed request: execute the plan; for a cascade, score the cheap answer locally and, below
 * the threshold, call the strong plan too (if that fails, the cheap answer is served after all).
 */
export async function executeJson(
  context: ExecuteContext,
  route: RouteDecision,
  logger: Logger,
): Promise<JsonOutcome> {
  const first = await run(context);
  const usage = usageOfResponse(first.value, context.request);
  const outcome: JsonOutcome = {
    response: first.value,
    served: first.target.model,
    usage,
    attempts: first.attempts,
    upstreamMs: first.upstreamMs,
    reason: route.reason,
    cheapCall: null,
    cascade: null,
  };
  if (route.cascade === null) return outcome;
  const answer = first.value.choices[0]?.message.content ?? null;
  const { score, escalate } = cascadeDecision(
    route.cascade.scorer,
    answer,
    route.cascade.routingRequest,
  );
  const threshold = route.cascade.scorer.threshold;
  if (!escalate) {
    outcome.cascade = { score, threshold, escalated: false };
    outcome.reason = `${route.reason};accepted`;
    return outcome;
  }
  try {
    const strong = await run({ ...context, plan: route.cascade.strongPlan });
    return {
      response: strong.value,
      served: strong.target.model,
      usage: usageOfResponse(strong.value, context.request),
      attempts: [...first.attempts, ...strong.attempts],
      upstreamMs: first.upstreamMs + strong.upstreamMs,
      reason: `${route.reason};escalated`,
      cheapCall: { model: first.target.model, usage },
      cascade: { score, threshold, escalated: true },
    };
  } catch (error) {
    if (!(error instanceof PlanFailedError)) throw error;
    logger.warn(
      { code: error.error.message },
      "cascade escalation failed; serving the cheap answer",
    );
    outcome.attempts = [...first.attempts, ...error.attempts];
    outcome.upstreamMs += error.upstreamMs;
    outcome.cascade = { score, threshold, escalated: true, strongFailed: true };
    outcome.reason = `${route.reason};escalation-failed`;
    return outcome;
  }
}
