/**
 * A policy's exact-match response cache through the gateway: the same temperature-0 request is
 * answered from the cache (no upstream call, cost 0 in the log, what it saved in the trace), as
 * JSON or replayed as a stream, per team and model; other temperatures and policies without a
 * cache always call the model.
 */
import type { PublishedPolicy } from "@switchyard/core";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, TEST_KEY, waitFor } from "../testing/harness";
import { MemoryResponseCache } from "./memory-response-cache";

const policy = (alias: string, body: Record<string, unknown>): PublishedPolicy => ({
  policyId: `p-${alias}`,
  versionId: `pv-${alias}`,
  version: 1,
  teamId: "team_1",
  alias,
  body: { version: 1, defaultModel: "small", baselineModel: "premium", ...body },
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    policies: [
      policy("team/cached", { cache: { ttlSeconds: 60 } }),
      policy("team/cached-any", { cache: { ttlSeconds: 60, anyTemperature: true } }),
      policy("team/uncached", {}),
    ],
  });
});
afterAll(async () => {
  await h.close();
});

const client = () => new OpenAI({ apiKey: TEST_KEY, baseURL: `${h.server.url}/v1`, maxRetries: 0 });
const ask = (model: string, content: string, temperature?: number) =>
  client()
    .chat.completions.create({
      model,
      messages: [{ role: "user", content }],
      ...(temperature === undefined ? {} : { temperature }),
    })
    .withResponse();

describe("response cache", () => {
  it("answers a repeated temperature-0 request from the cache, at no cost", async () => {
    const calls = h.mock.stats().requests;
    const first = await ask("team/cached", "What is the capital of Peru?", 0);
    expect(first.response.headers.get("x-switchyard-cache")).toBe("miss");
    const second = await ask("team/cached", "What is the capital of Peru?", 0);
    expect(second.response.headers.get("x-switchyard-cache")).toBe("hit");
    expect(second.data.choices[0]?.message.content).toBe(first.data.choices[0]?.message.content);
    expect(second.data.model).toBe("small");
    expect(h.mock.stats().requests).toBe(calls + 1);

    const id = second.response.headers.get("x-request-id");
    await waitFor(() => h.usage.entries.some((e) => e.id === id));
    const row = h.usage.entries.find((e) => e.id === id);
    expect(row).toMatchObject({ status: "ok", costUsd: "0.000000000000", routedModel: "small" });
    expect(row?.routeReason).toMatch(/;cache-hit$/);
    const trace = (row?.routeTrace ?? {}) as { cache?: { savedUsd: string } };
    const saved = trace.cache?.savedUsd;
    expect(Number(saved)).toBeGreaterThan(0);
  });

  it("replays a hit as a stream", async () => {
    await ask("team/cached", "Name a colour.", 0);
    const stream = await client().chat.completions.create({
      model: "team/cached",
      messages: [{ role: "user", content: "Name a colour." }],
      temperature: 0,
      stream: true,
    });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    const again = await ask("team/cached", "Name a colour.", 0);
    expect(text).toBe(again.data.choices[0]?.message.content);
  });

  it("calls the model for other temperatures, other prompts, and policies without a cache", async () => {
    const calls = h.mock.stats().requests;
    await ask("team/cached", "Warm?", 0.7);
    const warm = await ask("team/cached", "Warm?", 0.7);
    expect(warm.response.headers.get("x-switchyard-cache")).toBeNull();
    await ask("team/cached", "Another question entirely?", 0);
    await ask("team/uncached", "What is the capital of Peru?", 0);
    const plain = await ask("team/uncached", "What is the capital of Peru?", 0);
    expect(plain.response.headers.get("x-switchyard-cache")).toBeNull();
    expect(h.mock.stats().requests).toBe(calls + 5);
    await ask("team/cached-any", "Warm?", 0.7);
    const any = await ask("team/cached-any", "Warm?", 0.7);
    expect(any.response.headers.get("x-switchyard-cache")).toBe("hit");
  });
});

describe("MemoryResponseCache", () => {
  it("holds at most its entries, forgets after the TTL, and skips answers too large for it", async () => {
    const cache = new MemoryResponseCache({ maxEntries: 2, maxBytes: 1_000 });
    cache.set("a", "1", 60_000);
    cache.set("b", "2", 60_000);
    cache.set("c", "3", 60_000);
    expect(cache.size).toBe(2);
    expect(cache.get("a")).toBeNull();
    cache.set("big", "x".repeat(200), 60_000);
    expect(cache.get("big")).toBeNull();
    cache.set("short", "s", 20);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(cache.get("short")).toBeNull();
    expect(cache.get("c")).toBe("3");
  });
});
