import { hashApiKey } from "@switchyard/core";
import { rebuildDayRollups } from "@switchyard/db";
import { createKey, createMembership, createTeam } from "@switchyard/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callEndpoint, createTokenUser, setUpAdminTestDatabase } from "@/server/admin/testing";

let db: Awaited<ReturnType<typeof setUpAdminTestDatabase>>;
let teamId: string;
const users = {} as Record<"admin" | "member" | "other", { id: string; token: string }>;

const call = (id: string, token: string, params: Record<string, string>, body?: unknown) => {
  const method = id.endsWith(".list")
    ? "GET"
    : id.endsWith(".revoke")
      ? "DELETE"
      : id.endsWith(".update")
        ? "PATCH"
        : "POST";
  return callEndpoint(id, { method, path: "/api/admin/x", token, params, body });
};

beforeAll(async () => {
  db = await setUpAdminTestDatabase();
  teamId = (await createTeam(db.prisma)).id;
  for (const [name, role] of [
    ["admin", "admin"],
    ["member", "member"],
    ["other", "member"],
  ] as const) {
    const { user, token } = await createTokenUser(db.prisma);
    await createMembership(db.prisma, { userId: user.id, teamId, role });
    users[name] = { id: user.id, token };
  }
}, 60_000);
afterAll(async () => {
  await db?.tearDown();
});

