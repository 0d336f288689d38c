import { describe, expect, it } from "vitest";
import { adminTestDatabase, callEndpoint, createTeamWithTokenUsers } from "@/server/admin/testing";

const db = adminTestDatabase();

interface Entry {
  action: string;
  targetType: string;
  targetId: string | null;
  targetName: string | null;
  actor: { id: string } | null;
}

async function listed(token: string, teamId: string, query: Record<string, string> = {}) {
  const search = new URLSearchParams(query).toString();
  const result = await callEndpoint("audit.list", {
    token,
    params: { teamId },
    path: `/api/admin/teams/${teamId}/audit${search ? `?${search}` : ""}`,
  });
  expect(result.status).toBe(200);
  return (result.json as { entries: Entry[] }).entries;
}

/** A team whose owner made a key and changed a member's role, and whose admin made a policy. */
async function teamWithHistory() {
  const { teamId, members } = await createTeamWithTokenUsers(db.prisma, [
    "owner",
    "admin",
    "member",
  ]);
  const [owner, admin, member] = members;
  const key = await callEndpoint("keys.create", {
    token: owner.token,
    params: { teamId },
    body: { name: "billing bot", scopes: [] },
  });
  expect(key.status).toBe(201);
  const role = await callEndpoint("members.update", {
    token: owner.token,
    params: { teamId, userId: member.user.id },
    body: { role: "viewer" },
  });
  expect(role.status).toBe(200);
  const policy = await callEndpoint("policies.create", {
    token: admin.token,
    params: { teamId },
    body: { name: "Auto", alias: "switchyard/auto" },
  });
  expect(policy.status).toBe(201);
  return { teamId, owner, admin, member };
}

describe("audit log", () => {
  it("names each entry's target: key and policy names, member emails", async () => {
    const { teamId, owner, member } = await teamWithHistory();
    // A target that is gone is named from what its entry recorded.
    await db.prisma.auditLog.create({
      data: {
        teamId,
        actorId: owner.user.id,
        action: "key.create",
        targetType: "api_key",
        targetId: "key_that_is_gone",
        after: { name: "old importer" },
      },
    });
    const entries = await listed(owner.token, teamId);
    const nameOf = (action: string, targetId?: string) =>
      entries.find((e) => e.action === action && (!targetId || e.targetId === targetId))
        ?.targetName;
    expect(nameOf("key.create", "key_that_is_gone")).toBe("old importer");
    expect(entries.filter((e) => e.action === "key.create").map((e) => e.targetName)).toContain(
      "billing bot",
    );
    expect(nameOf("member.update")).toBe(member.user.email);
    expect(nameOf("policy.create")).toBe("Auto (switchyard/auto)");
  });

  it("filters by action, actor and target type, and lists what it can filter by", async () => {
    const { teamId, owner, admin } = await teamWithHistory();
    const byAction = await listed(owner.token, teamId, { action: "key.create" });
    expect(byAction.map((e) => e.action)).toEqual(["key.create"]);
    const byActor = await listed(owner.token, teamId, { actorId: admin.user.id });
    expect(byActor.map((e) => e.action)).toEqual(["policy.create"]);
    const byType = await listed(owner.token, teamId, { targetType: "membership" });
    expect(byType.map((e) => [e.action, e.actor?.id])).toEqual([["member.update", owner.user.id]]);
    const both = await listed(owner.token, teamId, {
      actorId: owner.user.id,
      targetType: "routing_policy",
    });
    expect(both).toEqual([]);

    const facets = await callEndpoint("audit.facets", { token: owner.token, params: { teamId } });
    expect(facets.status).toBe(200);
    const body = facets.json as {
      actions: string[];
      targetTypes: string[];
      actors: { id: string; email: string }[];
    };
    expect(body.actions).toEqual(
      expect.arrayContaining(["key.create", "member.update", "policy.create"]),
    );
    expect(body.targetTypes).toEqual(
      expect.arrayContaining(["api_key", "membership", "routing_policy"]),
    );
    expect(body.actors.map((a) => a.id).sort()).toEqual([owner.user.id, admin.user.id].sort());
  });

  it("keeps the facets and entries to admins of the team", async () => {
    const { teamId, member } = await teamWithHistory();
    const facets = await callEndpoint("audit.facets", { token: member.token, params: { teamId } });
    expect(facets.status).toBe(403);
  });
});
