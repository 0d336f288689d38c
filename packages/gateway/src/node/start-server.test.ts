import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, waitFor } from "../testing/harness";
import { startGatewayServer } from "./start-server";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const slowStream = {
  model: "slow-stream",
  stream: true,
  messages: [{ role: "user", content: "a few words please" }],
};

describe("startGatewayServer close()", () => {
  it("lets a stream in flight finish before closing, and refuses new connections", async () => {
    const server = await startGatewayServer({ gateway: h.gateway });
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${"sk-sy-test-0123456789"}`,
        "content-type": "application/json",
      },
      body: JSON.stringify(slowStream),
    });
    expect(response.status).toBe(200);
    const closing = server.close(20_000);
    const text = await response.text();
    expect(text.trimEnd().endsWith("data: [DONE]")).toBe(true);
    expect(await closing).toEqual({ finished: 1, cut: 0 });
    await expect(fetch(`${server.url}/v1/models`)).rejects.toThrow();
  }, 30_000);
});

describe("a gateway draining past its grace period", () => {
  it("ends a stream with an in-band error event and a waiting request with a 503, both logged", async () => {
    const harness = await startHarness();
    try {
      const stream = await harness.fetch("/v1/chat/completions", {
        json: slowStream,
        headers: { "x-request-id": "drain-stream" },
      });
      expect(stream.status).toBe(200);
      const waiting = harness.fetch("/v1/chat/completions", {
        json: { model: "hangs", messages: [{ role: "user", content: "hello" }] },
        headers: { "x-request-id": "drain-json" },
      });
      await waitFor(() => harness.gateway.inFlight === 2);
      const drained = await harness.gateway.drain(200);
      expect(drained).toEqual({ finished: 0, cut: 2 });
      const frames = (await stream.text()).split("\n\n").filter((f) => f.startsWith("data: "));
      const last = JSON.parse((frames.at(-1) as string).slice("data: ".length));
      expect(last.error).toMatchObject({ code: "shutting_down" });
      const refused = await waiting;
      expect(refused.status).toBe(503);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
        "shutting_down",
      );
      const entries = await harness.flushedEntries();
      const byClient = (id: string) => entries.find((e) => e.clientRequestId === id);
      expect(byClient("drain-stream")).toMatchObject({
        status: "error",
        errorCode: "shutting_down",
      });
      expect(byClient("drain-json")).toMatchObject({ status: "error", errorCode: "shutting_down" });
    } finally {
      await harness.close();
    }
  }, 30_000);
});

describe("server limits", () => {
  it("cuts a client that never finishes its headers", async () => {
    const server = await startGatewayServer({
      gateway: h.gateway,
      limits: { headersTimeoutMs: 300, requestTimeoutMs: 600 },
    });
    try {
      const port = Number(new URL(server.url).port);
      const socket = connect(port, "127.0.0.1");
      socket.write("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n");
      const closedAfter = await new Promise<number>((resolve) => {
        const started = Date.now();
        socket.on("close", () => resolve(Date.now() - started));
        socket.on("error", () => undefined);
        socket.resume();
      });
      expect(closedAfter).toBeLessThan(5_000);
    } finally {
      await server.close(100);
    }
  }, 10_000);
});
