/**
 * What the official SDKs do with the gateway's refusals: they retry a 429 (and a 5xx) on their
 * own, so an exhausted budget answers 402, which they give up on at once, while a rate limit
 * keeps its 429 and retry-after. Each client counts the HTTP requests it makes.
 */
import Anthropic from "@anthropic-ai/sdk";
import { MemoryLimits, parseBudget, parseRateLimit } from "@switchyard/limits";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, TEST_KEY } from "./testing/harness";

/** A fetch that counts requests and, for a 429, asks the SDK to wait 1 ms instead of retry-after. */
function countingFetch() {
  const calls = { count: 0, statuses: [] as number[] };
  const wrapped = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.count += 1;
    const response = await fetch(input, init);
    calls.statuses.push(response.status);
    if (response.status !== 429) return response;
    const headers = new Headers(response.headers);
    headers.set("retry-after-ms", "1");
    return new Response(await response.arrayBuffer(), { status: 429, headers });
  }) as typeof fetch;
  return { calls, fetch: wrapped };
}

const clients = (h: Harness, fetch: typeof globalThis.fetch) => ({
  openai: new OpenAI({ apiKey: TEST_KEY, baseURL: `${h.server.url}/v1`, maxRetries: 2, fetch }),
  anthropic: new Anthropic({ apiKey: TEST_KEY, baseURL: h.server.url, maxRetries: 2, fetch }),
});
const ask = { model: "small", messages: [{ role: "user" as const, content: "hello" }] };

describe("an exhausted budget", () => {
  let h: Harness;
  const limits = new MemoryLimits();
  beforeAll(async () => {
    limits.setBudgets([
      parseBudget({
        id: "b-spent",
        name: "Pilot",
        scope: "team",
        teamId: "team_1",
        teamName: "Acme",
        period: "day",
        limitUsd: "0",
      }),
    ]);
    h = await startHarness({ limits });
  });
  afterAll(async () => {
    await h.close();
  });

  it("is a 402 insufficient_quota that the openai SDK does not retry", async () => {
    const { calls, fetch } = countingFetch();
    const error = await clients(h, fetch)
      .openai.chat.completions.create(ask)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    const apiError = error as InstanceType<typeof OpenAI.APIError>;
    expect(apiError.status).toBe(402);
    expect(apiError.type).toBe("insufficient_quota");
    expect(apiError.code).toBe("budget_exceeded");
    expect(apiError.message).toContain('Budget "Pilot" of team "Acme" is exhausted');
    expect(apiError.message).not.toContain("team_1");
    expect(calls.count).toBe(1);
    expect(limits.metrics().refusedBudget).toBe(1);
  });

  it("is a 402 billing_error that the Anthropic SDK does not retry", async () => {
    const { calls, fetch } = countingFetch();
    const error = await clients(h, fetch)
      .anthropic.messages.create({ ...ask, max_tokens: 100 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    const apiError = error as InstanceType<typeof Anthropic.APIError>;
    expect(apiError.status).toBe(402);
    expect(apiError.error).toMatchObject({ type: "error", error: { type: "billing_error" } });
    expect(calls.count).toBe(1);
  });
});

describe("a rate limit", () => {
  let h: Harness;
  const limits = new MemoryLimits();
  beforeAll(async () => {
    limits.setRateLimits([parseRateLimit({ scope: "key", id: "key_1", name: "ci", rpm: 1 })]);
    h = await startHarness({ limits });
  });
  afterAll(async () => {
    await h.close();
  });

  it("stays a 429 with retry-after, which the openai SDK retries", async () => {
    const { calls, fetch } = countingFetch();
    const client = clients(h, fetch).openai;
    await client.chat.completions.create(ask);
    const error = await client.chat.completions.create(ask).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const apiError = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(apiError.type).toBe("rate_limit_error");
    expect(apiError.message).toContain('Rate limit reached for API key "ci"');
    expect(Number(apiError.headers?.get("retry-after"))).toBeGreaterThan(0);
    // One served call, then the refused one and its two retries.
    expect(calls.statuses).toEqual([200, 429, 429, 429]);
  });
});
