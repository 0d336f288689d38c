import { hashApiKey } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import type { PrismaClient } from "../client";
import { decryptSecret } from "../crypto";
import { createRepositories } from "../repositories";
import { TEST_ENCRYPTION_KEY } from "../testing/factories";
import { setUpTestPrisma, withTestPrisma } from "../testing/suite-database";
import { findUserByEmail, verifyPassword } from "../users";
import { DEMO_CONNECTION_CREDENTIAL, DEMO_MODELS, DEMO_POLICY, seed } from "./index";

const DEMO_KEY = "sk-sy-demo-abcdefghijklmnopqrstuvwxyz012345";

async function counts(prisma: PrismaClient) {
  return {
    users: await prisma.user.count(),
    teams: await prisma.team.count(),
    memberships: await prisma.membership.count(),
    keys: await prisma.apiKey.count(),
    connections: await prisma.providerConnection.count(),
    models: await prisma.model.count(),
    policies: await prisma.routingPolicy.count(),
    versions: await prisma.policyVersion.count(),
  };
}

describe("seed", () => {
  let prisma: PrismaClient;
  setUpTestPrisma((client) => {
    prisma = client;
  });

  const options = {
    ownerEmail: "Owner@Example.com",
    ownerPassword: "a-long-password",
    mockBaseUrl: "http://127.0.0.1:4010/",
    encryptionKey: TEST_ENCRYPTION_KEY,
    demoKey: DEMO_KEY,
  };

  it("creates the demo data once; a second run adds nothing", async () => {
    const first = await seed(prisma, options);
    expect(first).toEqual({ ownerEmail: "owner@example.com", teamSlug: "demo", demoKey: DEMO_KEY });
    const after = await counts(prisma);
    expect(after).toEqual({
      users: 1,
      teams: 1,
      memberships: 1,
      keys: 1,
      connections: 1,
      models: 4,
      policies: 1,
      versions: 1,
    });

    const second = await seed(prisma, options);
    expect(second.demoKey).toBe(DEMO_KEY);
    expect(await counts(prisma)).toEqual(after);

    const { keys } = createRepositories(prisma, { encryptionKey: TEST_ENCRYPTION_KEY });
    const resolved = await keys.findByHash(hashApiKey(DEMO_KEY));
    expect(resolved?.team.slug).toBe("demo");
    expect(resolved?.revokedAt).toBeNull();
  });

  it("stores the demo key as its hash, with the visible prefix", async () => {
    const key = await prisma.apiKey.findUnique({ where: { hash: hashApiKey(DEMO_KEY) } });
    expect(key?.prefix).toBe("sk-sy-demo");
    expect(JSON.stringify(key)).not.toContain(DEMO_KEY);
  });

  it("creates an owner who can sign in", async () => {
    const user = await findUserByEmail(prisma, "OWNER@example.com");
    expect(user?.isOwner).toBe(true);
    expect(await verifyPassword(user?.passwordHash ?? "", "a-long-password")).toBe(true);
    const membership = await prisma.membership.findFirst({ where: { userId: user?.id ?? "" } });
    expect(membership?.role).toBe("owner");
  });

  it("prices the demo models at their list prices and publishes the demo policy", async () => {
    const models = await prisma.model.findMany({ orderBy: { name: "asc" } });
    expect(
      models.map((model) => [
        model.name,
        model.inputPricePerMillion.toString(),
        model.outputPricePerMillion.toString(),
      ]),
    ).toEqual([
      ["demo-embed", "0.02", "0"],
      ["demo-large", "15", "75"],
      ["demo-medium", "2.5", "10"],
      ["demo-small", "0.15", "0.6"],
    ]);
    expect(DEMO_MODELS).toHaveLength(4);
    const team = await prisma.team.findUniqueOrThrow({ where: { slug: "demo" } });
    expect(team.defaultModel).toBe("demo-small");
    const policy = await prisma.routingPolicy.findFirstOrThrow({
      include: { publishedVersion: true },
    });
    expect(policy.alias).toBe("switchyard/auto");
    expect(policy.publishedVersion?.version).toBe(1);
    expect(policy.publishedVersion?.publishedAt).not.toBeNull();
    expect(policy.publishedVersion?.body).toEqual(DEMO_POLICY.body);
  });

  it("encrypts the mock credential and follows a changed mock URL", async () => {
    const connection = await prisma.providerConnection.findFirstOrThrow();
    expect(connection.baseUrl).toBe("http://127.0.0.1:4010/v1");
    expect(decryptSecret(connection.encryptedCredentials ?? "", TEST_ENCRYPTION_KEY)).toBe(
      DEMO_CONNECTION_CREDENTIAL,
    );
    await seed(prisma, { ...options, mockBaseUrl: "http://127.0.0.1:5555" });
    const moved = await prisma.providerConnection.findMany();
    expect(moved).toHaveLength(1);
    expect(moved[0]?.baseUrl).toBe("http://127.0.0.1:5555/v1");
  });

  it("generates a demo key when none is given, and only reveals it once", async () => {
    await withTestPrisma(async (otherPrisma) => {
      const { demoKey: _unused, ...withoutKey } = options;
      const first = await seed(otherPrisma, withoutKey);
      expect(first.demoKey).toMatch(/^sk-sy-[0-9A-Za-z]{32}$/);
      const stored = await otherPrisma.apiKey.findUnique({
        where: { hash: hashApiKey(first.demoKey ?? "") },
      });
      expect(stored).not.toBeNull();
      const second = await seed(otherPrisma, withoutKey);
      expect(second.demoKey).toBeNull();
      expect(await otherPrisma.apiKey.count()).toBe(1);
    });
  });

  it("stores the shortest demo key the app's configuration accepts (sk-sy- and 16 characters)", async () => {
    await withTestPrisma(async (otherPrisma) => {
      const demoKey = "sk-sy-AbCdEfGh12345678";
      const seeded = await seed(otherPrisma, { ...options, demoKey });
      expect(seeded.demoKey).toBe(demoKey);
      const stored = await otherPrisma.apiKey.findUnique({ where: { hash: hashApiKey(demoKey) } });
      expect(stored?.prefix).toBe("sk-sy-AbCd");
    });
  });

  it("rejects bad options with a readable message", async () => {
    await expect(seed(prisma, { ...options, ownerEmail: "nope" })).rejects.toThrow(
      /invalid seed options/,
    );
    await expect(seed(prisma, { ...options, demoKey: "short" })).rejects.toThrow(
      /demoKey must look like/,
    );
  });
});
