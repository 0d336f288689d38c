/**
 * Pure shaping of the rollup query rows into the overview's response: exact money sums, savings,
 * percentiles estimated from summed histograms, reasons grouped.
 */
import {
  addHistograms,
  estimateQuantile,
  LATENCY_BUCKET_BOUNDS_MS,
  Prisma,
  TTFT_BUCKET_BOUNDS_MS,
} from "@switchyard/db";
import type { OverviewResponse } from "../contract";
import { routeReasonGroup } from "../route-reason";
import type { ReasonRow, SeriesRow } from "./overview-queries";

const Decimal = Prisma.Decimal;
type DecimalValue = InstanceType<typeof Decimal>;

const round1 = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

function percentiles(latency: readonly number[], ttft: readonly number[]) {
  return {
    p50Ms: round1(estimateQuantile(latency, LATENCY_BUCKET_BOUNDS_MS, 0.5)),
    p95Ms: round1(estimateQuantile(latency, LATENCY_BUCKET_BOUNDS_MS, 0.95)),
    ttftP50Ms: round1(estimateQuantile(ttft, TTFT_BUCKET_BOUNDS_MS, 0.5)),
    ttftP95Ms: round1(estimateQuantile(ttft, TTFT_BUCKET_BOUNDS_MS, 0.95)),
  };
}

export function summarizeSeries(
  rows: readonly SeriesRow[],
): Pick<OverviewResponse, "totals" | "series" | "latency"> {
  let requests = 0;
  let errors = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  let cost: DecimalValue = new Decimal(0);
  let baseline: DecimalValue = new Decimal(0);
  // Savings compare routed traffic with its baseline: calibration calls are left out of both.
  let calibrationCost: DecimalValue = new Decimal(0);
  let latencyAll: number[] = [];
  let ttftAll: number[] = [];
  const perBucket = new Map<string, { requests: number; latency: number[]; ttft: number[] }>();
  for (const row of rows) {
    requests += row.requests;
    errors += row.errors;
    inputTokens += row.inputTokens;
    outputTokens += row.outputTokens;
    cost = cost.add(row.costUsd);
    baseline = baseline.add(row.baselineCostUsd).sub(row.calibrationBaselineCostUsd ?? "0");
    calibrationCost = calibrationCost.add(row.calibrationCostUsd ?? "0");
    latencyAll = addHistograms(latencyAll, row.latencyHistogram);
    ttftAll = addHistograms(ttftAll, row.ttftHistogram);
    const key = row.bucket.toISOString();
    const bucket = perBucket.get(key) ?? { requests: 0, latency: [], ttft: [] };
    bucket.requests += row.requests;
    bucket.latency = addHistograms(bucket.latency, row.latencyHistogram);
    bucket.ttft = addHistograms(bucket.ttft, row.ttftHistogram);
    perBucket.set(key, bucket);
  }
  const savings = baseline.sub(cost.sub(calibrationCost));
  const all = percentiles(latencyAll, ttftAll);
  return {
    totals: {
      requests,
      errors,
      inputTokens,
      outputTokens,
      costUsd: cost.toFixed(),
      baselineCostUsd: baseline.toFixed(),
      savingsUsd: savings.toFixed(),
      savingsPercent: baseline.isZero()
        ? null
        : Math.round(savings.div(baseline).mul(1000).toNumber()) / 10,
      latencyP50Ms: all.p50Ms,
      latencyP95Ms: all.p95Ms,
      ttftP50Ms: all.ttftP50Ms,
      ttftP95Ms: all.ttftP95Ms,
    },
    series: rows.map((row) => ({
      bucket: row.bucket.toISOString(),
      model: row.model,
      requests: row.requests,
      errors: row.errors,
      costUsd: row.costUsd,
    })),
    latency: [...perBucket].map(([bucket, value]) => ({
      bucket,
      requests: value.requests,
      ...percentiles(value.latency, value.ttft),
    })),
  };
}

/** Reasons grouped (for the rows of `model` when given), most requests first; models listed. */
export function summarizeReasons(
  rows: readonly ReasonRow[],
  model: string | undefined,
): { reasons: OverviewResponse["reasons"]; models: string[] } {
  const groups = new Map<string, { requests: number; errors: number }>();
  const models = new Set<string>();
  for (const row of rows) {
    if (row.model) models.add(row.model);
    if (model !== undefined && row.model !== model) continue;
    const reason = routeReasonGroup(row.routeReason);
    const group = groups.get(reason) ?? { requests: 0, errors: 0 };
    group.requests += row.requests;
    group.errors += row.errors;
    groups.set(reason, group);
  }
  return {
    reasons: [...groups]
      .map(([reason, value]) => ({ reason, ...value }))
      .sort((a, b) => b.requests - a.requests || a.reason.localeCompare(b.reason)),
    models: [...models].sort(),
  };
}
