import { describe, expect, it } from "vitest";
import type { OverviewResponse } from "../usage/contract";
import {
  bucketsOf,
  errorRate,
  prepareBudgets,
  prepareLatencySeries,
  prepareReasonBars,
  prepareRoutingMix,
  prepareSpendSeries,
} from "./prepare";

const H0 = "2026-03-10T10:00:00.000Z";
const H1 = "2026-03-10T11:00:00.000Z";
const H2 = "2026-03-10T12:00:00.000Z";

function overview(partial: Partial<OverviewResponse> = {}): OverviewResponse {
  return {
    window: { from: H0, to: "2026-03-10T12:30:00.000Z", granularity: "hour", timeZone: "UTC" },
    totals: {
      requests: 0,
      errors: 0,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: "0",
      baselineCostUsd: "0",
      savingsUsd: "0",
      savingsPercent: null,
      latencyP50Ms: null,
      latencyP95Ms: null,
      ttftP50Ms: null,
      ttftP95Ms: null,
    },
    series: [],
    latency: [],
    reasons: [],
    budget: { spentTodayUsd: "0", spentMonthUsd: "0", budgets: [] },
    filters: { keys: [], models: [] },
    ...partial,
  };
}

const row = (bucket: string, model: string, requests: number, costUsd: string) => ({
  bucket,
  model,
  requests,
  errors: 0,
  costUsd,
});

describe("daily series", () => {
  it("plots empty days as zero spend, not as missing dates", () => {
    const data = prepareSpendSeries(
      overview({
        window: {
          from: "2026-03-08T10:00:00.000Z",
          to: "2026-03-10T10:00:00.000Z",
          granularity: "day",
          timeZone: "UTC",
        },
        series: [row("2026-03-10T00:00:00.000Z", "cheap", 2, "0.5")],
      }),
    );
    expect(data.rows.map((r) => [r.label, r.cheap])).toEqual([
      ["Mar 8", 0],
      ["Mar 9", 0],
      ["Mar 10", 0.5],
    ]);
  });
});

describe("bucketsOf", () => {
  it("lists every hour of an hourly window, the current partial hour included", () => {
    expect(bucketsOf(overview().window, [])).toEqual([H0, H1, H2]);
  });

  it("lists every local day of a daily window, days without data included", () => {
    const window = {
      from: "2026-03-08T10:00:00.000Z",
      to: "2026-03-11T10:00:00.000Z",
      granularity: "day" as const,
      timeZone: "UTC",
    };
    expect(bucketsOf(window, ["2026-03-10T00:00:00.000Z"])).toEqual([
      "2026-03-08T00:00:00.000Z",
      "2026-03-09T00:00:00.000Z",
      "2026-03-10T00:00:00.000Z",
      "2026-03-11T00:00:00.000Z",
    ]);
  });
});

describe("prepareSpendSeries", () => {
  it("stacks cost by model with zeros for quiet hours", () => {
    const data = prepareSpendSeries(
      overview({
        series: [
          row(H0, "gpt-5", 2, "0.5"),
          row(H0, "nano", 5, "0.01"),
          row(H2, "gpt-5", 1, "0.25"),
        ],
      }),
    );
    expect(data.models).toEqual(["gpt-5", "nano"]);
    expect(data.rows.map((r) => [r.bucket, r["gpt-5"], r.nano])).toEqual([
      [H0, 0.5, 0.01],
      [H1, 0, 0],
      [H2, 0.25, 0],
    ]);
    expect(data.rows[0]?.label).toBe("Mar 10, 10:00");
  });

  it("keeps the six costliest models and sums the rest as other", () => {
    const series = Array.from({ length: 8 }, (_, i) => row(H0, `m${i}`, 1, String(i + 1)));
    const data = prepareSpendSeries(overview({ series }));
    expect(data.models).toEqual(["m7", "m6", "m5", "m4", "m3", "m2", "other"]);
    expect(data.rows[0]?.other).toBe(3); // m0 ($1) + m1 ($2)
  });

  it("labels requests that reached no model", () => {
    expect(prepareSpendSeries(overview({ series: [row(H0, "", 1, "0")] })).models).toEqual([
      "(no model)",
    ]);
  });
});

describe("prepareLatencySeries", () => {
  it("leaves gaps (null) where an hour had no requests", () => {
    const points = prepareLatencySeries(
      overview({
        latency: [
          { bucket: H1, requests: 3, p50Ms: 120, p95Ms: 900, ttftP50Ms: 40, ttftP95Ms: null },
        ],
      }),
    );
    expect(points.map((p) => [p.bucket, p.p50, p.p95, p.ttftP50, p.ttftP95])).toEqual([
      [H0, null, null, null, null],
      [H1, 120, 900, 40, null],
      [H2, null, null, null, null],
    ]);
  });
});

describe("prepareRoutingMix", () => {
  it("gives each model's share of requests, largest first", () => {
    const mix = prepareRoutingMix(
      overview({
        series: [
          row(H0, "a", 1, "0"),
          row(H0, "b", 2, "0"),
          row(H1, "a", 0, "0"),
          row(H2, "b", 3, "0"),
        ],
      }),
    );
    expect(mix).toEqual([
      { model: "b", requests: 5, share: 83.3 },
      { model: "a", requests: 1, share: 16.7 },
    ]);
  });

  it("is empty without requests", () => {
    expect(prepareRoutingMix(overview())).toEqual([]);
  });
});

describe("prepareReasonBars", () => {
  it("keeps the top reasons and folds the rest into other", () => {
    const reasons = [
      { reason: "default", requests: 10, errors: 1 },
      { reason: "classifier", requests: 30, errors: 0 },
      { reason: "rule:a", requests: 2, errors: 1 },
      { reason: "rule:b", requests: 1, errors: 1 },
    ];
    expect(prepareReasonBars(overview({ reasons }), 2)).toEqual([
      { reason: "classifier", requests: 30, errors: 0 },
      { reason: "default", requests: 10, errors: 1 },
      { reason: "other", requests: 3, errors: 2 },
    ]);
  });
});

describe("prepareBudgets and errorRate", () => {
  it("turns budgets into progress lines", () => {
    const lines = prepareBudgets({
      spentTodayUsd: "1",
      spentMonthUsd: "12.5",
      budgets: [{ id: "b1", period: "month", limitUsd: "50", spentUsd: "12.5", action: "block" }],
    });
    expect(lines).toEqual([
      { id: "b1", label: "This month (block)", limitUsd: "50", spentUsd: "12.5", percent: 25 },
    ]);
  });

  it("computes the error rate, null without requests", () => {
    expect(errorRate({ ...overview().totals, requests: 200, errors: 3 })).toBe(1.5);
    expect(errorRate(overview().totals)).toBeNull();
  });
});
