/** Spend by key, model, tag and user over a window, from rows written as the gateway writes them. */
import type { RequestLogEntry } from "@switchyard/core";
import { PrismaUsageSink } from "@switchyard/db";
import { createKey, createTeam } from "@switchyard/db/testing";
import { describe, expect, it } from "vitest";
import { addTokenMember, adminTestDatabase, callEndpoint } from "@/server/admin/testing";

const db = adminTestDatabase();

let sequence = 0;
const entry = (overrides: Partial<RequestLogEntry>): RequestLogEntry => ({
  id: `spend-${++sequence}-${Math.random().toString(36).slice(2)}`,
  clientRequestId: null,
  createdAt: new Date(Date.now() - 3_600_000),
  teamId: "",
  apiKeyId: null,
  policyVersionId: null,
  surface: "openai",
  requestedModel: "switchyard/auto",
  routedModel: "cheap",
  provider: "openai",
  routeReason: "default",
  routeTrace: {},
  inputTokens: 100,
  outputTokens: 10,
  costUsd: "0.010000000000",
  baselineCostUsd: "0.100000000000",
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

describe("spend", () => {
  it("groups the window's spend by key, model, tag and user, dearest first", async () => {
    const team = await createTeam(db.prisma, { name: "Finance" });
    const viewer = await addTokenMember(db.prisma, team.id, "viewer");
    const billing = (await createKey(db.prisma, { teamId: team.id, name: "billing app" })).record;
    const search = (await createKey(db.prisma, { teamId: team.id, name: "search app" })).record;
    const base = { teamId: team.id };
    await new PrismaUsageSink(db.prisma).writeBatch([
      entry({ ...base, apiKeyId: billing.id, tags: ["app:billing", "user:ann"] }),
      entry({ ...base, apiKeyId: billing.id, tags: ["app:billing", "user:bob"] }),
      entry({
        ...base,
        apiKeyId: search.id,
        routedModel: "strong",
        costUsd: "0.500000000000",
        tags: ["app:search", "user:ann"],
      }),
      // Outside the 7-day window.
      entry({ ...base, apiKeyId: search.id, createdAt: new Date(Date.now() - 9 * 86_400_000) }),
    ]);
    const spend = async (by: string) => {
      const result = await callEndpoint("spend.get", {
        token: viewer.token,
        params: { teamId: team.id },
        path: `/api/admin/teams/${team.id}/spend?range=7d&by=${by}`,
      });
      expect(result.status).toBe(200);
      return result.json as {
        rows: { group: string; label: string; requests: number; costUsd: string }[];
        total: { requests: number; costUsd: string };
      };
    };
    const byKey = await spend("key");
    expect(byKey.total).toMatchObject({ requests: 3 });
    expect(Number(byKey.total.costUsd)).toBeCloseTo(0.52, 9);
    expect(byKey.rows.map((r) => [r.label, r.requests, Number(r.costUsd)])).toEqual([
      ["search app", 1, 0.5],
      ["billing app", 2, 0.02],
    ]);
    const byModel = await spend("model");
    expect(byModel.rows.map((r) => r.group)).toEqual(["strong", "cheap"]);
    const byTag = await spend("tag");
    expect(byTag.rows.find((r) => r.group === "app:billing")).toMatchObject({ requests: 2 });
    const byUser = await spend("user");
    expect(byUser.rows.map((r) => [r.group, r.requests, Number(r.costUsd)])).toEqual([
      ["ann", 2, 0.51],
      ["bob", 1, 0.01],
    ]);
  });
});
