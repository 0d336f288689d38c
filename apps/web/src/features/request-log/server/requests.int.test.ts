import { createKey, createTeam } from "@switchyard/db/testing";
import { describe, expect, it } from "vitest";
import { addTokenMember, adminTestDatabase, callEndpoint } from "@/server/admin/testing";
import type { RequestDetail, RequestSummary } from "../contract";

const db = adminTestDatabase();

type Page = { requests: RequestSummary[]; nextCursor: string | null };

function logRow(teamId: string, id: string, createdAt: Date, extra: Record<string, unknown> = {}) {
  return {
    id,
    createdAt,
    teamId,
    surface: "openai",
    requestedModel: "switchyard/auto",
    routedModel: "gpt-5-mini",
    provider: "openai",
    routeReason: "default",
    routeTrace: { reason: "default", gates: [], fallbacks: [] },
    inputTokens: 10,
    outputTokens: 20,
    costUsd: "0.000123",
    baselineCostUsd: "0.001",
    latencyMs: 300,
    ttftMs: null,
    overheadMs: 0.4,
    status: "ok",
    httpStatus: 200,
    attemptCount: 1,
    cascaded: false,
    streamed: false,
    usageEstimated: false,
    attempts: [
      {
        model: "gpt-5-mini",
        provider: "openai",
        reason: "primary",
        status: 200,
        error: null,
        ms: 290,
      },
    ],
    ...extra,
  };
}

async function setUp() {
  const team = await createTeam(db.prisma);
  const viewer = await addTokenMember(db.prisma, team.id, "viewer");
  return { team, token: viewer.token };
}

async function list(teamId: string, token: string, query: string) {
  const result = await callEndpoint("requests.list", {
    path: `/api/admin/teams/${teamId}/requests${query}`,
    token,
    params: { teamId },
  });
  return result as { status: number; json: Page };
}

