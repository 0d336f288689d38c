import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, waitFor } from "../testing/harness";
import {
  addJudges,
  attemptsOf,
  cascadeResultOf,
  judgePolicy,
  logEntry,
  picosOf,
} from "./judge-fixtures";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    // No retries: a failing judge fails once (the retry path is the same as any attempt's).
    options: { maxRetries: 0, exposeScores: true },
    // The local scorer always says 0.5: local threshold 1 escalates, 0 accepts.
    routing: { scorer: { name: "fixed", score: () => 0.5 } },
  });
  await addJudges(h, [
    judgePolicy("acme/judge-8", "grader-8", 1),
    judgePolicy("acme/judge-3", "grader-3", 0),
    judgePolicy("acme/judge-prose", "grader-prose", 0),
    judgePolicy("acme/judge-down", "grader-down", 1),
    judgePolicy("acme/judge-hangs", "grader-hangs", 0),
    judgePolicy("acme/judge-claude", "grader-claude", 1, 0.9),
    // No judge, and a strong model that never answers: every request escalates into a hang.
    {
      ...judgePolicy("acme/escalate-hangs", "grader-8", 1),
      body: {
        version: 1,
        defaultModel: "small",
        baselineModel: "premium",
        otherwise: "cascade",
        cascade: { cheap: "small", strong: "grader-hangs", threshold: 1 },
      },
    },
  ]);
});
afterAll(async () => {
  await h.close();
});

const ask = (
  model: string,
  id: string,
  extra: Record<string, unknown> = {},
  prompt = `Explain tides (${id})`,
) =>
  h.fetch("/v1/chat/completions", {
    json: { model, messages: [{ role: "user", content: prompt }], ...extra },
    headers: { "x-request-id": id },
  });

interface ChatBody {
  choices: { message: { content: string } }[];
  usage: { prompt_tokens: number; completion_tokens: number };
}

