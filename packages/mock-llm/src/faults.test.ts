import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockLlm, startMockLlm } from "./index";
import { anthropicHeaders, parseSse, post } from "./test-helpers";

let mock: MockLlm;
beforeAll(async () => {
  mock = await startMockLlm({ port: 0 });
});
afterAll(async () => {
  await mock.close();
});

const chat = (
  model: string,
  extra: Record<string, unknown> = {},
  headers?: Record<string, string>,
) =>
  post(
    `${mock.url}/v1/chat/completions`,
    { model, messages: [{ role: "user", content: "Fault test prompt" }], ...extra },
    headers,
  );

/** Raw HTTP so a cut connection is observed exactly: bytes received, then the error. */
function rawStream(path: string, body: unknown, headers: Record<string, string> = {}) {
  return new Promise<{ received: string; error: Error | undefined }>((resolve) => {
    const url = new URL(path, mock.url);
    let received = "";
    const req = httpRequest(
      url,
      { method: "POST", headers: { "content-type": "application/json", ...headers } },
      (res) => {
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          received += chunk;
        });
        res.on("end", () => resolve({ received, error: undefined }));
        res.on("error", (error) => resolve({ received, error }));
        res.on("aborted", () => resolve({ received, error: new Error("aborted") }));
      },
    );
    req.on("error", (error) => resolve({ received, error }));
    req.end(JSON.stringify(body));
  });
}

describe("fault controls", () => {
  it("returns 429 with retry-after from the model name and from headers", async () => {
    const byName = await chat("gpt-4o+mock-error-429");
    expect(byName.status).toBe(429);
    expect(byName.headers.get("retry-after")).toBe("1");
    expect((byName.json() as { error: { code: string } }).error.code).toBe("rate_limit_exceeded");
    const withSeconds = await chat("gpt-4o+mock-error-429+mock-retry-after-7");
    expect(withSeconds.headers.get("retry-after")).toBe("7");
    const byHeader = await chat("gpt-4o", {}, { "x-mock-error": "429", "x-mock-retry-after": "2" });
    expect(byHeader.status).toBe(429);
    expect(byHeader.headers.get("retry-after")).toBe("2");
  });

  it("returns 500 and 503 in each provider's error shape", async () => {
    const server = await chat("gpt-4o-mock-error-500");
    expect(server.status).toBe(500);
    expect((server.json() as { error: { type: string } }).error.type).toBe("server_error");
    const unavailable = await chat("gpt-4o-mock-error-503");
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get("retry-after")).toBeNull();
    const anthropic = await post(
      `${mock.url}/v1/messages`,
      { model: "claude-haiku-4-5", max_tokens: 5, messages: [{ role: "user", content: "x" }] },
      { ...anthropicHeaders, "x-mock-error": "500" },
    );
    expect(anthropic.status).toBe(500);
    expect(anthropic.json()).toEqual({
      type: "error",
      error: { type: "api_error", message: expect.any(String) },
    });
    const gemini = await post(
      `${mock.url}/v1beta/models/gemini-2.5-flash+mock-error-500:generateContent`,
      {
        contents: [{ role: "user", parts: [{ text: "x" }] }],
      },
    );
    expect(gemini.json()).toEqual({
      error: { code: 500, message: expect.any(String), status: "INTERNAL" },
    });
  });

  it("waits before the first byte (model name and header)", async () => {
    let started = performance.now();
    await chat("gpt-4o+mock-delay-120");
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    started = performance.now();
    await chat("gpt-4o", {}, { "x-mock-delay-ms": "80" });
    expect(performance.now() - started).toBeGreaterThanOrEqual(70);
  });

  it("spaces stream events by the chunk delay and honours the chunk count", async () => {
    const started = performance.now();
    const response = await chat("gpt-4o+mock-chunk-delay-20+mock-chunks-3", { stream: true });
    const elapsed = performance.now() - started;
    const events = parseSse(response.text);
    // role chunk + 3 content chunks + finish chunk + [DONE] = 6 events, 5 gaps.
    expect(events).toHaveLength(6);
    expect(elapsed).toBeGreaterThanOrEqual(5 * 20 - 10);
    const viaHeader = parseSse(
      (await chat("gpt-4o", { stream: true }, { "x-mock-chunks": "2" })).text,
    );
    expect(viaHeader).toHaveLength(5);
  });

  it("never answers mock-timeout until the client goes away", async () => {
    const controller = new AbortController();
    const before = mock.stats().requests;
    const pending = fetch(`${mock.url}/v1/chat/completions`, {
      method: "POST",
      body: JSON.stringify({
        model: "gpt-4o+mock-timeout",
        messages: [{ role: "user", content: "hello" }],
      }),
      signal: controller.signal,
    });
    const outcome = await Promise.race([
      pending.then(() => "answered"),
      new Promise((resolve) => setTimeout(() => resolve("still waiting"), 300)),
    ]);
    expect(outcome).toBe("still waiting");
    controller.abort();
    await expect(pending).rejects.toThrow();
    expect(mock.stats().requests).toBe(before + 1);
    // The server is still healthy afterwards.
    expect((await chat("gpt-4o")).status).toBe(200);
  });

  it("cuts a stream after N events by destroying the socket", async () => {
    const openai = await rawStream("/v1/chat/completions", {
      model: "gpt-4o+mock-cut-3",
      stream: true,
      messages: [{ role: "user", content: "cut me" }],
    });
    expect(openai.error).toBeDefined();
    const events = parseSse(openai.received);
    expect(events).toHaveLength(3);
    expect(openai.received).not.toContain("[DONE]");

    const anthropic = await rawStream(
      "/v1/messages",
      {
        model: "claude-haiku-4-5",
        max_tokens: 100,
        stream: true,
        messages: [{ role: "user", content: "cut me" }],
      },
      { ...anthropicHeaders, "x-mock-cut": "2" },
    );
    expect(anthropic.error).toBeDefined();
    expect(anthropic.received).toContain("event: content_block_start");
    expect(anthropic.received).not.toContain("event: ping");

    const json = await rawStream("/v1/chat/completions", {
      model: "gpt-4o+mock-cut-1",
      messages: [{ role: "user", content: "cut me" }],
    });
    expect(json.error).toBeDefined();
  });

  it("fails the first N requests for a prompt and model with 503, then succeeds", async () => {
    const model = "gpt-4o+mock-fail-first-2";
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) statuses.push((await chat(model)).status);
    expect(statuses).toEqual([503, 503, 200, 200]);
    // A different prompt has its own counter.
    const other = await post(`${mock.url}/v1/chat/completions`, {
      model,
      messages: [{ role: "user", content: "another prompt" }],
    });
    expect(other.status).toBe(503);
    const viaHeader = [
      (await chat("gpt-4o-mini", {}, { "x-mock-fail-first": "1" })).status,
      (await chat("gpt-4o-mini", {}, { "x-mock-fail-first": "1" })).status,
    ];
    expect(viaHeader).toEqual([503, 200]);
  });
});
