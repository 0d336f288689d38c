import { formatUsd, usdToPicos } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { parseBudget, parseRateLimit } from "./budget-spec";
import { budgetError, limitsUnavailable, rateError } from "./limit-errors";

describe("budget specs", () => {
  it("converts decimal USD to exact pico-dollars", () => {
    expect(usdToPicos("10")).toBe(10_000_000_000_000);
    expect(usdToPicos("0.000000000001")).toBe(1);
    expect(usdToPicos("1234.5")).toBe(1_234_500_000_000_000);
    // Decimal(18, 6) from the database: up to 12 integer digits.
    expect(usdToPicos("123456789012.500000")).toBe(123_456_789_012.5e12);
    expect(() => usdToPicos("1e3")).toThrow();
  });

  it("normalises a spec: picos, sorted unique thresholds, defaults", () => {
    const budget = parseBudget({
      id: "b",
      scope: "team",
      teamId: "t",
      period: "month",
      limitUsd: "25.50",
      alertThresholds: [100, 50, 80, 50],
    });
    expect(budget).toMatchObject({
      limitPicos: 25_500_000_000_000,
      alertThresholds: [50, 80, 100],
      action: "block",
      timeZone: "UTC",
      apiKeyId: undefined,
    });
    expect(
      parseBudget({
        id: "b",
        scope: "key",
        teamId: "t",
        apiKeyId: "k",
        period: "day",
        limitPicos: 7,
      }).limitPicos,
    ).toBe(7);
  });

  it("rejects incomplete or invalid specs", () => {
    expect(() => parseBudget({ id: "b", scope: "team", teamId: "t", period: "day" })).toThrow(
      /limitUsd or limitPicos/,
    );
    expect(() =>
      parseBudget({ id: "b", scope: "key", teamId: "t", period: "day", limitUsd: "1" }),
    ).toThrow(/apiKeyId/);
    expect(() =>
      parseBudget({
        id: "b",
        scope: "team",
        teamId: "t",
        period: "day",
        limitUsd: "1",
        timeZone: "Nowhere/Land",
      }),
    ).toThrow(/time zone/);
    expect(() =>
      parseBudget({ id: "b", scope: "team", teamId: "t", period: "year", limitUsd: "1" }),
    ).toThrow();
    expect(() => parseRateLimit({ scope: "key", id: "k" })).toThrow(/rpm or tpm/);
    expect(parseRateLimit({ scope: "key", id: "k", rpm: 60 })).toEqual({
      scope: "key",
      id: "k",
      rpm: 60,
    });
  });
});

describe("limit errors", () => {
  it("formats USD amounts", () => {
    expect(formatUsd(10_000_000_000_000)).toBe("$10.00");
    expect(formatUsd(2_500_000_000)).toBe("$0.0025");
    expect(formatUsd(0)).toBe("$0.00");
  });

  it("says when a lifetime budget is exhausted that it never resets", () => {
    const budget = parseBudget({
      id: "forever",
      scope: "team",
      teamId: "t",
      period: "lifetime",
      limitUsd: "100",
    });
    const error = budgetError(budget, null);
    expect(error.message).toBe(
      "The lifetime budget of this team is exhausted: limit $100.00 lifetime. It does not reset.",
    );
    expect(error.headers["x-switchyard-budget-reset"]).toBeUndefined();
  });

  it("is a 402 insufficient_quota (SDKs do not retry it) naming budget, team and key, never ids", () => {
    const team = parseBudget({
      id: "clx1budget",
      name: "Launch cap",
      scope: "team",
      teamId: "clx1team",
      teamName: "Acme Research",
      period: "month",
      limitUsd: "25",
    });
    const teamError = budgetError(team, Date.UTC(2030, 1, 1));
    expect(teamError).toMatchObject({
      status: 402,
      code: "budget_exceeded",
      type: "insufficient_quota",
      retryable: false,
    });
    expect(teamError.message).toBe(
      'Budget "Launch cap" of team "Acme Research" is exhausted: limit $25.00 per month. It resets at 2030-02-01T00:00:00.000Z.',
    );
    const key = parseBudget({
      id: "clx2budget",
      scope: "key",
      teamId: "clx1team",
      teamName: "Acme Research",
      apiKeyId: "clx3key",
      apiKeyName: "nightly-batch",
      period: "day",
      limitUsd: "1",
    });
    const keyError = budgetError(key, null);
    expect(keyError.message).toMatch(/^The daily budget of API key "nightly-batch" is exhausted/);
    for (const message of [teamError.message, keyError.message]) expect(message).not.toMatch(/clx/);
  });

  it("names the key or team of a rate limit, never its id", () => {
    const named = parseRateLimit({ scope: "key", id: "clx3key", name: "nightly-batch", rpm: 60 });
    const rate = {
      key: "key:clx3key:requests",
      scope: named.scope,
      id: named.id,
      name: named.name,
      kind: "requests" as const,
      limit: 60,
      windowMs: 60_000,
      intervalMs: 1_000,
    };
    const error = rateError(rate, 2_500, {});
    expect(error).toMatchObject({ status: 429, type: "rate_limit_error", retryAfterSeconds: 3 });
    expect(error.message).toBe(
      'Rate limit reached for API key "nightly-batch": 60 requests per minute. Try again in 3s.',
    );
    const unnamed = rateError({ ...rate, scope: "team", name: undefined }, 2_500, {});
    expect(unnamed.message).toMatch(/^Rate limit reached for this team: /);
    expect(unnamed.message).not.toMatch(/clx/);
  });

  it("has a 503 for an unreachable store", () => {
    expect(limitsUnavailable()).toMatchObject({
      status: 503,
      code: "limits_unavailable",
      retryAfterSeconds: 1,
    });
  });
});
