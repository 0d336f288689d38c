/**
 * The SQL that folds request_logs rows into the rollup tables, shared by the usage sink, the
 * synthetic seed and the migration that introduced the daily table, so all of them roll up alike.
 *
 * usage_rollup_hour holds UTC hours; usage_rollup_day holds the team's local days (bucket = local
 * midnight in teams.time_zone). Both are written by the same statement from the same rows.
 */
import { LATENCY_BUCKET_BOUNDS_MS, TTFT_BUCKET_BOUNDS_MS } from "./histogram";

export type RollupTable = "usage_rollup_hour" | "usage_rollup_day";

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
 * A rollup row per (team, bucket, key, routed model, grouped route reason). Statuses are not a
 * dimension: `errors` counts the failed requests, request_logs keeps every status.
 */
const KEY_COLUMNS = "team_id, api_key_id, model, route_reason";
const MEASURE_COLUMNS =
  "requests, errors, input_tokens, output_tokens, cost_usd, baseline_cost_usd, latency_sum_ms, " +
  "latency_histogram, ttft_sum_ms, ttft_histogram, overhead_sum_ms, cascaded";

function histogramExpression(column: string, bounds: readonly number[]): string {
  const counts = Array.from(
    { length: bounds.length + 1 },
    (_, index) => `count(*) filter (where ${column} = ${index})`,
  );
  return `array[${counts.join(", ")}]::integer[]`;
}

/**
 * Element-wise sum of a histogram column over a group (histograms have bounds.length + 1 counts):
 * integer[] where it is stored, bigint[] for totals over many rows.
 */
export function sumHistogram(
  column: string,
  bounds: readonly number[],
  type: "integer" | "bigint" = "integer",
): string {
  const sums = Array.from(
    { length: bounds.length + 1 },
    (_, index) => `coalesce(sum(${column}[${index + 1}]), 0)`,
  );
  return `array[${sums.join(", ")}]::${type}[]`;
}

const boundsLiteral = (bounds: readonly number[]) =>
  `array[${bounds.map(Number).join(", ")}]::integer[]`;

const addArrays = (table: RollupTable, column: string) =>
  `(select array_agg(coalesce(a, 0) + coalesce(b, 0) order by i)
      from unnest(${table}.${column}, excluded.${column}) with ordinality as u(a, b, i))`;

/** `on conflict ... do update`: adds the new measures to whatever the row already holds. */
function mergeMeasures(table: RollupTable): string {
  const add = (column: string) => `${column} = ${table}.${column} + excluded.${column}`;
  return `on conflict (team_id, bucket, api_key_id, model, route_reason) do update set
  ${add("requests")}, ${add("errors")}, ${add("input_tokens")}, ${add("output_tokens")},
  ${add("cost_usd")}, ${add("baseline_cost_usd")}, ${add("latency_sum_ms")},
  latency_histogram = ${addArrays(table, "latency_histogram")},
  ${add("ttft_sum_ms")},
  ttft_histogram = ${addArrays(table, "ttft_histogram")},
  ${add("overhead_sum_ms")}, ${add("cascaded")}`;
}

/** Aggregates `classified` rows into `table`, bucketed by the named column. */
function foldClassified(table: RollupTable, bucketColumn: string): string {
  return `insert into ${table} (bucket, ${KEY_COLUMNS}, ${MEASURE_COLUMNS})
select ${bucketColumn}, ${KEY_COLUMNS},
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
 group by ${bucketColumn}, ${KEY_COLUMNS}
${mergeMeasures(table)}`;
}

/**
 * The rollup half of a write: reads a CTE named `inserted` (rows just added to request_logs,
 * returning created_at, team_id, api_key_id, routed_model, route_reason, status, input_tokens,
 * output_tokens, cost_usd, baseline_cost_usd, latency_ms, ttft_ms, overhead_ms, cascaded) and adds
 * them to the hourly and the daily rollups. The teams' rows are share-locked so a time-zone
 * change (which rebuilds that team's days under the row lock) never interleaves with a write.
 */
