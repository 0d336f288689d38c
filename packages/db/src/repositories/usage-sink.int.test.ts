import { type RequestLogEntry, UsageRowsRejected } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import type { PrismaClient } from "../client";
import {
  bucketIndex,
  emptyHistogram,
  estimateQuantile,
  LATENCY_BUCKET_BOUNDS_MS,
  TTFT_BUCKET_BOUNDS_MS,
} from "../rollup/histogram";
import { setUpTestPrisma } from "../testing/suite-database";
import { PrismaUsageSink } from "./usage-sink";

let sequence = 0;
function entry(overrides: Partial<RequestLogEntry> = {}): RequestLogEntry {
  sequence += 1;
  return {
    id: `req_${sequence}_${Math.random().toString(36).slice(2)}`,
    clientRequestId: null,
    createdAt: new Date("2026-03-01T10:15:00Z"),
    teamId: "team_1",
    apiKeyId: "key_1",
    policyVersionId: null,
    surface: "openai",
    requestedModel: "switchyard/auto",
    routedModel: "demo-small",
    provider: "openai",
    routeReason: "rule:short",
    routeTrace: { rule: "short" },
    inputTokens: 100,
    outputTokens: 50,
    costUsd: "0.000045000000",
    baselineCostUsd: "0.005250000000",
    latencyMs: 120,
    ttftMs: 40,
    overheadMs: 0.25,
    status: "ok",
    httpStatus: 200,
    errorCode: null,
    attemptCount: 1,
    cascaded: false,
    streamed: true,
    usageEstimated: false,
    attempts: [{ model: "demo-small", status: 200 }],
    promptText: null,
    completionText: null,
    ...overrides,
  };
}

