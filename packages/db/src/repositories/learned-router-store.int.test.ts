import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, type PrismaClient } from "../client";
import { createPublishedPolicy, createTeam, TEST_ENCRYPTION_KEY } from "../testing/factories";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { PrismaConfigStore } from "./config-store";
import { PrismaLearnedRouterStore } from "./learned-router-store";

const heldOut = {
  train: 40,
  test: 10,
  models: { small: { outcomes: 10, brier: 0.1, baselineBrier: 0.2, logLoss: 0.3, auc: 0.9 } },
  pair: { cheap: "small", strong: "large", apgr: 0.8 },
};

const router = (teamId: string, policyId: string, modelsKey: string, artefactId: string) => ({
  teamId,
  policyId,
  modelsKey,
  artefactId,
  models: modelsKey.split(",").reverse(),
  trainedOn: 50,
  heldOut,
  artefact: { id: artefactId, weights: [1, 2, 3] },
});

describe("PrismaLearnedRouterStore", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let store: PrismaLearnedRouterStore;
  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = createPrisma(database.url);
    store = new PrismaLearnedRouterStore(prisma);
  }, 60_000);
  afterAll(async () => {
    await prisma.$disconnect();
    await database.drop();
  });

  it("numbers versions per team, policy and target, and lists the newest of each", async () => {
    const team = await createTeam(prisma);
    const other = await createTeam(prisma);
    const first = await store.save(router(team.id, "pol_a", "large,small", "a1"));
    const second = await store.save(router(team.id, "pol_a", "large,small", "a2"));
    await store.save(router(team.id, "pol_a", "medium,small", "b1"));
    await store.save(router(team.id, "pol_b", "large,small", "c1"));
    await store.save(router(other.id, "pol_a", "large,small", "x1"));
    expect([first.version, second.version]).toEqual([1, 2]);
    expect(second).toMatchObject({
      teamId: team.id,
      modelsKey: "large,small",
      artefactId: "a2",
      models: ["small", "large"],
      trainedOn: 50,
      heldOut,
    });
    expect(second.createdAt).toBeInstanceOf(Date);

    const newest = await store.newest(team.id);
    expect(newest.map((v) => [v.policyId, v.modelsKey, v.version, v.artefactId])).toEqual([
      ["pol_a", "large,small", 2, "a2"],
      ["pol_a", "medium,small", 1, "b1"],
      ["pol_b", "large,small", 1, "c1"],
    ]);
    expect((await store.newest(team.id, { policyId: "pol_b" })).map((v) => v.artefactId)).toEqual([
      "c1",
    ]);
    const versions = await store.versions(team.id, { policyId: "pol_a" });
    expect(versions.map((v) => [v.modelsKey, v.version])).toEqual([
      ["large,small", 2],
      ["large,small", 1],
      ["medium,small", 1],
    ]);
  });

  it("stores a version without a held-out report as null", async () => {
    const team = await createTeam(prisma);
    const saved = await store.save({ ...router(team.id, "p", "a,b", "n1"), heldOut: null });
    expect(saved.heldOut).toBeNull();
  });

  it("prunes a target to its newest versions", async () => {
    const team = await createTeam(prisma);
    for (let i = 1; i <= 5; i++) await store.save(router(team.id, "p", "a,b", `v${i}`));
    await store.save(router(team.id, "p", "a,c", "other"));
    const target = { teamId: team.id, policyId: "p", modelsKey: "a,b" };
    expect(await store.prune(target, 10)).toBe(0);
    expect(await store.prune(target, 2)).toBe(3);
    const left = await store.versions(team.id);
    expect(left.map((v) => [v.modelsKey, v.version])).toEqual([
      ["a,b", 5],
      ["a,b", 4],
      ["a,c", 1],
    ]);
    // Numbering goes on from the newest.
    expect((await store.save(router(team.id, "p", "a,b", "v6"))).version).toBe(6);
  });

  it("lets one holder at a time train a target, across clients", async () => {
    const team = await createTeam(prisma);
    const target = { teamId: team.id, policyId: "p", modelsKey: "a,b" };
    const secondClient = createPrisma(database.url);
    try {
      const elsewhere = new PrismaLearnedRouterStore(secondClient);
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let entered: () => void = () => undefined;
      const inside = new Promise<void>((resolve) => {
        entered = resolve;
      });
      const first = store.exclusive(target, async (locked) => {
        entered();
        await held;
        return (await locked.save(router(team.id, "p", "a,b", "locked"))).version;
      });
      await inside;
      expect(await elsewhere.exclusive(target, async () => "ran")).toBeNull();
      // Another target is free.
      expect(await elsewhere.exclusive({ ...target, modelsKey: "a,c" }, async () => "ran")).toBe(
        "ran",
      );
      release();
      expect(await first).toBe(1);
      expect(await elsewhere.exclusive(target, async () => "ran")).toBe("ran");
    } finally {
      await secondClient.$disconnect();
    }
  });

  it("rolls the version back when the work under the lock fails", async () => {
    const team = await createTeam(prisma);
    const target = { teamId: team.id, policyId: "p", modelsKey: "a,b" };
    await expect(
      store.exclusive(target, async (locked) => {
        await locked.save(router(team.id, "p", "a,b", "doomed"));
        throw new Error("fit failed");
      }),
    ).rejects.toThrow("fit failed");
    expect(await store.versions(team.id)).toEqual([]);
  });

  it("reaches the routing snapshot: the newest artefact per target, gone with the team", async () => {
    const team = await createTeam(prisma);
    await store.save(router(team.id, "pol_s", "a,b", "s1"));
    await store.save(router(team.id, "pol_s", "a,b", "s2"));
    const config = new PrismaConfigStore(prisma, { encryptionKey: TEST_ENCRYPTION_KEY });
    const ofTeam = async () =>
      ((await config.loadSnapshot()).learnedRouters ?? []).filter((r) => r.teamId === team.id);
    const [entry] = await ofTeam();
    expect(entry).toMatchObject({
      policyId: "pol_s",
      modelsKey: "a,b",
      version: 2,
      artefactId: "s2",
      artefact: { id: "s2", weights: [1, 2, 3] },
    });
    // A reload hands the same artefact object while that version is the newest.
    const [again] = await ofTeam();
    expect(again?.artefact).toBe(entry?.artefact);
    await store.save(router(team.id, "pol_s", "a,b", "s3"));
    expect((await ofTeam())[0]?.artefactId).toBe("s3");

    await prisma.team.delete({ where: { id: team.id } });
    expect(await ofTeam()).toEqual([]);
    expect(await store.versions(team.id)).toEqual([]);
  });

  it("also brings the versions a published policy pins, and pruning spares them", async () => {
    const team = await createTeam(prisma);
    const { policy } = await createPublishedPolicy(prisma, {
      teamId: team.id,
      alias: "team/pinned",
      body: {
        version: 1,
        defaultModel: "a",
        baselineModel: "b",
        otherwise: { strategy: "learned", models: ["a", "b"], minQuality: 0.9, version: 1 },
      },
    });
    for (const id of ["p1", "p2", "p3", "p4"])
      await store.save(router(team.id, policy.id, "a,b", id));
    const target = { teamId: team.id, policyId: policy.id, modelsKey: "a,b" };
    expect(await store.prune(target, 2, [1])).toBe(1);
    expect((await store.versions(team.id)).map((v) => v.version)).toEqual([4, 3, 1]);
    const config = new PrismaConfigStore(prisma, { encryptionKey: TEST_ENCRYPTION_KEY });
    const refs = ((await config.loadSnapshot()).learnedRouters ?? []).filter(
      (r) => r.teamId === team.id,
    );
    expect(refs.map((r) => [r.version, r.artefactId]).sort()).toEqual([
      [1, "p1"],
      [4, "p4"],
    ]);
  });
});
