/**
 * Model names belong to a team (or to the instance-shared connections), not to the instance: one
 * team's models and catalog imports never block, shadow or reveal another team's.
 */
import { createConnection, createModel } from "@switchyard/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import {
  adminTestDatabase,
  callEndpoint,
  createTeamWithTokenUsers,
  createTokenUser,
} from "@/server/admin/testing";

const db = adminTestDatabase();
let owner: string;

async function teamWithAdmin(name: string) {
  const team = await createTeamWithTokenUsers(db.prisma, ["admin"], {
    name,
    sharedConnectionsAllowed: true,
  });
  return { teamId: team.teamId, token: team.tokens[0] };
}

beforeAll(async () => {
  owner = (await createTokenUser(db.prisma, { isOwner: true })).token;
}, 60_000);

const modelNames = async (teamId: string, token: string) => {
  const list = await callEndpoint("models.list", {
    token,
    params: { teamId },
  });
  return (list.json as { models: { name: string; shared: boolean }[] }).models;
};

describe("model names per team", () => {
  it("imports the same catalog into two teams, and over a shared model's name", async () => {
    const shared = await createConnection(db.prisma, { teamId: null, kind: "groq" });
    const alpha = await teamWithAdmin("Alpha");
    const beta = await teamWithAdmin("Beta");
    const importFor = async (team: { teamId: string; token: string }) => {
      const connection = await createConnection(db.prisma, { teamId: team.teamId, kind: "groq" });
      const result = await callEndpoint("providers.importCatalog", {
        token: team.token,
        params: { teamId: team.teamId, connectionId: connection.id },
      });
      expect(result.status).toBe(200);
      return result.json as { created: string[]; skipped: string[] };
    };
    const first = await importFor(alpha);
    expect(first.created.length).toBeGreaterThan(0);
    const sharedName = first.created[0] as string;
    await createModel(db.prisma, { connectionId: shared.id, name: sharedName });

    const second = await importFor(beta);
    expect(second).toEqual({ created: first.created, skipped: [] });
    // Beta's own model hides the shared one of the same name in beta's list.
    const betaModels = await modelNames(beta.teamId, beta.token);
    expect(betaModels.filter((m) => m.name === sharedName)).toEqual([
      expect.objectContaining({ shared: false }),
    ]);
  });

  it("checks aliases within the team only, and never names another team's model", async () => {
    const alpha = await teamWithAdmin("Alpha aliases");
    const beta = await teamWithAdmin("Beta aliases");
    const alphaConnection = await createConnection(db.prisma, { teamId: alpha.teamId });
    const betaConnection = await createConnection(db.prisma, { teamId: beta.teamId });
    await createModel(db.prisma, { connectionId: alphaConnection.id, name: "alpha-secret-model" });
    const betaModel = await createModel(db.prisma, { connectionId: betaConnection.id });
    const betaOther = await createModel(db.prisma, {
      connectionId: betaConnection.id,
      name: "beta-other",
    });
    const setAliases = (aliases: string[]) =>
      callEndpoint("models.update", {
        token: beta.token,
        params: { teamId: beta.teamId, modelId: betaModel.id },
        body: { aliases },
      });
    const overAlpha = await setAliases(["alpha-secret-model"]);
    expect(overAlpha.status).toBe(200);
    const clash = await setAliases([betaOther.name]);
    expect(clash.status).toBe(409);
    expect(JSON.stringify(clash.json)).toContain("beta-other");
    expect(JSON.stringify(clash.json)).not.toContain("alpha-secret-model");
    expect((await modelNames(beta.teamId, beta.token)).map((m) => m.name)).not.toContain(
      "alpha-secret-model",
    );
  });

  it("checks shared models' aliases among the shared models only", async () => {
    const team = await teamWithAdmin("Private names");
    const connection = await createConnection(db.prisma, { teamId: team.teamId });
    await createModel(db.prisma, { connectionId: connection.id, name: "team-private-name" });
    const shared = await createConnection(db.prisma, { teamId: null });
    const sharedModel = await createModel(db.prisma, { connectionId: shared.id });
    const sharedOther = await createModel(db.prisma, { connectionId: shared.id });
    const update = (aliases: string[]) =>
      callEndpoint("sharedModels.update", {
        token: owner,
        params: { modelId: sharedModel.id },
        body: { aliases },
      });
    expect((await update(["team-private-name"])).status).toBe(200);
    const clash = await update([sharedOther.name]);
    expect(clash.status).toBe(409);
    expect(JSON.stringify(clash.json)).not.toContain("team-private-name");
  });
});
