import type { OutcomeRecord } from "@switchyard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, type PrismaClient } from "../client";
import { createTeam } from "../testing/factories";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { PrismaOutcomeStore } from "./outcome-store";

describe("PrismaOutcomeStore", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let store: PrismaOutcomeStore;
  let teamId: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = createPrisma(database.url);
    store = new PrismaOutcomeStore(prisma);
    teamId = (await createTeam(prisma)).id;
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await database.drop();
  });

  const outcome = (overrides: Partial<OutcomeRecord> = {}): OutcomeRecord => ({
    teamId,
    policyId: "policy_1",
    requestId: `req_${Math.random().toString(36).slice(2)}`,
    source: "feedback",
    sourceId: "key:key_1",
    tags: ["task:code"],
    features: { featureVersion: 1, promptKey: "0123", features: { indices: [1], values: [0.5] } },
    promptText: null,
    grades: { "demo-small": { quality: 0.8 } },
    comment: null,
    createdAt: new Date("2026-12-01T10:00:00Z"),
    ...overrides,
  });

  it("stores an outcome and lists it back intact", async () => {
    const team = (await createTeam(prisma)).id;
    const written = outcome({
      teamId: team,
      promptText: "user: hi",
      comment: "good",
      grades: {
        "demo-small": { quality: 0.7, inputTokens: 10, outputTokens: 20, costPicos: 1500 },
        "demo-large": { quality: 1 },
      },
    });
    await store.upsert(written);
    expect(await store.list(team)).toEqual([written]);
  });

  it("replaces the outcome with the same request, source and grader (idempotent writes)", async () => {
    const team = (await createTeam(prisma)).id;
    const first = outcome({ teamId: team, requestId: "req_same", comment: "first" });
    await store.upsert(first);
    await store.upsert(first);
    const second = {
      ...first,
      grades: { "demo-small": { quality: 0 } },
      comment: "changed my mind",
      createdAt: new Date("2026-12-01T11:00:00Z"),
    };
    await store.upsert(second);
    await store.upsert({ ...first, sourceId: "key:other" });
    await store.upsert({ ...first, source: "calibration", sourceId: "judge:demo-large" });
    const listed = await store.list(team);
    expect(listed).toHaveLength(3);
    expect(listed.find((o) => o.source === "feedback" && o.sourceId === "key:key_1")).toEqual(
      second,
    );
    expect(await prisma.outcome.count({ where: { requestId: "req_same" } })).toBe(3);
  });

  it("lists a team's outcomes newest first, of one policy, at most `limit`", async () => {
    const team = (await createTeam(prisma)).id;
    const at = (hour: number) => new Date(Date.UTC(2026, 11, 2, hour));
    await store.upsert(outcome({ teamId: team, requestId: "a", createdAt: at(1) }));
    await store.upsert(outcome({ teamId: team, requestId: "b", createdAt: at(3) }));
    await store.upsert(
      outcome({ teamId: team, requestId: "c", createdAt: at(2), policyId: "policy_2" }),
    );
    await store.upsert(outcome({ teamId: team, requestId: "d", createdAt: at(4), policyId: null }));
    const ids = async (options?: { policyId?: string; limit?: number }) =>
      (await store.list(team, options)).map((o) => o.requestId);
    expect(await ids()).toEqual(["d", "b", "c", "a"]);
    expect(await ids({ policyId: "policy_1" })).toEqual(["b", "a"]);
    expect(await ids({ limit: 2 })).toEqual(["d", "b"]);
    expect(await ids({ policyId: "policy_2", limit: 5 })).toEqual(["c"]);
    expect(await store.list("no-such-team")).toEqual([]);
  });

  it("makes text storable (NUL bytes, lone surrogates) and bounds the comment", async () => {
    const team = (await createTeam(prisma)).id;
    await store.upsert(
      outcome({
        teamId: team,
        tags: ["a\u0000b", "c\ud800"],
        promptText: "user: hi\u0000",
        comment: `${"x".repeat(2_500)}`,
        features: { note: "f\u0000" },
      }),
    );
    const [stored] = await store.list(team);
    expect(stored?.tags).toEqual(["ab", "c\ufffd"]);
    expect(stored?.promptText).toBe("user: hi");
    expect(stored?.comment).toHaveLength(2_000);
    expect(stored?.features).toEqual({ note: "f" });
  });

  it("refuses a grade outside 0..1 before writing anything", async () => {
    const team = (await createTeam(prisma)).id;
    await expect(
      store.upsert(outcome({ teamId: team, grades: { m: { quality: 1.5 } } })),
    ).rejects.toThrow();
    expect(await store.list(team)).toEqual([]);
  });

  it("has tag columns that are never null (outcomes, request logs, API keys)", async () => {
    const columns = await prisma.$queryRawUnsafe<{ table_name: string; is_nullable: string }[]>(
      `select table_name, is_nullable from information_schema.columns
        where column_name = 'tags' and table_name in ('outcomes', 'request_logs', 'api_keys')
        order by table_name`,
    );
    expect(columns).toEqual([
      { table_name: "api_keys", is_nullable: "NO" },
      { table_name: "outcomes", is_nullable: "NO" },
      { table_name: "request_logs", is_nullable: "NO" },
    ]);
  });

  it("goes with its team", async () => {
    const team = (await createTeam(prisma)).id;
    await store.upsert(outcome({ teamId: team }));
    await prisma.team.delete({ where: { id: team } });
    expect(await prisma.outcome.count({ where: { teamId: team } })).toBe(0);
  });
});
