/**
 * A policy's calibration budget (`learning.budgetUsd`) end to end through storage: the database's
 * limits store exposes it as a monthly budget on the synthetic key the gateway admits calibration
 * calls under, its spend is rebuilt from the request log's rows under that key, and the limits
 * engine then refuses calibration calls past it while the team's own keys are unaffected.
 */
import { createPrisma, createRepositories, type PrismaClient } from "@switchyard/db";
import {
  createPublishedPolicy,
  createTeam,
  createTestDatabase,
  TEST_ENCRYPTION_KEY,
  type TestDatabase,
} from "@switchyard/db/testing";
import { calibrationKeyId } from "@switchyard/gateway";
import { MemoryLimits, parseBudget, periodWindow } from "@switchyard/limits";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const PICOS_PER_USD = 1_000_000_000_000;

let database: TestDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  database = await createTestDatabase();
  prisma = createPrisma(database.url);
});
afterAll(async () => {
  await prisma.$disconnect();
  await database.drop();
});

const logRow = (id: string, teamId: string, apiKeyId: string, costUsd: string) =>
  prisma.requestLog.create({
    data: {
      id,
      createdAt: new Date(),
      clientRequestId: "sampled-request",
      teamId,
      apiKeyId,
      surface: "openai",
      requestedModel: "demo-large",
      routeReason: "calibration",
      routeTrace: {},
      inputTokens: 10,
      outputTokens: 10,
      costUsd,
      baselineCostUsd: costUsd,
      latencyMs: 1,
      overheadMs: 0,
      status: "ok",
      httpStatus: 200,
      attemptCount: 1,
      cascaded: false,
      streamed: false,
      usageEstimated: false,
      attempts: [],
    },
  });

describe("a policy's calibration budget", () => {
  it("is a monthly key budget on calibration:<policyId>, and the engine refuses calibration calls past it", async () => {
    const team = await createTeam(prisma, { name: "Acme", timeZone: "Europe/Paris" });
    const learning = { candidates: ["a", "b"], judge: "a", budgetUsd: 1 };
    const { policy } = await createPublishedPolicy(prisma, {
      teamId: team.id,
      name: "Learned",
      body: { version: 1, defaultModel: "a", baselineModel: "b", learning },
    });
    // A policy without a budget, and a draft-only one, have none.
    await createPublishedPolicy(prisma, {
      teamId: team.id,
      alias: "other",
      body: {
        version: 1,
        defaultModel: "a",
        baselineModel: "b",
        learning: { ...learning, budgetUsd: undefined },
      },
    });
    const keyId = calibrationKeyId(policy.id);
    await logRow("cal-1", team.id, keyId, "0.9");
    await logRow("served-1", team.id, "key_1", "50");

    const store = createRepositories(prisma, { encryptionKey: TEST_ENCRYPTION_KEY }).limits;
    const loaded = await store.loadLimits();
    const rows = loaded.budgets.filter((row) => row.teamId === team.id);
    expect(rows).toEqual([
      {
        id: keyId,
        name: 'calibration of policy "Learned"',
        scope: "key",
        teamId: team.id,
        teamName: "Acme",
        apiKeyId: keyId,
        apiKeyName: 'calibration of policy "Learned"',
        period: "month",
        timeZone: "Europe/Paris",
        limitUsd: "1",
        alertThresholds: [],
        action: "block",
      },
    ]);

    const engine = new MemoryLimits();
    const budgets = rows.map((row) => parseBudget(row));
    engine.setBudgets(budgets);
    const periodStart = periodWindow("month", "Europe/Paris", Date.now()).start;
    const spend = await store.spendSincePeriodStart([{ budgetId: keyId, periodStart }]);
    expect(spend).toEqual([{ budgetId: keyId, periodStart, spentPicos: 0.9 * PICOS_PER_USD }]);
    await engine.rebuildFromLog(spend);

    const call = (apiKeyId: string, usd: number) =>
      engine.admit({
        teamId: team.id,
        apiKeyId,
        estimatedTokens: 100,
        worstCaseCostPicos: usd * PICOS_PER_USD,
      });
    const refused = await call(keyId, 0.2);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.status).toBe(402);
      expect(refused.error.message).toContain("calibration");
    }
    const fits = await call(keyId, 0.05);
    expect(fits.ok).toBe(true);
    // The team's own traffic is not held by the calibration budget.
    expect((await call("key_1", 5)).ok).toBe(true);
    await engine.close();
  });
});
