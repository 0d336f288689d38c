import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, waitFor } from "./testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const hello = (model: string, extra: Record<string, unknown> = {}) => ({
  model,
  messages: [{ role: "user", content: "Say hello" }],
  ...extra,
});

async function readSse(response: Response): Promise<string[]> {
  const text = await response.text();
  return text
    .split("\n\n")
    .filter((frame) => frame.startsWith("data: "))
    .map((frame) => frame.slice(6));
}

describe("OpenAI surface, JSON", () => {
  it("logs every paid request under the gateway's own id, whatever id the caller sends", async () => {
    // A caller's x-request-id is not a key: twenty requests sharing one are twenty rows, and an id
    // another caller used first cannot swallow them.
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        h.fetch("/v1/chat/completions", {
          json: hello("small"),
          headers: { "x-request-id": "shared-id" },
        }),
      ),
    );
    const ids = responses.map((response) => response.headers.get("x-request-id"));
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.headers.get("x-client-request-id")).toBe("shared-id");
    }
    expect(new Set(ids).size).toBe(20);
    await waitFor(
      () => h.usage.entries.filter((e) => e.clientRequestId === "shared-id").length === 20,
    );
    const logged = h.usage.entries.filter((e) => e.clientRequestId === "shared-id");
    expect(new Set(logged.map((e) => e.id))).toEqual(new Set(ids));
  });

  it("serves a chat completion from the requested model with gateway headers and accounting", async () => {
    const response = await h.fetch("/v1/chat/completions", {
      json: hello("small"),
      headers: { "x-request-id": "req-abc-1" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-model")).toBe("small");
    expect(response.headers.get("x-switchyard-route")).toBe("requested");
    // The gateway's own id; the caller's is echoed beside it.
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get("x-client-request-id")).toBe("req-abc-1");
    expect(Number(response.headers.get("x-switchyard-overhead-ms"))).toBeGreaterThanOrEqual(0);
    const body = (await response.json()) as {
      object: string;
      choices: { message: { content: string } }[];
      usage: { prompt_tokens: number; completion_tokens: number };
    };
    expect(body.object).toBe("chat.completion");
    expect(body.choices[0]?.message.content.length).toBeGreaterThan(0);
    await waitFor(() => h.usage.entries.some((e) => e.clientRequestId === "req-abc-1"));
    const entry = h.usage.entries.find((e) => e.clientRequestId === "req-abc-1");
    expect(entry).toMatchObject({
      routedModel: "small",
      requestedModel: "small",
      provider: "mock",
      status: "ok",
      httpStatus: 200,
      streamed: false,
      usageEstimated: false,
      inputTokens: body.usage.prompt_tokens,
      outputTokens: body.usage.completion_tokens,
    });
    // small: $0.15/M in, $0.60/M out; baseline premium: $5/M in, $15/M out.
    const expectedPicos =
      body.usage.prompt_tokens * 150_000 + body.usage.completion_tokens * 600_000;
    expect(Number(entry?.costUsd)).toBeCloseTo(expectedPicos / 1e12, 12);
    const baselinePicos =
      body.usage.prompt_tokens * 5_000_000 + body.usage.completion_tokens * 15_000_000;
    expect(Number(entry?.baselineCostUsd)).toBeCloseTo(baselinePicos / 1e12, 12);
  });

  it("routes an alias and switchyard/auto (team default)", async () => {
    const aliased = await h.fetch("/v1/chat/completions", { json: hello("fast") });
    expect(aliased.status).toBe(200);
    expect(aliased.headers.get("x-switchyard-model")).toBe("small");
    const auto = await h.fetch("/api/v1/chat/completions", { json: hello("switchyard/auto") });
    expect(auto.status).toBe(200);
    expect(auto.headers.get("x-switchyard-model")).toBe("small");
    expect(auto.headers.get("x-switchyard-route")).toBe("team-default");
  });
});

describe("OpenAI surface, streaming", () => {
  it("relays chunks and ends with [DONE], without the usage chunk unless asked", async () => {
    const response = await h.fetch("/v1/chat/completions", {
      json: hello("small", { stream: true }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    expect(response.headers.get("x-switchyard-model")).toBe("small");
    const frames = await readSse(response);
    expect(frames.at(-1)).toBe("[DONE]");
    const chunks = frames
      .slice(0, -1)
      .map((f) => JSON.parse(f) as { choices: unknown[]; usage?: unknown });
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.every((c) => c.usage === undefined || c.usage === null)).toBe(true);
  });

  it("keeps the usage chunk when the client asked for it, and accounts the streamed tokens", async () => {
    const response = await h.fetch("/v1/chat/completions", {
      json: hello("small", { stream: true, stream_options: { include_usage: true } }),
      headers: { "x-request-id": "stream-usage-1" },
    });
    const frames = await readSse(response);
    const last = JSON.parse(frames.at(-2) ?? "{}") as {
      usage?: { prompt_tokens: number; completion_tokens: number };
    };
    expect(last.usage?.completion_tokens).toBeGreaterThan(0);
    await waitFor(() => h.usage.entries.some((e) => e.clientRequestId === "stream-usage-1"));
    const entry = h.usage.entries.find((e) => e.clientRequestId === "stream-usage-1");
    expect(entry).toMatchObject({
      streamed: true,
      status: "ok",
      usageEstimated: false,
      inputTokens: last.usage?.prompt_tokens,
      outputTokens: last.usage?.completion_tokens,
    });
    expect(entry?.ttftMs).not.toBeNull();
  });
});
