import { z } from "zod";
import { endpoint } from "@/lib/contract";

export const rangeSchema = z.enum(["24h", "7d", "30d", "custom"]);
export type RangeName = z.infer<typeof rangeSchema>;

export const overviewQuery = z
  .object({
    range: rangeSchema.default("24h"),
    /** ISO instants; used when range is "custom". */
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    keyId: z.string().min(1).optional(),
    model: z.string().min(1).optional(),
  })
  .refine((query) => query.range !== "custom" || (query.from && query.to), {
    message: "A custom range needs from and to",
    path: ["from"],
  });
export type OverviewQuery = z.infer<typeof overviewQuery>;

/** USD amounts travel as exact decimal strings. */
const money = z.string();
const ms = z.number().nullable();

export const overviewResponse = z.object({
  window: z.object({
    from: z.string(),
    to: z.string(),
    granularity: z.enum(["hour", "day"]),
    timeZone: z.string(),
  }),
  totals: z.object({
    requests: z.number(),
    errors: z.number(),
    inputTokens: z.number(),
    outputTokens: z.number(),
    costUsd: money,
    baselineCostUsd: money,
    savingsUsd: money,
    /** Savings as a share of the baseline, 0..100; null when the baseline is 0. */
    savingsPercent: z.number().nullable(),
    latencyP50Ms: ms,
    latencyP95Ms: ms,
    ttftP50Ms: ms,
    ttftP95Ms: ms,
  }),
  /** One row per time bucket and routed model ('' when the request reached none). */
  series: z.array(
    z.object({
      bucket: z.string(),
      model: z.string(),
      requests: z.number(),
      errors: z.number(),
      costUsd: money,
    }),
  ),
  /** Percentiles per time bucket, estimated from the rollups' histograms. */
  latency: z.array(
    z.object({
      bucket: z.string(),
      requests: z.number(),
      p50Ms: ms,
      p95Ms: ms,
      ttftP50Ms: ms,
      ttftP95Ms: ms,
    }),
  ),
  /** Requests per route reason (grouped: classifier scores dropped, rule names kept). */
  reasons: z.array(z.object({ reason: z.string(), requests: z.number(), errors: z.number() })),
  budget: z.object({
    spentTodayUsd: money,
    spentMonthUsd: money,
    /** Enabled team-scope budgets with what has been spent in their current period. */
    budgets: z.array(
      z.object({
        id: z.string(),
        period: z.enum(["day", "week", "month", "lifetime"]),
        limitUsd: money,
        spentUsd: money,
        action: z.enum(["block", "downgrade"]),
      }),
    ),
  }),
  filters: z.object({
    keys: z.array(z.object({ id: z.string(), name: z.string(), prefix: z.string() })),
    models: z.array(z.string()),
  }),
});
export type OverviewResponse = z.infer<typeof overviewResponse>;

export const getOverview = endpoint({
  id: "usage.overview",
  method: "GET",
  path: "/api/admin/teams/:teamId/usage/overview",
  summary:
    "Spend against budgets, requests, errors, latency and savings for a time range, from the hourly rollups",
  access: { team: "viewer" },
  params: z.object({ teamId: z.string().min(1) }),
  query: overviewQuery,
  response: overviewResponse,
});
