import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe("startGatewayServer close()", () => {
  it("lets a stream in flight finish before closing, and refuses new connections", async () => {
    const response = await h.fetch("/v1/chat/completions", {
      json: {
        model: "slow-stream",
        stream: true,
        messages: [{ role: "user", content: "a few words please" }],
      },
    });
    expect(response.status).toBe(200);
    const closing = h.server.close(10_000);
    const text = await response.text();
    expect(text.trimEnd().endsWith("data: [DONE]")).toBe(true);
    await closing;
    await expect(fetch(`${h.server.url}/v1/models`)).rejects.toThrow();
  }, 20_000);
});
