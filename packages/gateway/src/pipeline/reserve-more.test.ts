import { MemoryLimits, parseBudget } from "@switchyard/limits";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, waitFor } from "../testing/harness";

const budget = (limitUsd: string) =>
  parseBudget({ id: "b-team", scope: "team", teamId: "team_1", period: "day", limitUsd });

/** Retries and fallbacks reserve their worst case on top of the admission's. */
describe("reserving more on retries and fallbacks", () => {
  let h: Harness;
  const limits = new MemoryLimits();
  beforeAll(async () => {
    h = await startHarness({ limits });
  });
  afterAll(async () => {
    await h.close();
  });

  const settled = async (spentPicos: number) => {
    let usage = await limits.usage("b-team");
    for (let i = 0; i < 200 && usage?.spentPicos !== spentPicos; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      usage = await limits.usage("b-team");
    }
    return usage;
  };

  it("ends with the budget error when the budget cannot cover a retry", async () => {
    // "broken" (500s, falls back to "small"): one attempt's worst case is about $0.0082.
    limits.setBudgets([budget("0.01")]);
    const response = await h.fetch("/v1/chat/completions", {
      json: { model: "broken", messages: [{ role: "user", content: "retry me" }] },
      headers: { "x-request-id": "retry-refused" },
    });
    expect(response.status).toBe(402);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("budget_exceeded");
    expect(body.error.message).toContain("The daily budget of this team is exhausted");
    expect(response.headers.get("x-switchyard-budget")).toBe("b-team");
    await waitFor(() => h.usage.entries.some((e) => e.clientRequestId === "retry-refused"));
    expect(h.usage.entries.find((e) => e.clientRequestId === "retry-refused")?.attemptCount).toBe(
      1,
    );
    expect(await settled(0)).toMatchObject({ spentPicos: 0, reservedPicos: 0 });
  });

  it("serves through retries and the fallback when the budget covers them, then settles", async () => {
    limits.setBudgets([budget("1")]);
    const response = await h.fetch("/v1/chat/completions", {
      json: { model: "broken", messages: [{ role: "user", content: "fall back" }] },
      headers: { "x-request-id": "retry-served" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-model")).toBe("small");
    await waitFor(() => h.usage.entries.some((e) => e.clientRequestId === "retry-served"));
    const entry = h.usage.entries.find((e) => e.clientRequestId === "retry-served");
    expect(entry?.attemptCount).toBe(4);
    const picos = Math.round(Number(entry?.costUsd) * 1e12);
    expect(picos).toBeGreaterThan(0);
    expect(await settled(picos)).toMatchObject({ spentPicos: picos, reservedPicos: 0 });
  });
});

describe("reserving more on a cascade escalation", () => {
  let h: Harness;
  const limits = new MemoryLimits();
  beforeAll(async () => {
    h = await startHarness({
      limits,
      policies: [
        {
          policyId: "p-auto",
          versionId: "pv-auto",
          version: 1,
          teamId: "team_1",
          alias: "switchyard/auto",
          body: {
            version: 1,
            defaultModel: "small",
            baselineModel: "premium",
            otherwise: "cascade",
            cascade: { cheap: "small", strong: "premium", threshold: 1 },
          },
        },
      ],
      // Every cheap answer scores below the threshold: always escalates.
      routing: { scorer: { name: "fixed", score: () => 0.5 } },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  const ask = (id: string) =>
    h.fetch("/v1/chat/completions", {
      json: { model: "switchyard/auto", messages: [{ role: "user", content: "Explain tides" }] },
      headers: { "x-request-id": id },
    });

  it("serves the cheap answer when the budget cannot cover the strong model's worst case", async () => {
    // small's worst case is about $0.0025, premium's about $0.061.
    limits.setBudgets([budget("0.01")]);
    const response = await ask("escalation-refused");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-model")).toBe("small");
    expect(response.headers.get("x-switchyard-route")).toBe(
      "cascade:small->premium;escalation-failed",
    );
    await waitFor(() => h.usage.entries.some((e) => e.clientRequestId === "escalation-refused"));
    const entry = h.usage.entries.find((e) => e.clientRequestId === "escalation-refused");
    const picos = Math.round(Number(entry?.costUsd) * 1e12);
    let usage = await limits.usage("b-team");
    for (let i = 0; i < 200 && usage?.spentPicos !== picos; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      usage = await limits.usage("b-team");
    }
    expect(usage).toMatchObject({ spentPicos: picos, reservedPicos: 0 });
  });

  it("escalates when the budget covers both calls", async () => {
    limits.setBudgets([budget("1")]);
    const response = await ask("escalation-covered");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-route")).toBe("cascade:small->premium;escalated");
  });
});
