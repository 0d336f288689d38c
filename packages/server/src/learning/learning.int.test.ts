/**
 * Learned routing end to end over PostgreSQL: outcomes (an in-memory outcome store) → training →
 * a stored version with its held-out metrics → the change notice → a gateway built over the
 * database routes the policy's learned target with the team's artefact; and the schedule leaves
 * a target alone until enough new outcomes arrive.
 */
import type { RequestLogEntry } from "@switchyard/core";
import {
  createPgChangeFeed,
  createPrisma,
  generateEncryptionKey,
  type PrismaClient,
  PrismaConfigStore,
  PrismaLearnedRouterStore,
} from "@switchyard/db";
import { seed } from "@switchyard/db/seed";
import {
  createPublishedPolicy,
  createTestDatabase,
  type TestDatabase,
} from "@switchyard/db/testing";
import { type MockLlm, startMockLlm } from "@switchyard/mock-llm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDatabaseGateway, type DatabaseGateway } from "../database-gateway";
import { createLogger } from "../logger";
import { MemoryOutcomeStore } from "../testing/memory-outcome-store";
import { gradedOutcome } from "../testing/outcomes";
import { startRetrainScheduler } from "./retrain-scheduler";
import { type LearningPorts, trainPolicy } from "./train-policy";

const DEMO_KEY = "sk-sy-learnedRoutingTest012345678";
const ALIAS = "team/learned";
const encryptionKey = generateEncryptionKey();

let database: TestDatabase;
let mock: MockLlm;
let prisma: PrismaClient;
let running: DatabaseGateway;
let teamId: string;
let policyId: string;
const finished: RequestLogEntry[] = [];
const outcomes = new MemoryOutcomeStore();
let changes: ReturnType<typeof createPgChangeFeed>;

beforeAll(async () => {
  database = await createTestDatabase();
  mock = await startMockLlm({ port: 0 });
  prisma = createPrisma(database.url);
  const seeded = await seed(prisma, {
    ownerEmail: "owner@example.com",
    ownerPassword: "owner-password",
    mockBaseUrl: mock.url,
    encryptionKey,
    demoKey: DEMO_KEY,
  });
  teamId = (await prisma.team.findUniqueOrThrow({ where: { slug: seeded.teamSlug } })).id;
  const policy = await createPublishedPolicy(prisma, {
    teamId,
    alias: ALIAS,
    name: "learned",
    body: {
      version: 1,
      name: "learned",
      defaultModel: "demo-small",
      baselineModel: "demo-large",
      otherwise: { strategy: "learned", models: ["demo-large", "demo-small"], minQuality: 0.9 },
    },
  });
  policyId = policy.policy.id;
  running = await buildDatabaseGateway({
    prisma,
    databaseUrl: database.url,
    encryptionKey,
    logger: createLogger("silent"),
    onRequestFinished: (entry) => finished.push(entry),
    options: { allowedPrivateHosts: [new URL(mock.url).host] },
    learning: { outcomes, retrainIntervalMs: 0 },
  });
  changes = createPgChangeFeed(database.url);
}, 60_000);

afterAll(async () => {
  await running?.close();
  await changes?.close();
  await prisma?.$disconnect();
  await mock?.close();
  await database?.drop();
});

const ports = (): LearningPorts => ({
  outcomes,
  routers: new PrismaLearnedRouterStore(prisma),
  config: new PrismaConfigStore(prisma, { encryptionKey }),
  changes,
});

