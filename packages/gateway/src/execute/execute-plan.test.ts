import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeModel } from "../testing/fakes";
import { type Harness, startHarness, waitFor } from "../testing/harness";

let h: Harness;
beforeAll(async () => {
  // Generous first-byte limit: a loaded CI machine must not make the healthy mock look hung.
  h = await startHarness({ options: { firstByteTimeoutMs: 1_500, maxRetries: 1 } });
});
afterAll(async () => {
  await h.close();
});

let counter = 0;
const uniquePrompt = () => `prompt ${Date.now()} ${counter++}`;
const chat = (model: string, extra: Record<string, unknown> = {}) => ({
  model,
  messages: [{ role: "user", content: uniquePrompt() }],
  ...extra,
});

const entryFor = async (id: string) => {
  await waitFor(() => h.usage.entries.some((e) => e.clientRequestId === id));
  const entry = h.usage.entries.find((e) => e.clientRequestId === id);
  if (entry === undefined) throw new Error("no entry");
  return entry;
};

describe("retries and fallbacks", () => {
  it("retries a 503 and then succeeds on the same model", async () => {
    const response = await h.fetch("/v1/chat/completions", {
      json: chat("flaky-503-once"),
      headers: { "x-request-id": "retry-503" },
    });
    expect(response.status).toBe(200);
    const entry = await entryFor("retry-503");
    expect(entry.attemptCount).toBe(2);
    expect(entry.routedModel).toBe("flaky-503-once");
    expect((entry.attempts as { status: number }[]).map((a) => a.status)).toEqual([503, 200]);
  });

  it("gives up after the retries of a persistent 429 and answers 429 in the OpenAI shape", async () => {
    const response = await h.fetch("/v1/chat/completions", {
      json: chat("flaky-429"),
      headers: { "x-request-id": "persistent-429" },
    });
    expect(response.status).toBe(429);
    const body = (await response.json()) as { error: { type: string; message: string } };
    expect(body.error.message.length).toBeGreaterThan(0);
    const entry = await entryFor("persistent-429");
    expect(entry.attemptCount).toBe(2);
    expect(entry.status).toBe("error");
    expect(entry.httpStatus).toBe(429);
  });

  it("falls back to the next model after 500s", async () => {
    const response = await h.fetch("/v1/chat/completions", {
      json: chat("broken"),
      headers: { "x-request-id": "fallback-500" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-model")).toBe("small");
    const entry = await entryFor("fallback-500");
    expect(entry.routedModel).toBe("small");
    expect((entry.attempts as { model: string }[]).map((a) => a.model)).toEqual([
      "broken",
      "broken",
      "small",
    ]);
  });

  it("falls back when the upstream never answers (first-byte timeout)", async () => {
    const response = await h.fetch("/v1/chat/completions", {
      json: chat("hangs", { stream: true }),
      headers: { "x-request-id": "fallback-timeout" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-model")).toBe("small");
    expect(await response.text()).toContain("data: [DONE]");
    const entry = await entryFor("fallback-timeout");
    expect((entry.attempts as { error: string | null }[]).map((a) => a.error)).toEqual([
      "upstream_timeout",
      "upstream_timeout",
      null,
    ]);
  }, 20_000);

  it("falls back when the provider cannot be reached (connection refused)", async () => {
    h.config.snapshot.models.push(
      makeModel({
        name: "unreachable",
        baseUrl: "http://127.0.0.1:1/v1",
        settings: { fallbacks: ["small"] },
      }),
    );
    await h.gateway.reload();
    const response = await h.fetch("/v1/chat/completions", {
      json: chat("unreachable"),
      headers: { "x-request-id": "refused" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-model")).toBe("small");
    const entry = await entryFor("refused");
    expect(
      (entry.attempts as { model: string; error: string | null }[]).map((a) => [a.model, a.error]),
    ).toEqual([
      ["unreachable", "upstream_error"],
      ["unreachable", "upstream_error"],
      ["small", null],
    ]);
  });

  it("does not retry or fall back on a non-retryable upstream 400", async () => {
    const response = await h.fetch("/v1/chat/completions", {
      json: chat("bad-request"),
      headers: { "x-request-id": "no-retry-400" },
    });
    expect(response.status).toBe(400);
    const entry = await entryFor("no-retry-400");
    expect(entry.attemptCount).toBe(1);
  });
});

describe("streams", () => {
  it("turns a mid-stream cut into an in-band error event and ends the stream", async () => {
    const response = await h.fetch("/v1/chat/completions", {
      json: chat("cut", { stream: true }),
      headers: { "x-request-id": "cut-stream" },
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    const frames = text.split("\n\n").filter((f) => f.startsWith("data: "));
    expect(text).not.toContain("[DONE]");
    const last = JSON.parse(frames.at(-1)?.slice(6) ?? "{}") as {
      error?: { message: string; code: string };
    };
    expect(last.error?.message).toBeTruthy();
    expect(frames.length).toBeGreaterThan(1);
    const entry = await entryFor("cut-stream");
    expect(entry.status).toBe("error");
    expect(entry.attemptCount).toBe(1);
  });
});

describe("client disconnect", () => {
  const closed: { value: boolean } = { value: false };
  let upstreamUrl = "";
  const server = createServer((_req, res: ServerResponse) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    res.on("close", () => {
      closed.value = true;
    });
    let n = 0;
    const timer = setInterval(() => {
      n += 1;
      const chunk = {
        id: "c1",
        object: "chat.completion.chunk",
        created: 1,
        model: "slow",
        choices: [{ index: 0, delta: { content: "word " }, finish_reason: null }],
      };
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
      if (n > 400) clearInterval(timer);
    }, 10);
    res.on("close", () => clearInterval(timer));
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    upstreamUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    h.config.snapshot.models.push(
      makeModel({ name: "endless", providerKind: "openai", baseUrl: upstreamUrl }),
    );
    await h.gateway.reload();
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("aborts the upstream and still accounts the tokens seen so far", async () => {
    const controller = new AbortController();
    const response = await h.fetch("/v1/chat/completions", {
      json: chat("endless", { stream: true }),
      headers: { "x-request-id": "client-abort" },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const reader = response.body?.getReader();
    let received = "";
    while (received.split("data: ").length < 4) {
      const next = await reader?.read();
      if (next === undefined || next.done) break;
      received += Buffer.from(next.value).toString("utf8");
    }
    controller.abort();
    await waitFor(() => closed.value);
    const entry = await entryFor("client-abort");
    expect(entry.status).toBe("client_closed");
    expect(entry.usageEstimated).toBe(true);
    expect(entry.outputTokens).toBeGreaterThan(0);
    expect(entry.inputTokens).toBeGreaterThan(0);
    expect(entry.routedModel).toBe("endless");
  });
});
