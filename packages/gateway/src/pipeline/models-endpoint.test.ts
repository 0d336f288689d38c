/**
 * GET /v1/models and /v1/models/{id} for Anthropic's clients: Anthropic's shape and paging when
 * the caller speaks Anthropic's API (anthropic-version, or x-api-key without a Bearer token),
 * OpenAI's otherwise; errors in the same shape.
 */
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, TEST_KEY } from "../testing/harness";
import { anthropicModelPage, wantsAnthropicShape } from "./anthropic-models";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const anthropicHeaders = { "x-api-key": TEST_KEY, "anthropic-version": "2023-06-01" };
const client = () => new Anthropic({ apiKey: TEST_KEY, baseURL: h.server.url, maxRetries: 0 });
const openAIIds = async () =>
  ((await (await h.fetch("/v1/models")).json()) as { data: { id: string }[] }).data.map(
    (model) => model.id,
  );
interface Page {
  data: { type: string; id: string; display_name: string; created_at: string }[];
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
}

describe("the model list in Anthropic's shape", () => {
  it("pages through every model with the SDK (limit and after_id), in the OpenAI list's order", async () => {
    const all = await openAIIds();
    expect(all.length).toBeGreaterThan(5);
    const ids: string[] = [];
    for await (const model of client().models.list({ limit: 2 })) {
      expect(model.type).toBe("model");
      expect(model.display_name).toBe(model.id);
      expect(Number.isNaN(Date.parse(model.created_at))).toBe(false);
      ids.push(model.id);
    }
    expect(ids).toEqual(all);
  });

  it("answers a page with its cursors; before_id gives the page before", async () => {
    const all = await openAIIds();
    const page = async (query: string) => {
      const response = await h.fetch(`/v1/models${query}`, { headers: anthropicHeaders });
      expect(response.status).toBe(200);
      return (await response.json()) as Page;
    };
    const firstPage = await page("?limit=3");
    expect(firstPage.data.map((m) => m.id)).toEqual(all.slice(0, 3));
    expect(firstPage).toMatchObject({ has_more: true, first_id: all[0], last_id: all[2] });
    const before = await page(`?limit=2&before_id=${encodeURIComponent(all[4] ?? "")}`);
    expect(before.data.map((m) => m.id)).toEqual(all.slice(2, 4));
    expect(before.has_more).toBe(true);
    const last = await page(`?after_id=${encodeURIComponent(all.at(-2) ?? "")}`);
    expect(last).toMatchObject({ has_more: false, first_id: all.at(-1), last_id: all.at(-1) });
    expect((await page("")).data).toHaveLength(Math.min(20, all.length));
  });

  it("is chosen by x-api-key alone, and not when a Bearer token is sent", async () => {
    const keyOnly = await h.fetch("/v1/models", { headers: { "x-api-key": TEST_KEY } });
    expect(((await keyOnly.json()) as Page).has_more).toBeTypeOf("boolean");
    const bearer = await h.fetch("/v1/models", {
      headers: { "x-api-key": TEST_KEY, authorization: `Bearer ${TEST_KEY}` },
    });
    expect(await bearer.json()).toMatchObject({ object: "list" });
    const one = await h.fetch("/v1/models/claude", { headers: { "x-api-key": TEST_KEY } });
    expect(await one.json()).toEqual({
      type: "model",
      id: "claude",
      display_name: "claude",
      created_at: expect.any(String),
    });
  });

  it("answers errors in Anthropic's shape", async () => {
    const missing = await h.fetch("/v1/models/nope", { headers: anthropicHeaders });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      type: "error",
      error: { type: "not_found_error" },
    });
    await expect(client().models.retrieve("nope")).rejects.toBeInstanceOf(Anthropic.NotFoundError);
    for (const query of [
      "?limit=0",
      "?limit=1001",
      "?after_id=nope",
      "?after_id=small&before_id=claude",
    ]) {
      const bad = await h.fetch(`/v1/models${query}`, { headers: anthropicHeaders });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({
        type: "error",
        error: { type: "invalid_request_error" },
      });
    }
    const unauthorised = await h.fetch("/v1/models", {
      headers: { "x-api-key": "sk-sy-wrong-0000000000", "anthropic-version": "2023-06-01" },
    });
    expect(unauthorised.status).toBe(401);
    expect(await unauthorised.json()).toMatchObject({
      type: "error",
      error: { type: "authentication_error" },
    });
  });

  it("keeps OpenAI's shape and errors for OpenAI callers", async () => {
    const missing = await h.fetch("/v1/models/nope");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "model_not_found" } });
  });
});

describe("anthropicModelPage", () => {
  const list = ["a", "b", "c", "d", "e"].map((id) => ({
    id,
    object: "model" as const,
    created: 0,
    owned_by: "x",
  }));
  const ids = (query: string) => anthropicModelPage(list, query).data.map((m) => m.id);
  it("pages forward and backward around a cursor", () => {
    expect(ids("limit=2")).toEqual(["a", "b"]);
    expect(ids("limit=2&after_id=b")).toEqual(["c", "d"]);
    expect(anthropicModelPage(list, "limit=2&after_id=c").has_more).toBe(false);
    expect(ids("limit=2&before_id=b")).toEqual(["a"]);
    expect(anthropicModelPage(list, "limit=2&before_id=b").has_more).toBe(false);
    expect(anthropicModelPage(list, "limit=2&before_id=e").has_more).toBe(true);
    expect(anthropicModelPage(list, "before_id=a")).toEqual({
      data: [],
      has_more: false,
      first_id: null,
      last_id: null,
    });
  });

  it("tells Anthropic callers apart", () => {
    expect(wantsAnthropicShape({ "anthropic-version": "2023-06-01" })).toBe(true);
    expect(wantsAnthropicShape({ "x-api-key": "k" })).toBe(true);
    expect(wantsAnthropicShape({ "x-api-key": "k", authorization: "Bearer k" })).toBe(false);
    expect(wantsAnthropicShape({ authorization: "Bearer k" })).toBe(false);
  });
});
