import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { estimateRequestTokens, estimateTokens } from "@switchyard/providers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeModel } from "../testing/fakes";
import { type Harness, startHarness, waitFor } from "../testing/harness";

const ANSWER = "The quick brown fox jumps over the lazy dog, twice over.";

/** An upstream that answers 200 with whatever body the model name asks for. */
const upstream = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk: Buffer) => {
    body += chunk.toString();
  });
  req.on("end", () => {
    const model = (JSON.parse(body) as { model: string }).model;
    if (model === "html") {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>maintenance</html>");
    } else if (model === "no-usage") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id: "c1",
          object: "chat.completion",
          created: 1,
          model: "m",
          choices: [
            { index: 0, message: { role: "assistant", content: ANSWER }, finish_reason: "stop" },
          ],
        }),
      );
    } else if (model === "wrong-shape") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ hello: "world" }));
    } else {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end(
        'data: {"id":"x","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"hi"}}]}\n\ndata: {not json\n\n',
      );
    }
  });
});

let h: Harness;
beforeAll(async () => {
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`;
  h = await startHarness();
  h.config.snapshot.models.push(
    makeModel({ name: "html", providerKind: "openai", baseUrl }),
    makeModel({ name: "wrong-shape", providerKind: "openai", baseUrl }),
    makeModel({ name: "no-usage", providerKind: "openai", baseUrl }),
    makeModel({ name: "garbled-stream", providerKind: "openai", baseUrl }),
  );
  await h.gateway.reload();
});
afterAll(async () => {
  await h.close();
  await new Promise((resolve) => upstream.close(resolve));
});

describe("misbehaving upstreams", () => {
  it("estimates usage with the providers' tokenizer when the upstream reports none", async () => {
    const request = {
      model: "no-usage",
      messages: [{ role: "user" as const, content: "count these words" }],
    };
    const response = await h.fetch("/v1/chat/completions", {
      json: request,
      headers: { "x-request-id": "no-usage" },
    });
    expect(response.status).toBe(200);
    await waitFor(() => h.usage.entries.some((e) => e.clientRequestId === "no-usage"));
    expect(h.usage.entries.find((e) => e.clientRequestId === "no-usage")).toMatchObject({
      usageEstimated: true,
      outputTokens: estimateTokens(ANSWER),
      inputTokens: estimateRequestTokens(request),
    });
  });

  it.each(["html", "wrong-shape"])("a 200 with a %s body becomes a clear 502", async (model) => {
    const response = await h.fetch("/v1/chat/completions", {
      json: { model, messages: [{ role: "user", content: "hi" }] },
      headers: { "x-request-id": `bad-${model}` },
    });
    expect(response.status).toBe(502);
    const body = (await response.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe("upstream_error");
    expect(body.error.message.length).toBeGreaterThan(0);
    await waitFor(() => h.usage.entries.some((e) => e.clientRequestId === `bad-${model}`));
    expect(h.usage.entries.find((e) => e.clientRequestId === `bad-${model}`)?.status).toBe("error");
  });

  it("a garbled stream event ends the stream with an in-band error after the good frames", async () => {
    const response = await h.fetch("/v1/chat/completions", {
      json: { model: "garbled-stream", stream: true, messages: [{ role: "user", content: "hi" }] },
    });
    expect(response.status).toBe(200);
    const frames = (await response.text()).split("\n\n").filter((f) => f.startsWith("data: "));
    expect(JSON.parse(frames[0]?.slice(6) ?? "{}")).toMatchObject({
      choices: [{ delta: { content: "hi" } }],
    });
    expect(JSON.parse(frames.at(-1)?.slice(6) ?? "{}")).toMatchObject({
      error: { type: "upstream_error" },
    });
  });
});
