import { describe, expect, it } from "vitest";
import { hashAdminToken } from "@/server/admin/actor";
import { adminTestDatabase, callEndpoint, createTokenUser } from "@/server/admin/testing";

const db = adminTestDatabase();

describe("admin tokens", () => {
  it("creates a working token shown once, lists only your own, and revokes it", async () => {
    const { token } = await createTokenUser(db.prisma);
    const other = await createTokenUser(db.prisma);
    const created = await callEndpoint("tokens.create", {
      token,
      body: { name: "script" },
    });
    expect(created.status).toBe(201);
    const { secret, token: view } = created.json as { secret: string; token: { id: string } };
    expect(secret).toMatch(/^sya-/);
    const listed = await callEndpoint("tokens.list", { token: secret });
    expect(listed.status).toBe(200);
    expect((listed.json as { tokens: unknown[] }).tokens).toHaveLength(2);
    const foreign = await callEndpoint("tokens.revoke", {
      token: other.token,
      params: { tokenId: view.id },
    });
    expect(foreign.status).toBe(404);
    const revoked = await callEndpoint("tokens.revoke", {
      token,
      params: { tokenId: view.id },
    });
    expect(revoked.status).toBe(200);
    expect((await callEndpoint("tokens.list", { token: secret })).status).toBe(401);
  });

  it("never lets a token make a token that outlives it", async () => {
    const { user } = await createTokenUser(db.prisma);
    const expiresAt = new Date(Date.now() + 2 * 86_400_000);
    const parentSecret = "sya-parent-token-that-expires-in-two-days";
    const parent = await db.prisma.adminToken.create({
      data: {
        userId: user.id,
        name: "expiring",
        hash: hashAdminToken(parentSecret),
        prefix: parentSecret.slice(0, 10),
        expiresAt,
      },
    });
    const mint = (body: Record<string, unknown>) =>
      callEndpoint("tokens.create", { token: parentSecret, body });
    const later = new Date(expiresAt.getTime() + 86_400_000).toISOString();
    for (const body of [
      { name: "forever" },
      { name: "forever", expiresAt: null },
      { name: "later", expiresAt: later },
    ]) {
      const refused = await mint(body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(refused.json)).toMatch(/expire/);
    }
    const sooner = new Date(expiresAt.getTime() - 3_600_000).toISOString();
    const child = await mint({ name: "child", expiresAt: sooner });
    expect(child.status).toBe(201);
    const childSecret = (child.json as { secret: string }).secret;

    // Revoking the parent revokes what it made.
    const revoked = await callEndpoint("tokens.revoke", {
      token: parentSecret,
      params: { tokenId: parent.id },
    });
    expect(revoked.status).toBe(200);
    expect((await callEndpoint("tokens.list", { token: childSecret })).status).toBe(401);
  });
});