describe("UsageSink", () => {
  let prisma: PrismaClient;
  let sink: PrismaUsageSink;
  setUpTestPrisma((client) => {
    prisma = client;
    sink = new PrismaUsageSink(prisma);
  });

  const rollup = (teamId: string) =>
    prisma.usageRollupHour.findMany({
      where: { teamId },
      orderBy: [{ bucket: "asc" }, { model: "asc" }, { apiKeyId: "asc" }, { routeReason: "asc" }],
    });

  it("writes every log row with its fields intact", async () => {
    const one = entry({
      teamId: "team_fields",
      apiKeyId: null,
      policyVersionId: "pv_1",
      promptText: "hello",
      completionText: "hi",
      overheadMs: 0.375,
      latencyMs: 99.6,
      ttftMs: null,
      routeTrace: undefined,
    });
    await sink.writeBatch([one]);
    const row = await prisma.requestLog.findUniqueOrThrow({ where: { id: one.id } });
    expect(row).toMatchObject({
      teamId: "team_fields",
      apiKeyId: null,
      policyVersionId: "pv_1",
      surface: "openai",
      routedModel: "demo-small",
      costUsd: expect.anything(),
      latencyMs: 100,
      ttftMs: null,
      overheadMs: 0.375,
      routeTrace: {},
      attempts: [{ model: "demo-small", status: 200 }],
      promptText: "hello",
      completionText: "hi",
      streamed: true,
    });
    expect(row.costUsd.toFixed(12)).toBe("0.000045000000");
    expect(row.createdAt.toISOString()).toBe("2026-03-01T10:15:00.000Z");
    const [hour] = await rollup("team_fields");
    expect(hour?.apiKeyId).toBe("");
    expect(hour?.ttftHistogram).toEqual(emptyHistogram(TTFT_BUCKET_BOUNDS_MS));
  });

  it("writes the token classes and the unpriced marker; rows without them get zeros", async () => {
    const classes = entry({
      teamId: "team_classes",
      cachedInputTokens: 600,
      cacheWrite5mTokens: 100,
      cacheWrite1hTokens: 50,
      reasoningTokens: 40,
      unpriced: true,
    });
    const plain = entry({ teamId: "team_classes" });
    await sink.writeBatch([classes, plain]);
    expect(await prisma.requestLog.findUniqueOrThrow({ where: { id: classes.id } })).toMatchObject({
      cachedInputTokens: 600,
      cacheWrite5mTokens: 100,
      cacheWrite1hTokens: 50,
      reasoningTokens: 40,
      unpriced: true,
    });
    expect(await prisma.requestLog.findUniqueOrThrow({ where: { id: plain.id } })).toMatchObject({
      cachedInputTokens: 0,
      cacheWrite5mTokens: 0,
      cacheWrite1hTokens: 0,
      reasoningTokens: 0,
      unpriced: false,
    });
  });

  it("writes tags and routing features, and an empty tag list for rows without tags", async () => {
    const tagged = entry({
      teamId: "team_tags",
      tags: ["task:code", "app:billing", "bad\u0000tag", "app:billing"],
      routingFeatures: { featureVersion: 1, promptKey: "abc" },
    });
    const plain = entry({ teamId: "team_tags" });
    await sink.writeBatch([tagged, plain]);
    const row = await prisma.requestLog.findUniqueOrThrow({ where: { id: tagged.id } });
    expect(row.tags).toEqual(["task:code", "app:billing", "badtag"]);
    expect(row.routingFeatures).toEqual({ featureVersion: 1, promptKey: "abc" });
    const bare = await prisma.requestLog.findUniqueOrThrow({ where: { id: plain.id } });
    expect(bare.tags).toEqual([]);
    expect(bare.routingFeatures).toBeNull();
  });

  it("keeps every row that shares a caller's request id (it is not a key)", async () => {
    const shared = Array.from({ length: 20 }, () =>
      entry({ teamId: "team_client_ids", clientRequestId: "same-client-id" }),
    );
    await sink.writeBatch(shared);
    const rows = await prisma.requestLog.findMany({ where: { teamId: "team_client_ids" } });
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((row) => row.clientRequestId))).toEqual(new Set(["same-client-id"]));
  });

  it("writes a batch holding NUL bytes and lone surrogates, with those rows cleaned", async () => {
    // {"model":"x\u0000"} is refused by the API, but it is logged: its row must not sink the batch.
    const poison = entry({
      teamId: "team_poison",
      requestedModel: "x\u0000y\ud800",
      routeReason: "rule:\u0000",
      errorCode: "bad\udc00",
      routeTrace: { steps: ["requested model 'x\u0000' \ud83d"] },
      attempts: [{ model: "m\u0000", error: "\udfff" }],
      promptText: "user: hi\u0000there",
      completionText: "\ud800\u0000",
    });
    const batch = [
      ...Array.from({ length: 100 }, () => entry({ teamId: "team_poison" })),
      poison,
      ...Array.from({ length: 99 }, () => entry({ teamId: "team_poison" })),
    ];
    await sink.writeBatch(batch);
    expect(await prisma.requestLog.count({ where: { teamId: "team_poison" } })).toBe(200);
    const row = await prisma.requestLog.findUniqueOrThrow({ where: { id: poison.id } });
    expect(row.requestedModel).toBe("xy\ufffd");
    expect(row.routeReason).toBe("rule:");
    expect(row.errorCode).toBe("bad\ufffd");
    expect(row.routeTrace).toEqual({ steps: ["requested model 'x' \ufffd"] });
    expect(row.attempts).toEqual([{ model: "m", error: "\ufffd" }]);
    expect(row.promptText).toBe("user: hithere");
    expect(row.completionText).toBe("\ufffd");
  });

  it("bounds free text a caller controls", async () => {
    const long = entry({ teamId: "team_long", requestedModel: "m".repeat(100_000) });
    await sink.writeBatch([long]);
    const row = await prisma.requestLog.findUniqueOrThrow({ where: { id: long.id } });
    expect(row.requestedModel).toHaveLength(256);
  });

  it("says when the database refuses a row for what it holds (not because it is down)", async () => {
    const huge = entry({ teamId: "team_range", latencyMs: 1e12 });
    await expect(sink.writeBatch([huge, entry({ teamId: "team_range" })])).rejects.toBeInstanceOf(
      UsageRowsRejected,
    );
  });

  it("adds two batches in the same hour together, with histograms", async () => {
    const teamId = "team_sum";
    const first = [
      entry({ teamId, latencyMs: 30, ttftMs: 12, costUsd: "0.000000000001" }),
      entry({
        teamId,
        latencyMs: 450,
        ttftMs: 80,
        cascaded: true,
        createdAt: new Date("2026-03-01T10:59:59.999Z"),
      }),
    ];
    const second = [
      entry({
        teamId,
        latencyMs: 450,
        ttftMs: null,
        costUsd: "1.000000000000",
        inputTokens: 1_000,
        outputTokens: 7,
      }),
    ];
    await sink.writeBatch(first);
    await sink.writeBatch(second);

    const rows = await rollup(teamId);
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row?.bucket.toISOString()).toBe("2026-03-01T10:00:00.000Z");
    expect(row?.requests).toBe(3);
    expect(row?.errors).toBe(0);
    expect(row?.cascaded).toBe(1);
    expect(row?.inputTokens).toBe(1_200n);
    expect(row?.outputTokens).toBe(107n);
    expect(row?.costUsd.toFixed(12)).toBe("1.000045000001");
    expect(row?.baselineCostUsd.toFixed(12)).toBe("0.015750000000");
    expect(row?.latencySumMs).toBe(930n);
    expect(row?.ttftSumMs).toBe(92n);
    expect(row?.overheadSumMs).toBeCloseTo(0.75);

    const latency = emptyHistogram(LATENCY_BUCKET_BOUNDS_MS);
    for (const value of [30, 450, 450]) latency[bucketIndex(value, LATENCY_BUCKET_BOUNDS_MS)]! += 1;
    expect(row?.latencyHistogram).toEqual(latency);
    const ttft = emptyHistogram(TTFT_BUCKET_BOUNDS_MS);
    for (const value of [12, 80]) ttft[bucketIndex(value, TTFT_BUCKET_BOUNDS_MS)]! += 1;
    expect(row?.ttftHistogram).toEqual(ttft);
  });

  it("does not double count a retried batch, even when new rows come with it", async () => {
    const teamId = "team_retry";
    const batch = [entry({ teamId }), entry({ teamId })];
    await sink.writeBatch(batch);
    await sink.writeBatch(batch);
    await sink.writeBatch([...batch, entry({ teamId }), batch[0]!]);
    const rows = await rollup(teamId);
    expect(rows.map((row) => row.requests)).toEqual([3]);
    expect(await prisma.requestLog.count({ where: { teamId } })).toBe(3);
  });

  it("keeps hours, keys, models and reasons apart, and counts errors within them", async () => {
    const teamId = "team_dims";
    await sink.writeBatch([
      entry({ teamId }),
      entry({ teamId, createdAt: new Date("2026-03-01T11:00:00Z") }),
      entry({ teamId, apiKeyId: "key_2" }),
      entry({
        teamId,
        routedModel: null,
        status: "blocked",
        httpStatus: 429,
        errorCode: "budget_exceeded",
      }),
      entry({ teamId, status: "error", httpStatus: 502, errorCode: "upstream_error" }),
      entry({ teamId, routeReason: "classifier" }),
    ]);
    const rows = await rollup(teamId);
    // The failed request shares its group with the first one: one row, one error in it.
    expect(rows).toHaveLength(5);
    const blocked = rows.find((row) => row.model === "");
    expect(blocked).toMatchObject({ requests: 1, errors: 0 });
    const shared = rows.find(
      (row) =>
        row.apiKeyId === "key_1" &&
        row.model === "demo-small" &&
        row.routeReason === "rule:short" &&
        row.bucket.toISOString() === "2026-03-01T10:00:00.000Z",
    );
    expect(shared).toMatchObject({ requests: 2, errors: 1 });
  });

  it("writes a large batch in one go", async () => {
    const teamId = "team_large";
    const batch = Array.from({ length: 500 }, (_, index) =>
      entry({ teamId, latencyMs: index * 10 }),
    );
    await sink.writeBatch(batch);
    const [row] = await rollup(teamId);
    expect(row?.requests).toBe(500);
    expect(row?.latencyHistogram.reduce((sum, count) => sum + count, 0)).toBe(500);
  });

  it("groups route reasons in rollups and keeps them raw in the log", async () => {
    const teamId = "team_reasons";
    await sink.writeBatch([
      entry({ teamId, routeReason: "classifier:0.62>=0.50" }),
      entry({ teamId, routeReason: "classifier:0.31<0.50" }),
      entry({ teamId, routeReason: "rule:math+cascade:demo-small→demo-large;escalated" }),
      entry({ teamId, routeReason: "rule:math" }),
      entry({ teamId, routeReason: "cascade:demo-small→demo-large;accepted" }),
      entry({ teamId, routeReason: "" }),
    ]);
    const rows = await rollup(teamId);
    const byReason = Object.fromEntries(rows.map((row) => [row.routeReason, row.requests]));
    expect(byReason).toEqual({
      classifier: 2,
      "rule:math": 2,
      "cascade:demo-small→demo-large": 1,
      unknown: 1,
    });
    const raw = await prisma.requestLog.findMany({
      where: { teamId },
      select: { routeReason: true },
    });
    expect(raw.map((row) => row.routeReason)).toContain("classifier:0.62>=0.50");
  });

  it("rolls up a fast model's latencies so its percentiles read as the log has them", async () => {
    // 2-10 ms answers (a local model): the dashboards once showed ~13 / 24 ms for these.
    const fast = Array.from({ length: 300 }, (_, i) =>
      entry({ teamId: "team_fast", latencyMs: 2 + (i % 9), ttftMs: 1 + (i % 5) }),
    );
    await sink.writeBatch(fast);
    const [row] = await rollup("team_fast");
    const [exact] = await prisma.$queryRaw<{ p50: number; p95: number }[]>`
      select percentile_disc(0.5) within group (order by latency_ms) as p50,
             percentile_disc(0.95) within group (order by latency_ms) as p95
        from request_logs where team_id = 'team_fast'`;
    for (const [q, truth] of [
      [0.5, exact?.p50 ?? 0],
      [0.95, exact?.p95 ?? 0],
    ] as const) {
      const estimate = estimateQuantile(row?.latencyHistogram ?? [], LATENCY_BUCKET_BOUNDS_MS, q);
      expect(Math.abs((estimate ?? 0) - truth), `q=${q}`).toBeLessThanOrEqual(1);
    }
  });
});
