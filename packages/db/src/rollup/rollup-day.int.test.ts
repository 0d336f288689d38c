import type { RequestLogEntry } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import type { PrismaClient } from "../client";
import { Prisma } from "../generated/client";
import { PrismaUsageSink } from "../repositories/usage-sink";
import { setUpTestPrisma } from "../testing/suite-database";
import { LATENCY_BUCKET_BOUNDS_MS } from "./histogram";
import { rollupRows } from "./rollup-source";
import { rebuildDayRollups } from "./rollup-sql";

const HOUR = 3_600_000;
let sequence = 0;
function entry(teamId: string, createdAt: Date, costUsd: string): RequestLogEntry {
  sequence += 1;
  return {
    id: `req_day_${sequence}`,
    clientRequestId: null,
    createdAt,
    teamId,
    apiKeyId: sequence % 2 === 0 ? "key_a" : "key_b",
    policyVersionId: null,
    surface: "openai",
    requestedModel: "switchyard/auto",
    routedModel: sequence % 3 === 0 ? "big" : "small",
    provider: "openai",
    routeReason: `classifier:0.${sequence % 10}0<0.50`,
    routeTrace: {},
    inputTokens: 10,
    outputTokens: 5,
    costUsd,
    baselineCostUsd: "0.01",
    latencyMs: 100 + (sequence % 7) * 300,
    ttftMs: sequence % 2 === 0 ? 30 : null,
    overheadMs: 0.5,
    status: sequence % 11 === 0 ? "error" : "ok",
    httpStatus: 200,
    errorCode: null,
    attemptCount: 1,
    cascaded: false,
    streamed: false,
    usageEstimated: false,
    attempts: [],
    promptText: null,
    completionText: null,
  };
}

/** A small deterministic generator, so a failing range can be reproduced. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe("daily rollups", () => {
  let prisma: PrismaClient;
  let sink: PrismaUsageSink;
  setUpTestPrisma((client) => {
    prisma = client;
    sink = new PrismaUsageSink(prisma);
  });

  const days = (teamId: string) =>
    prisma.usageRollupDay.findMany({
      where: { teamId },
      orderBy: [{ bucket: "asc" }, { apiKeyId: "asc" }, { model: "asc" }, { routeReason: "asc" }],
    });

  it("folds each write into the team's local day, once even when the batch is retried", async () => {
    const team = await prisma.team.create({
      data: { slug: "ny", name: "NY", timeZone: "America/New_York" },
    });
    const batch = [
      entry(team.id, new Date("2026-03-01T03:00:00Z"), "1"), // Feb 28, 22:00 in New York
      entry(team.id, new Date("2026-03-01T10:00:00Z"), "2"), // Mar 1, 05:00
      entry("team_without_row", new Date("2026-03-01T03:00:00Z"), "4"),
    ];
    await sink.writeBatch(batch);
    await sink.writeBatch(batch);
    const rows = await days(team.id);
    expect(rows.map((row) => [row.bucket.toISOString(), row.costUsd.toFixed()])).toEqual([
      ["2026-02-28T05:00:00.000Z", "1"],
      ["2026-03-01T05:00:00.000Z", "2"],
    ]);
    const [utc] = await days("team_without_row");
    expect(utc?.bucket.toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(utc?.requests).toBe(1);
  });

  it("reads any hour-aligned range from days and hours exactly as the hourly rollups sum it", async () => {
    for (const timeZone of ["America/New_York", "Europe/Berlin", "UTC"]) {
      const team = await prisma.team.create({
        data: { slug: `range-${timeZone.toLowerCase().replace("/", "-")}`, name: "R", timeZone },
      });
      const next = random(timeZone.length);
      const start = Date.parse("2026-03-01T00:00:00Z"); // spans both DST changes of March 2026
      const entries = Array.from({ length: 600 }, (_, i) =>
        entry(team.id, new Date(start + Math.floor(next() * 35 * 24) * HOUR + 60_000), `${i + 1}`),
      );
      await sink.writeBatch(entries);
      for (let trial = 0; trial < 40; trial += 1) {
        const a = start - 2 * 24 * HOUR + Math.floor(next() * 40 * 24) * HOUR;
        const b = a + Math.floor(next() * 20 * 24 + 1) * HOUR;
        const range = { teamId: team.id, from: new Date(a), to: new Date(b), timeZone };
        const where = trial % 2 === 0 ? Prisma.sql`api_key_id = ${"key_a"}` : undefined;
        const [mixed] = await prisma.$queryRaw<{ cost: Prisma.Decimal | null; n: bigint }[]>`
          select sum(cost_usd) as cost, coalesce(sum(requests), 0)::bigint as n
            from ${rollupRows(range, "cost_usd, requests", where)} as r`;
        const expected = entries.filter(
          (e) =>
            e.createdAt.getTime() >= a &&
            e.createdAt.getTime() < b &&
            (trial % 2 === 1 || e.apiKeyId === "key_a"),
        );
        const cost = expected.reduce((sum, e) => sum + Number(e.costUsd), 0);
        expect([Number(mixed?.cost ?? 0), Number(mixed?.n)], `${timeZone} ${a}..${b}`).toEqual([
          cost,
          expected.length,
        ]);
      }
    }
  });

  it("rebuilds a team's days from its hours, in a new time zone too", async () => {
    const team = await prisma.team.create({
      data: { slug: "rebuild", name: "Rebuild", timeZone: "Europe/Berlin" },
    });
    const base = Date.parse("2026-03-10T00:00:00Z");
    await sink.writeBatch(
      Array.from({ length: 50 }, (_, i) => entry(team.id, new Date(base + i * 5 * HOUR), "0.5")),
    );
    const written = await days(team.id);
    await rebuildDayRollups(prisma, team.id);
    expect(await days(team.id)).toEqual(written);

    await prisma.team.update({ where: { id: team.id }, data: { timeZone: "Asia/Tokyo" } });
    await rebuildDayRollups(prisma, team.id);
    const rebuilt = await days(team.id);
    // Tokyo midnight is 15:00 UTC the day before.
    expect(new Set(rebuilt.map((row) => row.bucket.toISOString().slice(11)))).toEqual(
      new Set(["15:00:00.000Z"]),
    );
    const total = (rows: typeof rebuilt) =>
      rows.reduce((sum, row) => sum + row.requests, 0) +
      rows.reduce((sum, row) => sum + Number(row.costUsd), 0);
    expect(total(rebuilt)).toBe(total(written));
    expect(
      rebuilt.every((row) => row.latencyHistogram.length === LATENCY_BUCKET_BOUNDS_MS.length + 1),
    ).toBe(true);
    expect(
      rebuilt.reduce((sum, row) => sum + row.latencyHistogram.reduce((s, n) => s + n, 0), 0),
    ).toBe(50);
  });
});
