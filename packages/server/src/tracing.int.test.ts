/**
 * With OTEL_EXPORTER_OTLP_ENDPOINT set, a request through the gateway reaches an OTLP/HTTP
 * collector as spans; without it nothing is set up.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { startHarness } from "@switchyard/gateway/testing/harness";
import { afterAll, describe, expect, it } from "vitest";
import { setUpTracing } from "./tracing";

const received: { path: string; body: string }[] = [];
const collector = createServer((request: IncomingMessage, response) => {
  let body = "";
  request.on("data", (chunk) => {
    body += chunk;
  });
  request.on("end", () => {
    received.push({ path: request.url ?? "", body });
    response.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
});

afterAll(() => new Promise<void>((resolve) => collector.close(() => resolve())));

describe("OTLP export", () => {
  it("is off without an endpoint", () => {
    expect(setUpTracing({})).toBeNull();
  });

  it("sends the gateway's spans to the collector", async () => {
    await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
    const { port } = collector.address() as AddressInfo;
    const tracing = setUpTracing({
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      OTEL_SERVICE_NAME: "switchyard-test",
    });
    expect(tracing).not.toBeNull();
    const h = await startHarness();
    try {
      const response = await h.fetch("/v1/chat/completions", {
        json: { model: "small", messages: [{ role: "user", content: "Export me." }] },
      });
      expect(response.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await h.close();
      await tracing?.shutdown();
    }
    const traces = received.filter((r) => r.path === "/v1/traces");
    expect(traces.length).toBeGreaterThan(0);
    const all = traces.map((t) => t.body).join("");
    expect(all).toContain("switchyard-test");
    expect(all).toContain("chat small");
  });
});
