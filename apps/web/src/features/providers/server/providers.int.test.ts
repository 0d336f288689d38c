import {
  bucketIndex,
  decryptSecret,
  emptyHistogram,
  LATENCY_BUCKET_BOUNDS_MS,
} from "@switchyard/db";
import { createConnection, createModel, TEST_ENCRYPTION_KEY } from "@switchyard/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import {
  adminTestDatabase,
  callEndpoint,
  createTeamWithTokenUsers,
  createTokenUser,
} from "@/server/admin/testing";

process.env.SWITCHYARD_ENCRYPTION_KEY = TEST_ENCRYPTION_KEY;

const db = adminTestDatabase();
let teamId: string;
let admin: string;
let owner: string;

beforeAll(async () => {
  const team = await createTeamWithTokenUsers(db.prisma, ["admin"], { name: "Providers" });
  teamId = team.teamId;
  [admin] = team.tokens;
  owner = (await createTokenUser(db.prisma, { isOwner: true })).token;
}, 60_000);

const SECRET = "sk-live-very-secret-value";

describe("provider connections API", () => {
  it("stores credentials encrypted and never returns them", async () => {
    const created = await callEndpoint("providers.create", {
      token: admin,
      params: { teamId },
      body: { kind: "openai", name: "OpenAI prod", credential: SECRET },
    });
    expect(created.status).toBe(201);
    const connection = (created.json as { connection: Record<string, unknown> }).connection;
    expect(connection).toMatchObject({
      baseUrl: "https://api.openai.com/v1",
      credentialSet: true,
      shared: false,
    });
    expect(JSON.stringify(created.json)).not.toContain(SECRET);

    const row = await db.prisma.providerConnection.findUniqueOrThrow({
      where: { id: connection.id as string },
    });
    expect(row.encryptedCredentials).not.toBeNull();
    expect(row.encryptedCredentials).not.toContain(SECRET);
    expect(decryptSecret(row.encryptedCredentials ?? "", TEST_ENCRYPTION_KEY)).toBe(SECRET);

    const list = await callEndpoint("providers.list", {
      token: admin,
      params: { teamId },
    });
    expect(JSON.stringify(list.json)).not.toContain(SECRET);
    const audits = await db.prisma.auditLog.findMany({ where: { targetId: row.id } });
    expect(audits.length).toBeGreaterThan(0);
    expect(JSON.stringify(audits)).not.toContain(row.encryptedCredentials);

    const cleared = await callEndpoint("providers.update", {
      token: admin,
      params: { teamId, connectionId: row.id },
      body: { credential: null },
    });
    expect(cleared.json).toMatchObject({ connection: { credentialSet: false } });
  });

  it("rejects unknown kinds and keeps team admins away from shared connections", async () => {
    const bad = await callEndpoint("providers.create", {
      token: admin,
      params: { teamId },
      body: { kind: "nope", name: "x" },
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { issues: [{ path: "body.kind" }] } });

    const asAdmin = await callEndpoint("sharedProviders.create", {
      token: admin,
      body: { kind: "anthropic", name: "Shared Anthropic" },
    });
    expect(asAdmin.status).toBe(403);
    const asOwner = await callEndpoint("sharedProviders.create", {
      token: owner,
      body: { kind: "anthropic", name: "Shared Anthropic", credential: SECRET },
    });
    expect(asOwner.status).toBe(201);
    const shared = (asOwner.json as { connection: { id: string; shared: boolean } }).connection;
    expect(shared.shared).toBe(true);
    // A team admin cannot change it through the team path either.
    const viaTeam = await callEndpoint("providers.update", {
      token: admin,
      params: { teamId, connectionId: shared.id },
      body: { enabled: false },
    });
    expect(viaTeam.status).toBe(404);
    const disabled = await callEndpoint("sharedProviders.update", {
      token: owner,
      params: { connectionId: shared.id },
      body: { enabled: false },
    });
    expect(disabled.json).toMatchObject({ connection: { enabled: false, credentialSet: true } });
  });

  it("adds the catalog's models and edits prices (marked overridden)", async () => {
    const connection = await createConnection(db.prisma, { teamId, kind: "groq" });
    const imported = await callEndpoint("providers.importCatalog", {
      token: admin,
      params: { teamId, connectionId: connection.id },
    });
    expect(imported.status).toBe(200);
    const created = (imported.json as { created: string[] }).created;
    expect(created.length).toBeGreaterThan(0);
    const again = await callEndpoint("providers.importCatalog", {
      token: admin,
      params: { teamId, connectionId: connection.id },
    });
    expect(again.json).toMatchObject({ created: [] });

    const list = await callEndpoint("models.list", {
      token: admin,
      params: { teamId },
    });
    const models = (
      list.json as { models: { id: string; name: string; priceOverridden: boolean }[] }
    ).models;
    const model = models.find((m) => m.name === created[0]);
    expect(model?.priceOverridden).toBe(false);
    const edited = await callEndpoint("models.update", {
      method: "PATCH",
      path: `/api/admin/teams/${teamId}/models/${model?.id}`,
      token: admin,
      params: { teamId, modelId: model?.id ?? "" },
      body: { inputPricePerMillion: "0.42", aliases: ["fast"] },
    });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({
      model: { inputPricePerMillion: "0.42", priceOverridden: true, aliases: ["fast"] },
    });
    const badPrice = await callEndpoint("models.update", {
      method: "PATCH",
      path: `/api/admin/teams/${teamId}/models/${model?.id}`,
      token: admin,
      params: { teamId, modelId: model?.id ?? "" },
      body: { inputPricePerMillion: "-1" },
    });
    expect(badPrice.status).toBe(400);

    // OpenAI's catalog models carry their cached-input prices.
    const openai = await createConnection(db.prisma, { teamId, kind: "openai", name: "oa-cat" });
    await callEndpoint("providers.importCatalog", {
      token: admin,
      params: { teamId, connectionId: openai.id },
    });
    const row = await db.prisma.model.findFirstOrThrow({
      where: { connectionId: openai.id, name: "gpt-4o-mini" },
    });
    expect(row.cachedInputPricePerMillion?.toString()).toBe("0.075");
    expect(row.reasoningPricePerMillion).toBeNull();
  });

  it("reports per-model health from the last 24 hours of rollups", async () => {
    const connection = await createConnection(db.prisma, { teamId });
    const model = await createModel(db.prisma, { connectionId: connection.id });
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
    const histogram = emptyHistogram(LATENCY_BUCKET_BOUNDS_MS);
    histogram[bucketIndex(70, LATENCY_BUCKET_BOUNDS_MS)] = 90;
    histogram[bucketIndex(1_700, LATENCY_BUCKET_BOUNDS_MS)] = 10;
    const base = { teamId, model: model.name, routeReason: "default", latencyHistogram: histogram };
    await db.prisma.usageRollupHour.create({
      data: { ...base, bucket: hour, requests: 100, errors: 4, ttftHistogram: [] },
    });
    await db.prisma.usageRollupHour.create({
      data: {
        ...base,
        bucket: new Date(hour.getTime() - 48 * 3_600_000),
        requests: 500,
        errors: 500,
        ttftHistogram: [],
      },
    });
    const result = await callEndpoint("models.health", {
      token: admin,
      params: { teamId },
    });
    const line = (result.json as { models: Record<string, number | string>[] }).models.find(
      (m) => m.model === model.name,
    );
    expect(line).toMatchObject({ requests: 100, errors: 4, errorRate: 0.04 });
    expect(line?.p50LatencyMs).toBeGreaterThanOrEqual(50);
    expect(line?.p50LatencyMs).toBeLessThanOrEqual(100);
    expect(line?.p95LatencyMs).toBeGreaterThanOrEqual(1500);
  });
});
