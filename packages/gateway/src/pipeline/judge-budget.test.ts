import { MemoryLimits, parseBudget, type Reservation } from "@switchyard/limits";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeModel } from "../testing/fakes";
import { type Harness, startHarness } from "../testing/harness";
import { attemptWorstCase } from "./admission";
import { judgeRequest } from "./judge";
import { attemptsOf, cascadeResultOf, judgePolicy, logEntry, picosOf } from "./judge-fixtures";

/** Memory limits that note every extra reservation the pipeline asks for. */
class WatchedLimits extends MemoryLimits {
  readonly extra: number[] = [];
  override async reserveMore(reservation: Reservation, picos: number, now?: number) {
    this.extra.push(picos);
    return super.reserveMore(reservation, picos, now);
  }
}

const budget = (limitUsd: string, id = "b-team") =>
  parseBudget({ id, scope: "team", teamId: "team_1", period: "day", limitUsd });

describe("budgets and a cascade's judge", () => {
  let h: Harness;
  const limits = new WatchedLimits();
  // An expensive judge ($100/M input): its worst case is about $0.02, small's about $0.0025.
  const dear = (name: string, upstreamName: string) =>
    makeModel({
      name,
      upstreamName,
      baseUrl: `${h.mock.url}/v1`,
      inputPricePerMillion: 100,
      outputPricePerMillion: 100,
    });
  beforeAll(async () => {
    h = await startHarness({
      limits,
      routing: { scorer: { name: "fixed", score: () => 0.5 } },
    });
    h.config.snapshot.models.push(
      dear("dear-9", "grader+mock-grade-9"),
      dear("dear-2", "grader+mock-grade-2"),
    );
    h.config.snapshot.policies.push(
      judgePolicy("acme/dear-9", "dear-9", 1),
      judgePolicy("acme/dear-2", "dear-2", 1),
    );
    await h.gateway.reload();
  });
  afterAll(async () => {
    await h.close();
  });

  const ask = (model: string, id: string, content: string) =>
    h.fetch("/v1/chat/completions", {
      json: { model, messages: [{ role: "user", content }] },
      headers: { "x-request-id": id },
    });

  const settled = async (spentPicos: number, id = "b-team") => {
    let usage = await limits.usage(id);
    for (let i = 0; i < 200 && usage?.spentPicos !== spentPicos; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      usage = await limits.usage(id);
    }
    return usage;
  };

  it("reserves the judge call's worst case, then settles the real cost of both calls", async () => {
    limits.setBudgets([budget("1")]);
    limits.extra.length = 0;
    const content = "How do vaccines work?";
    const response = await ask("acme/dear-9", "judge-reserved", content);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-route")).toBe(
      "cascade:small->premium;judge:dear-9=0.90>=0.70;accepted",
    );
    const answer = ((await response.json()) as { choices: { message: { content: string } }[] })
      .choices[0]?.message.content as string;
    const model = h.config.snapshot.models.find((m) => m.name === "dear-9");
    if (model === undefined) throw new Error("no judge model");
    const request = judgeRequest(
      "dear-9",
      { model: "x", messages: [{ role: "user", content }] },
      answer,
    );
    const worst = attemptWorstCase({ model, reason: "cascade-judge" }, request).picos;
    expect(limits.extra).toEqual([worst]);
    const entry = await logEntry(h, "judge-reserved");
    const cost = picosOf(entry.costUsd);
    expect(cost).toBeLessThan(worst + 2_500_000_000);
    expect(await settled(cost)).toMatchObject({ spentPicos: cost, reservedPicos: 0 });
  });

  it("reserves judge and escalation separately when the judge escalates", async () => {
    limits.setBudgets([budget("1")]);
    limits.extra.length = 0;
    const before = (await limits.usage("b-team"))?.spentPicos ?? 0;
    const response = await ask("acme/dear-2", "judge-then-strong", "Explain tides");
    expect(response.headers.get("x-switchyard-model")).toBe("premium");
    expect(limits.extra).toHaveLength(2);
    const entry = await logEntry(h, "judge-then-strong");
    expect(attemptsOf(entry).map(([m]) => m)).toEqual(["small", "dear-2", "premium"]);
    const cost = picosOf(entry.costUsd);
    expect(await settled(before + cost)).toMatchObject({
      spentPicos: before + cost,
      reservedPicos: 0,
    });
  });

  it("counts a judge the budget cannot cover as failed: the local scorer decides, nothing is overspent", async () => {
    // A fresh budget (nothing spent yet): the cheap call is admitted.
    limits.setBudgets([budget("0.01", "b-tight")]);
    const response = await ask("acme/dear-9", "judge-refused", "Explain the seasons");
    expect(response.status).toBe(200);
    // The local scorer escalates (0.5 < 1), but premium's worst case (~$0.06) is refused too.
    expect(response.headers.get("x-switchyard-model")).toBe("small");
    expect(response.headers.get("x-switchyard-route")).toBe(
      "cascade:small->premium;judge:dear-9=failed:budget_exceeded;escalation-failed",
    );
    const entry = await logEntry(h, "judge-refused");
    expect(attemptsOf(entry).map(([m]) => m)).toEqual(["small"]);
    expect(cascadeResultOf(entry)).toMatchObject({
      score: 0.5,
      threshold: 1,
      escalated: true,
      strongFailed: true,
      judge: { model: "dear-9", score: null, failure: "budget_exceeded" },
    });
    const cost = picosOf(entry.costUsd);
    const body = (await response.json()) as {
      usage: { prompt_tokens: number; completion_tokens: number };
    };
    // Only the cheap call was made and paid.
    expect(cost).toBe(body.usage.prompt_tokens * 150_000 + body.usage.completion_tokens * 600_000);
    expect(await settled(cost, "b-tight")).toMatchObject({ spentPicos: cost, reservedPicos: 0 });
  });
});
