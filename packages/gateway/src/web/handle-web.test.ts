import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, TEST_KEY, waitFor } from "../testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ options: { maxBodyBytes: 1024, firstByteTimeoutMs: 5_000 } });
});
afterAll(async () => {
  await h.close();
});

const request = (path: string, body: string | ReadableStream<Uint8Array>, init: RequestInit = {}) =>
  new Request(`http://gateway.local${path}`, {
    method: "POST",
    body,
    headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json" },
    ...(typeof body === "string" ? {} : { duplex: "half" }),
    ...init,
  } as RequestInit);

describe("handleWeb", () => {
  it("serves /api/v1/chat/completions with the gateway headers", async () => {
    const response = await h.gateway.handleWeb(
      request(
        "/api/v1/chat/completions",
        JSON.stringify({ model: "small", messages: [{ role: "user", content: "hi" }] }),
      ),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-model")).toBe("small");
    expect(((await response.json()) as { object: string }).object).toBe("chat.completion");
  });

  it("serves /api/v1/feedback (the Next.js route file's path) through the same gateway", async () => {
    const chat = await h.gateway.handleWeb(
      request(
        "/api/v1/chat/completions",
        JSON.stringify({ model: "small", messages: [{ role: "user", content: "hi" }] }),
      ),
    );
    const requestId = chat.headers.get("x-request-id") as string;
    await chat.text();
    const response = await h.gateway.handleWeb(
      request("/api/v1/feedback", JSON.stringify({ request_id: requestId, thumbs: "up" })),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ object: "feedback", request_id: requestId });
    const bad = await h.gateway.handleWeb(
      request("/api/v1/feedback", JSON.stringify({ request_id: requestId })),
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { param: string } }).error.param).toBe("score");
  });

  it("rejects an oversize streamed body with 413 without a declared length", async () => {
    const big = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new TextEncoder().encode("z".repeat(512)));
        controller.close();
      },
    });
    const response = await h.gateway.handleWeb(request("/v1/messages", big));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      type: "error",
      error: { type: "request_too_large" },
    });
  });

  it("aborts the upstream when the request signal aborts before the answer", async () => {
    const controller = new AbortController();
    const pending = h.gateway.handleWeb(
      request(
        "/v1/chat/completions",
        JSON.stringify({ model: "hangs", messages: [{ role: "user", content: "wait" }] }),
        {
          signal: controller.signal,
          headers: { authorization: `Bearer ${TEST_KEY}`, "x-request-id": "web-abort" },
        },
      ),
    );
    setTimeout(() => controller.abort(), 50);
    const response = await pending;
    expect(response.status).toBe(499);
    await waitFor(() => h.usage.entries.some((e) => e.clientRequestId === "web-abort"));
    const entry = h.usage.entries.find((e) => e.clientRequestId === "web-abort");
    expect(entry?.status).toBe("client_closed");
    expect(entry?.attemptCount).toBe(1);
  });
});

describe("the /api/v1 prefix (Next.js route files)", () => {
  it("serves GET and POST under /api/v1 as under /v1", async () => {
    const models = await h.gateway.handleWeb(
      new Request("http://local/api/v1/models", {
        headers: { authorization: `Bearer ${TEST_KEY}` },
      }),
    );
    expect(models.status).toBe(200);
    const chat = await h.gateway.handleWeb(
      request(
        "/api/v1/chat/completions",
        JSON.stringify({ model: "small", messages: [{ role: "user", content: "hi" }] }),
      ),
    );
    expect(chat.status).toBe(200);
  });
});

describe("gatewayUnavailableResponse (the route file when no gateway could start)", () => {
  it("answers 503 in the caller's dialect with the gateway headers", async () => {
    const { gatewayUnavailableResponse } = await import("./handle-web");
    const anthropic = gatewayUnavailableResponse(
      request("/api/v1/messages", "{}", { headers: { "x-request-id": "req-503" } }),
    );
    expect(anthropic.status).toBe(503);
    expect(anthropic.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(anthropic.headers.get("x-client-request-id")).toBe("req-503");
    expect(anthropic.headers.get("x-switchyard-route")).toBe("none");
    expect(anthropic.headers.get("x-switchyard-overhead-ms")).toMatch(/^\d+\.\d{3}$/);
    expect(await anthropic.json()).toEqual({
      type: "error",
      error: {
        type: "overloaded_error",
        message: "The gateway is not available: the server could not connect to its database.",
      },
    });
    const openai = gatewayUnavailableResponse(request("/api/v1/chat/completions", "{}"));
    expect(openai.status).toBe(503);
    expect(openai.headers.get("x-request-id")).toBeTruthy();
    const body = (await openai.json()) as { error: { code: string; type: string } };
    expect(body.error).toMatchObject({ code: "gateway_unavailable", type: "api_error" });
  });
});
