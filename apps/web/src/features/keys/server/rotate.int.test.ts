import type { ChangeMessage } from "@switchyard/core";
import { hashApiKey } from "@switchyard/core";
import { createPgChangeFeed, PrismaKeyStore } from "@switchyard/db";
import { createMembership, createTeam } from "@switchyard/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callEndpoint, createTokenUser, setUpAdminTestDatabase } from "@/server/admin/testing";

let db: Awaited<ReturnType<typeof setUpAdminTestDatabase>>;
let teamId: string;
const users = {} as Record<"admin" | "member" | "other", { id: string; token: string }>;

const post = (id: string, token: string, params: Record<string, string>, body?: unknown) =>
  callEndpoint(id, { method: "POST", path: "/api/admin/x", token, params, body });

beforeAll(async () => {
  db = await setUpAdminTestDatabase();
  teamId = (await createTeam(db.prisma)).id;
  for (const [name, role] of [
    ["admin", "admin"],
    ["member", "member"],
    ["other", "member"],
  ] as const) {
    const { user, token } = await createTokenUser(db.prisma);
    await createMembership(db.prisma, { userId: user.id, teamId, role });
    users[name] = { id: user.id, token };
  }
}, 60_000);
afterAll(async () => {
  await db?.tearDown();
});

type Made = {
  key: { id: string; prefix: string; previousSecretExpiresAt: string | null };
  secret: string;
};

async function makeKey(name: string) {
  const made = await post("keys.create", users.member.token, { teamId }, { name, rpmLimit: 30 });
  expect(made.status).toBe(201);
  return made.json as Made;
}

describe("keys.rotate", () => {
  it("issues a new secret, keeps the old one for the grace period, and tells every gateway", async () => {
    const made = await makeKey("rotating");
    const store = new PrismaKeyStore(db.prisma as never);
    const feeds = [createPgChangeFeed(db.url), createPgChangeFeed(db.url)];
    const heard: ChangeMessage[][] = [[], []];
    try {
      for (const [index, feed] of feeds.entries()) {
        await feed.subscribe((message) => heard[index]?.push(message));
      }
      const before = Date.now();
      const rotated = await post(
        "keys.rotate",
        users.member.token,
        { teamId, keyId: made.key.id },
        { gracePeriod: "1h" },
      );
      expect(rotated.status).toBe(200);
      const { key, secret } = rotated.json as Made & {
        key: { name: string; scopes: string[]; rpmLimit: number; rotatedAt: string };
      };
      expect(secret).not.toBe(made.secret);
      expect(secret.startsWith(key.prefix)).toBe(true);
      expect(key).toMatchObject({ id: made.key.id, name: "rotating", rpmLimit: 30 });
      const until = Date.parse(key.previousSecretExpiresAt ?? "");
      expect(until - before).toBeGreaterThanOrEqual(3_600_000 - 1_000);
      expect(until - before).toBeLessThanOrEqual(3_600_000 + 5_000);

      const current = await store.findByHash(hashApiKey(secret));
      expect(current).toMatchObject({ id: made.key.id });
      expect(current?.secretExpiresAt ?? null).toBeNull();
      const old = await store.findByHash(hashApiKey(made.secret));
      expect(old).toMatchObject({ id: made.key.id });
      expect(old?.secretExpiresAt?.toISOString()).toBe(key.previousSecretExpiresAt);

      const expected = [hashApiKey(made.secret), hashApiKey(secret)];
      for (const messages of heard) {
        await waitFor(() => expected.every((id) => messages.some((m) => m.id === id)));
      }

      const audit = await db.prisma.auditLog.findFirstOrThrow({
        where: { targetId: made.key.id, action: "key.rotate" },
      });
      expect(audit.actorId).toBe(users.member.id);
      expect(JSON.stringify(audit.after)).not.toContain(secret);
    } finally {
      await Promise.all(feeds.map((feed) => feed.close()));
    }
  });

  it("drops the secret an earlier rotation replaced, and without a grace period the current one too", async () => {
    const made = await makeKey("twice");
    const store = new PrismaKeyStore(db.prisma as never);
    const first = await post("keys.rotate", users.member.token, { teamId, keyId: made.key.id }, {});
    const firstSecret = (first.json as Made).secret;
    expect((first.json as Made).key.previousSecretExpiresAt).not.toBeNull(); // 24 h by default
    const second = await post(
      "keys.rotate",
      users.member.token,
      { teamId, keyId: made.key.id },
      { gracePeriod: "none" },
    );
    expect((second.json as Made).key.previousSecretExpiresAt).toBeNull();
    expect(await store.findByHash(hashApiKey(made.secret))).toBeNull();
    expect(await store.findByHash(hashApiKey(firstSecret))).toBeNull();
    expect(await store.findByHash(hashApiKey((second.json as Made).secret))).toMatchObject({
      id: made.key.id,
    });
  });

  it("refuses other members' keys, revoked keys and unknown grace periods", async () => {
    const made = await makeKey("guarded");
    const params = { teamId, keyId: made.key.id };
    expect((await post("keys.rotate", users.other.token, params, {})).status).toBe(403);
    expect((await post("keys.rotate", users.admin.token, params, {})).status).toBe(200);
    const bad = await post("keys.rotate", users.member.token, params, { gracePeriod: "2y" });
    expect(bad.status).toBe(400);
    await callEndpoint("keys.revoke", {
      method: "DELETE",
      path: "/api/admin/x",
      token: users.member.token,
      params,
    });
    expect((await post("keys.rotate", users.member.token, params, {})).status).toBe(409);
  });
});

async function waitFor(check: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
