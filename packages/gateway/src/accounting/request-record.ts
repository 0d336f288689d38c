import type { ModelInfo, RequestLogEntry, RequestStatus } from "@switchyard/core";
import type { AttemptRecord } from "../execute/execute-plan";
import type { SurfaceName } from "../surface/surface";
import { computeCost } from "./cost";

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

const round = (ms: number) => Math.round(ms * 1000) / 1000;

export function toLogEntry(record: RequestRecord, outcome: RequestOutcome): RequestLogEntry {
  const cost = computeCost(
    record.servedModel,
    record.baselineModel,
    outcome.inputTokens,
    outcome.outputTokens,
  );
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
    inputTokens: outcome.inputTokens,
    outputTokens: outcome.outputTokens,
    costUsd: cost.costUsd,
    baselineCostUsd: cost.baselineCostUsd,
    latencyMs: round(outcome.latencyMs),
    ttftMs: outcome.ttftMs === null ? null : round(outcome.ttftMs),
    overheadMs: round(Math.max(0, outcome.overheadMs)),
    status: outcome.status,
    httpStatus: outcome.httpStatus,
    errorCode: outcome.errorCode,
    attemptCount: record.attempts.length,
    cascaded: false,
    streamed: record.streamed,
    usageEstimated: outcome.usageEstimated,
    attempts: record.attempts.map((attempt) => ({ ...attempt, ms: round(attempt.ms) })),
    promptText: null,
    completionText: null,
  };
}
