import {
  bucketIndex,
  LATENCY_BUCKET_BOUNDS_MS,
  Prisma,
  rebuildDayRollups,
  TTFT_BUCKET_BOUNDS_MS,
} from "@switchyard/db";
import { createKey, createTeam } from "@switchyard/db/testing";
import { describe, expect, it } from "vitest";
import {
  addTokenMember,
  adminTestDatabase,
  callEndpoint,
  createTokenUser,
} from "@/server/admin/testing";
import type { OverviewResponse } from "../contract";

const db = adminTestDatabase();

const HOUR = 3_600_000;
const LATENCY_LENGTH = LATENCY_BUCKET_BOUNDS_MS.length + 1;
const TTFT_LENGTH = TTFT_BUCKET_BOUNDS_MS.length + 1;

/** A histogram with `count` requests in bucket `index`. */
const histogram = (length: number, index: number, count: number) =>
  Array.from({ length }, (_, i) => (i === index ? count : 0));
/** The bucket a latency of `ms` falls in. */
const at = (ms: number) => bucketIndex(ms, LATENCY_BUCKET_BOUNDS_MS);

async function call(teamId: string, token: string, query = "") {
  const result = await callEndpoint("usage.overview", {
    path: `/api/admin/teams/${teamId}/usage/overview${query}`,
    token,
    params: { teamId },
  });
  return result as { status: number; json: OverviewResponse };
}

