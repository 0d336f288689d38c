import type { RequestLogEntry } from "@switchyard/core";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import type { LedgerClose } from "../accounting/request-ledger";
import { makeModel } from "../testing";
import type { CalibrateDeps } from "./calibrate";
import type { CalibrationJob } from "./calibration-job";
import { CalibrationRunner } from "./calibration-runner";

const model = makeModel({ name: "small", baseUrl: "http://127.0.0.1:1/v1" });

const job = (requestId: string): CalibrationJob => ({
  requestId,
  teamId: "team_1",
  policyId: "pol_1",
  policyVersionId: "pv_1",
  surface: "openai",
  keepText: false,
  request: { model: "switchyard/auto", messages: [{ role: "user", content: "hello there" }] },
  learning: {
    policyId: "pol_1",
    settings: {
      sampleRate: 1,
      maxShare: 0.1,
      explore: 1,
      warmup: 5,
      taperAfter: 15,
      adaptive: true,
      budgetUsd: null,
      candidates: ["small", "large"],
      judge: "large",
      excludeTags: [],
      privateRules: new Set(),
    },
    routingRequest: {
      messages: [{ role: "user", content: "hello there" }],
      hasImages: false,
      requestedModel: "switchyard/auto",
      keyId: "key_1",
      teamId: "team_1",
      estimatedInputTokens: 3,
    },
    rule: undefined,
    minQuality: 0.95,
  },
  classifier: { name: "fixed", score: () => 0.25 },
  held: 0,
  served: {
    model,
    usage: { inputTokens: 3, outputTokens: 5, usageEstimated: false },
    costPicos: 13,
    text: "hi",
  },
});

const closed = (id: string): LedgerClose => ({
  entry: { id } as RequestLogEntry,
  costPicos: 13,
  tokens: 8,
});

describe("CalibrationRunner", () => {
  it("bounds the queue, and on close records every offered row and drops what waits", async () => {
    const deps = { logger: pino({ level: "silent" }) } as unknown as CalibrateDeps;
    const never = () => undefined;
    const runner = new CalibrationRunner(
      deps,
      { maxQueue: 2, concurrency: 1 },
      { schedule: never },
    );
    const recorded: LedgerClose[] = [];
    const record = (entry: LedgerClose) => recorded.push(entry);
    runner.offer(job("r1"), closed("r1"), record);
    runner.offer(job("r2"), closed("r2"), record);
    runner.offer(job("r3"), closed("r3"), record);
    // The third did not fit: its row is recorded at once, without features.
    expect(recorded.map((entry) => entry.entry.id)).toEqual(["r3"]);
    expect(runner.stats()).toMatchObject({ queued: 2, running: 0, droppedQueueFull: 1 });

    await runner.close(10);
    expect(recorded.map((entry) => entry.entry.id)).toEqual(["r3", "r1", "r2"]);
    // Rows prepared on close still carry the router's features of the prompt.
    expect(recorded[1]?.entry.routingFeatures).toMatchObject({ featureVersion: 1, prior: 0.25 });
    expect(recorded[0]?.entry.routingFeatures).toBeUndefined();
    expect(runner.stats()).toMatchObject({ queued: 0, failed: 2, droppedQueueFull: 1 });

    runner.offer(job("r4"), closed("r4"), record);
    expect(recorded.at(-1)?.entry.id).toBe("r4");
    expect(runner.stats()).toMatchObject({ queued: 0, failed: 3 });
    await runner.idle();
  });
});
