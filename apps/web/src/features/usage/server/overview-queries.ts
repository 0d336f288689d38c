/**
 * The overview's SQL over the rollups (never the raw log): whole local days from
 * usage_rollup_day, partial days and hourly series from usage_rollup_hour. Parameterised
 * $queryRaw; money summed as numeric and returned as exact decimal strings, histograms summed
 * element-wise. Imports nothing from the app (the dashboard benchmark runs these against a
 * seeded database).
 */
import {
  LATENCY_BUCKET_BOUNDS_MS,
  Prisma,
  type PrismaClient,
  rangeThroughNow,
  rollupRows,
  sumHistogram,
  TTFT_BUCKET_BOUNDS_MS,
} from "@switchyard/db";
import { periodWindow } from "@switchyard/limits";

export type Db = Pick<PrismaClient, "$queryRaw">;

export interface RollupFilter {
  teamId: string;
  from: Date;
  to: Date;
  timeZone: string;
  keyId?: string | undefined;
  model?: string | undefined;
}

export interface SeriesRow {
  bucket: Date;
  model: string;
  requests: number;
  errors: number;
  costUsd: string;
  baselineCostUsd: string;
  /**
   * Of which calibration calls (route reasons `calibration`, `calibration-judge`): paid to learn
   * the team's traffic, not routed traffic, so savings leave them out. Absent = none.
   */
  calibrationCostUsd?: string;
  calibrationBaselineCostUsd?: string;
  inputTokens: number;
  outputTokens: number;
  latencyHistogram: number[];
  ttftHistogram: number[];
}

export interface ReasonRow {
  routeReason: string;
  model: string;
  requests: number;
  errors: number;
}

export interface SpendRow {
  dayUsd: string;
  weekUsd: string;
  monthUsd: string;
}

const LATENCY_SUM = Prisma.raw(
  sumHistogram("latency_histogram", LATENCY_BUCKET_BOUNDS_MS, "bigint"),
);
const TTFT_SUM = Prisma.raw(sumHistogram("ttft_histogram", TTFT_BUCKET_BOUNDS_MS, "bigint"));

/** Key and model conditions (the time range and team are the row source's). */
function conditions(filter: RollupFilter, options: { model: boolean }): Prisma.Sql | undefined {
  const parts: Prisma.Sql[] = [];
  if (filter.keyId !== undefined) parts.push(Prisma.sql`api_key_id = ${filter.keyId}`);
  if (options.model && filter.model !== undefined) {
    parts.push(Prisma.sql`model = ${filter.model}`);
  }
  return parts.length > 0 ? Prisma.join(parts, " and ") : undefined;
}

const SERIES_COLUMNS =
  "bucket, model, route_reason, requests, errors, cost_usd, baseline_cost_usd, input_tokens, " +
  "output_tokens, latency_histogram, ttft_histogram";

/** Rollup rows of calibration calls (the gateway's route reasons; rollups keep them as they are). */
const CALIBRATION = Prisma.raw("route_reason in ('calibration', 'calibration-judge')");

/**
 * Rows for the filter: hourly points read the hourly table (a week at most); daily points and
 * totals read whole days from the daily table.
 */
function source(
  filter: RollupFilter,
  columns: string,
  where: Prisma.Sql | undefined,
  hourly = false,
) {
  if (!hourly) return rollupRows(filter, columns, where);
  const extra = where ? Prisma.sql` and ${where}` : Prisma.empty;
  return Prisma.sql`(select ${Prisma.raw(columns)} from usage_rollup_hour
     where team_id = ${filter.teamId} and bucket >= ${filter.from} and bucket < ${filter.to}${extra})`;
}

type Numeric = { toFixed(): string } | string | number | null;
const decimal = (value: Numeric) =>
  value === null ? "0" : typeof value === "object" ? value.toFixed() : String(value);
const integers = (values: readonly (bigint | number)[] | null) => (values ?? []).map(Number);

