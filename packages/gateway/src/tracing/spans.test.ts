/**
 * With tracing on, a request is a SERVER span with the GenAI attributes and each upstream attempt
 * a CLIENT child span (a retry or fallback is one more); with it off, no span is made.
 */
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, waitFor } from "../testing/harness";
import { enableTracing } from "./spans";

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  enableTracing(null);
  await h.close();
  await provider.shutdown();
});
afterEach(() => exporter.reset());

const chat = (model: string) =>
  h.fetch("/v1/chat/completions", {
    json: { model, messages: [{ role: "user", content: "Trace me." }], max_tokens: 20 },
  });

describe("OpenTelemetry spans", () => {
  it("a request span with GenAI attributes and one child span per attempt", async () => {
    enableTracing(provider.getTracer("test"));
    // "broken" fails (500, retried) and falls back to "small".
    const response = await chat("broken");
    expect(response.status).toBe(200);
    await waitFor(() => exporter.getFinishedSpans().some((s) => s.name === "chat broken"));
    const spans = exporter.getFinishedSpans();
    const request = spans.find((s) => s.name === "chat broken");
    expect(request?.attributes).toMatchObject({
      "gen_ai.operation.name": "chat",
      "gen_ai.request.model": "broken",
      "gen_ai.response.model": "small",
      "gen_ai.request.max_tokens": 20,
      "http.response.status_code": 200,
      "switchyard.surface": "openai",
    });
    expect(request?.attributes["gen_ai.usage.output_tokens"]).toBeGreaterThan(0);
    const attempts = spans.filter(
      (s) => s.parentSpanContext?.spanId === request?.spanContext().spanId,
    );
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(attempts.some((s) => s.attributes["http.response.status_code"] === 500)).toBe(true);
    expect(attempts.at(-1)?.attributes).toMatchObject({
      "switchyard.model": "small",
      "http.response.status_code": 200,
    });
  });

  it("makes no span while tracing is off", async () => {
    enableTracing(null);
    expect((await chat("small")).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(exporter.getFinishedSpans()).toHaveLength(0);
  });
});
