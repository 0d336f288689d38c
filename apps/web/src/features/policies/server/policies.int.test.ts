import { createConnection, createModel } from "@switchyard/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { adminTestDatabase, callEndpoint, createTeamWithTokenUsers } from "@/server/admin/testing";

const db = adminTestDatabase();
let teamId: string;
let admin: string;
let viewer: string;
let small: string;
let large: string;

beforeAll(async () => {
  const team = await createTeamWithTokenUsers(db.prisma, ["admin", "viewer"], { name: "Routing" });
  teamId = team.teamId;
  [admin, viewer] = team.tokens;
  const connection = await createConnection(db.prisma, { teamId });
  small = (
    await createModel(db.prisma, { connectionId: connection.id, inputPricePerMillion: "0.1" })
  ).name;
  large = (await createModel(db.prisma, { connectionId: connection.id, inputPricePerMillion: "5" }))
    .name;
}, 60_000);

const body = (model: string) => ({
  version: 1,
  defaultModel: small,
  baselineModel: large,
  rules: [{ name: "code", when: { keywords: ["function"] }, target: { model } }],
});

async function createPolicy(alias: string) {
  const created = await callEndpoint("policies.create", {
    token: admin,
    params: { teamId },
    body: { name: `Policy ${alias}`, alias },
  });
  expect(created.status).toBe(201);
  return (created.json as { policy: { id: string } }).policy.id;
}

async function saveVersion(policyId: string, document: unknown, token = admin) {
  return callEndpoint("policies.versions.create", {
    token,
    params: { teamId, policyId },
    body: { body: document, note: "test" },
  });
}

async function publishVersion(policyId: string, versionId: string) {
  return callEndpoint("policies.versions.publish", {
    token: admin,
    params: { teamId, policyId, versionId },
  });
}

describe("routing policies API", () => {
  it("creates a policy and refuses a second one with the same alias", async () => {
    await createPolicy("switchyard/auto");
    const again = await callEndpoint("policies.create", {
      token: admin,
      params: { teamId },
      body: { name: "Other", alias: "switchyard/auto" },
    });
    expect(again.status).toBe(409);
    const list = await callEndpoint("policies.list", {
      token: viewer,
      params: { teamId },
    });
    expect(list.status).toBe(200);
    expect(list.json).toMatchObject({
      policies: [{ alias: "switchyard/auto", publishedVersion: null, latestVersion: null }],
    });
  });

  it("rejects invalid documents with the bad field's path, and viewers cannot save", async () => {
    const policyId = await createPolicy("alias/invalid");
    const unknownModel = await saveVersion(policyId, body("gpt-9"));
    expect(unknownModel.status).toBe(400);
    expect(unknownModel.json).toMatchObject({
      error: { issues: [{ path: "body.rules[0].target.model", message: 'unknown model "gpt-9"' }] },
    });
    const badRegex = await saveVersion(policyId, {
      ...body(large),
      rules: [{ name: "r", when: { regex: "([" }, target: { model: large } }],
    });
    expect(badRegex.status).toBe(400);
    const issues = (badRegex.json as { error: { issues: { path: string }[] } }).error.issues;
    expect(issues[0]?.path).toBe("body.rules[0].when.regex");
    const schema = await callEndpoint("policies.validate", {
      token: viewer,
      params: { teamId },
      body: { body: { version: 1, defaultModel: small, rules: [{ name: "" }] } },
    });
    expect(schema.status).toBe(200);
    const result = schema.json as { valid: boolean; issues: { path: string }[] };
    expect(result.valid).toBe(false);
    expect(result.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(["baselineModel", "rules[0].name"]),
    );
    expect((await saveVersion(policyId, body(large), viewer)).status).toBe(403);
  });

  it("saves numbered versions, publishes, rolls back, and audits each publish", async () => {
    const policyId = await createPolicy("alias/publish");
    const v1 = await saveVersion(policyId, body(small));
    expect(v1.status).toBe(201);
    const v2 = await saveVersion(policyId, body(large));
    const first = (v1.json as { version: { id: string; version: number } }).version;
    const second = (v2.json as { version: { id: string; version: number } }).version;
    expect([first.version, second.version]).toEqual([1, 2]);

    const published = await publishVersion(policyId, second.id);
    expect(published.status).toBe(200);
    expect(published.json).toMatchObject({ policy: { publishedVersion: 2 } });
    expect((await publishVersion(policyId, second.id)).status).toBe(409);

    const rolledBack = await publishVersion(policyId, first.id);
    expect(rolledBack.json).toMatchObject({ policy: { publishedVersionId: first.id } });
    const row = await db.prisma.routingPolicy.findUniqueOrThrow({ where: { id: policyId } });
    expect(row.publishedVersionId).toBe(first.id);

    const detail = await callEndpoint("policies.get", {
      token: viewer,
      params: { teamId, policyId },
    });
    const versions = (
      detail.json as { versions: { version: number; publishedAt: string | null }[] }
    ).versions;
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions.every((v) => v.publishedAt !== null)).toBe(true);

    const audits = await db.prisma.auditLog.findMany({
      where: { action: "policy.publish", targetId: policyId },
    });
    expect(audits).toHaveLength(2);
  });

  it("explains a draft and the published version on a prompt", async () => {
    const policyId = await createPolicy("alias/explain");
    const saved = await saveVersion(policyId, body(large));
    const versionId = (saved.json as { version: { id: string } }).version.id;
    await publishVersion(policyId, versionId);

    const matched = await callEndpoint("policies.explain", {
      token: viewer,
      params: { teamId },
      body: { policyId, prompt: "Write a function that sorts a list" },
    });
    expect(matched.status).toBe(200);
    expect(matched.json).toMatchObject({
      plan: [{ model: large }],
      header: "rule:code",
      rules: [{ name: "code", matched: true }],
    });
    const draft = await callEndpoint("policies.explain", {
      token: viewer,
      params: { teamId },
      body: { body: body(small), prompt: "Hello there" },
    });
    expect(draft.json).toMatchObject({ plan: [{ model: small }], header: "default" });
  });

  it("saves one version for saves repeating an idempotency key, and returns it to each", async () => {
    const policyId = await createPolicy("team/idempotent");
    const save = () =>
      callEndpoint("policies.versions.create", {
        token: admin,
        params: { teamId, policyId },
        body: { body: body(large), idempotencyKey: "save-key-0123456789" },
      });
    const results = await Promise.all([save(), save(), save()]);
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    const ids = results.map((r) => (r.json as { version: { id: string } }).version.id);
    expect(new Set(ids).size).toBe(1);
    expect(await db.prisma.policyVersion.count({ where: { policyId } })).toBe(1);
    const next = await saveVersion(policyId, body(large));
    expect((next.json as { version: { version: number } }).version.version).toBe(2);
  });

  it("serves the model card's threshold tables", async () => {
    const result = await callEndpoint("policies.thresholds", {
      token: viewer,
      params: { teamId },
    });
    const tables = (result.json as { tables: { strategy: string; rows: unknown[] }[] }).tables;
    expect(tables.length).toBeGreaterThan(0);
    expect(tables.some((table) => table.strategy === "classifier")).toBe(true);
    expect(tables[0]?.rows.length).toBeGreaterThan(3);
  });
});
