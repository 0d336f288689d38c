/**
 * Stored responses over PostgreSQL with two gateway instances on one database (as the app builds
 * them: buildDatabaseGateway over the repositories). A follow-up on the other instance arrives
 * before the first instance's background write has landed and still finds the response; rows
 * are per team, carry the team's retention, are never served once expired and are swept.
 */
import {
  createApiKey,
  createPrisma,
  generateEncryptionKey,
  type PrismaClient,
  PrismaResponseStore,
} from "@switchyard/db";
import { seed } from "@switchyard/db/seed";
import { createTeam, createTestDatabase, type TestDatabase } from "@switchyard/db/testing";
import { type GatewayOptions, type GatewayServer, startGatewayServer } from "@switchyard/gateway";
import { type MockLlm, startMockLlm } from "@switchyard/mock-llm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningGateway } from "./build-gateway";
import { buildDatabaseGateway } from "./database-gateway";

const KEY = "sk-sy-storedResponses0123456789";
const OTHER_KEY = "sk-sy-storedResponsesOther0123456789";
const encryptionKey = generateEncryptionKey();
/** Instance A writes late (its background flush waits this long): B's follow-up comes first. */
const SLOW_FLUSH_MS = 600;

let database: TestDatabase;
let mock: MockLlm;
let prisma: PrismaClient;
let teamId: string;
const instances: { running: RunningGateway; server: GatewayServer }[] = [];

async function startInstance(options: Partial<GatewayOptions>) {
  const running = await buildDatabaseGateway({
    prisma,
    databaseUrl: database.url,
    encryptionKey,
    logger: pino({ level: "silent" }),
    options: {
      allowedPrivateHosts: [new URL(mock.url).host],
      usageFlushMs: 10,
      storedResponsesSweepMs: 0,
      ...options,
    },
  });
  const server = await startGatewayServer({ gateway: running.gateway, port: 0 });
  instances.push({ running, server });
  return server;
}

let a: GatewayServer;
let b: GatewayServer;

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
  const team = await prisma.team.update({
    where: { slug: "demo" },
    data: { responseRetentionDays: 7 },
  });
  teamId = team.id;
  await createApiKey(prisma, { teamId, name: "stored", plaintext: KEY });
  const other = await createTeam(prisma);
  await createApiKey(prisma, { teamId: other.id, name: "other", plaintext: OTHER_KEY });
  a = await startInstance({ storedResponsesFlushMs: SLOW_FLUSH_MS });
  b = await startInstance({ storedResponsesWaitMs: 3_000 });
}, 60_000);

afterAll(async () => {
  for (const { running, server } of instances) {
    await server.close(1_000);
    await running.close();
  }
  await prisma?.$disconnect();
  await mock?.close();
  await database?.drop();
});

type Body = Record<string, unknown> & { id: string };

async function call(
  server: GatewayServer,
  method: string,
  path: string,
  body?: unknown,
  apiKey = KEY,
): Promise<{ status: number; body: Body }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Body };
}

async function create(server: GatewayServer, body: Record<string, unknown>): Promise<Body> {
  const answer = await call(server, "POST", "/v1/responses", body);
  expect(answer.status).toBe(200);
  return answer.body;
}

async function rowOf(id: string) {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const row = await prisma.storedResponse.findUnique({ where: { id } });
    if (row !== null) return row;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`response ${id} was not written`);
}

describe("stored responses on two instances over PostgreSQL", { timeout: 30_000 }, () => {
  it("a follow-up on the other instance finds a response whose write has not landed yet", async () => {
    const first = await create(a, { model: "demo-small", input: "Hello there." });
    expect(await prisma.storedResponse.findUnique({ where: { id: first.id } })).toBeNull();
    const second = await create(b, {
      model: "demo-medium",
      input: "And then?",
      previous_response_id: first.id,
    });
    expect(second.previous_response_id).toBe(first.id);
    const row = await rowOf(first.id);
    expect(row.teamId).toBe(teamId);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(7 * 86_400_000);
    expect(await call(b, "GET", `/v1/responses/${first.id}`)).toEqual({ status: 200, body: first });
    await rowOf(second.id);
    const items = await call(a, "GET", `/v1/responses/${second.id}/input_items?order=asc`);
    expect((items.body.data as unknown[]).length).toBe(3);
  });

  it("is per team, deletable from either instance, and never served once expired", async () => {
    const created = await create(b, { model: "demo-small", input: "Mine." });
    await rowOf(created.id);
    const path = `/v1/responses/${created.id}`;
    expect((await call(a, "GET", path, undefined, OTHER_KEY)).status).toBe(404);
    expect((await call(a, "DELETE", path, undefined, OTHER_KEY)).status).toBe(404);
    expect(await call(a, "DELETE", path)).toEqual({
      status: 200,
      body: { id: created.id, object: "response", deleted: true },
    });
    expect(await prisma.storedResponse.findUnique({ where: { id: created.id } })).toBeNull();

    const expiring = await create(b, { model: "demo-small", input: "Old." });
    await rowOf(expiring.id);
    await prisma.storedResponse.update({
      where: { id: expiring.id },
      data: { expiresAt: new Date(Date.now() - 1_000) },
    });
    expect((await call(a, "GET", `/v1/responses/${expiring.id}`)).status).toBe(404);
    const store = new PrismaResponseStore(prisma);
    const live = await prisma.storedResponse.count({ where: { expiresAt: { gt: new Date() } } });
    expect(await store.deleteExpired(new Date(), 100)).toBe(1);
    expect(await prisma.storedResponse.count()).toBe(live);
  });
});
