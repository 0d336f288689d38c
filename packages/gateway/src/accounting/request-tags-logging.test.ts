import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeKey, makeTeam } from "../testing/fakes";
import { type Harness, startHarness, waitFor } from "../testing/harness";

const TAGGED_KEY = "sk-sy-tagged-key-0123456789";

const entryOf = async (h: Harness, id: string) => {
  await waitFor(() => h.usage.entries.some((entry) => entry.id === id));
  const entry = h.usage.entries.find((e) => e.id === id);
  if (entry === undefined) throw new Error("no entry");
  return entry;
};

describe("request tags in the log row", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.keys.add(
      TAGGED_KEY,
      makeKey(makeTeam({ defaultModel: "small" }), {
        id: "key_tagged",
        tags: ["app:billing", "env:prod"],
      }),
    );
  });
  afterAll(() => h.close());

  it("stores the task, metadata, user, header and the key's default tags (OpenAI surface)", async () => {
    const response = await h.fetch("/v1/chat/completions", {
      json: {
        model: "small",
        messages: [{ role: "user", content: "hi" }],
        metadata: { feature: "search", ["k".repeat(65)]: "ignored" },
        user: "u-1",
      },
      headers: {
        authorization: `Bearer ${TAGGED_KEY}`,
        "x-switchyard-task": "code",
        "x-switchyard-tags": "env:prod, beta",
      },
    });
    expect(response.status).toBe(200);
    const entry = await entryOf(h, response.headers.get("x-request-id") as string);
    expect(entry.tags).toEqual([
      "task:code",
      "feature:search",
      "user:u-1",
      "env:prod",
      "beta",
      "app:billing",
    ]);
  });

  it("turns Anthropic's metadata.user_id into a user tag", async () => {
    const response = await h.fetch("/v1/messages", {
      json: {
        model: "small",
        max_tokens: 16,
        messages: [{ role: "user", content: "hi" }],
        metadata: { user_id: "anthropic-user" },
      },
      headers: { authorization: `Bearer ${TAGGED_KEY}`, "anthropic-version": "2023-06-01" },
    });
    expect(response.status).toBe(200);
    const entry = await entryOf(h, response.headers.get("x-request-id") as string);
    expect(entry.tags).toEqual(["user:anthropic-user", "app:billing", "env:prod"]);
  });

  it("stores no tags for a request that declares none, from a key without defaults", async () => {
    const response = await h.fetch("/v1/chat/completions", {
      json: { model: "small", messages: [{ role: "user", content: "hi" }] },
    });
    const entry = await entryOf(h, response.headers.get("x-request-id") as string);
    expect(entry.tags).toEqual([]);
  });
});