describe("a cascade with an LLM judge", () => {
  it("serves the cheap answer when the judge grades it at or above its threshold", async () => {
    // The local scorer (0.5 < 1) would have escalated: the judge decides instead.
    const response = await ask("acme/judge-8", "judge-accepts");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-model")).toBe("small");
    expect(response.headers.get("x-switchyard-route")).toBe(
      "cascade:small->premium;judge:grader-8=0.80>=0.70;accepted",
    );
    expect(response.headers.get("x-switchyard-scores")).toBe("judge=0.8");
    const body = (await response.json()) as ChatBody;
    const entry = await logEntry(h, "judge-accepts");
    expect(entry.routedModel).toBe("small");
    expect(entry.cascaded).toBe(false);
    expect(attemptsOf(entry)).toEqual([
      ["small", "cascade-cheap", null],
      ["grader-8", "cascade-judge", null],
    ]);
    expect(cascadeResultOf(entry)).toEqual({
      score: 0.8,
      threshold: 0.7,
      escalated: false,
      judge: { model: "grader-8", threshold: 0.7, score: 0.8 },
    });
    expect((entry.routeTrace as { cascade: unknown }).cascade).toEqual({
      cheap: "small",
      strong: "premium",
      threshold: 1,
      judge: { model: "grader-8", threshold: 0.7 },
    });
    // The judge call is paid: its tokens (one output token: "8") and cost are in the row, exactly.
    const judgeInput = entry.inputTokens - body.usage.prompt_tokens;
    expect(judgeInput).toBeGreaterThan(body.usage.prompt_tokens);
    expect(entry.outputTokens).toBe(body.usage.completion_tokens + 1);
    const cheapPicos = body.usage.prompt_tokens * 150_000 + body.usage.completion_tokens * 600_000;
    expect(picosOf(entry.costUsd)).toBe(cheapPicos + judgeInput * 1_000_000 + 2_000_000);
  });

  it("escalates when the judge grades under its threshold, paying cheap, judge and strong", async () => {
    // The local scorer (0.5 >= 0) would have accepted.
    const response = await ask("acme/judge-3", "judge-escalates");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-model")).toBe("premium");
    expect(response.headers.get("x-switchyard-route")).toBe(
      "cascade:small->premium;judge:grader-3=0.30<0.70;escalated",
    );
    const body = (await response.json()) as ChatBody;
    const entry = await logEntry(h, "judge-escalates");
    expect(entry.cascaded).toBe(true);
    expect(entry.attemptCount).toBe(3);
    expect(attemptsOf(entry).map(([model, reason]) => [model, reason])).toEqual([
      ["small", "cascade-cheap"],
      ["grader-3", "cascade-judge"],
      ["premium", "cascade-strong"],
    ]);
    expect(cascadeResultOf(entry)).toMatchObject({
      score: 0.3,
      threshold: 0.7,
      escalated: true,
      judge: { model: "grader-3", score: 0.3 },
    });
    const strongPicos = body.usage.prompt_tokens * 5_000_000 + body.usage.completion_tokens * 15e6;
    expect(picosOf(entry.baselineCostUsd)).toBe(strongPicos);
    // Cheap and judge calls on top of the strong one: all three tokens counts and costs.
    expect(entry.outputTokens).toBeGreaterThan(body.usage.completion_tokens + 1);
    expect(picosOf(entry.costUsd)).toBeGreaterThan(strongPicos + 2_000_000);
  });

  it("lets the local scorer decide when the judge's reply is not a grade (and still pays it)", async () => {
    const response = await ask("acme/judge-prose", "judge-unparseable");
    expect(response.headers.get("x-switchyard-model")).toBe("small");
    expect(response.headers.get("x-switchyard-route")).toBe(
      "cascade:small->premium;judge:grader-prose=failed:unparseable;accepted",
    );
    expect(response.headers.get("x-switchyard-scores")).toBe("cascade=0.5");
    const body = (await response.json()) as ChatBody;
    const entry = await logEntry(h, "judge-unparseable");
    expect(cascadeResultOf(entry)).toEqual({
      score: 0.5,
      threshold: 0,
      escalated: false,
      judge: { model: "grader-prose", threshold: 0.7, score: null, failure: "unparseable" },
    });
    expect(attemptsOf(entry).map(([model]) => model)).toEqual(["small", "grader-prose"]);
    expect(entry.inputTokens).toBeGreaterThan(body.usage.prompt_tokens);
    expect(entry.outputTokens).toBeGreaterThan(body.usage.completion_tokens);
  });

  it("lets the local scorer decide when the judge errors (here: escalates), with the error in the trace", async () => {
    const response = await ask("acme/judge-down", "judge-error");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-model")).toBe("premium");
    const route = response.headers.get("x-switchyard-route");
    expect(route).toMatch(/^cascade:small->premium;judge:grader-down=failed:[a-z_]+;escalated$/);
    const entry = await logEntry(h, "judge-error");
    const failure = (cascadeResultOf(entry) as { judge: { failure: string } }).judge.failure;
    expect(route).toContain(`failed:${failure}`);
    expect(cascadeResultOf(entry)).toMatchObject({ score: 0.5, threshold: 1, escalated: true });
    expect(attemptsOf(entry).map(([model, , error]) => [model, error])).toEqual([
      ["small", null],
      ["grader-down", failure],
      ["premium", null],
    ]);
  });

  it("treats a judge that times out as failed", async () => {
    const response = await ask("acme/judge-hangs", "judge-timeout");
    expect(response.headers.get("x-switchyard-model")).toBe("small");
    expect(response.headers.get("x-switchyard-route")).toBe(
      "cascade:small->premium;judge:grader-hangs=failed:upstream_timeout;accepted",
    );
    const entry = await logEntry(h, "judge-timeout");
    expect(attemptsOf(entry)[1]).toEqual(["grader-hangs", "cascade-judge", "upstream_timeout"]);
  }, 10_000);

  it("ends as client_closed when the client leaves while the judge is grading", async () => {
    const controller = new AbortController();
    const before = h.mock.stats().requests;
    const request = h
      .fetch("/v1/chat/completions", {
        json: { model: "acme/judge-hangs", messages: [{ role: "user", content: "Leave early" }] },
        headers: { "x-request-id": "judge-client-closed" },
        signal: controller.signal,
      })
      .catch((error: unknown) => error);
    // The cheap call and the judge call have both reached the provider.
    await waitFor(() => h.mock.stats().requests >= before + 2);
    controller.abort();
    expect(await request).toBeInstanceOf(Error);
    const entry = await logEntry(h, "judge-client-closed");
    expect(entry.status).toBe("client_closed");
    expect(attemptsOf(entry)).toEqual([
      ["small", "cascade-cheap", null],
      ["grader-hangs", "cascade-judge", "client_closed"],
    ]);
    // The cheap answer was paid for: its tokens and cost stay on the request (and its budgets).
    expect(entry.cascaded).toBe(true);
    expect(entry.inputTokens).toBeGreaterThan(0);
    expect(entry.outputTokens).toBeGreaterThan(0);
    expect(Number(entry.costUsd)).toBeGreaterThan(0);
  });

  // One cascade runner serves both responders: a client that leaves during the escalation ends
  // the request as client_closed whether it asked for a stream or not (and the cheap call stays paid).
  it.each([
    ["streamed", true],
    ["non-streamed", false],
  ])("keeps the cheap call's cost when the client leaves a %s escalation", async (kind, stream) => {
    const controller = new AbortController();
    const before = h.mock.stats().requests;
    const id = `escalation-client-closed-${kind}`;
    const request = h
      .fetch("/v1/chat/completions", {
        json: {
          model: "acme/escalate-hangs",
          stream,
          messages: [{ role: "user", content: "Leave during the escalation" }],
        },
        headers: { "x-request-id": id },
        signal: controller.signal,
      })
      .catch((error: unknown) => error);
    // The cheap call has been answered and the strong one has reached the provider.
    await waitFor(() => h.mock.stats().requests >= before + 2);
    controller.abort();
    expect(await request).toBeInstanceOf(Error);
    const entry = await logEntry(h, id);
    expect(entry.status).toBe("client_closed");
    expect(entry.httpStatus).toBe(499);
    expect(attemptsOf(entry)).toEqual([
      ["small", "cascade-cheap", null],
      ["grader-hangs", "cascade-strong", "client_closed"],
    ]);
    expect(entry.cascaded).toBe(true);
    expect(entry.outputTokens).toBeGreaterThan(0);
    expect(Number(entry.costUsd)).toBeGreaterThan(0);
  });

  it("asks a judge on another provider (Anthropic) in its own wire format", async () => {
    const response = await ask("acme/judge-claude", "judge-anthropic");
    expect(response.headers.get("x-switchyard-route")).toBe(
      "cascade:small->premium;judge:grader-claude=0.90>=0.90;accepted",
    );
    const entry = await logEntry(h, "judge-anthropic");
    expect(attemptsOf(entry)[1]).toEqual(["grader-claude", "cascade-judge", null]);
  });
});

