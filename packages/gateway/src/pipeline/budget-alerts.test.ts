import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { BudgetAlertRecord, LimitsStore } from "@switchyard/core";
import { parseAddressPolicy } from "@switchyard/core/network";
import { type BudgetThresholdReached, verifyWebhook } from "@switchyard/limits";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../testing/harness";
import { createBudgetAlerts } from "./budget-alerts";

interface Received {
  body: string;
  timestamp: string;
  signature: string;
}

describe("budget alerts", () => {
  let server: Server;
  let url: string;
  const received: Received[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => {
        received.push({
          body,
          timestamp: String(request.headers["x-switchyard-timestamp"]),
          signature: String(request.headers["x-switchyard-signature"]),
        });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("records each threshold once in the store and posts a signed webhook for the new ones", async () => {
    // Stands for the budget_alerts table that every instance shares.
    const rows = new Set<string>();
    const calls: BudgetAlertRecord[] = [];
    const store: LimitsStore = {
      loadLimits: async () => ({ budgets: [], rateLimits: [], failModes: {} }),
      spendSincePeriodStart: async () => [],
      async recordAlert(alert) {
        calls.push(alert);
        const id = `${alert.budgetId}:${alert.periodStart}:${alert.threshold}`;
        if (rows.has(id)) return false;
        rows.add(id);
        return true;
      },
      webhookFor: async (budgetId) => (budgetId === "b-hooked" ? { url, secret: "whsec_1" } : null),
    };
    const reached = (budgetId: string, threshold: number): BudgetThresholdReached => ({
      budgetId,
      budgetName: undefined,
      scope: "team",
      teamId: "team_1",
      apiKeyId: undefined,
      periodStart: Date.UTC(2026, 10, 1),
      periodEnd: Date.UTC(2026, 11, 1),
      threshold,
      limitPicos: 10_000_000_000_000,
      spentPicos: 8_500_000_000_000,
    });
    const logger = pino({ level: "silent" });
    // Two instances: their trackers share only the store.
    // The receiver listens on loopback: allowed here as an instance's allowlist would.
    const loopback = parseAddressPolicy("127.0.0.1");
    const first = createBudgetAlerts(store, logger, loopback);
    const second = createBudgetAlerts(store, logger, loopback);
    const fromFirst = await first.record([reached("b-hooked", 50), reached("b-hooked", 80)]);
    const fromSecond = await second.record([reached("b-hooked", 80), reached("b-quiet", 50)]);
    expect(fromFirst.map((e) => e.threshold)).toEqual([50, 80]);
    expect(fromSecond.map((e) => [e.budgetId, e.threshold])).toEqual([["b-quiet", 50]]);
    expect(calls).toHaveLength(4);
    expect(calls[0]).toEqual({
      budgetId: "b-hooked",
      periodStart: Date.UTC(2026, 10, 1),
      threshold: 50,
      spentPicos: 8_500_000_000_000,
    });
    // Already seen by this instance: the store is not asked again.
    await first.record([reached("b-hooked", 50)]);
    expect(calls).toHaveLength(4);

    await waitFor(() => received.length === 2);
    for (const hook of received) {
      expect(verifyWebhook("whsec_1", hook.timestamp, hook.body, hook.signature)).toBe(true);
    }
    const bodies = received.map((hook) => JSON.parse(hook.body) as { threshold: number });
    expect(bodies.map((b) => b.threshold).sort()).toEqual([50, 80]);
  });
});
