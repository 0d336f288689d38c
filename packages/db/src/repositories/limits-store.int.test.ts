import { describe, expect, it } from "vitest";
import type { PrismaClient } from "../client";
import { encryptSecret, generateEncryptionKey } from "../crypto";
import { createKey, createRequestLog, createTeam, TEST_ENCRYPTION_KEY } from "../testing/factories";
import { setUpTestPrisma } from "../testing/suite-database";
import { PrismaLimitsStore } from "./limits-store";

const HOUR = 3_600_000;

describe("PrismaLimitsStore", () => {
  let prisma: PrismaClient;
  let store: PrismaLimitsStore;
  let teamId: string;
  let keyId: string;
  let teamBudgetId: string;
  let keyBudgetId: string;
  setUpTestPrisma(async (client) => {
    prisma = client;
    store = new PrismaLimitsStore(prisma, { encryptionKey: TEST_ENCRYPTION_KEY });
    const team = await createTeam(prisma, {
      slug: "acme",
      name: "Acme",
      failMode: "open",
      timeZone: "Europe/Paris",
    });
    teamId = team.id;
    await createTeam(prisma, { slug: "other", name: "Other" });
    const { record } = await createKey(prisma, { teamId, name: "ci" });
    keyId = record.id;
    await prisma.apiKey.update({ where: { id: keyId }, data: { rpmLimit: 60, tpmLimit: 1000 } });
    teamBudgetId = (
      await prisma.budget.create({
        data: {
          scope: "team",
          teamId,
          period: "month",
          limitUsd: "12.5",
          alertThresholds: [50, 100],
          webhookUrl: "https://hooks.example/alert",
          encryptedWebhookSecret: encryptSecret("s3cret", TEST_ENCRYPTION_KEY),
        },
      })
    ).id;
    keyBudgetId = (
      await prisma.budget.create({
        data: { scope: "key", teamId, apiKeyId: keyId, period: "lifetime", limitUsd: "1" },
      })
    ).id;
    await prisma.budget.create({
      data: { scope: "team", teamId, period: "day", limitUsd: "5", enabled: false },
    });
  });

  it("loads enabled budgets in the team's time zone, key rate limits and fail modes", async () => {
    const loaded = await store.loadLimits();
    expect(loaded.budgets).toHaveLength(2);
    const team = loaded.budgets.find((b) => b.id === teamBudgetId);
    expect(team).toMatchObject({
      scope: "team",
      teamId,
      teamName: "Acme",
      period: "month",
      timeZone: "Europe/Paris",
      limitUsd: "12.500000",
      alertThresholds: [50, 100],
      action: "block",
    });
    expect(team?.apiKeyId).toBeUndefined();
    expect(loaded.budgets.find((b) => b.id === keyBudgetId)).toMatchObject({
      apiKeyId: keyId,
      apiKeyName: "ci",
      teamName: "Acme",
    });
    expect(loaded.rateLimits).toEqual([
      { scope: "key", id: keyId, name: "ci", rpm: 60, tpm: 1000 },
    ]);
    expect(loaded.failModes[teamId]).toBe("open");
    expect(Object.values(loaded.failModes).sort()).toEqual(["closed", "open"]);
  });

  it("sums spend since the period start from whole-hour rollups and the request log", async () => {
    const now = Date.now();
    const currentHour = Math.floor(now / HOUR) * HOUR;
    const periodStart = currentHour - 3 * HOUR - 30 * 60_000; // half an hour into an hour
    const rollup = (bucket: number, apiKeyId: string, costUsd: string) =>
      prisma.usageRollupHour.create({
        data: {
          bucket: new Date(bucket),
          teamId,
          apiKeyId,
          model: "m",
          routeReason: "requested",
          costUsd,
          latencyHistogram: [],
          ttftHistogram: [],
        },
      });
    await rollup(currentHour - 2 * HOUR, keyId, "1.25"); // counted
    await rollup(currentHour - 4 * HOUR, keyId, "100"); // its hour starts before the period
    await rollup(currentHour, keyId, "100"); // the current hour comes from the log
    const log = (id: string, at: number, apiKeyId: string | null, costUsd: string) =>
      createRequestLog(prisma, {
        id,
        createdAt: new Date(at),
        teamId,
        apiKeyId,
        requestedModel: "m",
        costUsd,
        baselineCostUsd: costUsd,
      });
    await log("r1", periodStart + 60_000, keyId, "0.5"); // partial first hour: counted
    await log("r2", periodStart - 60_000, keyId, "9"); // before the period
    await log("r3", currentHour - 2 * HOUR + 60, keyId, "7"); // inside a rolled-up hour: not twice
    await log("r4", now - 1000, keyId, "0.000000000001"); // current hour
    await log("r5", now - 1000, null, "2"); // the team's, not the key's
    const spend = await store.spendSincePeriodStart([
      { budgetId: teamBudgetId, periodStart },
      { budgetId: keyBudgetId, periodStart },
      { budgetId: "missing", periodStart },
    ]);
    const picos = (usd: number) => Math.round(usd * 1e12);
    expect(spend).toEqual([
      { budgetId: teamBudgetId, periodStart, spentPicos: picos(1.25 + 0.5 + 2) + 1 },
      { budgetId: keyBudgetId, periodStart, spentPicos: picos(1.25 + 0.5) + 1 },
    ]);
  });

  it("records an alert once per budget, period and threshold", async () => {
    const alert = { budgetId: teamBudgetId, periodStart: 1_700_000_000_000, threshold: 50 };
    expect(await store.recordAlert({ ...alert, spentPicos: 6_250_000_000_000 })).toBe(true);
    const again = await Promise.all([
      store.recordAlert({ ...alert, spentPicos: 7e12 }),
      store.recordAlert({ ...alert, spentPicos: 8e12 }),
    ]);
    expect(again).toEqual([false, false]);
    expect(await store.recordAlert({ ...alert, threshold: 100, spentPicos: 13e12 })).toBe(true);
    expect(await store.recordAlert({ ...alert, budgetId: "gone", spentPicos: 1 })).toBe(false);
    const rows = await prisma.budgetAlert.findMany({ orderBy: { threshold: "asc" } });
    expect(rows.map((r) => [r.threshold, r.spentUsd.toFixed(2)])).toEqual([
      [50, "6.25"],
      [100, "13.00"],
    ]);
  });

  it("gives a budget's webhook only when it has a URL and a secret", async () => {
    expect(await store.webhookFor(teamBudgetId)).toEqual({
      url: "https://hooks.example/alert",
      secret: "s3cret",
    });
    expect(await store.webhookFor(keyBudgetId)).toBeNull();
  });

  it("decrypts the webhook secret it stores encrypted, and skips one it cannot decrypt", async () => {
    const warnings: string[] = [];
    const keyed = new PrismaLimitsStore(prisma, {
      encryptionKey: TEST_ENCRYPTION_KEY,
      onWarning: (message) => warnings.push(message),
    });
    const budget = await prisma.budget.create({
      data: {
        scope: "team",
        teamId,
        period: "week",
        limitUsd: "3",
        webhookUrl: "https://hooks.example/encrypted",
        encryptedWebhookSecret: encryptSecret("whsec_at_rest", TEST_ENCRYPTION_KEY),
      },
    });
    expect(await keyed.webhookFor(budget.id)).toEqual({
      url: "https://hooks.example/encrypted",
      secret: "whsec_at_rest",
    });
    const foreign = await prisma.budget.create({
      data: {
        scope: "team",
        teamId,
        period: "week",
        limitUsd: "3",
        webhookUrl: "https://hooks.example/other-key",
        encryptedWebhookSecret: encryptSecret("whsec_x", generateEncryptionKey()),
      },
    });
    expect(await keyed.webhookFor(foreign.id)).toBeNull();
    expect(warnings.join(" ")).toContain(foreign.id);
  });
});
