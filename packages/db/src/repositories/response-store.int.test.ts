import type { StoredResponse } from "@switchyard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, type PrismaClient } from "../client";
import { createTeam } from "../testing/factories";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { PrismaResponseStore } from "./response-store";

const DAY = 86_400_000;

describe("PrismaResponseStore", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let store: PrismaResponseStore;
  let teamA: string;
  let teamB: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = createPrisma(database.url);
    store = new PrismaResponseStore(prisma);
    teamA = (await createTeam(prisma)).id;
    teamB = (await createTeam(prisma)).id;
  }, 60_000);
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });

  const response = (id: string, teamId: string, expiresInMs = DAY): StoredResponse => ({
    id,
    teamId,
    createdAt: new Date(Date.now() - 1_000),
    expiresAt: new Date(Date.now() + expiresInMs),
    response: { id, object: "response", output: [{ type: "message", text: "a\u0000b" }] },
    inputItems: [{ id: "msg_1", type: "message", role: "user", content: "hi" }],
  });

  it("writes a batch once (a retry changes nothing) and finds it for its team only", async () => {
    const first = response("resp_a1", teamA);
    await store.writeBatch([first, response("resp_a2", teamA)]);
    await store.writeBatch([{ ...first, response: { changed: true } }]);
    const found = await store.find(teamA, "resp_a1", new Date());
    // jsonb cannot hold NUL: it is written without it, the rest as given.
    expect(found?.response).toEqual({
      id: "resp_a1",
      object: "response",
      output: [{ type: "message", text: "ab" }],
    });
    expect(found?.inputItems).toEqual(first.inputItems);
    expect(await store.find(teamB, "resp_a1", new Date())).toBeNull();
    expect(await store.delete(teamB, "resp_a1", new Date())).toBe(false);
    expect(await store.delete(teamA, "resp_a1", new Date())).toBe(true);
    expect(await store.find(teamA, "resp_a1", new Date())).toBeNull();
  });

  it("never serves an expired row and deletes expired rows in bounded batches", async () => {
    await store.writeBatch([
      response("resp_old1", teamA, -1),
      response("resp_old2", teamB, -1),
      response("resp_old3", teamA, -1),
      response("resp_live", teamA),
    ]);
    expect(await store.find(teamA, "resp_old1", new Date())).toBeNull();
    expect(await store.delete(teamA, "resp_old1", new Date())).toBe(false);
    expect(await store.deleteExpired(new Date(), 2)).toBe(2);
    expect(await store.deleteExpired(new Date(), 2)).toBe(1);
    expect(await store.deleteExpired(new Date(), 2)).toBe(0);
    expect(await store.find(teamA, "resp_live", new Date())).not.toBeNull();
  });
});
