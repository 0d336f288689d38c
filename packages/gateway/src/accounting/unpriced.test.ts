import { type PriceVersion, picosToUsdString, type RequestLogEntry } from "@switchyard/core";
import { MemoryLimits, parseBudget } from "@switchyard/limits";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeModel } from "../testing/fakes";
import { type Harness, startHarness, waitFor } from "../testing/harness";

/**
 * A model without a price is served and logged with its cost unknown (never $0 in silence), and
 * kept from requests a budget covers. Price versions: a request is charged at the price in
 * effect when it arrived.
 */
const limits = new MemoryLimits();
let h: Harness;

const version = (from: string, input: number | null, output: number | null): PriceVersion => ({
  effectiveFrom: new Date(from),
  inputPricePerMillion: input,
  outputPricePerMillion: output,
  cachedInputPricePerMillion: null,
  cacheWrite5mPricePerMillion: null,
  cacheWrite1hPricePerMillion: null,
  reasoningPricePerMillion: null,
});

beforeAll(async () => {
  h = await startHarness({
    limits,
    extraModels: (baseUrl) => [
      makeModel({ name: "mystery", baseUrl, unpriced: true }),
      makeModel({
        name: "mystery-with-fallback",
        upstreamName: "mystery",
        baseUrl,
        unpriced: true,
        settings: { fallbacks: ["small"] },
      }),
      makeModel({
        name: "repriced",
        baseUrl,
        inputPricePerMillion: 4,
        outputPricePerMillion: 8,
        priceHistory: [
          version("2020-01-01T00:00:00Z", 1, 2),
          // Takes effect long after these tests: requests now keep the 2020 price.
          version("2999-01-01T00:00:00Z", 4, 8),
        ],
      }),
    ],
  });
});
afterAll(async () => {
  await h.close();
});

let sequence = 0;
async function ask(
  model: string,
): Promise<{ status: number; body: string; row?: RequestLogEntry }> {
  const id = `unpriced-${++sequence}`;
  const response = await h.fetch("/v1/chat/completions", {
    json: { model, messages: [{ role: "user", content: "What is the tallest tree?" }] },
    headers: { "x-request-id": id },
  });
  const body = await response.text();
  if (response.status !== 200) return { status: response.status, body };
  const row = () => h.usage.entries.find((entry) => entry.clientRequestId === id);
  await waitFor(() => row() !== undefined);
  return { status: 200, body, ...(row() === undefined ? {} : { row: row() }) };
}

describe("unpriced models", () => {
  it("are served and logged with cost unknown, not as free", async () => {
    limits.setBudgets([]);
    const { status, row } = await ask("mystery");
    expect(status).toBe(200);
    expect(row?.routedModel).toBe("mystery");
    expect(row?.unpriced).toBe(true);
    expect(row?.inputTokens).toBeGreaterThan(0);
    // Only the priced part (none here) is in cost_usd; no saving is claimed against a baseline.
    expect(row?.costUsd).toBe("0.000000000000");
    expect(row?.baselineCostUsd).toBe(row?.costUsd);
  });

  it("are refused under a budget (403 model_unpriced), or skipped for a priced fallback", async () => {
    limits.setBudgets([
      parseBudget({ id: "b", scope: "team", teamId: "team_1", period: "day", limitUsd: "5" }),
    ]);
    const refused = await ask("mystery");
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).error).toMatchObject({ code: "model_unpriced" });
    const fallback = await ask("mystery-with-fallback");
    expect(fallback.status).toBe(200);
    expect(fallback.row?.routedModel).toBe("small");
    expect(fallback.row?.unpriced).toBe(false);
    limits.setBudgets([]);
  });
});

describe("price versions", () => {
  it("charge a request at the price in effect when it arrived", async () => {
    const { row } = await ask("repriced");
    if (row === undefined) throw new Error("no row");
    // The 2020 version ($1 / $2 per million), not the current fields nor the scheduled one.
    expect(row.costUsd).toBe(picosToUsdString(row.inputTokens * 1e6 + row.outputTokens * 2e6));
  });
});
