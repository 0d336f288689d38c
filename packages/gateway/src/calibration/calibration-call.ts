/**
 * One paid calibration call (a candidate's answer or the judge's grade): admitted by the limits
 * engine like any call, under the team and the policy's synthetic calibration key, executed
 * through the normal path (provider adapter, circuit breakers, retries; every retry reserves its
 * worst case), logged as its own request-log row (route reason `calibration` or
 * `calibration-judge`, `clientRequestId` = the sampled request's id) and settled by the accountant.
 */
import { randomUUID } from "node:crypto";
import {
  type ChatCompletionRequest,
  type ChatCompletionResponse,
  type ModelInfo,
  toSwitchyardError,
} from "@switchyard/core";
import type { Reservation } from "@switchyard/limits";
import { completionText, promptText } from "../accounting/content-text";
import { modelCostPicos } from "../accounting/cost";
import { RequestLedger } from "../accounting/request-ledger";
import { type UsageFigures, usageOfResponse } from "../accounting/response-usage";
import type { AbortSource } from "../execute/abort-source";
import { ClientClosedError } from "../execute/errors";
import { PlanFailedError } from "../execute/execute-plan";
import { attemptWorstCase, reserveFor } from "../pipeline/admission";
import { executeForJson } from "../pipeline/cascade-runner";
import type { PipelineDeps } from "../pipeline/pipeline-deps";
import { tracked } from "../pipeline/tracked-plan";
import type { CalibrationJob } from "./calibration-job";
import { GRADING_VERSION } from "./grading-prompt";

/** The API key id calibration calls are admitted and logged under: one per policy. */
export const calibrationKeyId = (policyId: string): string => `calibration:${policyId}`;

export type CalibrationRole = "calibration" | "calibration-judge";

export type CallResult =
  | { ok: true; response: ChatCompletionResponse; usage: UsageFigures; costPicos: number }
  | { ok: false; code: string };

export type CallDeps = Pick<
  PipelineDeps,
  "providers" | "pools" | "deadlines" | "options" | "logger" | "limits" | "accountant"
>;

export async function calibrationCall(
  deps: CallDeps,
  job: CalibrationJob,
  model: ModelInfo,
  request: ChatCompletionRequest,
  role: CalibrationRole,
  signal: AbortSource,
): Promise<CallResult> {
  const target = { model, reason: role };
  const apiKeyId = calibrationKeyId(job.policyId);
  let reservation: Reservation | null = null;
  const { limits } = deps;
  if (limits !== undefined) {
    const worst = attemptWorstCase(target, request);
    const pending = limits.admit({
      teamId: job.teamId,
      apiKeyId,
      estimatedTokens: worst.tokens,
      worstCaseCostPicos: worst.picos,
    });
    const admitted = pending instanceof Promise ? await pending : pending;
    if (!admitted.ok) return { ok: false, code: admitted.error.code };
    reservation = admitted.reservation;
  }
  const held = reservation;
  const ledger = new RequestLedger(
    {
      id: randomUUID(),
      clientRequestId: job.requestId,
      teamId: job.teamId,
      apiKeyId,
      surface: job.surface,
      requestedModel: model.name,
      streamed: false,
      keepText: job.keepText,
    },
    (closed) => deps.accountant.record(closed, held),
  );
  ledger.route({
    plan: [target],
    trace: { steps: [`${role} of request ${job.requestId} (grading v${GRADING_VERSION})`] },
    reason: role,
    policyVersionId: job.policyVersionId,
    baselineModel: null,
    cascade: null,
  });
  ledger.setPromptText(() => promptText(request));
  const started = performance.now();
  const ended = () => {
    const latencyMs = performance.now() - started;
    return { latencyMs, ttftMs: null, overheadMs: latencyMs - ledger.upstreamMs };
  };
  try {
    const executed = await tracked(
      ledger,
      executeForJson({
        plan: [target],
        request,
        stream: false,
        signal,
        providers: deps.providers,
        pools: deps.pools,
        deadlines: deps.deadlines,
        options: deps.options,
        logger: deps.logger,
        ...(held !== null &&
          limits !== undefined && {
            beforeAttempt: reserveFor(limits, held, request),
          }),
      }),
    );
    const usage = usageOfResponse(executed.value, request);
    ledger.pay("served", model, usage);
    ledger.setCompletionText(() => completionText(executed.value));
    ledger.close({ status: "ok", httpStatus: 200, errorCode: null, ...ended() });
    const costPicos = modelCostPicos(model, usage, ledger.createdAt) ?? 0;
    return { ok: true, response: executed.value, usage, costPicos };
  } catch (error) {
    const cause = error instanceof PlanFailedError ? error.error : error;
    if (error instanceof PlanFailedError) ledger.attempted(error.lastTarget?.model ?? model);
    const closed = cause instanceof ClientClosedError;
    const typed = closed ? null : toSwitchyardError(cause);
    ledger.close({
      status: closed ? "client_closed" : "error",
      httpStatus: typed?.status ?? 499,
      errorCode: typed?.code ?? "client_closed",
      ...ended(),
    });
    return { ok: false, code: typed?.code ?? "client_closed" };
  }
}
