import type { ModelInfo, RequestLogEntry, RequestStatus } from "@switchyard/core";
import type { AttemptRecord } from "../execute/execute-plan";
import type { SurfaceName } from "../surface/surface";
import { computeCost, modelCostPicos } from "./cost";

/** What the pipeline learned about one request, turned into a log entry when it finishes. */
export interface RequestRecord {
  id: string;
  createdAt: Date;
  teamId: string;
  apiKeyId: string | null;
  policyVersionId: string | null;
  surface: SurfaceName;
  requestedModel: string;
  routeReason: string;
  routeTrace: unknown;
  baselineModel: ModelInfo | null;
  streamed: boolean;
  servedModel: ModelInfo | null;
  attempts: AttemptRecord[];
  /** A cascade that escalated: the cheap call, paid as well (its tokens and cost are included). */
  cheapCall: { model: ModelInfo; usage: { inputTokens: number; outputTokens: number } } | null;
  /** Set only when the team turned content logging on. */
  promptText: string | null;
  completionText: string | null;
}

export interface RequestOutcome {
  status: RequestStatus;
  httpStatus: number;
  errorCode: string | null;
  inputTokens: number;
  outputTokens: number;
  usageEstimated: boolean;
  latencyMs: number;
  ttftMs: number | null;
  overheadMs: number;
}

/** Sum of two decimal USD strings with 12 places, exactly. */
const addUsd = (a: string, b: string): string => {
  const picos = BigInt(a.replace(".", "")) + BigInt(b.replace(".", ""));
  const digits = picos.toString().padStart(13, "0");
  return `${digits.slice(0, -12)}.${digits.slice(-12)}`;
};

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/** What the request cost in pico-dollars (both calls of an escalated cascade), for budget settling. */
export function costPicosOf(record: RequestRecord, outcome: RequestOutcome): number {
  const served =
    record.servedModel === null
      ? 0
      : modelCostPicos(record.servedModel, outcome.inputTokens, outcome.outputTokens);
  const cheap = record.cheapCall;
  return (
    served +
    (cheap === null
      ? 0
      : modelCostPicos(cheap.model, cheap.usage.inputTokens, cheap.usage.outputTokens))
  );
}

export function toLogEntry(record: RequestRecord, outcome: RequestOutcome): RequestLogEntry {
  const cost = computeCost(
    record.servedModel,
    record.baselineModel,
    outcome.inputTokens,
    outcome.outputTokens,
  );
  const cheap = record.cheapCall;
  const extra =
    cheap === null
      ? null
      : computeCost(cheap.model, null, cheap.usage.inputTokens, cheap.usage.outputTokens);
  return {
    id: record.id,
    createdAt: record.createdAt,
    teamId: record.teamId,
    apiKeyId: record.apiKeyId,
    policyVersionId: record.policyVersionId,
    surface: record.surface,
    requestedModel: record.requestedModel,
    routedModel: record.servedModel?.name ?? null,
    provider: record.servedModel?.providerKind ?? null,
    routeReason: record.routeReason,
    routeTrace: record.routeTrace,
    inputTokens: outcome.inputTokens + (cheap?.usage.inputTokens ?? 0),
    outputTokens: outcome.outputTokens + (cheap?.usage.outputTokens ?? 0),
    costUsd: extra === null ? cost.costUsd : addUsd(cost.costUsd, extra.costUsd),
    baselineCostUsd: cost.baselineCostUsd,
    latencyMs: round(outcome.latencyMs),
    ttftMs: outcome.ttftMs === null ? null : round(outcome.ttftMs),
    overheadMs: round(Math.max(0, outcome.overheadMs)),
    status: outcome.status,
    httpStatus: outcome.httpStatus,
    errorCode: outcome.errorCode,
    attemptCount: record.attempts.length,
    cascaded: cheap !== null,
    streamed: record.streamed,
    usageEstimated: outcome.usageEstimated,
    attempts: record.attempts.map((attempt) => ({ ...attempt, ms: round(attempt.ms) })),
    promptText: record.promptText,
    completionText: record.completionText,
  };
}
