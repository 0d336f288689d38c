import type { ChatCompletionResponse } from "@switchyard/core";
import { cascadeDecision } from "@switchyard/router";
import { completionText } from "../accounting/content-text";
import type { RequestLedger } from "../accounting/request-ledger";
import { type UsageFigures, usageOfResponse } from "../accounting/response-usage";
import { ClientClosedError } from "../execute/errors";
import {
  type ExecuteContext,
  type Executed,
  executePlan,
  PlanFailedError,
} from "../execute/execute-plan";
import type { CascadeVerdict } from "../route/request-trace";
import type { CascadeRoute } from "../route/resolve-route";
import { type CascadeJudge, judgeNote, runJudge } from "./judge";
import { tracked } from "./tracked-plan";

/** Execute a plan non-streamed and parse the answer. */
export const executeForJson = (
  context: ExecuteContext,
): Promise<Executed<ChatCompletionResponse>> =>
  executePlan({ ...context, stream: false }, async (call, adapter, target) =>
    adapter.parseResponse(target.model, await call.response.body.json()),
  );

/** How a cascade ended: the cheap answer is served (accepted, or the escalation failed), or the strong one. */
export type CascadeOutcome<Strong> =
  | { served: "cheap"; executed: Executed<ChatCompletionResponse>; usage: UsageFigures }
  | { served: "strong"; executed: Executed<Strong> };

export interface CascadeRun {
  context: ExecuteContext;
  cascade: CascadeRoute;
  judge: CascadeJudge | null;
  ledger: RequestLedger;
}

/**
 * The one cascade, for JSON and streamed responses alike: the cheap model answers (non-streamed:
 * it must be scored before anything is sent); the policy's judge grades the answer, or the local
 * scorer when there is no judge or it failed; at or above the threshold the cheap answer is served,
 * below it the strong plan runs through `executeStrong` (JSON: parse the answer; stream: hand the
 * live call over). If the strong plan fails the cheap answer is served after all, unless the client
 * went away: then the request ends as client_closed. Every call is paid in the ledger as it
 * answers, the verdict goes in its trace and the route reason gets `;accepted`, `;escalated` or
 * `;escalation-failed`.
 */
export async function runCascade<Strong>(
  run: CascadeRun,
  executeStrong: (context: ExecuteContext) => Promise<Executed<Strong>>,
): Promise<CascadeOutcome<Strong>> {
  const { context, cascade, judge, ledger } = run;
  const cheap = await tracked(ledger, executeForJson(context));
  const usage = usageOfResponse(cheap.value, context.request);
  const cheapCall = ledger.pay("cascade-cheap", cheap.target.model, usage);
  const local = (): CascadeVerdict => {
    const answer = cheap.value.choices[0]?.message.content ?? null;
    const { score, escalate } = cascadeDecision(cascade.scorer, answer, cascade.routingRequest);
    return { score, threshold: cascade.scorer.threshold, escalated: escalate };
  };
  let verdict: CascadeVerdict;
  let reason = ledger.routeReason;
  if (judge === null) verdict = local();
  else {
    const judged = await runJudge(context, judge, completionText(cheap.value), ledger);
    verdict =
      judged.score === null
        ? { ...local(), judge: judged }
        : {
            score: judged.score,
            threshold: judged.threshold,
            escalated: judged.score < judged.threshold,
            judge: judged,
          };
    reason = `${reason};${judgeNote(judged)}`;
  }
  const servedCheap = (note: string, result: CascadeVerdict): CascadeOutcome<Strong> => {
    ledger.serve(cheapCall);
    ledger.setReason(`${reason};${note}`);
    ledger.extendTrace({ cascadeResult: result });
    return { served: "cheap", executed: cheap, usage };
  };
  if (!verdict.escalated) return servedCheap("accepted", verdict);
  ledger.setReason(`${reason};escalated`);
  ledger.extendTrace({ cascadeResult: verdict });
  try {
    const strong = await tracked(ledger, executeStrong({ ...context, plan: cascade.strongPlan }));
    return { served: "strong", executed: strong };
  } catch (error) {
    if (!(error instanceof PlanFailedError) || error.error instanceof ClientClosedError)
      throw error;
    context.logger.warn(
      { err: error.error.message },
      "cascade escalation failed; serving the cheap answer",
    );
    return servedCheap("escalation-failed", { ...verdict, strongFailed: true });
  }
}