describe("request log", () => {
  it("walks every row exactly once with keyset pages, newest first, ties broken by id", async () => {
    const { team, token } = await setUp();
    const start = Date.UTC(2026, 0, 1);
    // 23 rows over 10 distinct instants: several rows share a created_at.
    const rows = Array.from({ length: 23 }, (_, i) =>
      logRow(team.id, `req-${String(i).padStart(2, "0")}`, new Date(start + (i % 10) * 1000), {
        status: i % 5 === 0 ? "error" : "ok",
        httpStatus: i % 5 === 0 ? 502 : 200,
      }),
    );
    await db.prisma.requestLog.createMany({ data: rows });
    const expected = [...rows]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((row) => row.id);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; json: Page } = await list(
        team.id,
        token,
        `?limit=4${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.json.requests.map((request) => request.id));
      cursor = page.json.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(23);
    expect(pages).toBe(6);

    const errors = await list(team.id, token, "?status=error&limit=100");
    expect(errors.json.requests.map((request) => request.id).sort()).toEqual([
      "req-00",
      "req-05",
      "req-10",
      "req-15",
      "req-20",
    ]);
    expect(errors.json.nextCursor).toBeNull();

    const window = await list(
      team.id,
      token,
      `?from=${new Date(start + 8000).toISOString()}&to=${new Date(start + 9000).toISOString()}`,
    );
    expect(window.json.requests.map((request) => request.id).sort()).toEqual(["req-08", "req-18"]);
    expect((await list(team.id, token, "?cursor=garbage")).status).toBe(400);
  });

  it("filters by tag, exactly", async () => {
    const { team, token } = await setUp();
    const at = new Date();
    await db.prisma.requestLog.createMany({
      data: [
        logRow(team.id, "t1", at, { tags: ["task:summarise", "user:alice"] }),
        logRow(team.id, "t2", at, { tags: ["task:summarise-long"] }),
        logRow(team.id, "t3", at, { tags: ["user:alice"] }),
        logRow(team.id, "t4", at),
      ],
    });
    const ids = async (query: string) =>
      (await list(team.id, token, query)).json.requests.map((request) => request.id);
    expect(await ids("?tag=task%3Asummarise")).toEqual(["t1"]);
    expect(await ids("?tag=user%3Aalice")).toEqual(["t3", "t1"]);
    expect(await ids("?tag=user%3Aalice&model=nope")).toEqual([]);
    expect(await ids("?tag=task")).toEqual([]);
  });

  it("filters by key, model and route reason group", async () => {
    const { team, token } = await setUp();
    const key = (await createKey(db.prisma, { teamId: team.id, name: "prod" })).record;
    const at = new Date();
    await db.prisma.requestLog.createMany({
      data: [
        logRow(team.id, "k1", at, {
          apiKeyId: key.id,
          routeReason: "classifier:0.70>=0.50",
          routedModel: "gpt-5",
        }),
        logRow(team.id, "k2", at, { routeReason: "rule:code" }),
        logRow(team.id, "k3", at, { routeReason: "rule:code+classifier:0.10<0.50" }),
        logRow(team.id, "k4", at, { routeReason: "rule:codex" }),
      ],
    });
    const byKey = await list(team.id, token, `?keyId=${key.id}`);
    expect(byKey.json.requests.map((request) => [request.id, request.keyName])).toEqual([
      ["k1", "prod"],
    ]);
    const byModel = await list(team.id, token, "?model=gpt-5");
    expect(byModel.json.requests.map((request) => request.id)).toEqual(["k1"]);
    const byRule = await list(team.id, token, "?routeReason=rule%3Acode");
    expect(byRule.json.requests.map((request) => request.id)).toEqual(["k3", "k2"]);
    const byClassifier = await list(team.id, token, "?routeReason=classifier");
    expect(byClassifier.json.requests.map((request) => request.id)).toEqual(["k1"]);
  });

  it("shows one request's detail with content only when logged; another team's id is 404", async () => {
    const { team, token } = await setUp();
    const other = await createTeam(db.prisma);
    await db.prisma.requestLog.createMany({
      data: [
        logRow(team.id, "with-content", new Date(), {
          promptText: "What is 2+2?",
          completionText: "4",
          ttftMs: 120,
          streamed: true,
        }),
        logRow(team.id, "without-content", new Date(), {
          cachedInputTokens: 6,
          reasoningTokens: 5,
          unpriced: true,
        }),
        logRow(other.id, "someone-else", new Date()),
      ],
    });
    const get = (teamId: string, requestId: string) =>
      callEndpoint("requests.get", {
        path: `/api/admin/teams/${teamId}/requests/${requestId}`,
        token,
        params: { teamId, requestId },
      }) as Promise<{ status: number; json: { request: RequestDetail } }>;

    const detail = await get(team.id, "with-content");
    expect(detail.status).toBe(200);
    expect(detail.json.request).toMatchObject({
      id: "with-content",
      promptText: "What is 2+2?",
      completionText: "4",
      ttftMs: 120,
      overheadMs: 0.4,
      costUsd: "0.000123",
      baselineCostUsd: "0.001",
      attempts: [{ model: "gpt-5-mini", status: 200, ms: 290 }],
      routeTrace: { reason: "default" },
    });
    const bare = await get(team.id, "without-content");
    expect(bare.json.request).toMatchObject({
      promptText: null,
      completionText: null,
      cachedInputTokens: 6,
      cacheWrite5mTokens: 0,
      cacheWrite1hTokens: 0,
      reasoningTokens: 5,
      unpriced: true,
    });
    expect(detail.json.request.unpriced).toBe(false);
    expect((await get(team.id, "someone-else")).status).toBe(404);
  });

  it("shows a request's tags and the feedback given on it, the served model's grade", async () => {
    const { team, token } = await setUp();
    await db.prisma.requestLog.create({
      data: logRow(team.id, "graded", new Date(), { tags: ["task:code", "app:billing"] }),
    });
    await db.prisma.outcome.createMany({
      data: [
        {
          id: "00000000-0000-4000-8000-000000000001",
          teamId: team.id,
          requestId: "graded",
          source: "feedback",
          sourceId: "key:k1",
          grades: { "gpt-5-mini": { quality: 0.75 } },
          comment: "mostly right",
          createdAt: new Date("2026-12-01T10:00:00Z"),
        },
        {
          id: "00000000-0000-4000-8000-000000000002",
          teamId: team.id,
          requestId: "graded",
          source: "calibration",
          sourceId: "judge:big",
          grades: { "gpt-5-mini": { quality: 0.1 }, big: { quality: 0.9 } },
        },
      ],
    });
    const detail = (await callEndpoint("requests.get", {
      path: `/api/admin/teams/${team.id}/requests/graded`,
      token,
      params: { teamId: team.id, requestId: "graded" },
    })) as { status: number; json: { request: RequestDetail } };
    expect(detail.status).toBe(200);
    expect(detail.json.request.tags).toEqual(["task:code", "app:billing"]);
    expect(detail.json.request.feedback).toEqual([
      {
        sourceId: "key:k1",
        score: 0.75,
        comment: "mostly right",
        createdAt: "2026-12-01T10:00:00.000Z",
      },
    ]);
  });
});
