import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { makeKey, makeTeam } from "../testing/fakes";
import { type Harness, startHarness, waitFor } from "../testing/harness";

const OTHER_TEAM_KEY = "sk-sy-other-team-0123456789";
const SECOND_KEY = "sk-sy-second-key-0123456789";

interface OpenAIErrorBody {
  error: { message: string; type: string; code: string | null; param: string | null };
}

async function chat(h: Harness, body: Record<string, unknown> = {}, headers = {}) {
  const response = await h.fetch("/v1/chat/completions", {
    json: { model: "small", messages: [{ role: "user", content: "What is 2+2?" }], ...body },
    headers,
  });
  await response.text();
  const id = response.headers.get("x-request-id");
  if (id === null) throw new Error("no x-request-id");
  return { id, status: response.status };
}

const feedback = (h: Harness, json: unknown, key?: string) =>
  h.fetch("/v1/feedback", {
    json,
    ...(key === undefined ? {} : { headers: { authorization: `Bearer ${key}` } }),
  });

async function written(h: Harness, id: string) {
  await waitFor(() => h.usage.entries.some((entry) => entry.id === id));
}

describe("POST /v1/feedback", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.keys.add(OTHER_TEAM_KEY, makeKey(makeTeam({ id: "team_2", slug: "other" }), { id: "k2" }));
    h.keys.add(SECOND_KEY, makeKey(makeTeam(), { id: "key_second" }));
  });
  afterAll(() => h.close());
  afterEach(() => {
    h.outcomes.down = false;
  });

  it("records a thumbs-up as the served model's outcome, with the request's tags", async () => {
    const request = await chat(h, { metadata: { feature: "faq" }, user: "u-7" });
    await written(h, request.id);
    const response = await feedback(h, {
      request_id: request.id,
      thumbs: "up",
      comment: "exactly right",
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ object: "feedback", request_id: request.id, score: 1 });
    expect(typeof body.created).toBe("number");
    const [outcome] = await h.outcomes.list("team_1");
    expect(outcome).toMatchObject({
      teamId: "team_1",
      policyId: null,
      requestId: request.id,
      source: "feedback",
      sourceId: "key:key_1",
      tags: ["feature:faq", "user:u-7"],
      features: null,
      promptText: null,
      grades: { small: { quality: 1 } },
      comment: "exactly right",
    });
  });

  it("replaces the key's earlier grade of the same request; another key's grade is its own", async () => {
    const request = await chat(h);
    await written(h, request.id);
    expect((await feedback(h, { request_id: request.id, score: 0.3 })).status).toBe(200);
    expect((await feedback(h, { request_id: request.id, thumbs: "down" })).status).toBe(200);
    expect((await feedback(h, { request_id: request.id, score: 0.9 }, SECOND_KEY)).status).toBe(
      200,
    );
    const outcomes = (await h.outcomes.list("team_1")).filter((o) => o.requestId === request.id);
    expect(outcomes.map((o) => [o.sourceId, o.grades.small?.quality]).sort()).toEqual([
      ["key:key_1", 0],
      ["key:key_second", 0.9],
    ]);
  });

  it("finds a request whose log row is still in the accounting queue", async () => {
    const slow = await startHarness({ options: { usageFlushMs: 60_000, usageBatchSize: 1_000 } });
    try {
      const request = await chat(slow);
      expect(slow.usage.entries).toHaveLength(0);
      const response = await feedback(slow, { request_id: request.id, score: 0.5 });
      expect(response.status).toBe(200);
      expect(slow.requests.lookups).toBe(0);
      expect((await slow.outcomes.list("team_1"))[0]?.grades).toEqual({ small: { quality: 0.5 } });
    } finally {
      await slow.close();
    }
  });

  it("finds a request whose log row went to the spool while the database was down", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "switchyard-feedback-spool-"));
    const down = await startHarness({
      options: { spoolDir: dir, usageMaxAttempts: 1, usageRetryBaseMs: 5 },
    });
    try {
      down.usage.down = true;
      const request = await chat(down);
      await waitFor(() => down.gateway.usageStats().spooled > 0);
      expect(down.usage.entries).toHaveLength(0);
      const response = await feedback(down, { request_id: request.id, thumbs: "down" });
      expect(response.status).toBe(200);
      expect(down.requests.lookups).toBeGreaterThan(0);
      expect((await down.outcomes.list("team_1"))[0]?.grades).toEqual({ small: { quality: 0 } });
    } finally {
      down.usage.down = false;
      await down.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("answers 404 in OpenAI's shape for an unknown id and for another team's request", async () => {
    const unknown = await feedback(h, { request_id: "no-such-request", thumbs: "up" });
    expect(unknown.status).toBe(404);
    const unknownBody = (await unknown.json()) as OpenAIErrorBody;
    expect(unknownBody.error).toMatchObject({ code: "request_not_found", param: "request_id" });
    expect(unknownBody.error.message).toMatch(/retry/);

    const mine = await chat(h, { metadata: { secret: "team-1-only" } });
    await written(h, mine.id);
    const foreign = await feedback(h, { request_id: mine.id, thumbs: "down" }, OTHER_TEAM_KEY);
    expect(foreign.status).toBe(404);
    const foreignText = await foreign.text();
    expect(foreignText).not.toMatch(/team-1-only|small|team_1/);
    // Exactly what an unknown id gets: nothing tells that the id exists in another team.
    expect((JSON.parse(foreignText) as OpenAIErrorBody).error).toEqual({
      ...unknownBody.error,
      message: unknownBody.error.message.replace("no-such-request", mine.id),
    });
    expect(await h.outcomes.list("team_2")).toEqual([]);
  });

  it.each([
    [{ thumbs: "up" }, "request_id"],
    [{ request_id: "" }, "request_id"],
    [{ request_id: "r" }, "score"],
    [{ request_id: "r", score: 0.5, thumbs: "up" }, "thumbs"],
    [{ request_id: "r", score: 1.5 }, "score"],
    [{ request_id: "r", score: "high" }, "score"],
    [{ request_id: "r", thumbs: "sideways" }, "thumbs"],
    [{ request_id: "r", thumbs: "up", comment: "x".repeat(2_001) }, "comment"],
  ])("refuses %j with a 400 naming %s", async (body, param) => {
    const response = await feedback(h, body);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as OpenAIErrorBody;
    expect(error.type).toBe("invalid_request_error");
    expect(error.param).toBe(param);
  });

  it("refuses a body that is not JSON, or not an object, with a 400", async () => {
    const broken = await h.fetch("/v1/feedback", {
      method: "POST",
      body: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as OpenAIErrorBody).error.code).toBe("invalid_json");
    const list = await feedback(h, [1, 2]);
    expect(list.status).toBe(400);
  });

  it("authenticates like chat completions: 401 without a valid key, 405 for GET", async () => {
    const anonymous = await h.fetch("/v1/feedback", {
      json: { request_id: "r", thumbs: "up" },
      headers: { authorization: "Bearer sk-sy-unknown-0123456789" },
    });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as OpenAIErrorBody).error.type).toBe("authentication_error");
    const get = await h.fetch("/v1/feedback");
    expect(get.status).toBe(405);
  });

  it("refuses feedback on a request that got no answer", async () => {
    const failed = await chat(h, { model: "no-such-model" });
    expect(failed.status).toBe(404);
    await written(h, failed.id);
    const response = await feedback(h, { request_id: failed.id, thumbs: "down" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as OpenAIErrorBody).error.code).toBe("request_not_answered");
  });

  it("answers 503 (retryable) when the outcome store is down, without leaking the cause", async () => {
    const request = await chat(h);
    await written(h, request.id);
    h.outcomes.down = true;
    const response = await feedback(h, { request_id: request.id, thumbs: "up" });
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(text).not.toMatch(/database unavailable/);
    expect((JSON.parse(text) as OpenAIErrorBody).error.code).toBe("feedback_unavailable");
  });

  it("is served under /api/v1/feedback too", async () => {
    const request = await chat(h);
    await written(h, request.id);
    const response = await h.fetch("/api/v1/feedback", {
      json: { request_id: request.id, score: 0.25 },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { score: number }).score).toBe(0.25);
  });
});