async function ask(prompt: string) {
  const response = await running.gateway.handleWeb(
    new Request("http://gateway.test/v1/chat/completions", {
      method: "POST",
      headers: { authorization: `Bearer ${DEMO_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ model: ALIAS, messages: [{ role: "user", content: prompt }] }),
    }),
  );
  await response.text();
  return {
    status: response.status,
    route: response.headers.get("x-switchyard-route") ?? "",
    model: response.headers.get("x-switchyard-model"),
  };
}

/** Greetings both models answer; proofs only the large one does. */
async function record(count: number, createdAt: Date) {
  for (let i = 0; i < count; i++) {
    const hard = i % 2 === 1;
    await outcomes.upsert(
      gradedOutcome({
        teamId,
        policyId,
        prompt: hard
          ? `prove theorem ${i} about prime gaps rigorously, step by step`
          : `hello there number ${i}, how are you today?`,
        grades: { "demo-small": hard ? 0.1 : 0.9, "demo-large": 0.95 },
        createdAt,
      }),
    );
  }
}

describe("learned routing over the database", () => {
  it("routes cold, trains on the team's outcomes, then routes with the team's artefact", async () => {
    const cold = await ask("hello there, how are you today?");
    expect(cold.status).toBe(200);
    expect(cold.route).toMatch(/^learned-prior:/);

    // Too few outcomes: nothing stored, nothing announced.
    await record(10, new Date(Date.now() - 60_000));
    const early = await trainPolicy(ports(), { teamId, policyId }, { mode: "manual" });
    expect(early.targets[0]).toMatchObject({ status: "skipped", reason: "too_few_outcomes" });
    expect(await prisma.learnedRouter.count()).toBe(0);

    // Enough distinct prompts that the held-out fifth (a split seeded by the team's random id)
    // always holds the 5 a held-out report needs.
    await record(110, new Date(Date.now() - 60_000));
    const result = await trainPolicy(ports(), { teamId, policyId }, { mode: "manual" });
    const [target] = result.targets;
    if (target?.status !== "trained") throw new Error(`not trained: ${JSON.stringify(target)}`);
    const row = await prisma.learnedRouter.findFirstOrThrow({ where: { teamId, policyId } });
    expect(row).toMatchObject({
      modelsKey: "demo-large,demo-small",
      version: 1,
      models: ["demo-small", "demo-large"],
      trainedOn: 120,
      artefactId: target.version.artefactId,
    });
    const artefact = row.artefact as { id: string; report: { heldOut: unknown } };
    expect(artefact.id).toBe(row.artefactId);
    expect(row.heldOut).toEqual(artefact.report.heldOut);
    expect(row.heldOut).toMatchObject({
      test: expect.any(Number),
      models: { "demo-small": { brier: expect.any(Number) } },
    });

    // The change notice reloads the gateway's snapshot: the learned target now decides with
    // the team's artefact (no database read on the request path).
    finished.length = 0;
    await expect
      .poll(async () => (await ask("hello there number 7, how are you today?")).route, {
        timeout: 10_000,
      })
      .toMatch(/^learned:/);
    const entry = finished.at(-1);
    const trace = entry?.routeTrace as { learned?: { artefact: string; key: string } };
    expect(trace.learned).toMatchObject({
      artefact: row.artefactId,
      key: "demo-large,demo-small",
    });
    const hard = await ask("prove theorem 99 about prime gaps rigorously, step by step");
    expect(hard.model).toBe("demo-large");
  }, 60_000);

  it("the schedule skips a target without enough new outcomes, and refits once they arrive", async () => {
    const scheduler = startRetrainScheduler(ports(), { intervalMs: 0 });
    try {
      const [idle] = (await scheduler.runOnce()).filter((r) => r.policyId === policyId);
      expect(idle?.targets[0]).toMatchObject({
        status: "skipped",
        reason: "too_few_new_outcomes",
        newOutcomes: 0,
      });
      await record(20, new Date());
      const [refit] = (await scheduler.runOnce()).filter((r) => r.policyId === policyId);
      expect(refit?.targets[0]).toMatchObject({ status: "trained", newOutcomes: 20 });
      const versions = await running.learnedRouters.versions(teamId, { policyId });
      expect(versions.map((v) => [v.version, v.trainedOn])).toEqual([
        [2, 140],
        [1, 120],
      ]);
    } finally {
      await scheduler.stop();
    }
  }, 60_000);

  it("the production builder runs the schedule on its interval and stops it on close", async () => {
    const off = await buildDatabaseGateway({
      prisma,
      databaseUrl: database.url,
      encryptionKey,
      logger: createLogger("silent"),
      learning: { retrainIntervalMs: 0 },
    });
    // No interval, no schedule; the outcomes it would train on are the database's.
    expect(off.retrainer).toBeNull();
    expect(off.outcomes).not.toBeNull();
    expect(off.outcomes).not.toBe(outcomes);
    await off.close();

    const scheduled = await buildDatabaseGateway({
      prisma,
      databaseUrl: database.url,
      encryptionKey,
      logger: createLogger("silent"),
      learning: { outcomes, retrainIntervalMs: 100 },
    });
    try {
      expect(scheduled.retrainer).not.toBeNull();
      expect(scheduled.outcomes).toBe(outcomes);
      await record(20, new Date());
      await expect
        .poll(
          async () =>
            (await scheduled.learnedRouters.newest(teamId, { policyId }))[0]?.version ?? 0,
          { timeout: 30_000, interval: 200 },
        )
        .toBe(3);
    } finally {
      await scheduled.close();
    }
    const versions = await scheduled.learnedRouters.versions(teamId, { policyId });
    expect(versions.map((v) => v.version)).toEqual([3, 2, 1]);
  }, 60_000);
});