describe("usage overview", () => {
  it("sums the rollups of the window exactly and estimates percentiles from their histograms", async () => {
    const team = await createTeam(db.prisma);
    const other = await createTeam(db.prisma);
    const viewer = await addTokenMember(db.prisma, team.id, "viewer");
    const keyA = (await createKey(db.prisma, { teamId: team.id, name: "a" })).record;
    const keyB = (await createKey(db.prisma, { teamId: team.id, name: "b" })).record;
    await db.prisma.budget.create({
      data: { teamId: team.id, scope: "team", period: "month", limitUsd: "100" },
    });
    const currentHour = new Date(Math.floor(Date.now() / HOUR) * HOUR);
    const hoursAgo = (hours: number) => new Date(currentHour.getTime() - hours * HOUR);
    const base = { routeReason: "default", errors: 0 };
    const rows = [
      // A: 10 requests, latency all in [130, 160), TTFT all in [65, 80).
      {
        ...base,
        teamId: team.id,
        bucket: hoursAgo(0),
        apiKeyId: keyA.id,
        model: "gpt-5-mini",
        routeReason: "classifier:0.20<0.50",
        requests: 10,
        costUsd: "0.123456789012",
        baselineCostUsd: "1",
        inputTokens: 1000n,
        outputTokens: 500n,
        latencyHistogram: histogram(LATENCY_LENGTH, at(130), 10),
        ttftHistogram: histogram(TTFT_LENGTH, bucketIndex(65, TTFT_BUCKET_BOUNDS_MS), 10),
      },
      // B: 10 requests (2 errors), latency all in [300, 400), no TTFT.
      {
        ...base,
        teamId: team.id,
        bucket: hoursAgo(1),
        apiKeyId: keyB.id,
        model: "gpt-5",
        routeReason: "classifier:0.70>=0.50",
        requests: 10,
        errors: 2,
        costUsd: "0.2",
        baselineCostUsd: "0.5",
        inputTokens: 10n,
        outputTokens: 20n,
        latencyHistogram: histogram(LATENCY_LENGTH, at(300), 10),
        ttftHistogram: histogram(TTFT_LENGTH, 0, 0),
      },
      // C: three days ago: outside 24 h, inside 7 d.
      {
        ...base,
        teamId: team.id,
        bucket: hoursAgo(72),
        apiKeyId: keyA.id,
        model: "gpt-5-mini",
        requests: 4,
        costUsd: "1.5",
        baselineCostUsd: "2",
        latencyHistogram: histogram(LATENCY_LENGTH, 0, 4),
        ttftHistogram: histogram(TTFT_LENGTH, 0, 0),
      },
      // Another team's traffic in the same hour: never counted.
      {
        ...base,
        teamId: other.id,
        bucket: hoursAgo(0),
        model: "gpt-5",
        requests: 99,
        costUsd: "50",
        baselineCostUsd: "60",
        latencyHistogram: histogram(LATENCY_LENGTH, 0, 99),
        ttftHistogram: histogram(TTFT_LENGTH, 0, 0),
      },
    ];
    await db.prisma.usageRollupHour.createMany({ data: rows });
    await rebuildDayRollups(db.prisma, null);

    const day = await call(team.id, viewer.token, "?range=24h");
    expect(day.status).toBe(200);
    const totals = day.json.totals;
    expect(totals).toMatchObject({
      requests: 20,
      errors: 2,
      inputTokens: 1010,
      outputTokens: 520,
      costUsd: "0.323456789012",
      baselineCostUsd: "1.5",
      savingsUsd: "1.176543210988",
      savingsPercent: 78.4,
      // 20 requests: 10 in [130, 160), 10 in [300, 400).
      // (Whole milliseconds: [130, 160) holds 130 … 159.)
      latencyP50Ms: 159,
      latencyP95Ms: 389.1,
      // 10 TTFTs in [65, 80): median halfway through 65 … 79.
      ttftP50Ms: 72,
      ttftP95Ms: 78.3,
    });
    expect(day.json.window.granularity).toBe("hour");
    expect(day.json.series).toHaveLength(2);
    expect(day.json.latency.map((point) => [point.requests, point.p50Ms])).toEqual([
      [10, 349.5],
      [10, 144.5],
    ]);
    expect(day.json.reasons).toEqual([{ reason: "classifier", requests: 20, errors: 2 }]);
    expect(day.json.filters.models).toEqual(["gpt-5", "gpt-5-mini"]);
    expect(day.json.filters.keys.map((key) => key.name)).toEqual(["a", "b"]);

    // Spend today and this month: every key and model, by the calendar (UTC for this team).
    const startOfDay = new Date(currentHour);
    startOfDay.setUTCHours(0);
    const startOfMonth = new Date(startOfDay);
    startOfMonth.setUTCDate(1);
    const spentSince = (start: Date) =>
      rows
        .filter((row) => row.teamId === team.id && row.bucket >= start)
        .reduce((sum, row) => sum.add(row.costUsd), new Prisma.Decimal(0))
        .toFixed();
    expect(day.json.budget.spentTodayUsd).toBe(spentSince(startOfDay));
    expect(day.json.budget.spentMonthUsd).toBe(spentSince(startOfMonth));
    expect(day.json.budget.budgets).toEqual([
      expect.objectContaining({
        period: "month",
        limitUsd: "100",
        spentUsd: spentSince(startOfMonth),
      }),
    ]);

    const week = await call(team.id, viewer.token, "?range=7d");
    expect(week.json.totals).toMatchObject({ requests: 24, costUsd: "1.823456789012" });

    const keyFiltered = await call(team.id, viewer.token, `?range=7d&keyId=${keyA.id}`);
    expect(keyFiltered.json.totals).toMatchObject({ requests: 14, costUsd: "1.623456789012" });

    const modelFiltered = await call(team.id, viewer.token, "?range=24h&model=gpt-5");
    expect(modelFiltered.json.totals).toMatchObject({ requests: 10, errors: 2, costUsd: "0.2" });
    expect(modelFiltered.json.filters.models).toEqual(["gpt-5", "gpt-5-mini"]);

    const month = await call(team.id, viewer.token, "?range=30d");
    expect(month.json.window.granularity).toBe("day");
    expect(month.json.totals.requests).toBe(24);
  });

  it("counts calibration calls in the spend and leaves them out of the savings", async () => {
    const team = await createTeam(db.prisma);
    const viewer = await addTokenMember(db.prisma, team.id, "viewer");
    const bucket = new Date(Math.floor(Date.now() / HOUR) * HOUR);
    const row = (routeReason: string, costUsd: string, baselineCostUsd: string) => ({
      teamId: team.id,
      bucket,
      apiKeyId: routeReason === "default" ? "key_1" : "calibration:pol_1",
      model: routeReason === "calibration-judge" ? "judge" : "gpt-5",
      routeReason,
      requests: 1,
      errors: 0,
      costUsd,
      baselineCostUsd,
      latencyHistogram: histogram(LATENCY_LENGTH, 0, 1),
      ttftHistogram: histogram(TTFT_LENGTH, 0, 0),
    });
    await db.prisma.usageRollupHour.createMany({
      data: [
        row("default", "1", "4"),
        row("calibration", "0.5", "0.5"),
        row("calibration-judge", "0.25", "0.25"),
      ],
    });
    await rebuildDayRollups(db.prisma, null);
    for (const range of ["24h", "30d"]) {
      const { json } = await call(team.id, viewer.token, `?range=${range}`);
      expect(json.totals).toMatchObject({
        requests: 3,
        costUsd: "1.75",
        baselineCostUsd: "4",
        savingsUsd: "3",
        savingsPercent: 75,
      });
    }
  });

  it("shows no budget and zero usage for a quiet team, and refuses outsiders", async () => {
    const team = await createTeam(db.prisma);
    const viewer = await addTokenMember(db.prisma, team.id, "viewer");
    const quiet = await call(team.id, viewer.token);
    expect(quiet.status).toBe(200);
    expect(quiet.json.totals).toMatchObject({
      requests: 0,
      costUsd: "0",
      savingsPercent: null,
      latencyP50Ms: null,
    });
    expect(quiet.json.budget).toEqual({ spentTodayUsd: "0", spentMonthUsd: "0", budgets: [] });

    const outsider = await createTokenUser(db.prisma);
    expect((await call(team.id, outsider.token)).status).toBe(404);
  });

  it("validates custom ranges", async () => {
    const team = await createTeam(db.prisma);
    const viewer = await addTokenMember(db.prisma, team.id, "viewer");
    const missing = await call(team.id, viewer.token, "?range=custom");
    expect(missing.status).toBe(400);
    const backwards = await call(
      team.id,
      viewer.token,
      "?range=custom&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
    );
    expect(backwards.status).toBe(400);
  });
});
