import { verifyPassword } from "@switchyard/db";
import { beforeAll, describe, expect, it } from "vitest";
import {
  adminTestDatabase,
  callEndpoint,
  createTeamWithTokenUsers,
  createTokenUser,
} from "@/server/admin/testing";
import { hashInviteToken } from "./invite-token";
import { signUpWithInvite } from "./redeem-invite";

const db = adminTestDatabase();
let teamId: string;
let admin: { token: string };

beforeAll(async () => {
  const team = await createTeamWithTokenUsers(db.prisma, ["admin"], { name: "Invited" });
  teamId = team.teamId;
  [admin] = team.members;
}, 60_000);

async function invite(email: string, role = "member") {
  const result = await callEndpoint("invites.create", {
    token: admin.token,
    params: { teamId },
    body: { email, role },
  });
  expect(result.status).toBe(201);
  return result.json as { invite: { id: string; expiresAt: string }; token: string; path: string };
}

const accept = (token: string, inviteToken: string) =>
  callEndpoint("invites.accept", {
    token,
    params: { token: inviteToken },
  });

describe("invites", () => {
  it("stores only the token's hash, expires in 7 days, and refuses owner invites from admins", async () => {
    const created = await invite("Someone@Example.test");
    const stored = await db.prisma.invite.findUniqueOrThrow({ where: { id: created.invite.id } });
    expect(stored.tokenHash).toBe(hashInviteToken(created.token));
    expect(stored.email).toBe("someone@example.test");
    const days = (stored.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    expect(created.path).toBe(`/invite/${created.token}`);
    const owner = await callEndpoint("invites.create", {
      token: admin.token,
      params: { teamId },
      body: { email: "boss@example.test", role: "owner" },
    });
    expect(owner.status).toBe(403);
  });

  it("lets the invited signed-in user join once; a second use is refused", async () => {
    const invitee = await createTokenUser(db.prisma, { email: "joiner@example.test" });
    const created = await invite("joiner@example.test", "viewer");
    const stranger = await createTokenUser(db.prisma);
    expect((await accept(stranger.token, created.token)).status).toBe(403);
    const joined = await accept(invitee.token, created.token);
    expect(joined.status).toBe(200);
    expect(joined.json).toMatchObject({ team: { id: teamId, role: "viewer" } });
    const again = await accept(invitee.token, created.token);
    expect(again.status).toBe(410);
    expect(JSON.stringify(again.json)).toContain("already used");
  });

  it("refuses expired and unknown tokens", async () => {
    const invitee = await createTokenUser(db.prisma, { email: "late@example.test" });
    const created = await invite("late@example.test");
    await db.prisma.invite.update({
      where: { id: created.invite.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await accept(invitee.token, created.token);
    expect(expired.status).toBe(410);
    expect(JSON.stringify(expired.json)).toContain("expired");
    expect((await accept(invitee.token, "not-a-token")).status).toBe(404);
  });

  it("creates an account for a new user and joins the team", async () => {
    const created = await invite("newbie@example.test", "member");
    const { user, team } = await signUpWithInvite(db.prisma, {
      token: created.token,
      name: "New Person",
      password: "a long enough password",
    });
    expect(team.id).toBe(teamId);
    expect(user.email).toBe("newbie@example.test");
    expect(await verifyPassword(user.passwordHash, "a long enough password")).toBe(true);
    const membership = await db.prisma.membership.findUniqueOrThrow({
      where: { userId_teamId: { userId: user.id, teamId } },
    });
    expect(membership.role).toBe("member");
    await expect(
      signUpWithInvite(db.prisma, {
        token: created.token,
        name: "Again",
        password: "x".repeat(12),
      }),
    ).rejects.toMatchObject({ status: 410 });
  });
});
