/**
 * Every upstream attempt ends when its answer is read: none is left holding a deadline (and, with
 * it, the undici request's listeners and buffers) until the total timeout sweeps it minutes later.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeModel } from "../testing/fakes";
import { type Harness, startHarness } from "../testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    extraModels: (baseUrl) => [
      makeModel({
        name: "embed-small",
        baseUrl,
        upstreamName: "text-embedding-3-small",
        inputPricePerMillion: 0.02,
        outputPricePerMillion: 0,
        capabilities: ["embeddings"],
      }),
    ],
  });
});
afterAll(async () => {
  await h.close();
});

const chat = (model: string, extra: object = {}) =>
  h.fetch("/v1/chat/completions", {
    method: "POST",
    json: { model, messages: [{ role: "user", content: "Say hello." }], ...extra },
  });

describe("upstream attempts", () => {
  it("end when a JSON answer, a stream, an error, an embedding or a token count is read", async () => {
    expect((await chat("small")).status).toBe(200);
    expect((await chat("claude")).status).toBe(200);
    const streamed = await chat("small", { stream: true });
    expect(streamed.status).toBe(200);
    await streamed.text();
    expect((await chat("bad-request")).status).toBe(400);
    const embedded = await h.fetch("/v1/embeddings", {
      method: "POST",
      json: { model: "embed-small", input: ["a", "b"] },
    });
    expect(embedded.status).toBe(200);
    const counted = await h.fetch("/v1/messages/count_tokens", {
      method: "POST",
      headers: { "anthropic-version": "2023-06-01" },
      json: { model: "claude", messages: [{ role: "user", content: "hi" }] },
    });
    expect(counted.status).toBe(200);
    const responses = await h.fetch("/v1/responses", {
      method: "POST",
      json: { model: "small", input: "hi" },
    });
    expect(responses.status).toBe(200);
    expect(h.gateway.upstreamAttemptsInFlight()).toBe(0);
  });
});
