/**
 * Pure shaping of the overview response into what the charts and cards render. Money arrives as
 * exact decimal strings; charts get numbers (display only).
 */
import type { OverviewResponse } from "../usage/contract";
import { localDays } from "./chart-scale";

type Window = OverviewResponse["window"];
const HOUR = 3_600_000;
/** Models beyond this many (by cost) are summed into "other" in the spend chart. */
export const MAX_SPEND_MODELS = 6;
export const OTHER = "other";
export const NO_MODEL = "(no model)";

const modelLabel = (model: string) => model || NO_MODEL;

export function bucketLabel(iso: string, window: Window): string {
  const options: Intl.DateTimeFormatOptions =
    window.granularity === "hour"
      ? { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }
      : { month: "short", day: "numeric" };
  return new Intl.DateTimeFormat("en-US", { ...options, timeZone: window.timeZone }).format(
    new Date(iso),
  );
}

/**
 * The buckets to plot: every hour of the window for hourly data, every local day of the team's
 * time zone for daily data, so quiet hours and days show as zero rather than being skipped.
 */
export function bucketsOf(window: Window, present: readonly string[]): string[] {
  if (window.granularity === "hour") {
    const buckets: string[] = [];
    const end = new Date(window.to).getTime();
    for (let time = new Date(window.from).getTime(); time < end; time += HOUR) {
      buckets.push(new Date(time).toISOString());
    }
    return buckets;
  }
  return [...new Set([...localDays(window.from, window.to, window.timeZone), ...present])].sort();
}

export interface SpendChartData {
  models: string[];
  rows: Array<{ bucket: string; label: string } & Record<string, number | string>>;
}

/** Spend per bucket stacked by model: the costliest models, the rest as "other". */
export function prepareSpendSeries(overview: OverviewResponse): SpendChartData {
  const totals = new Map<string, number>();
  for (const row of overview.series) {
    const model = modelLabel(row.model);
    totals.set(model, (totals.get(model) ?? 0) + Number(row.costUsd));
  }
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const kept = new Set(ranked.slice(0, MAX_SPEND_MODELS).map(([model]) => model));
  const models = [...kept];
  if (ranked.length > MAX_SPEND_MODELS) models.push(OTHER);
  const byBucket = new Map<string, Record<string, number>>();
  for (const row of overview.series) {
    const model = modelLabel(row.model);
    const key = kept.has(model) ? model : OTHER;
    const values = byBucket.get(row.bucket) ?? {};
    values[key] = (values[key] ?? 0) + Number(row.costUsd);
    byBucket.set(row.bucket, values);
  }
  const buckets = bucketsOf(
    overview.window,
    overview.series.map((row) => row.bucket),
  );
  return {
    models,
    rows: buckets.map((bucket) => {
      const values = byBucket.get(bucket) ?? {};
      const row: { bucket: string; label: string } & Record<string, number | string> = {
        bucket,
        label: bucketLabel(bucket, overview.window),
      };
      for (const model of models) row[model] = values[model] ?? 0;
      return row;
    }),
  };
}

export interface LatencyPoint {
  bucket: string;
  label: string;
  p50: number | null;
  p95: number | null;
  ttftP50: number | null;
  ttftP95: number | null;
}

/**
 * Percentiles per bucket; buckets without requests have none (null, not a zero latency): the
 * chart draws its lines across them.
 */
export function prepareLatencySeries(overview: OverviewResponse): LatencyPoint[] {
  const byBucket = new Map(overview.latency.map((point) => [point.bucket, point]));
  return bucketsOf(
    overview.window,
    overview.latency.map((point) => point.bucket),
  ).map((bucket) => {
    const point = byBucket.get(bucket);
    return {
      bucket,
      label: bucketLabel(bucket, overview.window),
      p50: point?.p50Ms ?? null,
      p95: point?.p95Ms ?? null,
      ttftP50: point?.ttftP50Ms ?? null,
      ttftP95: point?.ttftP95Ms ?? null,
    };
  });
}

export interface MixSlice {
  model: string;
  requests: number;
  /** Percentage of all requests, one decimal. */
  share: number;
}

/** Share of requests per routed model, largest first. */
export function prepareRoutingMix(overview: OverviewResponse): MixSlice[] {
  const counts = new Map<string, number>();
  for (const row of overview.series) {
    const model = modelLabel(row.model);
    counts.set(model, (counts.get(model) ?? 0) + row.requests);
  }
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) return [];
  return [...counts]
    .map(([model, requests]) => ({
      model,
      requests,
      share: Math.round((requests / total) * 1000) / 10,
    }))
    .sort((a, b) => b.requests - a.requests || a.model.localeCompare(b.model));
}

/** Requests per route reason for a bar chart: the top `limit`, the rest as "other". */
export function prepareReasonBars(
  overview: OverviewResponse,
  limit = 8,
): Array<{ reason: string; requests: number; errors: number }> {
  const sorted = [...overview.reasons].sort((a, b) => b.requests - a.requests);
  const top = sorted.slice(0, limit);
  const rest = sorted.slice(limit);
  if (rest.length === 0) return top;
  return [
    ...top,
    {
      reason: OTHER,
      requests: rest.reduce((sum, reason) => sum + reason.requests, 0),
      errors: rest.reduce((sum, reason) => sum + reason.errors, 0),
    },
  ];
}

export interface BudgetLine {
  id: string;
  label: string;
  limitUsd: string;
  spentUsd: string;
  /** Spent as a percentage of the limit (may exceed 100). */
  percent: number;
}

const PERIOD_LABEL = { day: "Today", week: "This week", month: "This month", lifetime: "Lifetime" };

/** The team's budgets as progress lines; empty when the team has none. */
export function prepareBudgets(budget: OverviewResponse["budget"]): BudgetLine[] {
  return budget.budgets.map((budget) => {
    const limit = Number(budget.limitUsd);
    const spent = Number(budget.spentUsd);
    return {
      id: budget.id,
      label: `${PERIOD_LABEL[budget.period]} (${budget.action})`,
      limitUsd: budget.limitUsd,
      spentUsd: budget.spentUsd,
      percent: limit > 0 ? Math.round((spent / limit) * 1000) / 10 : 0,
    };
  });
}

/** Error rate in percent (one decimal), null without requests. */
export function errorRate(totals: OverviewResponse["totals"]): number | null {
  return totals.requests === 0 ? null : Math.round((totals.errors / totals.requests) * 1000) / 10;
}
