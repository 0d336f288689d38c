import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CallInput,
  callEndpoint,
  createTokenUser,
  setUpAdminTestDatabase,
} from "@/server/admin/testing";

let db: Awaited<ReturnType<typeof setUpAdminTestDatabase>>;

beforeAll(async () => {
  db = await setUpAdminTestDatabase();
}, 60_000);
afterAll(async () => {
  await db?.tearDown();
});

const call = (id: string, input: CallInput) => callEndpoint(id, input);

describe("admin tokens", () => {
  it("creates a working token shown once, lists only your own, and revokes it", async () => {
    const { token } = await createTokenUser(db.prisma);
    const other = await createTokenUser(db.prisma);
    const created = await call("tokens.create", {
      method: "POST",
      path: "/x",
      token,
      body: { name: "script" },
    });
    expect(created.status).toBe(201);
    const { secret, token: view } = created.json as { secret: string; token: { id: string } };
    expect(secret).toMatch(/^sya-/);
    const listed = await call("tokens.list", { path: "/x", token: secret });
    expect(listed.status).toBe(200);
    expect((listed.json as { tokens: unknown[] }).tokens).toHaveLength(2);
    const foreign = await call("tokens.revoke", {
      method: "DELETE",
      path: "/x",
      token: other.token,
      params: { tokenId: view.id },
    });
    expect(foreign.status).toBe(404);
    const revoked = await call("tokens.revoke", {
      method: "DELETE",
      path: "/x",
      token,
      params: { tokenId: view.id },
    });
    expect(revoked.status).toBe(200);
    expect((await call("tokens.list", { path: "/x", token: secret })).status).toBe(401);
  });
});
