/**
 * Tags and feedback end to end over PostgreSQL: the gateway as the app builds it
 * (buildDatabaseGateway over the repositories), a seeded team, the mock LLM. A request's tags
 * reach its stored log row, and feedback on it becomes an outcome row.
 */
import {
  createApiKey,
  createPrisma,
  generateEncryptionKey,
  type PrismaClient,
} from "@switchyard/db";
import { seed } from "@switchyard/db/seed";
import { createTeam, createTestDatabase, type TestDatabase } from "@switchyard/db/testing";
import { type GatewayServer, startGatewayServer } from "@switchyard/gateway";
import { type MockLlm, startMockLlm } from "@switchyard/mock-llm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningGateway } from "./build-gateway";
import { buildDatabaseGateway } from "./database-gateway";

const TAGGED_KEY = "sk-sy-taggedFeedback0123456789";
const OTHER_TEAM_KEY = "sk-sy-otherTeamFeedback0123456789";
const encryptionKey = generateEncryptionKey();

let database: TestDatabase;
let mock: MockLlm;
let prisma: PrismaClient;
let running: RunningGateway;
let server: GatewayServer;
let teamId: string;
let keyId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  mock = await startMockLlm({ port: 0 });
  prisma = createPrisma(database.url);
  await seed(prisma, {
    ownerEmail: "owner@example.com",
    ownerPassword: "owner-password",
    mockBaseUrl: mock.url,
    encryptionKey,
  });
  const team = await prisma.team.findFirstOrThrow();
  teamId = team.id;
  const tagged = await createApiKey(prisma, {
    teamId,
    name: "tagged",
    plaintext: TAGGED_KEY,
    tags: ["app:billing", "env:prod"],
  });
  keyId = tagged.record.id;
  const other = await createTeam(prisma);
  await createApiKey(prisma, { teamId: other.id, name: "other", plaintext: OTHER_TEAM_KEY });
  running = await buildDatabaseGateway({
    prisma,
    databaseUrl: database.url,
    encryptionKey,
    logger: pino({ level: "silent" }),
    options: { allowedPrivateHosts: [new URL(mock.url).host], usageFlushMs: 10 },
  });
  server = await startGatewayServer({ gateway: running.gateway, port: 0 });
}, 60_000);

afterAll(async () => {
  await server?.close(1_000);
  await running?.close();
  await prisma?.$disconnect();
  await mock?.close();
  await database?.drop();
});

const post = (path: string, key: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

async function storedRow(id: string) {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const row = await prisma.requestLog.findUnique({ where: { id } });
    if (row !== null) return row;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`request ${id} was not written`);
}

describe("tags and feedback over PostgreSQL", () => {
  it("stores a request's metadata, user, header and key tags, and records feedback on it", async () => {
    const response = await post(
      "/v1/chat/completions",
      TAGGED_KEY,
      {
        model: "switchyard/auto",
        messages: [{ role: "user", content: "What is 2+2?" }],
        metadata: { feature: "faq", tier: "gold" },
        user: "u-9",
      },
      { "x-switchyard-tags": "beta" },
    );
    expect(response.status).toBe(200);
    const requestId = response.headers.get("x-request-id") as string;
    const served = response.headers.get("x-switchyard-model");
    const row = await storedRow(requestId);
    expect(row.tags).toEqual([
      "feature:faq",
      "tier:gold",
      "user:u-9",
      "beta",
      "app:billing",
      "env:prod",
    ]);

    const first = await post("/v1/feedback", TAGGED_KEY, { request_id: requestId, score: 0.4 });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      object: "feedback",
      request_id: requestId,
      score: 0.4,
    });
    const again = await post("/v1/feedback", TAGGED_KEY, {
      request_id: requestId,
      thumbs: "up",
      comment: "on second thought, right",
    });
    expect(again.status).toBe(200);

    const outcomes = await prisma.outcome.findMany({ where: { requestId } });
    expect(outcomes).toHaveLength(1);
    const policy = await prisma.routingPolicy.findFirstOrThrow({ where: { teamId } });
    expect(outcomes[0]).toMatchObject({
      teamId,
      policyId: policy.id,
      source: "feedback",
      sourceId: `key:${keyId}`,
      tags: row.tags,
      grades: { [served as string]: { quality: 1 } },
      comment: "on second thought, right",
    });
  }, 30_000);

  it("answers 404 to another team's key, and stores nothing for it", async () => {
    const response = await post("/v1/chat/completions", TAGGED_KEY, {
      model: "switchyard/auto",
      messages: [{ role: "user", content: "hello" }],
    });
    const requestId = response.headers.get("x-request-id") as string;
    await storedRow(requestId);
    const foreign = await post("/v1/feedback", OTHER_TEAM_KEY, {
      request_id: requestId,
      thumbs: "down",
    });
    expect(foreign.status).toBe(404);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe(
      "request_not_found",
    );
    expect(await prisma.outcome.count({ where: { requestId } })).toBe(0);
  }, 30_000);
});
