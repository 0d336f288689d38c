import { decryptSecret, rebuildDayRollups } from "@switchyard/db";
import { createKey, createTeam, TEST_ENCRYPTION_KEY } from "@switchyard/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { adminTestDatabase, callEndpoint, createTeamWithTokenUsers } from "@/server/admin/testing";

process.env.SWITCHYARD_ENCRYPTION_KEY = TEST_ENCRYPTION_KEY;

const db = adminTestDatabase();
let teamId: string;
let admin: string;
let member: string;

beforeAll(async () => {
  const team = await createTeamWithTokenUsers(db.prisma, ["admin", "member"], { name: "Budgets" });
  teamId = team.teamId;
  [admin, member] = team.tokens;
}, 60_000);

type Budget = { id: string; spentUsd: string; limitUsd: string; webhookSecretSet: boolean };

const create = (body: unknown, token = admin) =>
  callEndpoint("budgets.create", {
    token,
    params: { teamId },
    body,
  });

const list = async () =>
  (
    (
      await callEndpoint("budgets.list", {
        token: member,
        params: { teamId },
      })
    ).json as { budgets: Budget[] }
  ).budgets;

async function rollup(apiKeyId: string, bucket: Date, costUsd: string) {
  await db.prisma.usageRollupHour.create({
    data: {
      teamId,
      apiKeyId,
      bucket,
      model: "m",
      routeReason: "default",
      requests: 1,
      costUsd,
      latencyHistogram: [],
      ttftHistogram: [],
    },
  });
  await rebuildDayRollups(db.prisma, teamId);
}

describe("budgets API", () => {
  it("creates, updates and deletes budgets; the webhook secret is shown once", async () => {
    expect((await create({ period: "month", limitUsd: "10" }, member)).status).toBe(403);
    const invalid = await create({ period: "month", limitUsd: "-3" });
    expect(invalid.status).toBe(400);
    const issues = (invalid.json as { error: { issues: { path: string }[] } }).error.issues;
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((issue) => issue.path === "body.limitUsd")).toBe(true);

    const created = await create({
      period: "month",
      limitUsd: "25.5",
      alertThresholds: [100, 50, 80, 50],
      webhookUrl: "https://hooks.example.test/budget",
    });
    expect(created.status).toBe(201);
    const { budget, webhookSecret } = created.json as {
      budget: Budget & { alertThresholds: number[] };
      webhookSecret: string;
    };
    expect(webhookSecret).toMatch(/^whsec_/);
    expect(budget).toMatchObject({ limitUsd: "25.5", alertThresholds: [50, 80, 100] });
    const listed = await list();
    expect(listed.find((b) => b.id === budget.id)?.webhookSecretSet).toBe(true);
    expect(JSON.stringify(listed)).not.toContain(webhookSecret);

    const updated = await callEndpoint("budgets.update", {
      token: admin,
      params: { teamId, budgetId: budget.id },
      body: { limitUsd: "30", action: "downgrade" },
    });
    expect(updated.json).toMatchObject({
      budget: { limitUsd: "30", action: "downgrade" },
      webhookSecret: null,
    });

    const deleted = await callEndpoint("budgets.delete", {
      token: admin,
      params: { teamId, budgetId: budget.id },
    });
    expect(deleted.status).toBe(200);
    expect((await list()).some((b) => b.id === budget.id)).toBe(false);
    const audits = await db.prisma.auditLog.findMany({ where: { targetId: budget.id } });
    expect(audits.map((a) => a.action).sort()).toEqual([
      "budget.create",
      "budget.delete",
      "budget.update",
    ]);
  });

  it("sums spend in the current period for the team and for one key", async () => {
    const key = (await createKey(db.prisma, { teamId })).record;
    const other = (await createKey(db.prisma, { teamId })).record;
    const thisHour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
    await rollup(key.id, thisHour, "1.25");
    await rollup(other.id, thisHour, "0.5");
    // Before the current month: outside a monthly window, inside a lifetime one.
    await rollup(key.id, new Date(Date.UTC(2020, 0, 1)), "100");

    const team = (await create({ period: "month", limitUsd: "10" })).json as { budget: Budget };
    const perKey = (await create({ period: "month", limitUsd: "5", apiKeyId: key.id })).json as {
      budget: Budget;
    };
    const lifetime = (await create({ period: "lifetime", limitUsd: "500", apiKeyId: key.id }))
      .json as { budget: Budget };
    expect(Number(team.budget.spentUsd)).toBeCloseTo(1.75, 9);
    expect(Number(perKey.budget.spentUsd)).toBeCloseTo(1.25, 9);
    expect(Number(lifetime.budget.spentUsd)).toBeCloseTo(101.25, 9);

    const foreign = await createTeam(db.prisma, { name: "Elsewhere" });
    const foreignKey = (await createKey(db.prisma, { teamId: foreign.id })).record;
    const refused = await create({ period: "day", limitUsd: "1", apiKeyId: foreignKey.id });
    expect(refused.status).toBe(400);
  });

  it("lists a budget's alert history", async () => {
    const { budget } = (await create({ period: "day", limitUsd: "2" })).json as { budget: Budget };
    await db.prisma.budgetAlert.create({
      data: { budgetId: budget.id, periodStart: new Date(), threshold: 80, spentUsd: "1.6" },
    });
    const alerts = await callEndpoint("budgets.alerts", {
      token: member,
      params: { teamId, budgetId: budget.id },
    });
    expect(alerts.json).toMatchObject({ alerts: [{ threshold: 80, spentUsd: "1.6" }] });
  });

  it("keeps webhook secrets encrypted at rest, like provider credentials", async () => {
    const stored = async (id: string) =>
      (
        await db.prisma.$queryRaw<{ row: string }[]>`
          select row_to_json(b)::text as row from budgets b where id = ${id}`
      )[0]?.row ?? "";
    const cipherIn = (row: string) => /"(v1:[^"]+)"/.exec(row)?.[1] ?? "";

    const created = await create({
      period: "day",
      limitUsd: "3",
      webhookUrl: "https://hooks.example.test/encrypted",
    });
    const { budget, webhookSecret } = created.json as { budget: Budget; webhookSecret: string };
    const row = await stored(budget.id);
    expect(row).not.toContain(webhookSecret);
    expect(decryptSecret(cipherIn(row), TEST_ENCRYPTION_KEY)).toBe(webhookSecret);

    const rotated = await callEndpoint("budgets.update", {
      token: admin,
      params: { teamId, budgetId: budget.id },
      body: { rotateWebhookSecret: true },
    });
    const next = (rotated.json as { webhookSecret: string }).webhookSecret;
    expect(next).toMatch(/^whsec_/);
    const after = await stored(budget.id);
    expect(after).not.toContain(next);
    expect(decryptSecret(cipherIn(after), TEST_ENCRYPTION_KEY)).toBe(next);
  });
});
