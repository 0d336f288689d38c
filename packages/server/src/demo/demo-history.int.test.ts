/**
 * The demo team's generated history over PostgreSQL: routed by its seeded policy (rules,
 * classifier, cascade), written with rollups like live traffic, generated once, and removed with
 * its rollups, leaving live rows alone.
 */
import { createPrisma, generateEncryptionKey, type PrismaClient } from "@switchyard/db";
import { seed } from "@switchyard/db/seed";
import { createRequestLog, createTestDatabase, type TestDatabase } from "@switchyard/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_HISTORY_TAG, removeDemoHistory, seedDemoHistory } from "./demo-history";

const encryptionKey = generateEncryptionKey();
const now = new Date("2026-12-07T16:00:00Z");
let database: TestDatabase;
let prisma: PrismaClient;
let teamId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  prisma = createPrisma(database.url);
  await seed(prisma, {
    ownerEmail: "owner@example.com",
    ownerPassword: "owner-password",
    mockBaseUrl: "http://127.0.0.1:4010",
    encryptionKey,
  });
  teamId = (await prisma.team.findUniqueOrThrow({ where: { slug: "demo" } })).id;
}, 60_000);

afterAll(async () => {
  await prisma.$disconnect();
  await database.drop();
});

const totals = async () => {
  const [logs] = await prisma.$queryRaw<{ n: bigint; cost: string | null }[]>`
    select count(*) as n, sum(cost_usd)::text as cost from request_logs where team_id = ${teamId}`;
  const [hours] = await prisma.$queryRaw<{ n: bigint | null; cost: string | null }[]>`
    select sum(requests) as n, sum(cost_usd)::text as cost from usage_rollup_hour where team_id = ${teamId}`;
  const [days] = await prisma.$queryRaw<{ n: bigint | null }[]>`
    select sum(requests) as n from usage_rollup_day where team_id = ${teamId}`;
  return {
    logs: Number(logs?.n ?? 0),
    logCost: Number(logs?.cost ?? 0),
    hours: Number(hours?.n ?? 0),
    hourCost: Number(hours?.cost ?? 0),
    days: Number(days?.n ?? 0),
  };
};

describe("demo history", () => {
  it("routes 30 days of traffic through the demo policy and rolls it up like live traffic", async () => {
    const written = await seedDemoHistory(prisma, { encryptionKey, now });
    expect(written).toBeGreaterThan(2_000);
    const after = await totals();
    expect(after).toMatchObject({ logs: written, hours: written, days: written });
    expect(after.hourCost).toBeCloseTo(after.logCost, 6);

    const rows = await prisma.requestLog.findMany({
      where: { teamId },
      select: { routeReason: true, routedModel: true, createdAt: true, tags: true, cascaded: true },
    });
    const reasons = new Set(rows.map((row) => row.routeReason.split(/[:;+]/)[0]));
    // Every way the policy decides shows up: rules, the classifier, the cascade.
    expect([...reasons]).toEqual(expect.arrayContaining(["rule", "classifier"]));
    expect(
      rows.some(
        (row) => row.routeReason.includes("cascade:") && row.routeReason.endsWith(";accepted"),
      ),
    ).toBe(true);
    expect(rows.some((row) => row.routeReason.endsWith(";escalated"))).toBe(true);
    expect(new Set(rows.map((row) => row.routedModel))).toEqual(
      new Set(["demo-small", "demo-medium", "demo-large"]),
    );
    expect(rows.every((row) => row.tags.includes(DEMO_HISTORY_TAG))).toBe(true);
    const oldest = Math.min(...rows.map((row) => row.createdAt.getTime()));
    expect((now.getTime() - oldest) / 86_400_000).toBeGreaterThan(29);
    expect(rows.every((row) => row.createdAt < now)).toBe(true);
    // Routing pays: what was spent is well under the baseline (everything on demo-large).
    const [saving] = await prisma.$queryRaw<{ spent: string; baseline: string }[]>`
      select sum(cost_usd)::text as spent, sum(baseline_cost_usd)::text as baseline
        from request_logs where team_id = ${teamId}`;
    expect(Number(saving?.spent)).toBeLessThan(0.6 * Number(saving?.baseline));

    // Once only: a second start adds nothing.
    expect(await seedDemoHistory(prisma, { encryptionKey, now })).toBe(0);
  });

  it("removes the generated rows and their rollups, keeping live traffic", async () => {
    await createRequestLog(prisma, {
      teamId,
      requestedModel: "demo-small",
      routedModel: "demo-small",
      routeReason: "direct",
      costUsd: "0.5",
      overheadMs: 0.2,
    });
    const before = await totals();
    const removed = await removeDemoHistory(prisma, teamId);
    expect(removed).toBe(before.logs - 1);
    const after = await totals();
    expect(after).toMatchObject({ logs: 1, hours: 1, days: 1 });
    expect(after.hourCost).toBeCloseTo(0.5, 9);
    // Removed for good: the next start does not bring it back.
    expect(await seedDemoHistory(prisma, { encryptionKey, now })).toBe(0);
  });
});
