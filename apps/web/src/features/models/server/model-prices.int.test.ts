/**
 * Token-class prices, unpriced models and price versions through models.update: a price applies
 * at once, or from a later date (a scheduled version the gateway charges from that date on).
 */
import { createConnection, createModel, TEST_ENCRYPTION_KEY } from "@switchyard/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { adminTestDatabase, callEndpoint, createTeamWithTokenUsers } from "@/server/admin/testing";
import type { ModelView } from "../contract";

process.env.SWITCHYARD_ENCRYPTION_KEY = TEST_ENCRYPTION_KEY;

const db = adminTestDatabase();
let teamId: string;
let admin: string;
let connectionId: string;

beforeAll(async () => {
  const team = await createTeamWithTokenUsers(db.prisma, ["admin"], { name: "Prices" });
  teamId = team.teamId;
  [admin] = team.tokens;
  connectionId = (
    await createConnection(db.prisma, { teamId, kind: "anthropic", credential: "sk-ant" })
  ).id;
}, 60_000);

const update = async (modelId: string, body: Record<string, unknown>) => {
  const answer = await callEndpoint("models.update", {
    token: admin,
    params: { teamId, modelId },
    body,
  });
  return answer as { status: number; json: { model: ModelView } };
};

describe("model prices", () => {
  it("sets token-class prices at once, and marks a model unpriced (and priced again)", async () => {
    const model = await createModel(db.prisma, { connectionId, name: "sonnet-classes" });
    const priced = await update(model.id, {
      inputPricePerMillion: "3",
      outputPricePerMillion: "15",
      cachedInputPricePerMillion: "0.3",
      cacheWrite1hPricePerMillion: "6",
    });
    expect(priced.status).toBe(200);
    expect(priced.json.model).toMatchObject({
      inputPricePerMillion: "3",
      cachedInputPricePerMillion: "0.3",
      cacheWrite5mPricePerMillion: null,
      cacheWrite1hPricePerMillion: "6",
      unpriced: false,
      priceOverridden: true,
      scheduledPrices: [],
    });
    const unpriced = await update(model.id, { unpriced: true });
    expect(unpriced.json.model.unpriced).toBe(true);
    const row = await db.prisma.model.findUniqueOrThrow({ where: { id: model.id } });
    expect(row.unpriced).toBe(true);
    expect((await update(model.id, { unpriced: true, inputPricePerMillion: "1" })).status).toBe(
      400,
    );
    expect((await update(model.id, { unpriced: false })).json.model.unpriced).toBe(false);
  });

  it("schedules a price from a later date; the current price holds until then", async () => {
    const model = await createModel(db.prisma, {
      connectionId,
      name: "sonnet-scheduled",
      inputPricePerMillion: "3",
      outputPricePerMillion: "15",
    });
    const from = new Date(Date.now() + 86_400_000).toISOString();
    const scheduled = await update(model.id, { inputPricePerMillion: "2", effectiveFrom: from });
    expect(scheduled.status).toBe(200);
    expect(scheduled.json.model).toMatchObject({
      inputPricePerMillion: "3",
      outputPricePerMillion: "15",
      scheduledPrices: [
        { effectiveFrom: from, inputPricePerMillion: "2", outputPricePerMillion: "15" },
      ],
    });
    const versions = await db.prisma.modelPrice.findMany({ where: { modelId: model.id } });
    expect(versions.map((version) => version.effectiveFrom.toISOString())).toEqual([from]);
    // A price edit without a date applies now and leaves the scheduled one in place.
    const now = await update(model.id, { outputPricePerMillion: "14" });
    expect(now.json.model.outputPricePerMillion).toBe("14");
    expect(now.json.model.scheduledPrices).toHaveLength(1);
    expect((await update(model.id, { effectiveFrom: from })).status).toBe(400);
  });

  it("adds a model without a price, or with its class prices", async () => {
    const create = (body: Record<string, unknown>) =>
      callEndpoint("models.create", {
        token: admin,
        params: { teamId },
        body: {
          connectionId,
          inputPricePerMillion: "0",
          outputPricePerMillion: "0",
          contextWindow: 200_000,
          ...body,
        },
      }) as Promise<{ status: number; json: { model: ModelView } }>;
    const unknown = await create({ name: "mystery-model", unpriced: true });
    expect(unknown.status).toBe(201);
    expect(unknown.json.model.unpriced).toBe(true);
    const classes = await create({
      name: "haiku-classes",
      inputPricePerMillion: "1",
      outputPricePerMillion: "5",
      cacheWrite5mPricePerMillion: "1.25",
    });
    expect(classes.json.model).toMatchObject({
      unpriced: false,
      cacheWrite5mPricePerMillion: "1.25",
      cachedInputPricePerMillion: null,
    });
  });

  it("shows a version in effect once its date has passed", async () => {
    const model = await createModel(db.prisma, { connectionId, name: "sonnet-passed" });
    await db.prisma.modelPrice.create({
      data: {
        modelId: model.id,
        effectiveFrom: new Date(Date.now() - 60_000),
        inputPricePerMillion: "9",
        outputPricePerMillion: "18",
      },
    });
    const list = await callEndpoint("models.list", { token: admin, params: { teamId } });
    const shown = (list.json as { models: ModelView[] }).models.find((m) => m.id === model.id);
    expect(shown).toMatchObject({ inputPricePerMillion: "9", outputPricePerMillion: "18" });
  });
});
