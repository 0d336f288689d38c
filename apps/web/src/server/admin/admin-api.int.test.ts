import { createTeam } from "@switchyard/db/testing";
import { describe, expect, it } from "vitest";
import { DELETE, GET, OPTIONS, PATCH, POST } from "@/app/api/admin/[...path]/route";
import { addTokenMember, adminTestDatabase, callRoute, createTokenUser } from "./testing";

// Every call here goes through the catch-all route, as a request from outside would.

const db = adminTestDatabase();

describe("management API framework", () => {
  it("refuses callers without a session or a valid admin token", async () => {
    const anonymous = await callRoute(GET, { path: "/api/admin/teams" });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toMatchObject({ error: { code: "unauthenticated" } });
    const forged = await callRoute(GET, {
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
    const result = await callRoute(GET, { path: "/api/admin/teams", token });
    expect(result.status).toBe(401);
  });

  it("lists only the caller's teams with their role; the instance owner sees every team", async () => {
    const mine = await createTeam(db.prisma, { name: "Alpha" });
    const other = await createTeam(db.prisma, { name: "Beta" });
    const member = await addTokenMember(db.prisma, mine.id, "viewer");
    const owner = await createTokenUser(db.prisma, { isOwner: true });

    const asMember = await callRoute(GET, {
      path: "/api/admin/teams",
      token: member.token,
    });
    expect(asMember.status).toBe(200);
    const memberTeams = (asMember.json as { teams: { id: string; role: string }[] }).teams;
    expect(memberTeams.map((t) => t.id)).toEqual([mine.id]);
    expect(memberTeams[0]?.role).toBe("viewer");

    const asOwner = await callRoute(GET, {
      path: "/api/admin/teams",
      token: owner.token,
    });
    const ownerIds = (asOwner.json as { teams: { id: string }[] }).teams.map((t) => t.id);
    expect(ownerIds).toEqual(expect.arrayContaining([mine.id, other.id]));
  });

  it("answers an unknown path with 404, a wrong method with 405 and OPTIONS with the methods", async () => {
    const { token } = await createTokenUser(db.prisma);
    const unknown = await callRoute(GET, { path: "/api/admin/nothing/here", token });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({
      error: { code: "not_found", message: "No management endpoint at /api/admin/nothing/here." },
    });
    const anonymous = await callRoute(POST, { method: "POST", path: "/api/admin/teams/x/nope" });
    expect(anonymous.status).toBe(404);

    const request = new Request("http://localhost/api/admin/teams", { method: "DELETE" });
    const wrongMethod = await DELETE(request);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("GET, POST");
    expect(await wrongMethod.json()).toMatchObject({ error: { code: "method_not_allowed" } });

    const options = await OPTIONS(
      new Request("http://localhost/api/admin/teams", { method: "OPTIONS" }),
    );
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, HEAD, OPTIONS, POST");
  });

  it("prefers literal path segments to parameters", async () => {
    const team = await createTeam(db.prisma, { name: "Gamma" });
    const admin = await addTokenMember(db.prisma, team.id, "admin");
    const base = `/api/admin/teams/${team.id}`;

    // models/health (GET) is not models/:modelId (PATCH only), policies/explain (POST) is not
    // policies/:policyId (GET): the literal route answers, or refuses the method itself.
    const health = await callRoute(GET, { path: `${base}/models/health`, token: admin.token });
    expect(health.status).toBe(200);
    expect(health.json).toHaveProperty("models");
    const explain = await callRoute(GET, { path: `${base}/policies/explain`, token: admin.token });
    expect(explain.status).toBe(405);
    const scopes = await callRoute(PATCH, {
      method: "PATCH",
      path: `${base}/keys/scopes`,
      token: admin.token,
    });
    expect(scopes.status).toBe(405);
  });
});
