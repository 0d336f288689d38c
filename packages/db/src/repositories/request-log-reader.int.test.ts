import type { RequestLogEntry } from "@switchyard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, type PrismaClient } from "../client";
import { createPublishedPolicy, createTeam } from "../testing/factories";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { PrismaRequestLogReader } from "./request-log-reader";
import { PrismaUsageSink } from "./usage-sink";

const entry = (overrides: Partial<RequestLogEntry>): RequestLogEntry => ({
  id: `req_${Math.random().toString(36).slice(2)}`,
  clientRequestId: null,
  createdAt: new Date("2026-12-01T10:15:00Z"),
  teamId: "team_1",
  apiKeyId: "key_1",
  policyVersionId: null,
  surface: "openai",
  requestedModel: "switchyard/auto",
  routedModel: "demo-small",
  provider: "openai",
  routeReason: "default",
  routeTrace: {},
  inputTokens: 10,
  outputTokens: 5,
  costUsd: "0.000001000000",
  baselineCostUsd: "0.000002000000",
  latencyMs: 100,
  ttftMs: null,
  overheadMs: 0.2,
  status: "ok",
  httpStatus: 200,
  errorCode: null,
  attemptCount: 1,
  cascaded: false,
  streamed: false,
  usageEstimated: false,
  attempts: [],
  promptText: null,
  completionText: null,
  ...overrides,
});

describe("PrismaRequestLogReader", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = createPrisma(database.url);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await database.drop();
  });

  it("finds a team's request with its policy, tags and features; never another team's", async () => {
    const team = await createTeam(prisma);
    const { policy, version } = await createPublishedPolicy(prisma, {
      teamId: team.id,
      body: { version: 1, defaultModel: "demo-small" },
    });
    const routed = entry({
      teamId: team.id,
      policyVersionId: version.id,
      tags: ["task:code", "user:u-1"],
      routingFeatures: { featureVersion: 1 },
      promptText: "user: hi",
    });
    const direct = entry({ teamId: team.id, status: "error", routedModel: null });
    await new PrismaUsageSink(prisma).writeBatch([routed, direct]);
    const reader = new PrismaRequestLogReader(prisma);

    expect(await reader.findRequest(team.id, routed.id)).toEqual({
      id: routed.id,
      teamId: team.id,
      apiKeyId: "key_1",
      policyId: policy.id,
      routedModel: "demo-small",
      status: "ok",
      tags: ["task:code", "user:u-1"],
      routingFeatures: { featureVersion: 1 },
      promptText: "user: hi",
      createdAt: routed.createdAt,
    });
    expect(await reader.findRequest(team.id, direct.id)).toMatchObject({
      policyId: null,
      routedModel: null,
      status: "error",
      tags: [],
      routingFeatures: null,
    });
    expect(await reader.findRequest("another-team", routed.id)).toBeNull();
    expect(await reader.findRequest(team.id, "no-such-request")).toBeNull();
  });
});
