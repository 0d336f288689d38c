/** The monthly statement against the month's rows, written as the gateway writes them. */
import type { RequestLogEntry } from "@switchyard/core";
import { PrismaUsageSink, rebuildDayRollups } from "@switchyard/db";
import { createKey, createTeam } from "@switchyard/db/testing";
import { describe, expect, it } from "vitest";
import { routeTable } from "@/server/admin/registry";
import { addTokenMember, adminTestDatabase, callEndpoint } from "@/server/admin/testing";
import type { Statement } from "../contract";
import { lastCompleteMonth, monthWindow } from "./month";

const db = adminTestDatabase();

let sequence = 0;
const entry = (overrides: Partial<RequestLogEntry>): RequestLogEntry => ({
  id: `statement-${++sequence}-${Math.random().toString(36).slice(2)}`,
  clientRequestId: null,
  createdAt: new Date(),
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

const sum = (values: readonly (string | number)[]) =>
  values.reduce<number>((total, value) => total + Number(value), 0);

describe("monthly statement", () => {
  it("adds up the month's rows: totals, each breakdown, savings and budgets' use", async () => {
    const team = await createTeam(db.prisma, { name: "Statement" });
    const viewer = await addTokenMember(db.prisma, team.id, "viewer");
    const billing = (await createKey(db.prisma, { teamId: team.id, name: "billing app" })).record;
    const search = (await createKey(db.prisma, { teamId: team.id, name: "search app" })).record;
    const month = lastCompleteMonth(Date.now(), "UTC");
    const { from, to } = monthWindow(month, "UTC");
    const at = (hours: number) => new Date(from.getTime() + hours * 3_600_000);
    const base = { teamId: team.id };
    const inMonth = [
      entry({ ...base, createdAt: at(1), apiKeyId: billing.id, tags: ["app:billing", "user:ann"] }),
      entry({
        ...base,
        createdAt: at(50),
        apiKeyId: billing.id,
        inputTokens: 300,
        costUsd: "0.030000000000",
        tags: ["app:billing", "user:bob"],
      }),
      entry({
        ...base,
        createdAt: new Date(to.getTime() - 60_000),
        apiKeyId: search.id,
        routedModel: "strong",
        costUsd: "0.500000000000",
        baselineCostUsd: "0.600000000000",
        status: "error",
        tags: ["app:search", "user:ann"],
      }),
    ];
    const outside = [
      entry({ ...base, createdAt: new Date(from.getTime() - 60_000), apiKeyId: search.id }),
      entry({ ...base, createdAt: to, apiKeyId: billing.id }),
    ];
    await new PrismaUsageSink(db.prisma).writeBatch([...inMonth, ...outside]);
    await rebuildDayRollups(db.prisma, null);
    const teamBudget = await db.prisma.budget.create({
      data: { teamId: team.id, scope: "team", period: "month", limitUsd: "1.08" },
    });
    await db.prisma.budget.create({
      data: { teamId: team.id, scope: "key", apiKeyId: search.id, period: "day", limitUsd: "5" },
    });

    const result = await callEndpoint("statement.get", {
      token: viewer.token,
      params: { teamId: team.id },
      path: `/api/admin/teams/${team.id}/statement?month=${month}`,
    });
    expect(result.status).toBe(200);
    const statement = result.json as Statement;
    const cost = sum(inMonth.map((row) => row.costUsd));
    const baseline = sum(inMonth.map((row) => row.baselineCostUsd));
    expect(statement).toMatchObject({
      month,
      complete: true,
      window: { from: from.toISOString() },
    });
    expect(statement.total).toMatchObject({
      requests: 3,
      errors: 1,
      inputTokens: sum(inMonth.map((row) => row.inputTokens)),
      outputTokens: sum(inMonth.map((row) => row.outputTokens)),
    });
    expect(Number(statement.total.costUsd)).toBeCloseTo(cost, 9);
    expect(Number(statement.total.baselineCostUsd)).toBeCloseTo(baseline, 9);
    expect(Number(statement.savingsUsd)).toBeCloseTo(baseline - cost, 9);
    for (const rows of [statement.byKey, statement.byModel]) {
      expect(sum(rows.map((row) => row.costUsd))).toBeCloseTo(cost, 9);
      expect(sum(rows.map((row) => row.requests))).toBe(3);
    }
    expect(statement.byKey.map((row) => [row.label, row.requests])).toEqual([
      ["search app", 1],
      ["billing app", 2],
    ]);
    expect(statement.byTag.find((row) => row.group === "app:billing")?.requests).toBe(2);
    expect(statement.byUser.map((row) => [row.group, row.requests])).toEqual([
      ["ann", 2],
      ["bob", 1],
    ]);
    const monthly = statement.budgets.find((budget) => budget.id === teamBudget.id);
    expect(monthly).toMatchObject({ scope: "team", keyName: null, usedPercent: 50 });
    expect(statement.budgets.find((budget) => budget.scope === "key")).toMatchObject({
      keyName: "search app",
      spentUsd: expect.stringMatching(/^0\.5/),
      usedPercent: null,
    });

    // The Spend page over the same window shows the same numbers.
    const spend = await callEndpoint("spend.get", {
      token: viewer.token,
      params: { teamId: team.id },
      path: `/api/admin/teams/${team.id}/spend?range=custom&from=${from.toISOString()}&to=${to.toISOString()}&by=key`,
    });
    const spendJson = spend.json as { rows: unknown[]; total: unknown };
    expect(spendJson.total).toEqual(statement.total);
    expect(spendJson.rows).toEqual(statement.byKey);

    // No month: the last complete one.
    const byDefault = await callEndpoint("statement.get", {
      token: viewer.token,
      params: { teamId: team.id },
    });
    expect((byDefault.json as Statement).month).toBe(month);

    // The same statement as CSV.
    const handler = routeTable["statement.get"];
    if (!handler) throw new Error("statement.get is not registered");
    const csv = await handler(
      new Request(
        `http://localhost/api/admin/teams/${team.id}/statement?month=${month}&format=csv`,
        {
          headers: { authorization: `Bearer ${viewer.token}` },
        },
      ),
      { params: Promise.resolve({ teamId: team.id }) },
    );
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toContain(`statement-${month}.csv`);
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe(
      "section,id,name,requests,errors,input_tokens,output_tokens,cost_usd,baseline_cost_usd,limit_usd,used_percent",
    );
    expect(lines[1]).toBe(
      `total,${month},Statement,3,1,500,30,${statement.total.costUsd},${statement.total.baselineCostUsd},,`,
    );
    expect(lines.filter((line) => line.startsWith("key,"))).toHaveLength(2);
    expect(lines.filter((line) => line.startsWith("budget,"))).toHaveLength(2);
  });

  it("refuses a malformed month and one that has not started", async () => {
    const team = await createTeam(db.prisma, { name: "Statement errors" });
    const viewer = await addTokenMember(db.prisma, team.id, "viewer");
    const call = (month: string) =>
      callEndpoint("statement.get", {
        token: viewer.token,
        params: { teamId: team.id },
        path: `/api/admin/teams/${team.id}/statement?month=${month}`,
      });
    expect((await call("2026-13")).status).toBe(400);
    const future = await call(`${new Date().getUTCFullYear() + 2}-01`);
    expect(future.status).toBe(400);
    expect(JSON.stringify(future.json)).toContain("has not started");
  });
});
