import { MemoryLimits, parseBudget, parseRateLimit } from "@switchyard/limits";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeKey, makeModel, makeTeam } from "../testing/fakes";
import { type Harness, startHarness, waitFor } from "../testing/harness";
import { attemptWorstCase } from "./admission";

const chat = (model: string, content: string) => ({ model, messages: [{ role: "user", content }] });

describe("budgets and rate limits", () => {
  let h: Harness;
  const limits = new MemoryLimits();
  beforeAll(async () => {
    limits.setRateLimits([parseRateLimit({ scope: "key", id: "key_1", rpm: 3 })]);
    limits.setBudgets([
      parseBudget({
        id: "b-team",
        scope: "team",
        teamId: "team_1",
        period: "month",
        limitUsd: "5",
      }),
      parseBudget({
        id: "b-key",
        scope: "key",
        teamId: "team_1",
        apiKeyId: "key_1",
        period: "day",
        limitUsd: "0.01",
        action: "downgrade",
      }),
    ]);
    h = await startHarness({ limits });
  });
  afterAll(async () => {
    await h.close();
  });

  it("settles the real cost of a served request against the budgets and sends rate headers", async () => {
    const response = await h.fetch("/v1/chat/completions", {
      json: chat("small", "count my spend"),
      headers: { "x-request-id": "budget-1" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-ratelimit-limit-requests")).toBe("3");
    expect(response.headers.get("x-ratelimit-remaining-requests")).toBe("2");
    await waitFor(() => h.usage.entries.some((e) => e.clientRequestId === "budget-1"));
    const entry = h.usage.entries.find((e) => e.clientRequestId === "budget-1");
    const loggedPicos = Math.round(Number(entry?.costUsd) * 1e12);
    expect(loggedPicos).toBeGreaterThan(0);
    let usage = await limits.usage("b-team");
    for (let i = 0; i < 100 && usage?.spentPicos !== loggedPicos; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      usage = await limits.usage("b-team");
    }
    expect(usage?.spentPicos).toBe(loggedPicos);
    expect(usage?.reservedPicos).toBe(0);
  });

  it("downgrades to the cheapest model when a downgrade budget cannot cover the worst case", async () => {
    // premium's worst case (4,096 output tokens at $15/M) is over the key's $0.01 budget.
    const response = await h.fetch("/v1/chat/completions", {
      json: chat("premium", "expensive please"),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-model")).toBe("small");
    expect(response.headers.get("x-switchyard-route")).toBe("requested;budget-downgrade");
  });

  it("refuses past the rate limit with 429, rate headers and a blocked log entry", async () => {
    const third = await h.fetch("/v1/chat/completions", { json: chat("small", "the last one") });
    expect(third.status).toBe(200);
    expect(third.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    const response = await h.fetch("/v1/chat/completions", {
      json: chat("small", "one too many"),
      headers: { "x-request-id": "rate-blocked" },
    });
    expect(response.status).toBe(429);
    const body = (await response.json()) as { error: { type: string } };
    expect(body.error.type).toBe("rate_limit_error");
    expect(response.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    expect(response.headers.get("retry-after")).not.toBeNull();
    await waitFor(() => h.usage.entries.some((e) => e.clientRequestId === "rate-blocked"));
    expect(h.usage.entries.find((e) => e.clientRequestId === "rate-blocked")).toMatchObject({
      status: "blocked",
      httpStatus: 429,
      routedModel: null,
    });
  });
});

describe("a downgrade for a key scoped to a policy alias", () => {
  let h: Harness;
  const limits = new MemoryLimits();
  beforeAll(async () => {
    limits.setBudgets([
      parseBudget({
        id: "b-auto",
        scope: "key",
        teamId: "team_1",
        apiKeyId: "key_auto",
        period: "day",
        limitUsd: "0.01",
        action: "downgrade",
      }),
    ]);
    h = await startHarness({ limits, teamDefault: "premium" });
    const team = makeTeam({ defaultModel: "premium" });
    h.keys.add("sk-auto-only", makeKey(team, { id: "key_auto", scopes: ["switchyard/auto"] }));
  });
  afterAll(async () => {
    await h.close();
  });

  it("may go to the team's cheapest model: the alias may route to any of them", async () => {
    const response = await h.fetch("/v1/chat/completions", {
      json: chat("switchyard/auto", "expensive please"),
      headers: { authorization: "Bearer sk-auto-only" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-model")).toBe("small");
    expect(response.headers.get("x-switchyard-route")).toBe("team-default;budget-downgrade");
  });
});

describe("the worst case reserved for an attempt", () => {
  const model = makeModel({
    name: "priced",
    baseUrl: "http://127.0.0.1:1/v1",
    inputPricePerMillion: 1,
    outputPricePerMillion: 10,
    maxOutputTokens: 1000,
  });
  const request = (limits: Record<string, number | null>) => ({
    model: "priced",
    messages: [{ role: "user" as const, content: "hi" }],
    ...limits,
  });
  const worst = (limits: Record<string, number | null>, target = model) =>
    attemptWorstCase({ model: target, reason: "requested" }, request(limits));

  it("never falls to zero or below, whatever output limit reaches it", () => {
    const modelLimit = worst({});
    expect(modelLimit.picos).toBeGreaterThan(0);
    for (const bad of [0, -5, -1e9, 0.5, Number.NaN]) {
      expect(worst({ max_tokens: bad })).toEqual(modelLimit);
      expect(worst({ max_completion_tokens: bad, max_tokens: 10 })).toEqual(
        worst({ max_tokens: 10 }),
      );
    }
    const unbounded = makeModel({ ...model, maxOutputTokens: 0 });
    expect(worst({}, unbounded).tokens).toBeGreaterThan(worst({}).tokens);
  });

  it("follows a valid request limit", () => {
    expect(worst({ max_tokens: 10 }).tokens).toBeLessThan(worst({}).tokens);
    expect(worst({ max_completion_tokens: 20, max_tokens: 10 }).tokens).toBe(
      worst({ max_tokens: 20 }).tokens,
    );
  });
});