/** Requests, errors, money, tokens and histograms per time bucket and routed model. */
export async function querySeries(
  db: Db,
  filter: RollupFilter,
  granularity: "hour" | "day",
): Promise<SeriesRow[]> {
  const rows = await db.$queryRaw<
    {
      t: Date;
      model: string;
      requests: bigint;
      errors: bigint;
      cost: Numeric;
      baseline: Numeric;
      calibration_cost: Numeric;
      calibration_baseline: Numeric;
      input_tokens: bigint | null;
      output_tokens: bigint | null;
      latency: bigint[];
      ttft: bigint[];
    }[]
  >`
    select date_trunc(${granularity}, bucket, ${filter.timeZone}) as t, model,
           sum(requests)::bigint as requests, sum(errors)::bigint as errors,
           sum(cost_usd) as cost, sum(baseline_cost_usd) as baseline,
           sum(cost_usd) filter (where ${CALIBRATION}) as calibration_cost,
           sum(baseline_cost_usd) filter (where ${CALIBRATION}) as calibration_baseline,
           sum(input_tokens)::bigint as input_tokens, sum(output_tokens)::bigint as output_tokens,
           ${LATENCY_SUM} as latency, ${TTFT_SUM} as ttft
      from ${source(filter, SERIES_COLUMNS, conditions(filter, { model: true }), granularity === "hour")} as r
     group by 1, 2
     order by 1, 2`;
  return rows.map((row) => ({
    bucket: row.t,
    model: row.model,
    requests: Number(row.requests),
    errors: Number(row.errors),
    costUsd: decimal(row.cost),
    baselineCostUsd: decimal(row.baseline),
    calibrationCostUsd: decimal(row.calibration_cost),
    calibrationBaselineCostUsd: decimal(row.calibration_baseline),
    inputTokens: Number(row.input_tokens ?? 0),
    outputTokens: Number(row.output_tokens ?? 0),
    latencyHistogram: integers(row.latency),
    ttftHistogram: integers(row.ttft),
  }));
}

/** Requests per raw route reason and model; ignores the model filter (it lists the models). */
export async function queryReasons(db: Db, filter: RollupFilter): Promise<ReasonRow[]> {
  const rows = await db.$queryRaw<
    { route_reason: string; model: string; requests: bigint; errors: bigint }[]
  >`
    select route_reason, model, sum(requests)::bigint as requests, sum(errors)::bigint as errors
      from ${source(filter, "route_reason, model, requests, errors", conditions(filter, { model: false }))} as r
     group by 1, 2`;
  return rows.map((row) => ({
    routeReason: row.route_reason,
    model: row.model,
    requests: Number(row.requests),
    errors: Number(row.errors),
  }));
}

/** The team's spend in the current day, week and month of its time zone (all keys, all models). */
export async function querySpend(
  db: Db,
  teamId: string,
  now: Date,
  timeZone: string,
): Promise<SpendRow> {
  const day = new Date(periodWindow("day", timeZone, now).start);
  const week = new Date(periodWindow("week", timeZone, now).start);
  const month = new Date(periodWindow("month", timeZone, now).start);
  const range = rangeThroughNow(teamId, week < month ? week : month, timeZone, now);
  const [row] = await db.$queryRaw<{ day: Numeric; week: Numeric; month: Numeric }[]>`
    select coalesce(sum(cost_usd) filter (where bucket >= ${day}), 0) as day,
           coalesce(sum(cost_usd) filter (where bucket >= ${week}), 0) as week,
           coalesce(sum(cost_usd) filter (where bucket >= ${month}), 0) as month
      from ${rollupRows(range, "bucket, cost_usd")} as r`;
  return {
    dayUsd: decimal(row?.day ?? null),
    weekUsd: decimal(row?.week ?? null),
    monthUsd: decimal(row?.month ?? null),
  };
}

/** Everything the team has spent (only asked for when it has a lifetime budget). */
export async function queryLifetimeSpend(
  db: Db,
  teamId: string,
  now: Date,
  timeZone: string,
): Promise<string> {
  const range = rangeThroughNow(teamId, new Date(0), timeZone, now);
  const [row] = await db.$queryRaw<{ total: Numeric }[]>`
    select coalesce(sum(cost_usd), 0) as total from ${rollupRows(range, "cost_usd")} as r`;
  return decimal(row?.total ?? null);
}
