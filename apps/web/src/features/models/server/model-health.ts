/**
 * Health per routed model over the last 24 hours, from the hourly rollups: requests, errors and
 * p50/p95 latency estimated from the summed latency histograms.
 */
import { addHistograms, estimateQuantile, LATENCY_BUCKET_BOUNDS_MS } from "@switchyard/db";
import type { HandlerContext } from "@/server/admin/route";
import type { ModelHealth, modelsHealth } from "../contract";

export interface RollupRow {
  model: string;
  requests: number;
  errors: number;
  latencyHistogram: number[];
}

/** Pure: rollup rows (any hours) → one health line per model, busiest first. */
export function summariseHealth(rows: readonly RollupRow[]): ModelHealth[] {
  const byModel = new Map<string, { requests: number; errors: number; histogram: number[] }>();
  for (const row of rows) {
    if (row.model === "") continue;
    const entry = byModel.get(row.model) ?? { requests: 0, errors: 0, histogram: [] };
    entry.requests += row.requests;
    entry.errors += row.errors;
    entry.histogram = addHistograms(entry.histogram, row.latencyHistogram);
    byModel.set(row.model, entry);
  }
  // To a tenth of a millisecond, as the overview: fast models answer in a few.
  const round = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
  return [...byModel.entries()]
    .map(([model, entry]) => ({
      model,
      requests: entry.requests,
      errors: entry.errors,
      errorRate: entry.requests === 0 ? 0 : entry.errors / entry.requests,
      p50LatencyMs: round(estimateQuantile(entry.histogram, LATENCY_BUCKET_BOUNDS_MS, 0.5)),
      p95LatencyMs: round(estimateQuantile(entry.histogram, LATENCY_BUCKET_BOUNDS_MS, 0.95)),
    }))
    .sort((a, b) => b.requests - a.requests || a.model.localeCompare(b.model));
}

export async function modelsHealthHandler({ params, prisma }: HandlerContext<typeof modelsHealth>) {
  const since = new Date(Date.now() - 24 * 3_600_000);
  // Hour buckets that overlap the window (the current, partial hour included).
  const bucketFloor = new Date(Math.floor(since.getTime() / 3_600_000) * 3_600_000);
  const rows = await prisma.usageRollupHour.findMany({
    where: { teamId: params.teamId, bucket: { gte: bucketFloor } },
    select: { model: true, requests: true, errors: true, latencyHistogram: true },
  });
  return { since: bucketFloor.toISOString(), models: summariseHealth(rows) };
}
