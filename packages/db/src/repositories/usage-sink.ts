import type { RequestLogEntry, UsageSink } from "@switchyard/core";
import type { PrismaClient } from "../generated/client";
import { LATENCY_BUCKET_BOUNDS_MS, TTFT_BUCKET_BOUNDS_MS } from "../rollup/histogram";

/** request_logs columns, in the order of the JSON records the batch is sent as. */
const LOG_COLUMNS: ReadonlyArray<readonly [column: string, type: string]> = [
  ["id", "text"],
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
];

const JSON_DEFAULTS: Record<string, string> = {
  route_trace: "'{}'::jsonb",
  attempts: "'[]'::jsonb",
};

function histogramExpression(column: string, bounds: readonly number[]): string {
  const counts = Array.from(
    { length: bounds.length + 1 },
    (_, index) => `count(*) filter (where ${column} = ${index})`,
  );
  return `array[${counts.join(", ")}]::integer[]`;
}

const addArrays = (column: string) =>
  `(select array_agg(coalesce(a, 0) + coalesce(b, 0) order by i)
      from unnest(usage_rollup_hour.${column}, excluded.${column}) with ordinality as u(a, b, i))`;

const boundsLiteral = (bounds: readonly number[]) =>
  `array[${bounds.map(Number).join(", ")}]::integer[]`;

/**
 * One statement: insert the batch into request_logs (rows already there are skipped, so a retried
 * batch changes nothing), then fold exactly the rows inserted into the hourly rollups (counts,
 * sums and histograms added to whatever the hour already holds).
 */
/**
 * Rollups keep route reasons grouped, not raw: "classifier:0.62>=0.50" becomes "classifier", a
 * rule keeps its name ("rule:math+cascade:a→b" → "rule:math"), suffixes after ";" (cascade
 * verdicts, gates, downgrades) are dropped. Raw reasons stay in request_logs. Without this every
 * distinct classifier score would make its own rollup row.
 */
const ROUTE_REASON_GROUP_SQL = `case
           when route_reason like 'classifier:%' then 'classifier'
           when split_part(route_reason, ';', 1) like 'rule:%'
             then split_part(split_part(route_reason, ';', 1), '+', 1)
           else coalesce(nullif(split_part(route_reason, ';', 1), ''), 'unknown')
         end`;

/**
 * The hourly-rollup half of a write: reads a CTE named `inserted` (rows just added to request_logs,
 * returning created_at, team_id, api_key_id, routed_model, route_reason, status, input_tokens,
 * output_tokens, cost_usd, baseline_cost_usd, latency_ms, ttft_ms, overhead_ms, cascaded) and adds
 * them to usage_rollup_hour. Shared with the synthetic seed so both roll up the same way.
 */
