/**
 * A cascade's LLM judge: when the policy names one (`cascade.judge: { model, threshold }`), the
 * cheap answer is graded by that model instead of the local scorer. The judge is called through
 * the same execution path as any attempt (any provider, retries, deadlines), reserves its worst
 * case on the request's budget reservation like an escalation, and is paid and logged as an attempt
 * of the same request. If it fails (error, timeout, budget refusal, a reply that is not a grade),
 * the local scorer decides at the cascade's own threshold, and the trace says why.
 */
import type { ChatCompletionRequest, ChatCompletionResponse } from "@switchyard/core";
import type { LimitsEngine, Reservation } from "@switchyard/limits";
import type { RequestLedger } from "../accounting/request-ledger";
import { usageOfResponse } from "../accounting/response-usage";
import type { ConfigState } from "../config/config-state";
import { ClientClosedError } from "../execute/errors";
import { type ExecuteContext, executePlan, PlanFailedError } from "../execute/execute-plan";
import type { JudgeVerdict } from "../route/request-trace";
import type { RouteAttempt, RouteDecision } from "../route/resolve-route";
import { reserveFor } from "./admission";
import { JUDGE_MAX_TOKENS, judgeMessages, parseGrade } from "./judge-prompt";
import { tracked } from "./tracked-plan";

/** A grade is a few tokens: the judge's first-byte and idle timeouts are capped at this. */
export const JUDGE_TIMEOUT_MS = 15_000;

/** One request's judge: built after admission, only when the route's cascade names a judge. */
export interface CascadeJudge {
  model: string;
  threshold: number;
  /** The judge's target; null when the model is no longer configured for the team (a failure). */
  target: RouteAttempt | null;
  /** Budget hook for the judge request: every judge attempt reserves its worst case. */
  reserve: ((request: ChatCompletionRequest) => ExecuteContext["beforeAttempt"]) | null;
}

export function cascadeJudge(
  route: RouteDecision,
  config: ConfigState,
  teamId: string,
  limits: LimitsEngine | undefined,
  reservation: Reservation | null,
): CascadeJudge | null {
  const spec = route.cascade?.scorer.judge;
  if (spec === undefined) return null;
  const model = config.modelFor(spec.model, teamId);
  return {
    model: spec.model,
    threshold: spec.threshold,
    target: model === undefined ? null : { model, reason: "cascade-judge" },
    reserve:
      limits === undefined || reservation === null
        ? null
        : (request) => reserveFor(limits, reservation, request, 0),
  };
}

/** The grading request: the documented prompt, a few output tokens, temperature 0, not streamed. */
export function judgeRequest(
  model: string,
  request: ChatCompletionRequest,
  answer: string,
): ChatCompletionRequest {
  return {
    model,
    messages: judgeMessages(request.messages, answer),
    max_tokens: JUDGE_MAX_TOKENS,
    temperature: 0,
  };
}

/**
 * Ask the judge to grade `answer`. Its attempts and, once it answered, its call (paid even when
 * the reply is not a grade) go in the request's ledger. A failure is a verdict without a score;
 * a client that went away ends the request as usual.
 */
export async function runJudge(
  context: ExecuteContext,
  judge: CascadeJudge,
  answer: string,
  ledger: RequestLedger,
): Promise<JudgeVerdict> {
  const base = { model: judge.model, threshold: judge.threshold };
  if (judge.target === null) return { ...base, score: null, failure: "model_not_found" };
  const request = judgeRequest(judge.target.model.name, context.request, answer);
  const beforeAttempt = judge.reserve?.(request);
  const { options } = context;
  try {
    const executed = await tracked(
      ledger,
      executePlan<ChatCompletionResponse>(
        {
          ...context,
          plan: [judge.target],
          request,
          stream: false,
          options: {
            ...options,
            firstByteTimeoutMs: Math.min(options.firstByteTimeoutMs, JUDGE_TIMEOUT_MS),
            idleTimeoutMs: Math.min(options.idleTimeoutMs, JUDGE_TIMEOUT_MS),
          },
          ...(beforeAttempt === undefined ? {} : { beforeAttempt }),
        },
        async (call, adapter, target) =>
          adapter.parseResponse(target.model, await call.response.body.json()),
      ),
    );
    ledger.pay("cascade-judge", executed.target.model, usageOfResponse(executed.value, request));
    const score = parseGrade(executed.value.choices[0]?.message.content ?? null);
    return score === null ? { ...base, score, failure: "unparseable" } : { ...base, score };
  } catch (error) {
    if (!(error instanceof PlanFailedError) || error.error instanceof ClientClosedError)
      throw error;
    context.logger.warn(
      { model: judge.model, code: error.error.code },
      "cascade judge failed; the local scorer decides",
    );
    return { ...base, score: null, failure: error.error.code };
  }
}

const two = (value: number) => value.toFixed(2);

/** The judge's part of x-switchyard-route, e.g. "judge:grader=0.80>=0.70" or "judge:grader=failed:unparseable". */
export function judgeNote(verdict: JudgeVerdict): string {
  if (verdict.score === null) return `judge:${verdict.model}=failed:${verdict.failure}`;
  const sign = verdict.score >= verdict.threshold ? ">=" : "<";
  return `judge:${verdict.model}=${two(verdict.score)}${sign}${two(verdict.threshold)}`;
}
