import { describe, expect, it } from "vitest";
import { adminTestDatabase, callEndpoint, createTeamWithTokenUsers } from "@/server/admin/testing";

const db = adminTestDatabase();

async function teamWith(roles: ("owner" | "admin" | "member" | "viewer")[]) {
  const { teamId, members } = await createTeamWithTokenUsers(db.prisma, roles);
  return { teamId, people: members.map(({ user, token }) => ({ id: user.id, token })) };
}

const update = (token: string, teamId: string, userId: string, role: string) =>
  callEndpoint("members.update", {
    token,
    params: { teamId, userId },
    body: { role },
  });
const remove = (token: string, teamId: string, userId: string) =>
  callEndpoint("members.remove", {
    token,
    params: { teamId, userId },
  });

describe("members", () => {
  it("lists members with their roles", async () => {
    const { teamId, people } = await teamWith(["owner", "viewer"]);
    const result = await callEndpoint("members.list", {
      token: people[1]?.token,
      params: { teamId },
    });
    expect(result.status).toBe(200);
    const roles = (result.json as { members: { role: string }[] }).members.map((m) => m.role);
    expect(roles.sort()).toEqual(["owner", "viewer"]);
  });

  it("lets an admin change roles but not make or touch owners", async () => {
    const { teamId, people } = await teamWith(["owner", "admin", "member"]);
    const [owner, admin, member] = people as [
      { id: string; token: string },
      { id: string; token: string },
      { id: string; token: string },
    ];
    expect((await update(admin.token, teamId, member.id, "viewer")).status).toBe(200);
    expect((await update(admin.token, teamId, member.id, "owner")).status).toBe(403);
    expect((await update(admin.token, teamId, owner.id, "member")).status).toBe(403);
    expect((await remove(admin.token, teamId, owner.id)).status).toBe(403);
    const audit = await db.prisma.auditLog.findFirstOrThrow({
      where: { teamId, action: "member.update" },
    });
    expect(audit.before).toMatchObject({ role: "member" });
    expect(audit.after).toMatchObject({ role: "viewer" });
  });

  it("keeps the last owner: not demoted, not removed; a second owner makes it possible", async () => {
    const { teamId, people } = await teamWith(["owner", "member"]);
    const [owner, member] = people as [
      { id: string; token: string },
      { id: string; token: string },
    ];
    expect((await update(owner.token, teamId, owner.id, "admin")).status).toBe(400);
    expect((await remove(owner.token, teamId, owner.id)).status).toBe(400);
    expect((await update(owner.token, teamId, member.id, "owner")).status).toBe(200);
    expect((await update(owner.token, teamId, owner.id, "admin")).status).toBe(200);
    expect((await remove(member.token, teamId, owner.id)).status).toBe(200);
    const left = await db.prisma.membership.findMany({ where: { teamId } });
    expect(left.map((m) => [m.userId, m.role])).toEqual([[member.id, "owner"]]);
  });

  it("lets only one of two concurrent owner demotions through", async () => {
    const { teamId, people } = await teamWith(["owner", "owner"]);
    const [a, b] = people as [{ id: string; token: string }, { id: string; token: string }];
    const results = await Promise.all([
      update(a.token, teamId, a.id, "admin"),
      update(b.token, teamId, b.id, "admin"),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
    expect(await db.prisma.membership.count({ where: { teamId, role: "owner" } })).toBe(1);
  });
});
