/**
 * The migration that moved the latency histograms to finer bounds re-derives the rollups of a
 * database already holding traffic: counts and costs are kept, the histograms have the new
 * length, and a fast model's p50 is read from them as it is in the log.
 */
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createPrisma } from "../client";
import { migrate } from "../migrate";
import { defaultMigrationsDir } from "../migrations-dir";
import { createTestDatabase, type TestDatabase } from "../testing";
import { estimateQuantile, LATENCY_BUCKET_BOUNDS_MS } from "./histogram";

const MIGRATION = "finer_latency_histograms";
let database: TestDatabase | undefined;
let olderDir: string | undefined;

afterAll(async () => {
  await database?.drop();
  if (olderDir) await rm(olderDir, { recursive: true, force: true });
});

describe("finer latency histograms migration", () => {
  it("rebuilds existing rollups with the new bounds, keeping every count", async () => {
    database = await createTestDatabase({ migrate: false });
    const all = defaultMigrationsDir();
    const folders = (await readdir(all)).filter((name) => /^\d+_/.test(name)).sort();
    const at = folders.findIndex((name) => name.endsWith(MIGRATION));
    expect(at).toBeGreaterThan(0);
    // The database as it was before the migration: every earlier folder applied.
    olderDir = await mkdtemp(path.join(tmpdir(), "migrations-before-"));
    await cp(path.join(all, "migration_lock.toml"), path.join(olderDir, "migration_lock.toml"));
    for (const name of folders.slice(0, at))
      await cp(path.join(all, name), path.join(olderDir, name), { recursive: true });
    await migrate(database.url, { migrationsDir: olderDir });

    const prisma = createPrisma(database.url);
    try {
      // Raw SQL: the client knows today's columns, the database only those of its migrations.
      const team = { id: "team-before-finer-histograms" };
      await prisma.$executeRaw`insert into teams (id, slug, name, updated_at)
        values (${team.id}, 't', 'T', now())`;
      const hour = new Date("2026-12-01T10:00:00Z");
      for (let i = 0; i < 90; i++) {
        await prisma.$executeRaw`
          insert into request_logs (id, created_at, team_id, surface, requested_model, routed_model,
            route_reason, route_trace, input_tokens, output_tokens, cost_usd, baseline_cost_usd,
            latency_ms, overhead_ms, status, http_status, attempt_count, cascaded, streamed,
            usage_estimated, attempts)
          values (${`r${i}`}, ${hour}, ${team.id}, 'openai', 'm', 'fast', 'default', '{}', 1, 1,
            0.001, 0.002, ${2 + (i % 9)}, 0.1, 'ok', 200, 1, false, false, false, '[]')`;
      }
      // Rollups as the old bounds wrote them: 20 counts, every value in the first bucket.
      const old = [90, ...new Array(19).fill(0)];
      await prisma.$executeRaw`
        insert into usage_rollup_hour (bucket, team_id, api_key_id, model, route_reason, requests,
          errors, input_tokens, output_tokens, cost_usd, baseline_cost_usd, latency_sum_ms,
          latency_histogram, ttft_sum_ms, ttft_histogram, overhead_sum_ms, cascaded)
        values (${hour}, ${team.id}, '', 'fast', 'default', 90, 0, 90, 90, 0.09, 0.18, 540,
          ${old}, 0, ${new Array(17).fill(0)}, 9, 0)`;

      const { applied } = await migrate(database.url, { migrationsDir: all });
      expect(applied.some((name) => name.endsWith(MIGRATION))).toBe(true);
      const rows = await prisma.usageRollupHour.findMany({ where: { teamId: team.id } });
      expect(rows).toHaveLength(1);
      const [row] = rows;
      expect(row?.requests).toBe(90);
      expect(Number(row?.costUsd)).toBeCloseTo(0.09, 9);
      expect(row?.latencyHistogram).toHaveLength(LATENCY_BUCKET_BOUNDS_MS.length + 1);
      const p50 = estimateQuantile(row?.latencyHistogram ?? [], LATENCY_BUCKET_BOUNDS_MS, 0.5);
      expect(p50).toBeGreaterThanOrEqual(5);
      expect(p50).toBeLessThanOrEqual(7);
      const days = await prisma.usageRollupDay.findMany({ where: { teamId: team.id } });
      expect(days.map((day) => day.requests)).toEqual([90]);
    } finally {
      await prisma.$disconnect();
    }
  });
});
