import {
  classPrices,
  type ModelInfo,
  picosToUsdString,
  type RequestLogEntry,
} from "@switchyard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeModel } from "../testing/fakes";
import { type Harness, startHarness, waitFor } from "../testing/harness";

/**
 * Exact cost per token class, JSON and streamed, through every provider adapter against mock-llm
 * (which reports the classes in each provider's own usage fields). A stream that reports its
 * cumulative usage several times (Anthropic's message_start and message_delta, Gemini's every
 * record) is charged once: the same request costs the same, streamed or not.
 */
const CLASSES = "mock-cached-600+mock-cache-write-100+mock-cache-write-1h-50+mock-reasoning-40";

let h: Harness;
const models: Record<string, ModelInfo> = {};
beforeAll(async () => {
  h = await startHarness({
    extraModels: (baseUrl) => {
      const root = baseUrl.replace(/\/v1$/, "");
      const list = [
        makeModel({
          name: "oa",
          providerKind: "openai",
          upstreamName: `gpt+${CLASSES}`,
          baseUrl,
          inputPricePerMillion: 1.25,
          cachedInputPricePerMillion: 0.125,
          outputPricePerMillion: 10,
        }),
        makeModel({
          name: "az",
          providerKind: "azure-openai",
          upstreamName: `dep+${CLASSES}`,
          baseUrl: root,
          inputPricePerMillion: 2.5,
          cachedInputPricePerMillion: 1.25,
          outputPricePerMillion: 10,
        }),
        makeModel({
          name: "compat",
          providerKind: "vllm",
          upstreamName: `llama+${CLASSES}`,
          baseUrl,
          inputPricePerMillion: 0.88,
          outputPricePerMillion: 0.88,
          reasoningPricePerMillion: 2,
        }),
        makeModel({
          name: "an",
          providerKind: "anthropic",
          upstreamName: `claude+${CLASSES}`,
          baseUrl: root,
          inputPricePerMillion: 3,
          outputPricePerMillion: 15,
        }),
        makeModel({
          name: "ge",
          providerKind: "gemini",
          upstreamName: `gemini+${CLASSES}`,
          baseUrl: `${root}/v1beta`,
          inputPricePerMillion: 0.3,
          cachedInputPricePerMillion: 0.075,
          outputPricePerMillion: 2.5,
        }),
      ];
      for (const model of list) models[model.name] = model;
      return list;
    },
  });
});
afterAll(async () => {
  await h.close();
});

// 4,000 characters: 1,000 prompt tokens on the mock (the classes are parts of them).
const prompt = "Count the harbour boats. ".repeat(160);

let sequence = 0;
async function logRow(model: string, stream: boolean): Promise<RequestLogEntry> {
  const id = `classes-${++sequence}`;
  const response = await h.fetch("/v1/chat/completions", {
    json: { model, stream, messages: [{ role: "user", content: prompt }] },
    headers: { "x-request-id": id },
  });
  expect(response.status).toBe(200);
  await response.text();
  const row = () => h.usage.entries.find((entry) => entry.clientRequestId === id);
  await waitFor(() => row() !== undefined);
  const entry = row();
  if (entry === undefined) throw new Error("no log row");
  return entry;
}

/** The cost by hand: each class's tokens at its price (pico-dollars per token). */
function expectedCost(model: ModelInfo, row: RequestLogEntry): string {
  const p = classPrices(model, model.providerKind);
  const cached = row.cachedInputTokens ?? 0;
  const w5 = row.cacheWrite5mTokens ?? 0;
  const w1 = row.cacheWrite1hTokens ?? 0;
  const reasoning = row.reasoningTokens ?? 0;
  return picosToUsdString(
    (row.inputTokens - cached - w5 - w1) * p.uncachedInput +
      cached * p.cachedInput +
      w5 * p.cacheWrite5m +
      w1 * p.cacheWrite1h +
      (row.outputTokens - reasoning) * p.output +
      reasoning * p.reasoning,
  );
}

describe("cost per token class", () => {
  // What each provider's usage reports of the mock's classes: OpenAI-style usage has cache reads
  // and reasoning (no writes), Anthropic reads and both writes (thinking is inside its output),
  // Gemini reads and thoughts.
  const reported = {
    oa: { cached: 600, w5: 0, w1: 0, reasoning: 40 },
    az: { cached: 600, w5: 0, w1: 0, reasoning: 40 },
    compat: { cached: 600, w5: 0, w1: 0, reasoning: 40 },
    an: { cached: 600, w5: 100, w1: 50, reasoning: 0 },
    ge: { cached: 600, w5: 0, w1: 0, reasoning: 40 },
  } as const;

  for (const [name, classes] of Object.entries(reported)) {
    it(`${name}: every class counted and priced exactly, streamed as JSON`, async () => {
      const json = await logRow(name, false);
      const streamed = await logRow(name, true);
      const model = models[name] as ModelInfo;
      for (const row of [json, streamed]) {
        expect(row.usageEstimated).toBe(false);
        expect(row.unpriced).toBe(false);
        expect(row.inputTokens).toBe(1000);
        expect(row.cachedInputTokens).toBe(classes.cached);
        expect(row.cacheWrite5mTokens).toBe(classes.w5);
        expect(row.cacheWrite1hTokens).toBe(classes.w1);
        expect(row.reasoningTokens).toBe(classes.reasoning);
        expect(row.costUsd).toBe(expectedCost(model, row));
      }
      expect(streamed.outputTokens).toBe(json.outputTokens);
      expect(streamed.costUsd).toBe(json.costUsd);
      // Cached tokens are cheaper than uncached ones for every model here: a cost that priced
      // them as plain input (or counted them twice) would be higher.
      const asPlainInput = picosToUsdString(
        json.inputTokens * Math.round(model.inputPricePerMillion * 1e6) +
          json.outputTokens * Math.round(model.outputPricePerMillion * 1e6),
      );
      if (name !== "compat") expect(Number(json.costUsd)).toBeLessThan(Number(asPlainInput));
    });
  }

  it("prices Anthropic's classes at its documented multipliers without class prices", async () => {
    const row = await logRow("an", false);
    // 250 uncached × $3 + 600 reads × $0.30 + 100 × $3.75 + 50 × $6, per million; output × $15.
    const picos = 250 * 3e6 + 600 * 0.3e6 + 100 * 3.75e6 + 50 * 6e6 + row.outputTokens * 15e6;
    expect(row.costUsd).toBe(picosToUsdString(picos));
  });

  it("an Anthropic client sees the classes in Anthropic's names, JSON and streamed", async () => {
    const body = { model: "an", max_tokens: 400, messages: [{ role: "user", content: prompt }] };
    const headers = { "anthropic-version": "2023-06-01" };
    const json = await h.fetch("/v1/messages", { json: body, headers });
    expect(json.status).toBe(200);
    const usage = ((await json.json()) as { usage: Record<string, unknown> }).usage;
    expect(usage).toMatchObject({
      input_tokens: 250,
      cache_read_input_tokens: 600,
      cache_creation_input_tokens: 150,
      cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 50 },
    });
    const streamed = await h.fetch("/v1/messages", { json: { ...body, stream: true }, headers });
    const text = await streamed.text();
    const delta = text
      .split("\n")
      .filter((line) => line.startsWith("data: "))
      .map((line) => JSON.parse(line.slice(6)) as { type: string; usage?: unknown })
      .find((event) => event.type === "message_delta");
    expect(delta?.usage).toMatchObject({
      input_tokens: 250,
      cache_read_input_tokens: 600,
      cache_creation_input_tokens: 150,
      output_tokens: usage.output_tokens,
    });
  });
});
