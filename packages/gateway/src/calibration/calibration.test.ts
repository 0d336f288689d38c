import { picosToUsdString, type RequestLogEntry, usageCost } from "@switchyard/core";
import { MemoryLimits, parseBudget } from "@switchyard/limits";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryOutcomeStore, makeKey, makeTeam } from "../testing";
import { type Harness, startHarness, waitFor } from "../testing/harness";
import { calibrationKeyId } from "./calibration-call";
import { byReason, calibrationModels, chat, learning, policy } from "./calibration-fixtures";
import { GRADING_VERSION } from "./grading-prompt";

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

/** A scheduler the test runs by hand: calibration starts only when the test says so. */
function manualSchedule() {
  const tasks: (() => void)[] = [];
  return {
    schedule: (task: () => void) => {
      tasks.push(task);
    },
    runAll: () => {
      for (const task of tasks.splice(0)) task();
    },
  };
}

describe("calibration sampling", () => {
  it("answers the client first, then calls the other candidates and grades every answer", async () => {
    const manual = manualSchedule();
    const outcomes = new MemoryOutcomeStore();
    harness = await startHarness({
      extraModels: calibrationModels,
      policies: [policy()],
      outcomes,
      calibration: { random: () => 0.1, schedule: manual.schedule },
    });
    const h = harness;
    const response = await h.fetch("/v1/chat/completions", chat());
    const body = (await response.json()) as { choices: { message: { content: string } }[] };
    // The client has its whole answer, unchanged, while the sample still waits: no other call yet.
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-model")).toBe("cand-cheap");
    expect(body.choices[0]?.message.content.endsWith("[quality:3]")).toBe(true);
    expect(h.mock.stats().requests).toBe(1);
    expect(h.gateway.calibrationStats()).toMatchObject({ queued: 1, running: 0, graded: 0 });

    manual.runAll();
    await h.gateway.calibrationIdle();
    // One more candidate answered; the judge graded both answers (the served one included).
    expect(h.mock.stats().requests).toBe(4);
    expect(h.gateway.calibrationStats()).toMatchObject({ queued: 0, graded: 1, failed: 0 });

    const requestId = response.headers.get("x-request-id");
    await waitFor(() => h.usage.entries.length >= 4);
    const entries = h.usage.entries;
    const sampled = entries.find((entry) => entry.id === requestId);
    const [answer] = byReason(entries, "calibration");
    const judged = byReason(entries, "calibration-judge");
    expect(answer).toMatchObject({
      clientRequestId: requestId,
      apiKeyId: calibrationKeyId("pol_1"),
      routedModel: "cand-strong",
      status: "ok",
      streamed: false,
      policyVersionId: "pv_1",
    });
    expect(judged.map((entry) => entry.routedModel)).toEqual(["judge", "judge"]);
    for (const row of judged) expect(row.clientRequestId).toBe(requestId);

    expect(outcomes.all()).toHaveLength(1);
    const outcome = outcomes.all()[0];
    expect(outcome).toMatchObject({
      teamId: "team_1",
      policyId: "pol_1",
      requestId,
      source: "calibration",
      sourceId: "judge:judge",
      tags: [],
      promptText: null,
      comment: `grading-version:${GRADING_VERSION}`,
    });
    expect(Object.keys(outcome?.grades ?? {}).sort()).toEqual(["cand-cheap", "cand-strong"]);
    const cheap = outcome?.grades["cand-cheap"];
    const strong = outcome?.grades["cand-strong"];
    expect(cheap?.quality).toBeCloseTo(0.3);
    expect(strong?.quality).toBeCloseTo(0.9);
    // The served grade carries the served call's tokens and cost; the strong one its own call's.
    expect(cheap).toMatchObject({
      inputTokens: sampled?.inputTokens,
      outputTokens: sampled?.outputTokens,
    });
    expect(picosToUsdString(cheap?.costPicos ?? -1)).toBe(sampled?.costUsd);
    expect(strong).toMatchObject({
      inputTokens: answer?.inputTokens,
      outputTokens: answer?.outputTokens,
    });
    const price = { inputPerMillion: 5, outputPerMillion: 15 };
    expect(strong?.costPicos).toBe(
      usageCost(price, answer?.inputTokens ?? 0, answer?.outputTokens ?? 0),
    );
    expect(picosToUsdString(strong?.costPicos ?? -1)).toBe(answer?.costUsd);
    // The router's features, without grades, on the outcome and on the sampled request's row.
    expect(outcome?.features).toMatchObject({ featureVersion: 1, tags: ["key:key_1"] });
    expect(outcome?.features).not.toHaveProperty("grades");
    expect(sampled?.routingFeatures).toEqual(outcome?.features);
    expect(sampled?.routeReason).toBe("default");
  });

  it("samples a streamed request once the stream has ended", async () => {
    const outcomes = new MemoryOutcomeStore();
    harness = await startHarness({
      extraModels: calibrationModels,
      policies: [policy()],
      outcomes,
      calibration: { random: () => 0 },
    });
    const response = await harness.fetch("/v1/chat/completions", chat(undefined, { stream: true }));
    const text = await response.text();
    expect(text).toContain("[DONE]");
    await harness.gateway.calibrationIdle();
    expect(harness.gateway.calibrationStats()).toMatchObject({ graded: 1 });
    const outcome = outcomes.all()[0];
    expect(outcome?.grades["cand-cheap"]?.quality).toBeCloseTo(0.3);
    expect(outcome?.grades["cand-strong"]?.quality).toBeCloseTo(0.9);
    expect(outcome?.promptText).toBeNull();
  });

  it("never samples a private rule's requests, an opted-out key's, an excluded tag's, a failed one, or at sampleRate 0", async () => {
    const outcomes = new MemoryOutcomeStore();
    const rules = [
      { name: "hr", when: { task: ["hr"] }, target: { model: "cand-cheap" }, private: true },
      { name: "fails", when: { task: ["fails"] }, target: { model: "bad-request" } },
    ];
    harness = await startHarness({
      extraModels: calibrationModels,
      policies: [policy({ ...learning, excludeTags: ["task:legal"] }, rules)],
      outcomes,
      calibration: { random: () => 0 },
    });
    const h = harness;
    const optedOut = "sk-sy-optout-0123456789";
    h.keys.add(
      optedOut,
      makeKey(makeTeam({ defaultModel: "small" }), { id: "key_2", learningOptOut: true }),
    );
    const task = (name: string) => ({ ...chat(), headers: { "x-switchyard-task": name } });
    const privateRule = await h.fetch("/v1/chat/completions", task("hr"));
    expect(privateRule.headers.get("x-switchyard-route")).toBe("rule:hr");
    const excluded = await h.fetch("/v1/chat/completions", task("legal"));
    const failed = await h.fetch("/v1/chat/completions", task("fails"));
    const optOut = await h.fetch("/v1/chat/completions", {
      ...chat(),
      headers: { authorization: `Bearer ${optedOut}` },
    });
    expect([privateRule.status, excluded.status, failed.status, optOut.status]).toEqual([
      200, 200, 400, 200,
    ]);
    await h.gateway.calibrationIdle();
    expect(h.mock.stats().requests).toBe(4);

    h.config.snapshot.policies = [policy({ ...learning, sampleRate: 0 })];
    await h.gateway.reload();
    expect((await h.fetch("/v1/chat/completions", chat())).status).toBe(200);
    await h.gateway.calibrationIdle();
    expect(h.mock.stats().requests).toBe(5);
    expect(outcomes.all()).toEqual([]);
    expect(h.gateway.calibrationStats()).toMatchObject({ queued: 0, graded: 0, failed: 0 });
    await waitFor(() => h.usage.entries.length >= 5);
    expect(h.usage.entries.every((entry) => entry.routingFeatures === undefined)).toBe(true);
  });

  it("drops a sample when the queue is full, and counts it", async () => {
    const manual = manualSchedule();
    const outcomes = new MemoryOutcomeStore();
    harness = await startHarness({
      extraModels: calibrationModels,
      // No share cap: the pacer would hold the second sample while the first is in flight.
      policies: [policy({ ...learning, maxShare: 1 })],
      outcomes,
      options: { calibrationQueueMax: 1 },
      calibration: { random: () => 0, schedule: manual.schedule },
    });
    const h = harness;
    expect((await h.fetch("/v1/chat/completions", chat("first question"))).status).toBe(200);
    expect((await h.fetch("/v1/chat/completions", chat("second question"))).status).toBe(200);
    expect(h.gateway.calibrationStats()).toMatchObject({ queued: 1, droppedQueueFull: 1 });
    manual.runAll();
    await h.gateway.calibrationIdle();
    expect(h.gateway.calibrationStats()).toMatchObject({ graded: 1, droppedQueueFull: 1 });
    expect(outcomes.all()).toHaveLength(1);
    await waitFor(() => h.usage.entries.length >= 5);
    // Both requests are logged; only the first one was calibrated.
    expect(h.usage.entries.filter((entry) => entry.routeReason === "default")).toHaveLength(2);
  });

  it("pauses sampling while the policy's calibration spend is over its share of the traffic's", async () => {
    const outcomes = new MemoryOutcomeStore();
    harness = await startHarness({
      extraModels: calibrationModels,
      policies: [policy({ ...learning, sampleRate: 1, maxShare: 0.5 })],
      outcomes,
      calibration: { random: () => 0 },
    });
    const h = harness;
    const ids: string[] = [];
    const ask = async () => {
      const response = await h.fetch("/v1/chat/completions", chat(`question ${ids.length}?`));
      expect(response.status).toBe(200);
      ids.push(response.headers.get("x-request-id") as string);
      await h.gateway.calibrationIdle();
    };
    // Every request is drawn (rate 1); the first is sampled at once and alone.
    await ask();
    await ask();
    expect(h.gateway.calibrationStats()).toMatchObject({ graded: 1, paused: 1 });
    while (h.gateway.calibrationStats().graded < 2 && ids.length < 1000) await ask();
    expect(outcomes.all()).toHaveLength(2);
    await waitFor(() => h.usage.entries.length >= ids.length + 6);

    const costOf = (entry: RequestLogEntry) => Number(entry.costUsd);
    const served = new Map(byReason(h.usage.entries, "default").map((e) => [e.id, costOf(e)]));
    const calls = h.usage.entries.filter((e) => e.routeReason?.startsWith("calibration"));
    const sampled = [...new Set(calls.map((e) => e.clientRequestId))];
    expect(sampled).toEqual([ids[0], ids.at(-1)]);
    const firstSampleUsd = calls
      .filter((e) => e.clientRequestId === ids[0])
      .reduce((sum, e) => sum + costOf(e), 0);
    // The second sample waited until the traffic had paid for the first (maxShare 0.5:
    // calibration at most what the traffic costs), and not one request more.
    const before = ids.slice(0, -1).reduce((sum, id) => sum + (served.get(id) ?? 0), 0);
    const lastServed = served.get(ids.at(-2) as string) ?? 0;
    expect(ids.length).toBeGreaterThan(10);
    expect(before).toBeGreaterThan(firstSampleUsd);
    expect(before - lastServed).toBeLessThanOrEqual(firstSampleUsd);
    expect(h.gateway.calibrationStats().paused).toBe(ids.length - 2);
  });

  it("calls a candidate dearer than the served one only with the policy's explore probability", async () => {
    const draws = [0.1, 0.9, 0.1, 0.1];
    const outcomes = new MemoryOutcomeStore();
    harness = await startHarness({
      extraModels: calibrationModels,
      policies: [policy({ ...learning, explore: 0.5, warmup: 0 })],
      outcomes,
      // Each request: the sample draw (0.1 < 0.5), then the explore draw for cand-strong.
      calibration: { random: () => draws.shift() ?? 0.9 },
    });
    const h = harness;
    for (const question of ["first?", "second?"]) {
      expect((await h.fetch("/v1/chat/completions", chat(question))).status).toBe(200);
      await h.gateway.calibrationIdle();
    }
    const [first, second] = outcomes.all();
    // 0.9 ≥ explore: the served (cheapest) answer alone is graded, no other candidate is called.
    expect(Object.keys(first?.grades ?? {})).toEqual(["cand-cheap"]);
    expect(Object.keys(second?.grades ?? {}).sort()).toEqual(["cand-cheap", "cand-strong"]);
    await waitFor(() => h.usage.entries.length >= 6);
    expect(byReason(h.usage.entries, "calibration").map((e) => e.routedModel)).toEqual([
      "cand-strong",
    ]);
    expect(byReason(h.usage.entries, "calibration-judge")).toHaveLength(3);
  });

  it("leaves out a judge reply that is not a grade, and counts it", async () => {
    const outcomes = new MemoryOutcomeStore();
    harness = await startHarness({
      extraModels: calibrationModels,
      policies: [policy({ ...learning, candidates: ["cand-cheap", "cand-plain"] })],
      outcomes,
      contentLogging: true,
      calibration: { random: () => 0 },
    });
    expect((await harness.fetch("/v1/chat/completions", chat())).status).toBe(200);
    await harness.gateway.calibrationIdle();
    expect(harness.gateway.calibrationStats()).toMatchObject({ graded: 1, judgeUnparseable: 1 });
    expect(Object.keys(outcomes.all()[0]?.grades ?? {})).toEqual(["cand-cheap"]);
    // With content logging the outcome keeps the prompt.
    expect(outcomes.all()[0]?.promptText).toContain("What is the capital of France?");
  });

  it("a calibration call refused by the policy's calibration budget: no outcome, counted as failed", async () => {
    const limits = new MemoryLimits();
    limits.setBudgets([
      parseBudget({
        id: "calibration-budget",
        scope: "key",
        teamId: "team_1",
        apiKeyId: calibrationKeyId("pol_1"),
        period: "month",
        limitUsd: "0.000000001",
      }),
    ]);
    const outcomes = new MemoryOutcomeStore();
    harness = await startHarness({
      extraModels: calibrationModels,
      policies: [policy()],
      outcomes,
      limits,
      calibration: { random: () => 0 },
    });
    const h = harness;
    const response = await h.fetch("/v1/chat/completions", chat());
    expect(response.status).toBe(200);
    await h.gateway.calibrationIdle();
    expect(h.gateway.calibrationStats()).toMatchObject({ graded: 0, failed: 1 });
    expect(outcomes.all()).toEqual([]);
    expect(h.mock.stats().requests).toBe(1);
    // The gateway still serves.
    expect((await h.fetch("/v1/chat/completions", chat("another one"))).status).toBe(200);
    await h.gateway.calibrationIdle();
    await limits.close();
  });
});