describe("API keys", () => {
  it("creates a key whose secret is returned once and stored only as a hash, and audits it", async () => {
    const result = await call(
      "keys.create",
      users.member.token,
      { teamId },
      {
        name: "ci",
        rpmLimit: 60,
      },
    );
    expect(result.status).toBe(201);
    const { key, secret } = result.json as { key: { id: string; prefix: string }; secret: string };
    expect(secret.startsWith(key.prefix)).toBe(true);
    const stored = await db.prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(stored.hash).toBe(hashApiKey(secret));
    expect(stored.rpmLimit).toBe(60);
    expect(stored.createdById).toBe(users.member.id);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { targetId: key.id } });
    expect(audit).toMatchObject({ action: "key.create", actorId: users.member.id, teamId });
    expect(JSON.stringify(audit.after)).not.toContain(secret);
  });

  it("creates a key with default tags and a learning opt-out, and returns them", async () => {
    const result = await call(
      "keys.create",
      users.member.token,
      { teamId },
      { name: "tagged", tags: [" app:billing ", "env:prod", "app:billing"], learningOptOut: true },
    );
    expect(result.status).toBe(201);
    const { key } = result.json as { key: { id: string; tags: string[]; learningOptOut: boolean } };
    expect(key).toMatchObject({ tags: ["app:billing", "env:prod"], learningOptOut: true });
    const stored = await db.prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(stored).toMatchObject({ tags: ["app:billing", "env:prod"], learningOptOut: true });
    const plain = await call("keys.create", users.member.token, { teamId }, { name: "plain" });
    expect(plain.json).toMatchObject({ key: { tags: [], learningOptOut: false } });
    const listed = await call("keys.list", users.member.token, { teamId });
    expect(
      (listed.json as { keys: { id: string; tags: string[] }[] }).keys.find((k) => k.id === key.id)
        ?.tags,
    ).toEqual(["app:billing", "env:prod"]);
  });

  it.each([
    [{ tags: ["a,b"] }, "body.tags.0"],
    [{ tags: [""] }, "body.tags.0"],
    [{ tags: Array.from({ length: 17 }, (_, i) => `t${i}`) }, "body.tags"],
    [{ tags: "app:billing" }, "body.tags"],
    [{ learningOptOut: "yes" }, "body.learningOptOut"],
  ])("refuses bad tags or opt-out %j with a 400 naming the field", async (extra, path) => {
    const result = await call(
      "keys.create",
      users.member.token,
      { teamId },
      { name: "x", ...extra },
    );
    expect(result.status).toBe(400);
    const { error } = result.json as { error: { issues: { path: string }[] } };
    expect(error.issues.map((issue) => issue.path)).toContain(path);
  });

  it("refuses scopes that are not models of the team", async () => {
    const result = await call(
      "keys.create",
      users.member.token,
      { teamId },
      {
        name: "scoped",
        scopes: ["no-such-model"],
      },
    );
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.json)).toContain("no-such-model");
  });

  it("accepts switchyard/auto and the team's policy aliases as scopes, and lists them", async () => {
    await db.prisma.routingPolicy.create({ data: { teamId, name: "Smart", alias: "team/smart" } });
    const listed = await call("keys.scopes", users.member.token, { teamId });
    expect((listed.json as { policies: unknown[] }).policies).toEqual([
      { alias: "switchyard/auto", name: null, published: false },
      { alias: "team/smart", name: "Smart", published: false },
    ]);
    const result = await call(
      "keys.create",
      users.member.token,
      { teamId },
      { name: "policies only", scopes: ["switchyard/auto", "team/smart"] },
    );
    expect(result.status).toBe(201);
    expect(result.json).toMatchObject({ key: { scopes: ["switchyard/auto", "team/smart"] } });
  });

  it("makes one key for creates repeating an idempotency key, and 409s the repeats", async () => {
    const body = { name: "once", idempotencyKey: "idem-key-0123456789" };
    const results = await Promise.all(
      [1, 2, 3].map(() => call("keys.create", users.member.token, { teamId }, body)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const made = await db.prisma.apiKey.findMany({ where: { teamId, name: "once" } });
    expect(made).toHaveLength(1);
    const refusal = results.find((r) => r.status === 409)?.json as {
      error: { code: string; message: string };
    };
    expect(refusal.error.code).toBe("already_created");
    expect(refusal.error.message).toContain(made[0]?.id);
    // The same idempotency key in another team is another create.
    const otherTeam = (await createTeam(db.prisma)).id;
    await createMembership(db.prisma, {
      userId: users.member.id,
      teamId: otherTeam,
      role: "member",
    });
    expect(
      (await call("keys.create", users.member.token, { teamId: otherTeam }, body)).status,
    ).toBe(201);
  });

  it("sums this month's cost per key from the hourly rollups", async () => {
    const { record } = await createKey(db.prisma, { teamId, name: "spender" });
    const now = new Date();
    const thisMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, 3));
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 20));
    const row = (bucket: Date, model: string, costUsd: string) => ({
      bucket,
      teamId,
      apiKeyId: record.id,
      model,
      routeReason: "rule",
      costUsd,
      latencyHistogram: [],
      ttftHistogram: [],
    });
    await db.prisma.usageRollupHour.createMany({
      data: [row(thisMonth, "a", "0.25"), row(thisMonth, "b", "0.005"), row(lastMonth, "a", "100")],
    });
    await rebuildDayRollups(db.prisma, null);
    const result = await call("keys.list", users.member.token, { teamId });
    const keys = (result.json as { keys: { id: string; monthSpendUsd: string }[] }).keys;
    expect(Number(keys.find((k) => k.id === record.id)?.monthSpendUsd)).toBeCloseTo(0.255, 9);
  });

  it("lets members revoke only their own keys; admins revoke any", async () => {
    const mine = await createKey(db.prisma, { teamId, createdById: users.member.id });
    const theirs = await createKey(db.prisma, { teamId, createdById: users.other.id });
    const refused = await call("keys.revoke", users.member.token, {
      teamId,
      keyId: theirs.record.id,
    });
    expect(refused.status).toBe(403);
    const own = await call("keys.revoke", users.member.token, { teamId, keyId: mine.record.id });
    expect(own.status).toBe(200);
    expect((own.json as { key: { status: string } }).key.status).toBe("revoked");
    const byAdmin = await call("keys.revoke", users.admin.token, {
      teamId,
      keyId: theirs.record.id,
    });
    expect(byAdmin.status).toBe(200);
    const stored = await db.prisma.apiKey.findUniqueOrThrow({ where: { id: theirs.record.id } });
    expect(stored.revokedAt).not.toBeNull();
    const audit = await db.prisma.auditLog.findFirstOrThrow({
      where: { targetId: theirs.record.id, action: "key.revoke" },
    });
    expect(audit.actorId).toBe(users.admin.id);
  });

  it("changes a key's default tags and opt-out in place: own keys for members, any for admins", async () => {
    const mine = await createKey(db.prisma, { teamId, createdById: users.member.id });
    const theirs = await createKey(db.prisma, { teamId, createdById: users.other.id });
    const update = (token: string, keyId: string, body: unknown) =>
      call("keys.update", token, { teamId, keyId }, body);

    const tagged = await update(users.member.token, mine.record.id, {
      tags: ["app:search", " app:search ", "env:prod"],
    });
    expect(tagged.status).toBe(200);
    expect(tagged.json).toMatchObject({
      key: { id: mine.record.id, tags: ["app:search", "env:prod"], learningOptOut: false },
    });
    // Only what the body names changes.
    const optedOut = await update(users.member.token, mine.record.id, { learningOptOut: true });
    expect(optedOut.json).toMatchObject({
      key: { tags: ["app:search", "env:prod"], learningOptOut: true },
    });
    const stored = await db.prisma.apiKey.findUniqueOrThrow({ where: { id: mine.record.id } });
    expect(stored).toMatchObject({
      tags: ["app:search", "env:prod"],
      learningOptOut: true,
      hash: mine.record.hash,
    });
    const audits = await db.prisma.auditLog.findMany({
      where: { targetId: mine.record.id, action: "key.update" },
      orderBy: { createdAt: "asc" },
    });
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({
      actorId: users.member.id,
      before: { tags: [], learningOptOut: false },
      after: { tags: ["app:search", "env:prod"], learningOptOut: false },
    });

    expect((await update(users.member.token, theirs.record.id, { tags: [] })).status).toBe(403);
    expect((await update(users.admin.token, theirs.record.id, { tags: ["x"] })).status).toBe(200);
    expect((await update(users.member.token, mine.record.id, {})).status).toBe(400);
    const bad = await update(users.member.token, mine.record.id, { tags: ["a,b"] });
    expect(bad.status).toBe(400);
    await call("keys.revoke", users.member.token, { teamId, keyId: mine.record.id });
    expect((await update(users.member.token, mine.record.id, { tags: ["y"] })).status).toBe(409);
  });

  it("renames a key in place: the secret still works, the audit says before and after", async () => {
    const key = await createKey(db.prisma, { teamId, createdById: users.member.id, name: "old" });
    const renamed = await call(
      "keys.update",
      users.member.token,
      { teamId, keyId: key.record.id },
      { name: "  billing prod  " },
    );
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({ key: { name: "billing prod" } });
    const stored = await db.prisma.apiKey.findUniqueOrThrow({ where: { id: key.record.id } });
    expect(stored).toMatchObject({ name: "billing prod", hash: key.record.hash });
    const audit = await db.prisma.auditLog.findFirst({
      where: { targetId: key.record.id, action: "key.update" },
    });
    expect(audit).toMatchObject({ before: { name: "old" }, after: { name: "billing prod" } });
    const empty = await call(
      "keys.update",
      users.member.token,
      { teamId, keyId: key.record.id },
      { name: "   " },
    );
    expect(empty.status).toBe(400);
  });

  it("creates a key with its own budget in one step, or neither when the budget is wrong", async () => {
    const created = await call(
      "keys.create",
      users.member.token,
      { teamId },
      { name: "capped", budget: { limitUsd: "25" } },
    );
    expect(created.status).toBe(201);
    const keyId = (created.json as { key: { id: string } }).key.id;
    const budgets = await db.prisma.budget.findMany({ where: { apiKeyId: keyId } });
    expect(budgets).toHaveLength(1);
    expect(budgets[0]).toMatchObject({
      scope: "key",
      teamId,
      period: "month",
      action: "block",
      alertThresholds: [50, 80, 100],
    });
    expect(budgets[0]?.limitUsd.toString()).toBe("25");
    const refused = await call(
      "keys.create",
      users.member.token,
      { teamId },
      { name: "uncapped", budget: { limitUsd: "0" } },
    );
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ error: { issues: [{ path: "body.budget.limitUsd" }] } });
    expect(await db.prisma.apiKey.count({ where: { teamId, name: "uncapped" } })).toBe(0);
  });
});
