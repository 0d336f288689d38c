import { type RequestLogEntry, UsageRowsRejected, type UsageSink } from "@switchyard/core";
import type { PrismaClient } from "../generated/client";
import { ROLLUP_FROM_INSERTED_SQL } from "../rollup/rollup-sql";
import { storableJson, storableOrNull, storableTags, storableText, TEXT_LIMITS } from "./storable";

/** request_logs columns, in the order of the JSON records the batch is sent as. */
const LOG_COLUMNS: ReadonlyArray<readonly [column: string, type: string]> = [
  ["id", "text"],
  ["client_request_id", "text"],
  ["created_at", "timestamptz"],
  ["team_id", "text"],
  ["api_key_id", "text"],
  ["policy_version_id", "text"],
  ["surface", "text"],
  ["requested_model", "text"],
  ["routed_model", "text"],
  ["provider", "text"],
  ["route_reason", "text"],
  ["route_trace", "jsonb"],
  ["input_tokens", "integer"],
  ["output_tokens", "integer"],
  ["cached_input_tokens", "integer"],
  ["cache_write_5m_tokens", "integer"],
  ["cache_write_1h_tokens", "integer"],
  ["reasoning_tokens", "integer"],
  ["unpriced", "boolean"],
  ["cost_usd", "numeric"],
  ["baseline_cost_usd", "numeric"],
  ["latency_ms", "integer"],
  ["ttft_ms", "integer"],
  ["overhead_ms", "double precision"],
  ["status", "text"],
  ["http_status", "integer"],
  ["error_code", "text"],
  ["attempt_count", "integer"],
  ["cascaded", "boolean"],
  ["streamed", "boolean"],
  ["usage_estimated", "boolean"],
  ["attempts", "jsonb"],
  ["prompt_text", "text"],
  ["completion_text", "text"],
  ["tags", "text[]"],
  ["routing_features", "jsonb"],
];

const JSON_DEFAULTS: Record<string, string> = {
  route_trace: "'{}'::jsonb",
  attempts: "'[]'::jsonb",
};

/** Columns whose null in the batch means their default (not null in the table). */
const ARRAY_DEFAULTS: Record<string, string> = { tags: "'{}'::text[]" };

const withDefault = (column: string): string => {
  const fallback = JSON_DEFAULTS[column] ?? ARRAY_DEFAULTS[column];
  return fallback === undefined ? column : `coalesce(${column}, ${fallback})`;
};

/**
 * One statement: insert the batch into request_logs (rows already there are skipped, so a retried
 * batch changes nothing), then fold exactly the rows inserted into the hourly and daily rollups
 * (counts, sums and histograms added to whatever the bucket already holds).
 */
export const WRITE_BATCH_SQL = `
with input as (
  select * from jsonb_to_recordset($1::jsonb) as r(${LOG_COLUMNS.map(([column, type]) => `${column} ${type}`).join(", ")})
),
inserted as (
  insert into request_logs (${LOG_COLUMNS.map(([column]) => column).join(", ")})
  select ${LOG_COLUMNS.map(([column]) => withDefault(column)).join(", ")}
    from input
  on conflict (id) do nothing
  returning created_at, team_id, api_key_id, routed_model, route_reason, status, input_tokens,
            output_tokens, cost_usd, baseline_cost_usd, latency_ms, ttft_ms, overhead_ms, cascaded
),
${ROLLUP_FROM_INSERTED_SQL}
`;

const wholeNumber = (value: number) => Math.max(0, Math.round(value));

/**
 * The JSON record for one entry: integer columns rounded, text made storable and bounded (a
 * caller's model name or request id can hold anything), JSON columns passed through (the batch's
 * JSON is made storable as a whole).
 */
function toRecord(entry: RequestLogEntry): Record<string, unknown> {
  const { name, reason, content } = TEXT_LIMITS;
  return {
    id: entry.id,
    client_request_id: storableOrNull(entry.clientRequestId, name),
    created_at: entry.createdAt.toISOString(),
    team_id: entry.teamId,
    api_key_id: entry.apiKeyId,
    policy_version_id: entry.policyVersionId,
    surface: entry.surface,
    requested_model: storableText(entry.requestedModel, name),
    routed_model: entry.routedModel,
    provider: entry.provider,
    route_reason: storableText(entry.routeReason, reason),
    route_trace: entry.routeTrace ?? null,
    input_tokens: wholeNumber(entry.inputTokens),
    output_tokens: wholeNumber(entry.outputTokens),
    cached_input_tokens: wholeNumber(entry.cachedInputTokens ?? 0),
    cache_write_5m_tokens: wholeNumber(entry.cacheWrite5mTokens ?? 0),
    cache_write_1h_tokens: wholeNumber(entry.cacheWrite1hTokens ?? 0),
    reasoning_tokens: wholeNumber(entry.reasoningTokens ?? 0),
    unpriced: entry.unpriced === true,
    cost_usd: entry.costUsd,
    baseline_cost_usd: entry.baselineCostUsd,
    latency_ms: wholeNumber(entry.latencyMs),
    ttft_ms: entry.ttftMs === null ? null : wholeNumber(entry.ttftMs),
    overhead_ms: entry.overheadMs,
    status: entry.status,
    http_status: entry.httpStatus,
    error_code: storableOrNull(entry.errorCode, reason),
    attempt_count: entry.attemptCount,
    cascaded: entry.cascaded,
    streamed: entry.streamed,
    usage_estimated: entry.usageEstimated,
    attempts: entry.attempts ?? null,
    prompt_text: storableOrNull(entry.promptText, content),
    completion_text: storableOrNull(entry.completionText, content),
    tags: entry.tags === undefined || entry.tags.length === 0 ? null : storableTags(entry.tags),
    routing_features: entry.routingFeatures ?? null,
  };
}

/** SQLSTATE of a failed statement, through Prisma's driver-adapter error. */
function sqlState(error: unknown): string | undefined {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } })
    .meta;
  const code = meta?.driverAdapterError?.cause?.originalCode;
  return typeof code === "string" ? code : undefined;
}

/** Request logs and their hourly and daily rollups; safe to retry with the same batch. */
export class PrismaUsageSink implements UsageSink {
  constructor(private readonly prisma: PrismaClient) {}

  async writeBatch(entries: readonly RequestLogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    // A batch holding the same id twice: keep the first, like a retry would.
    const seen = new Set<string>();
    const records: Record<string, unknown>[] = [];
    for (const entry of entries) {
      if (seen.has(entry.id)) continue;
      seen.add(entry.id);
      records.push(toRecord(entry));
    }
    try {
      await this.prisma.$executeRawUnsafe(WRITE_BATCH_SQL, storableJson(records));
    } catch (error) {
      // Class 22 (data exception) and 23 (integrity): the rows, not the database, are the problem.
      const state = sqlState(error);
      if (state !== undefined && /^2[23]/.test(state)) {
        throw new UsageRowsRejected(`the database refused a row of the batch (SQLSTATE ${state})`, {
          cause: error,
        });
      }
      throw error;
    }
  }
}
