/**
 * Who may create teams, and which teams may spend the instance-shared provider connections: both
 * are the instance owner's decision (instance settings), and every model list, key scope and
 * policy check of the management API follows it.
 */
import { createConnection, createModel } from "@switchyard/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import {
  adminTestDatabase,
  type CallInput,
  callEndpoint,
  createTeamWithTokenUsers,
  createTokenUser,
} from "@/server/admin/testing";

const db = adminTestDatabase();
let owner: string;
let viewer: string;
let sharedModel: string;

beforeAll(async () => {
  owner = (await createTokenUser(db.prisma, { isOwner: true })).token;
  [viewer] = (await createTeamWithTokenUsers(db.prisma, ["viewer"])).tokens;
  const shared = await createConnection(db.prisma, { teamId: null });
  sharedModel = (await createModel(db.prisma, { connectionId: shared.id, name: "shared-gpt" }))
    .name;
}, 60_000);

const call = (id: string, input: Omit<CallInput, "path"> & { path?: string }) =>
  callEndpoint(id, { path: "/x", ...input });
const messageOf = (result: { json: unknown }) =>
  (result.json as { error?: { message?: string } }).error?.message ?? "";

async function createTeamAs(token: string, name: string) {
  return call("teams.create", { method: "POST", token, body: { name } });
}

describe("who may create teams", () => {
  it("is only the instance owner by default", async () => {
    const refused = await createTeamAs(viewer, "Escape");
    expect(refused.status).toBe(403);
    expect(messageOf(refused)).toMatch(/instance owner/);
    const list = await call("teams.list", { token: viewer });
    expect(list.json).toMatchObject({ canCreateTeams: false });
    expect((await createTeamAs(owner, "Owner's team")).status).toBe(201);
  });

  it("is a setting only the instance owner changes", async () => {
    const byViewer = await call("instance.update", {
      method: "PATCH",
      token: viewer,
      body: { teamCreation: "any_user" },
    });
    expect(byViewer.status).toBe(403);
    const opened = await call("instance.update", {
      method: "PATCH",
      token: owner,
      body: { teamCreation: "any_user" },
    });
    expect(opened.status).toBe(200);
    expect(opened.json).toMatchObject({ settings: { teamCreation: "any_user" } });
    expect((await call("instance.get", { token: owner })).json).toMatchObject({
      settings: { teamCreation: "any_user" },
    });
    expect((await call("teams.list", { token: viewer })).json).toMatchObject({
      canCreateTeams: true,
    });
    expect((await createTeamAs(viewer, "Allowed now")).status).toBe(201);
    await call("instance.update", {
      method: "PATCH",
      token: owner,
      body: { teamCreation: "instance_owner" },
    });
    expect((await createTeamAs(viewer, "Closed again")).status).toBe(403);
  });
});

describe("instance-shared connections", () => {
  it("are not usable by a team the instance owner has not allowed", async () => {
    await call("instance.update", {
      method: "PATCH",
      token: owner,
      body: { teamCreation: "any_user" },
    });
    const created = await createTeamAs(viewer, "Self-made");
    expect(created.status).toBe(201);
    const teamId = (created.json as { team: { id: string } }).team.id;
    const params = { teamId };

    const models = await call("models.list", { token: viewer, params });
    expect((models.json as { models: { name: string }[] }).models).toEqual([]);
    const scopes = await call("keys.scopes", { token: viewer, params });
    expect((scopes.json as { models: unknown[] }).models).toEqual([]);
    const key = await call("keys.create", {
      method: "POST",
      token: viewer,
      params,
      body: { name: "k", scopes: [sharedModel] },
    });
    expect(key.status).toBe(400);
    const policy = {
      body: { version: 1, defaultModel: sharedModel, baselineModel: sharedModel },
    };
    const validated = await call("policies.validate", {
      method: "POST",
      token: viewer,
      params,
      body: policy,
    });
    expect(validated.json).toMatchObject({ valid: false });
    const connections = await call("providers.list", { token: viewer, params });
    expect((connections.json as { connections: unknown[] }).connections).toEqual([]);

    const refused = await call("instance.teamSharedConnections", {
      method: "PUT",
      token: viewer,
      params,
      body: { allowed: true },
    });
    expect(refused.status).toBe(403);
    const allowed = await call("instance.teamSharedConnections", {
      method: "PUT",
      token: owner,
      params,
      body: { allowed: true },
    });
    expect(allowed.status).toBe(200);
    const after = await call("models.list", { token: viewer, params });
    expect((after.json as { models: { name: string }[] }).models.map((m) => m.name)).toEqual([
      sharedModel,
    ]);
    const ok = await call("policies.validate", {
      method: "POST",
      token: viewer,
      params,
      body: policy,
    });
    expect(ok.json).toMatchObject({ valid: true });
    const settings = await call("instance.get", { token: owner });
    expect(
      (settings.json as { teams: { id: string; sharedConnectionsAllowed: boolean }[] }).teams,
    ).toContainEqual(expect.objectContaining({ id: teamId, sharedConnectionsAllowed: true }));
  });

  it("are allowed for a team the instance owner creates", async () => {
    const created = await createTeamAs(owner, "Owner made");
    const teamId = (created.json as { team: { id: string } }).team.id;
    const models = await call("models.list", { token: owner, params: { teamId } });
    expect((models.json as { models: { name: string }[] }).models.map((m) => m.name)).toEqual([
      sharedModel,
    ]);
  });
});
