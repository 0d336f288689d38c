/**
 * The overview's SQL over usage_rollup_hour (never the raw log). Parameterised $queryRaw; money
 * summed as numeric and returned as exact decimal strings, histograms summed element-wise.
 * Imports nothing from the app (the dashboard benchmark runs these against a seeded database).
 */
import {
  LATENCY_BUCKET_BOUNDS_MS,
  Prisma,
  type PrismaClient,
  TTFT_BUCKET_BOUNDS_MS,
} from "@switchyard/db";

export type Db = Pick<PrismaClient, "$queryRaw">;

export interface RollupFilter {
  teamId: string;
  from: Date;
  to: Date;
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

const sumArray = (column: string, length: number) =>
  Prisma.raw(
    `array[${Array.from({ length }, (_, i) => `coalesce(sum(${column}[${i + 1}]), 0)`).join(", ")}]::bigint[]`,
  );
const LATENCY_SUM = sumArray("latency_histogram", LATENCY_BUCKET_BOUNDS_MS.length + 1);
const TTFT_SUM = sumArray("ttft_histogram", TTFT_BUCKET_BOUNDS_MS.length + 1);

function where(filter: RollupFilter, options: { model: boolean }) {
  const parts = [
    Prisma.sql`team_id = ${filter.teamId}`,
    Prisma.sql`bucket >= ${filter.from}`,
    Prisma.sql`bucket < ${filter.to}`,
  ];
  if (filter.keyId !== undefined) parts.push(Prisma.sql`api_key_id = ${filter.keyId}`);
  if (options.model && filter.model !== undefined) {
    parts.push(Prisma.sql`model = ${filter.model}`);
  }
  return Prisma.join(parts, " and ");
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
  timeZone: string,
): Promise<SeriesRow[]> {
  const rows = await db.$queryRaw<
    {
      t: Date;
      model: string;
      requests: bigint;
      errors: bigint;
      cost: Numeric;
      baseline: Numeric;
      input_tokens: bigint | null;
      output_tokens: bigint | null;
      latency: bigint[];
      ttft: bigint[];
    }[]
  >`
    select date_trunc(${granularity}, bucket, ${timeZone}) as t, model,
           sum(requests)::bigint as requests, sum(errors)::bigint as errors,
           sum(cost_usd) as cost, sum(baseline_cost_usd) as baseline,
           sum(input_tokens)::bigint as input_tokens, sum(output_tokens)::bigint as output_tokens,
           ${LATENCY_SUM} as latency, ${TTFT_SUM} as ttft
      from usage_rollup_hour
     where ${where(filter, { model: true })}
     group by 1, 2
     order by 1, 2`;
  return rows.map((row) => ({
    bucket: row.t,
    model: row.model,
    requests: Number(row.requests),
    errors: Number(row.errors),
    costUsd: decimal(row.cost),
    baselineCostUsd: decimal(row.baseline),
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
      from usage_rollup_hour
     where ${where(filter, { model: false })}
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
  // Summed per hour first (one numeric addition a row, over the covering index), then per period.
  const [row] = await db.$queryRaw<{ day: Numeric; week: Numeric; month: Numeric }[]>`
    with starts as (
      select date_trunc('day', ${now}::timestamptz, ${timeZone}) as day,
             date_trunc('week', ${now}::timestamptz, ${timeZone}) as week,
             date_trunc('month', ${now}::timestamptz, ${timeZone}) as month
    ),
    hours as (
      select bucket, sum(cost_usd) as cost
        from usage_rollup_hour, starts
       where team_id = ${teamId} and bucket >= least(starts.week, starts.month)
       group by bucket
    )
    select coalesce(sum(cost) filter (where hours.bucket >= starts.day), 0) as day,
           coalesce(sum(cost) filter (where hours.bucket >= starts.week), 0) as week,
           coalesce(sum(cost) filter (where hours.bucket >= starts.month), 0) as month
      from starts
      left join hours on true
     group by starts.day, starts.week, starts.month`;
  return {
    dayUsd: decimal(row?.day ?? null),
    weekUsd: decimal(row?.week ?? null),
    monthUsd: decimal(row?.month ?? null),
  };
}

/** Everything the team has spent (only asked for when it has a lifetime budget). */
export async function queryLifetimeSpend(db: Db, teamId: string): Promise<string> {
  const [row] = await db.$queryRaw<{ total: Numeric }[]>`
    select coalesce(sum(cost_usd), 0) as total from usage_rollup_hour where team_id = ${teamId}`;
  return decimal(row?.total ?? null);
}