export const ROLLUP_FROM_INSERTED_SQL = `zones as (
  select id, time_zone from teams
   where id in (select team_id from inserted)
     for share
),
classified as (
  select date_trunc('hour', i.created_at, 'UTC') as hour_bucket,
         date_trunc('day', i.created_at, coalesce(z.time_zone, 'UTC')) as day_bucket,
         i.team_id, coalesce(i.api_key_id, '') as api_key_id,
         coalesce(i.routed_model, '') as model,
         ${ROUTE_REASON_GROUP_SQL} as route_reason, i.status, i.input_tokens, i.output_tokens,
         i.cost_usd, i.baseline_cost_usd, i.latency_ms, i.ttft_ms, i.overhead_ms, i.cascaded,
         width_bucket(i.latency_ms, ${boundsLiteral(LATENCY_BUCKET_BOUNDS_MS)}) as latency_bucket,
         case when i.ttft_ms is null then null
              else width_bucket(i.ttft_ms, ${boundsLiteral(TTFT_BUCKET_BOUNDS_MS)}) end as ttft_bucket
    from inserted i
    left join zones z on z.id = i.team_id
),
hourly as (
${foldClassified("usage_rollup_hour", "hour_bucket")}
)
${foldClassified("usage_rollup_day", "day_bucket")}`;

/**
 * Rebuilds usage_rollup_day from usage_rollup_hour for the team $1 (or every team when $1 is
 * null) in the teams' current time zones: run DELETE then INSERT in one transaction (two
 * statements: a statement's CTEs run in no fixed order). Hours are UTC, so for zones on half-hour
 * offsets an hour straddling local midnight counts in the day it starts in.
 */
export const DELETE_DAY_ROLLUPS_SQL =
  "delete from usage_rollup_day where $1::text is null or team_id = $1::text";

export const INSERT_DAY_ROLLUPS_SQL = `insert into usage_rollup_day (bucket, ${KEY_COLUMNS}, ${MEASURE_COLUMNS})
select date_trunc('day', h.bucket, coalesce(t.time_zone, 'UTC')), h.team_id, h.api_key_id, h.model,
       h.route_reason,
       sum(h.requests), sum(h.errors), sum(h.input_tokens), sum(h.output_tokens),
       sum(h.cost_usd), sum(h.baseline_cost_usd), sum(h.latency_sum_ms),
       ${sumHistogram("h.latency_histogram", LATENCY_BUCKET_BOUNDS_MS)},
       sum(h.ttft_sum_ms),
       ${sumHistogram("h.ttft_histogram", TTFT_BUCKET_BOUNDS_MS)},
       sum(h.overhead_sum_ms), sum(h.cascaded)
  from usage_rollup_hour h
  left join teams t on t.id = h.team_id
 where $1::text is null or h.team_id = $1::text
 group by 1, h.team_id, h.api_key_id, h.model, h.route_reason`;

type RawExecutor = {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
};

/**
 * Re-derives a team's daily rollups (all teams' with null). Call inside the transaction that
 * changed the team's time zone: the updated row stays locked, so no write lands in between.
 */
export async function rebuildDayRollups(tx: RawExecutor, teamId: string | null): Promise<void> {
  await tx.$executeRawUnsafe(DELETE_DAY_ROLLUPS_SQL, teamId);
  await tx.$executeRawUnsafe(INSERT_DAY_ROLLUPS_SQL, teamId);
}

/**
 * Re-derives a team's hourly and daily rollups from its request_logs rows, after rows were
 * deleted (e.g. the demo history). Run inside a transaction: the team's row is locked first, so a
 * concurrent write of the team's rows (which share-locks it to fold them) either committed before
 * (and is counted here) or folds its rows after (into the rebuilt rollups).
 */
export async function rebuildTeamRollups(tx: RawExecutor, teamId: string): Promise<void> {
  await tx.$executeRawUnsafe("select id from teams where id = $1 for update", teamId);
  await tx.$executeRawUnsafe("delete from usage_rollup_hour where team_id = $1", teamId);
  await tx.$executeRawUnsafe("delete from usage_rollup_day where team_id = $1", teamId);
  await tx.$executeRawUnsafe(
    `with inserted as (
  select created_at, team_id, api_key_id, routed_model, route_reason, status, input_tokens,
         output_tokens, cost_usd, baseline_cost_usd, latency_ms, ttft_ms, overhead_ms, cascaded
    from request_logs where team_id = $1
),
${ROLLUP_FROM_INSERTED_SQL}`,
    teamId,
  );
}
