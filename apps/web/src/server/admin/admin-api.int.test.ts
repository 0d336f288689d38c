import { createMembership, createTeam } from "@switchyard/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listTeamsRoute } from "@/app/api/admin/teams/route";
import { callRoute, createTokenUser, setUpAdminTestDatabase } from "./testing";

let db: Awaited<ReturnType<typeof setUpAdminTestDatabase>>;

beforeAll(async () => {
  db = await setUpAdminTestDatabase();
}, 60_000);
afterAll(async () => {
  await db?.tearDown();
});

describe("management API framework", () => {
  it("refuses callers without a session or a valid admin token", async () => {
    const anonymous = await callRoute(listTeamsRoute, { path: "/api/admin/teams" });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toMatchObject({ error: { code: "unauthenticated" } });
    const forged = await callRoute(listTeamsRoute, {
      path: "/api/admin/teams",
      token: "sya-not-a-real-token",
    });
    expect(forged.status).toBe(401);
  });

  it("refuses revoked admin tokens", async () => {
    const { user, token } = await createTokenUser(db.prisma);
    await db.prisma.adminToken.updateMany({
      where: { userId: user.id },
      data: { revokedAt: new Date() },
    });
    const result = await callRoute(listTeamsRoute, { path: "/api/admin/teams", token });
    expect(result.status).toBe(401);
  });

  it("lists only the caller's teams with their role; the instance owner sees every team", async () => {
    const mine = await createTeam(db.prisma, { name: "Alpha" });
    const other = await createTeam(db.prisma, { name: "Beta" });
    const member = await createTokenUser(db.prisma);
    await createMembership(db.prisma, { userId: member.user.id, teamId: mine.id, role: "viewer" });
    const owner = await createTokenUser(db.prisma, { isOwner: true });

    const asMember = await callRoute(listTeamsRoute, {
      path: "/api/admin/teams",
      token: member.token,
    });
    expect(asMember.status).toBe(200);
    const memberTeams = (asMember.json as { teams: { id: string; role: string }[] }).teams;
    expect(memberTeams.map((t) => t.id)).toEqual([mine.id]);
    expect(memberTeams[0]?.role).toBe("viewer");

    const asOwner = await callRoute(listTeamsRoute, {
      path: "/api/admin/teams",
      token: owner.token,
    });
    const ownerIds = (asOwner.json as { teams: { id: string }[] }).teams.map((t) => t.id);
    expect(ownerIds).toEqual(expect.arrayContaining([mine.id, other.id]));
  });
});
