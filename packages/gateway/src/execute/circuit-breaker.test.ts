import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeModel } from "../testing/fakes";
import { type Harness, startHarness, waitFor } from "../testing/harness";

/**
 * An upstream whose health the test sets per model name: "fail" answers 500, "reject" 400,
 * "ok" a completion after `delayMs`. Counts the calls each model name receives.
 */
const health = new Map<string, "fail" | "reject" | "ok">();
const calls = new Map<string, number>();
let delayMs = 0;
const upstream = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk: Buffer) => {
    body += chunk.toString();
  });
  req.on("end", () => {
    const model = (JSON.parse(body) as { model: string }).model;
    calls.set(model, (calls.get(model) ?? 0) + 1);
    const mode = health.get(model) ?? "ok";
    if (mode !== "ok") {
      res.writeHead(mode === "fail" ? 500 : 400, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "no", type: "server_error", code: null } }));
      return;
    }
    setTimeout(() => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id: "c1",
          object: "chat.completion",
          created: 1,
          model,
          choices: [
            { index: 0, message: { role: "assistant", content: "up" }, finish_reason: "stop" },
          ],
          usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
        }),
      );
    }, delayMs);
  });
});

const THRESHOLD = 3;
const COOL_DOWN_MS = 300;

let h: Harness;
let baseUrl: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`;
  h = await startHarness({
    options: {
      maxRetries: 0,
      breakerFailureThreshold: THRESHOLD,
      breakerCoolDownMs: COOL_DOWN_MS,
    },
  });
  for (const name of ["opens", "down", "probe", "herd", "reopens", "rejects"]) {
    h.config.snapshot.models.push(
      makeModel({
        name,
        providerKind: "openai",
        baseUrl,
        settings: name === "down" ? {} : { fallbacks: ["small"] },
      }),
    );
  }
  await h.gateway.reload();
});
afterAll(async () => {
  await h.close();
  await new Promise((resolve) => upstream.close(resolve));
});

const chat = (model: string, id?: string) =>
  h.fetch("/v1/chat/completions", {
    json: { model, messages: [{ role: "user", content: `hi ${Math.random()}` }] },
    ...(id === undefined ? {} : { headers: { "x-request-id": id } }),
  });
const healthOf = (model: string) =>
  h.gateway.upstreamHealth().find((deployment) => deployment.model === model);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function open(model: string) {
  health.set(model, "fail");
  for (let i = 0; i < THRESHOLD; i += 1) await (await chat(model)).text();
  expect(calls.get(model)).toBe(THRESHOLD);
}

describe("circuit breaker per deployment", () => {
  it("opens after consecutive failures: the next request skips it for its fallback at once", async () => {
    await open("opens");
    const started = performance.now();
    const response = await chat("opens", "skipped");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-model")).toBe("small");
    expect(performance.now() - started).toBeLessThan(COOL_DOWN_MS);
    expect(calls.get("opens")).toBe(THRESHOLD);
    await waitFor(() => h.usage.entries.some((e) => e.clientRequestId === "skipped"));
    const entry = h.usage.entries.find((e) => e.clientRequestId === "skipped");
    expect(((entry?.attempts ?? []) as { model: string }[]).map((a) => a.model)).toEqual(["small"]);
    expect(healthOf("opens")).toMatchObject({
      model: "opens",
      baseUrl,
      state: "open",
      consecutiveFailures: THRESHOLD,
      opened: 1,
      skipped: 1,
    });
  });

  it("fails fast with a 503 in the caller's shape when every target is open", async () => {
    await open("down");
    const response = await chat("down");
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("upstream_unavailable");
    expect(body.error.message).toMatch(/^The provider of 'down' is unavailable/);
    const anthropic = await h.fetch("/v1/messages", {
      json: { model: "down", max_tokens: 10, messages: [{ role: "user", content: "hi" }] },
    });
    expect(anthropic.status).toBe(503);
    expect(((await anthropic.json()) as { error: { type: string } }).error.type).toBe(
      "overloaded_error",
    );
    expect(calls.get("down")).toBe(THRESHOLD);
  });

  it("lets one probe through after the cool-down, and closes on its success", async () => {
    await open("probe");
    health.set("probe", "ok");
    expect((await chat("probe")).headers.get("x-switchyard-model")).toBe("small");
    expect(calls.get("probe")).toBe(THRESHOLD);
    await sleep(COOL_DOWN_MS + 50);
    const probed = await chat("probe");
    expect(probed.headers.get("x-switchyard-model")).toBe("probe");
    expect(calls.get("probe")).toBe(THRESHOLD + 1);
    expect(healthOf("probe")).toMatchObject({ state: "closed", consecutiveFailures: 0 });
    expect((await chat("probe")).headers.get("x-switchyard-model")).toBe("probe");
  });

  it("sends a single probe while concurrent requests go to the fallback", async () => {
    await open("herd");
    health.set("herd", "ok");
    await sleep(COOL_DOWN_MS + 50);
    delayMs = 200;
    try {
      const responses = await Promise.all(Array.from({ length: 6 }, () => chat("herd")));
      const served = responses.map((response) => response.headers.get("x-switchyard-model"));
      expect(served.filter((model) => model === "herd")).toHaveLength(1);
      expect(served.filter((model) => model === "small")).toHaveLength(5);
    } finally {
      delayMs = 0;
    }
    expect(calls.get("herd")).toBe(THRESHOLD + 1);
    expect(healthOf("herd")?.state).toBe("closed");
  });

  it("opens again at once when the probe fails", async () => {
    await open("reopens");
    await sleep(COOL_DOWN_MS + 50);
    expect((await chat("reopens")).headers.get("x-switchyard-model")).toBe("small");
    expect(calls.get("reopens")).toBe(THRESHOLD + 1);
    expect(healthOf("reopens")).toMatchObject({ state: "open", opened: 2 });
    await chat("reopens");
    expect(calls.get("reopens")).toBe(THRESHOLD + 1);
  });

  it("is not opened by the upstream refusing requests (4xx)", async () => {
    health.set("rejects", "reject");
    for (let i = 0; i < THRESHOLD + 2; i += 1) expect((await chat("rejects")).status).toBe(400);
    expect(calls.get("rejects")).toBe(THRESHOLD + 2);
    expect(healthOf("rejects")).toMatchObject({ state: "closed", consecutiveFailures: 0 });
  });
});