export const ROLLUP_FROM_INSERTED_SQL = `classified as (
  select date_trunc('hour', created_at, 'UTC') as bucket, team_id,
         coalesce(api_key_id, '') as api_key_id, coalesce(routed_model, '') as model,
         ${ROUTE_REASON_GROUP_SQL} as route_reason, status, input_tokens, output_tokens, cost_usd, baseline_cost_usd,
         latency_ms, ttft_ms, overhead_ms, cascaded,
         width_bucket(latency_ms, ${boundsLiteral(LATENCY_BUCKET_BOUNDS_MS)}) as latency_bucket,
         case when ttft_ms is null then null
              else width_bucket(ttft_ms, ${boundsLiteral(TTFT_BUCKET_BOUNDS_MS)}) end as ttft_bucket
    from inserted
)
insert into usage_rollup_hour (bucket, team_id, api_key_id, model, route_reason, status, requests,
  errors, input_tokens, output_tokens, cost_usd, baseline_cost_usd, latency_sum_ms,
  latency_histogram, ttft_sum_ms, ttft_histogram, overhead_sum_ms, cascaded)
select bucket, team_id, api_key_id, model, route_reason, status,
       count(*),
       count(*) filter (where status = 'error'),
       sum(input_tokens), sum(output_tokens), sum(cost_usd), sum(baseline_cost_usd),
       sum(latency_ms),
       ${histogramExpression("latency_bucket", LATENCY_BUCKET_BOUNDS_MS)},
       coalesce(sum(ttft_ms), 0),
       ${histogramExpression("ttft_bucket", TTFT_BUCKET_BOUNDS_MS)},
       sum(overhead_ms),
       count(*) filter (where cascaded)
  from classified
 group by bucket, team_id, api_key_id, model, route_reason, status
on conflict (team_id, bucket, api_key_id, model, route_reason, status) do update set
  requests = usage_rollup_hour.requests + excluded.requests,
  errors = usage_rollup_hour.errors + excluded.errors,
  input_tokens = usage_rollup_hour.input_tokens + excluded.input_tokens,
  output_tokens = usage_rollup_hour.output_tokens + excluded.output_tokens,
  cost_usd = usage_rollup_hour.cost_usd + excluded.cost_usd,
  baseline_cost_usd = usage_rollup_hour.baseline_cost_usd + excluded.baseline_cost_usd,
  latency_sum_ms = usage_rollup_hour.latency_sum_ms + excluded.latency_sum_ms,
  latency_histogram = ${addArrays("latency_histogram")},
  ttft_sum_ms = usage_rollup_hour.ttft_sum_ms + excluded.ttft_sum_ms,
  ttft_histogram = ${addArrays("ttft_histogram")},
  overhead_sum_ms = usage_rollup_hour.overhead_sum_ms + excluded.overhead_sum_ms,
  cascaded = usage_rollup_hour.cascaded + excluded.cascaded`;

export const WRITE_BATCH_SQL = `
with input as (
  select * from jsonb_to_recordset($1::jsonb) as r(${LOG_COLUMNS.map(([column, type]) => `${column} ${type}`).join(", ")})
),
inserted as (
  insert into request_logs (${LOG_COLUMNS.map(([column]) => column).join(", ")})
  select ${LOG_COLUMNS.map(([column]) => (JSON_DEFAULTS[column] ? `coalesce(${column}, ${JSON_DEFAULTS[column]})` : column)).join(", ")}
    from input
  on conflict (id) do nothing
  returning created_at, team_id, api_key_id, routed_model, route_reason, status, input_tokens,
            output_tokens, cost_usd, baseline_cost_usd, latency_ms, ttft_ms, overhead_ms, cascaded
),
${ROLLUP_FROM_INSERTED_SQL}
`;

const wholeNumber = (value: number) => Math.max(0, Math.round(value));

/** The JSON record for one entry: integer columns rounded, JSON columns passed through. */
function toRecord(entry: RequestLogEntry): Record<string, unknown> {
  return {
    id: entry.id,
    created_at: entry.createdAt.toISOString(),
    team_id: entry.teamId,
    api_key_id: entry.apiKeyId,
    policy_version_id: entry.policyVersionId,
    surface: entry.surface,
    requested_model: entry.requestedModel,
    routed_model: entry.routedModel,
    provider: entry.provider,
    route_reason: entry.routeReason,
    route_trace: entry.routeTrace ?? null,
    input_tokens: wholeNumber(entry.inputTokens),
    output_tokens: wholeNumber(entry.outputTokens),
    cost_usd: entry.costUsd,
    baseline_cost_usd: entry.baselineCostUsd,
    latency_ms: wholeNumber(entry.latencyMs),
    ttft_ms: entry.ttftMs === null ? null : wholeNumber(entry.ttftMs),
    overhead_ms: entry.overheadMs,
    status: entry.status,
    http_status: entry.httpStatus,
    error_code: entry.errorCode,
    attempt_count: entry.attemptCount,
    cascaded: entry.cascaded,
    streamed: entry.streamed,
    usage_estimated: entry.usageEstimated,
    attempts: entry.attempts ?? null,
    prompt_text: entry.promptText,
    completion_text: entry.completionText,
  };
}

/** Request logs and hourly rollups; safe to retry with the same batch. */
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
    await this.prisma.$executeRawUnsafe(WRITE_BATCH_SQL, JSON.stringify(records));
  }
}
