import { describe, expect, it } from "vitest";
import { emptyMetrics } from "./engine-options";
import { recordStoreFailure, STORE_FAILURE_LOG_INTERVAL_MS } from "./store-failure";

describe("recordStoreFailure", () => {
  it("counts every refusal but writes one line per team and interval while Redis is down", () => {
    const lines: { fields: Record<string, unknown>; message: string }[] = [];
    const log = (fields: Record<string, unknown>, message: string) =>
      lines.push({ fields, message });
    const logger = { info: log, warn: log, error: log };
    const metrics = emptyMetrics();
    const down = new Error("connect ECONNREFUSED");
    for (let i = 0; i < 1_000; i++)
      recordStoreFailure(metrics, logger, "team_a", "closed", down, i);
    recordStoreFailure(metrics, logger, "team_b", "closed", down, 500);
    recordStoreFailure(
      metrics,
      logger,
      "team_a",
      "closed",
      down,
      STORE_FAILURE_LOG_INTERVAL_MS + 1,
    );
    expect(metrics.failClosedRefusals).toBe(1_002);
    expect(metrics.storeErrors).toBe(1_002);
    expect(lines.map((line) => line.fields.teamId)).toEqual(["team_a", "team_b", "team_a"]);
    expect(lines[2]?.fields.sinceLastLine).toBe(1_000);
  });
});
