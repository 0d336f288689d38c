import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { RequestLogEntry } from "@switchyard/core";
import { MemoryLimits, parseBudget, RedisLimits } from "@switchyard/limits";
import { afterEach, describe, expect, it } from "vitest";
import { createGatewayMetrics, metricsHandler } from "./metrics";

const USD = 1_000_000_000_000;
const request = (teamId: string, cost: number) => ({
  teamId,
  apiKeyId: "key",
  estimatedTokens: 10,
  worstCaseCostPicos: cost,
});

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(handler: ReturnType<typeof metricsHandler>): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
}

describe("/metrics", () => {
  it("exports the limits engine's counters as they are at each scrape", async () => {
    const limits = new MemoryLimits();
    limits.setBudgets([
      parseBudget({ id: "b", scope: "team", teamId: "t", period: "day", limitUsd: "1" }),
    ]);
    const url = await serve(metricsHandler(createGatewayMetrics({ limits }).registry, undefined));
    expect(await (await fetch(url)).text()).toMatch(/^switchyard_limits_admitted_total 0$/m);

    expect((await limits.admit(request("t", 0.6 * USD))).ok).toBe(true);
    expect((await limits.admit(request("t", 0.6 * USD))).ok).toBe(false);
    const response = await fetch(url);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toMatch(/^switchyard_limits_admitted_total 1$/m);
    expect(text).toMatch(/^switchyard_limits_refused_budget_total 1$/m);
    expect(text).toMatch(/^# TYPE switchyard_limits_fail_closed_refusals_total counter$/m);
    expect(text).toMatch(/^switchyard_process_cpu_seconds_total /m);
  });

  it("exports stored responses by result and their write queue's depth", async () => {
    const stats = { queued: 2, written: 9, dropped: 1, failedBatches: 3, swept: 4 };
    const metrics = createGatewayMetrics({ limits: null, storedResponses: () => stats });
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^switchyard_stored_responses_total\{result="written"\} 9$/m);
    expect(text).toMatch(/^switchyard_stored_responses_total\{result="dropped"\} 1$/m);
    expect(text).toMatch(/^switchyard_stored_responses_total\{result="swept"\} 4$/m);
    expect(text).toMatch(/^switchyard_stored_responses_queue_depth 2$/m);
  });

  it("exports the calibration samples by result and the calibration queue's depth", async () => {
    const stats = {
      queued: 3,
      running: 2,
      graded: 7,
      droppedQueueFull: 1,
      failed: 2,
      judgeUnparseable: 4,
      paused: 5,
    };
    const metrics = createGatewayMetrics({
      limits: null,
      calibration: () => stats,
      attemptsInFlight: () => 6,
    });
    const url = await serve(metricsHandler(metrics.registry, undefined));
    const text = await (await fetch(url)).text();
    expect(text).toMatch(/^switchyard_calibration_samples_total\{result="graded"\} 7$/m);
    expect(text).toMatch(
      /^switchyard_calibration_samples_total\{result="dropped_queue_full"\} 1$/m,
    );
    expect(text).toMatch(/^switchyard_calibration_samples_total\{result="failed"\} 2$/m);
    expect(text).toMatch(/^switchyard_calibration_samples_total\{result="judge_unparseable"\} 4$/m);
    expect(text).toMatch(/^switchyard_calibration_samples_total\{result="paused_share"\} 5$/m);
    expect(text).toMatch(/^switchyard_calibration_queue_depth 3$/m);
    expect(text).toMatch(/^switchyard_upstream_attempts_in_flight 6$/m);
  });

  it("counts requests served by a model without a price, by model", async () => {
    const metrics = createGatewayMetrics({ limits: null });
    const entry = (routedModel: string, unpriced: boolean) =>
      ({ routedModel, status: "ok", latencyMs: 5, unpriced }) as unknown as RequestLogEntry;
    metrics.observe(entry("local-llama", true));
    metrics.observe(entry("local-llama", true));
    metrics.observe(entry("gpt-4o", false));
    const url = await serve(metricsHandler(metrics.registry, undefined));
    const text = await (await fetch(url)).text();
    expect(text).toMatch(/^switchyard_unpriced_requests_total\{model="local-llama"\} 2$/m);
    expect(text).not.toMatch(/^switchyard_unpriced_requests_total\{model="gpt-4o"\}/m);
  });

  it("counts fail-closed refusals and fail-open admissions when Redis is unreachable", async () => {
    const limits = new RedisLimits({ redis: "redis://127.0.0.1:1", commandTimeoutMs: 100 });
    limits.setBudgets([
      parseBudget({ id: "c", scope: "team", teamId: "closed", period: "day", limitUsd: "1" }),
      parseBudget({ id: "o", scope: "team", teamId: "open", period: "day", limitUsd: "1" }),
    ]);
    limits.setFailModes({ open: "open" });
    expect((await limits.admit(request("closed", USD / 10))).ok).toBe(false);
    expect((await limits.admit(request("open", USD / 10))).ok).toBe(true);
    const url = await serve(metricsHandler(createGatewayMetrics({ limits }).registry, undefined));
    const text = await (await fetch(url)).text();
    expect(text).toMatch(/^switchyard_limits_fail_closed_refusals_total 1$/m);
    expect(text).toMatch(/^switchyard_limits_fail_open_admits_total 1$/m);
    expect(text).toMatch(/^switchyard_limits_store_errors_total 2$/m);
    await limits.close();
  });

  it("asks for the bearer token when one is set, and reads only", async () => {
    const token = "metrics-token-0123456789";
    const url = await serve(
      metricsHandler(createGatewayMetrics({ limits: new MemoryLimits() }).registry, token),
    );
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    const ok = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("switchyard_limits_admitted_total");
    expect((await fetch(url, { method: "POST" })).status).toBe(405);
  });
});