describe("a streamed cascade with an LLM judge", () => {
  it("replays an accepted answer on the Anthropic surface too", async () => {
    const response = await h.fetch("/v1/messages", {
      json: {
        model: "acme/judge-8",
        stream: true,
        max_tokens: 200,
        messages: [{ role: "user", content: "Name three rivers" }],
      },
      headers: { "x-request-id": "stream-judge-anthropic" },
    });
    expect(response.headers.get("x-switchyard-route")).toBe(
      "cascade:small->premium;judge:grader-8=0.80>=0.70;accepted",
    );
    const events = (await response.text())
      .split("\n\n")
      .filter(Boolean)
      .map((f) => /^event: (.*)$/m.exec(f)?.[1]);
    expect(events[0]).toBe("message_start");
    expect(events.at(-1)).toBe("message_stop");
    const entry = await logEntry(h, "stream-judge-anthropic");
    expect(entry.surface).toBe("anthropic");
    expect(attemptsOf(entry).map(([model]) => model)).toEqual(["small", "grader-8"]);
  });

  const frames = async (response: Response) =>
    (await response.text()).split("\n\n").filter((f) => f.startsWith("data: "));

  it("buffers the cheap answer until the judge accepts it, then replays it", async () => {
    const prompt = "Why is the sky blue?";
    const json = (await (await ask("acme/judge-8", "stream-json", {}, prompt)).json()) as ChatBody;
    const response = await ask("acme/judge-8", "stream-judge-accepts", { stream: true }, prompt);
    expect(response.headers.get("x-switchyard-model")).toBe("small");
    expect(response.headers.get("x-switchyard-route")).toBe(
      "cascade:small->premium;judge:grader-8=0.80>=0.70;accepted",
    );
    const data = await frames(response);
    expect(data.at(-1)).toBe("data: [DONE]");
    let text = "";
    for (const frame of data.slice(0, -1)) {
      const chunk = JSON.parse(frame.slice(6)) as { choices: { delta: { content?: string } }[] };
      text += chunk.choices[0]?.delta.content ?? "";
    }
    // Same prompt, same cheap answer: the stream carries exactly what the judge accepted.
    expect(text).toBe(json.choices[0]?.message.content);
    const entry = await logEntry(h, "stream-judge-accepts");
    expect(entry.streamed).toBe(true);
    expect(attemptsOf(entry).map(([model]) => model)).toEqual(["small", "grader-8"]);
    expect(entry.outputTokens).toBe(json.usage.completion_tokens + 1);
  });

  it("streams the strong model live when the judge escalates", async () => {
    const response = await ask("acme/judge-3", "stream-judge-escalates", { stream: true });
    expect(response.headers.get("x-switchyard-model")).toBe("premium");
    expect(response.headers.get("x-switchyard-route")).toBe(
      "cascade:small->premium;judge:grader-3=0.30<0.70;escalated",
    );
    expect((await frames(response)).at(-1)).toBe("data: [DONE]");
    const entry = await logEntry(h, "stream-judge-escalates");
    expect(entry.cascaded).toBe(true);
    expect(attemptsOf(entry).map(([model]) => model)).toEqual(["small", "grader-3", "premium"]);
    expect(cascadeResultOf(entry)).toMatchObject({ escalated: true, judge: { score: 0.3 } });
  });
});
