import { hashApiKey } from "@switchyard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeKey, makeTeam } from "../testing/fakes";
import { type Harness, startHarness, TEST_KEY, waitFor } from "../testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  const team = makeTeam({ defaultModel: "small" });
  h.keys.add(
    "sk-revoked",
    makeKey(team, { id: "key_revoked", revokedAt: new Date("2026-01-01T00:00:00Z") }),
  );
  h.keys.add(
    "sk-expired",
    makeKey(team, { id: "key_expired", expiresAt: new Date("2020-01-01T00:00:00Z") }),
  );
  h.keys.add("sk-scoped", makeKey(team, { id: "key_scoped", scopes: ["fast"] }));
  h.keys.add("sk-auto-only", makeKey(team, { id: "key_auto", scopes: ["switchyard/auto"] }));
  h.keys.add("sk-to-revoke", makeKey(team, { id: "key_to_revoke" }));
});
afterAll(async () => {
  await h.close();
});

const body = (model = "small") => ({ model, messages: [{ role: "user", content: "hi" }] });
const withKey = (key: string) => ({ authorization: `Bearer ${key}` });

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string; type: string } })
    .error;
}

describe("API keys", () => {
  it("rejects a missing key with 401", async () => {
    const response = await fetch(`${h.server.url}/v1/chat/completions`, {
      method: "POST",
      body: JSON.stringify(body()),
    });
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe("missing_api_key");
  });

  it("rejects an unknown key with 401 and caches the miss", async () => {
    const before = h.keys.lookups;
    for (let i = 0; i < 3; i++) {
      const response = await h.fetch("/v1/chat/completions", {
        json: body(),
        headers: withKey("sk-nope"),
      });
      expect(response.status).toBe(401);
      expect((await errorOf(response)).type).toBe("authentication_error");
    }
    expect(h.keys.lookups - before).toBe(1);
  });

  it("rejects revoked and expired keys with clear messages", async () => {
    const revoked = await h.fetch("/v1/chat/completions", {
      json: body(),
      headers: withKey("sk-revoked"),
    });
    expect(revoked.status).toBe(401);
    expect((await errorOf(revoked)).message).toMatch(/revoked/);
    const expired = await h.fetch("/v1/chat/completions", {
      json: body(),
      headers: withKey("sk-expired"),
    });
    expect(expired.status).toBe(401);
    expect((await errorOf(expired)).message).toMatch(/expired/);
  });

  it("accepts x-api-key as well as Bearer", async () => {
    const response = await h.fetch("/v1/chat/completions", {
      json: body(),
      headers: { "x-api-key": TEST_KEY },
    });
    expect(response.status).toBe(200);
  });

  it("forbids a model outside the key's scopes with 403 and allows the scoped alias and its model", async () => {
    const denied = await h.fetch("/v1/chat/completions", {
      json: body("premium"),
      headers: withKey("sk-scoped"),
    });
    expect(denied.status).toBe(403);
    expect((await errorOf(denied)).code).toBe("model_not_allowed");
    const deniedId = denied.headers.get("x-request-id");
    await waitFor(() => h.usage.entries.some((e) => e.id === deniedId));
    expect(h.usage.entries.find((e) => e.id === deniedId)).toMatchObject({
      apiKeyId: "key_scoped",
      status: "error",
      httpStatus: 403,
      errorCode: "model_not_allowed",
      routedModel: null,
    });
    const alias = await h.fetch("/v1/chat/completions", {
      json: body("fast"),
      headers: withKey("sk-scoped"),
    });
    expect(alias.status).toBe(200);
    const models = await h.fetch("/v1/models", { headers: withKey("sk-scoped") });
    const ids = ((await models.json()) as { data: { id: string }[] }).data.map((m) => m.id);
    expect(ids).toEqual(["small", "fast"]);
  });

  it("lets a key scoped to a policy alias call it, whichever model it routes to, and nothing else", async () => {
    const auto = await h.fetch("/v1/chat/completions", {
      json: body("switchyard/auto"),
      headers: withKey("sk-auto-only"),
    });
    expect(auto.status).toBe(200);
    expect(auto.headers.get("x-switchyard-model")).toBe("small");
    const direct = await h.fetch("/v1/chat/completions", {
      json: body("small"),
      headers: withKey("sk-auto-only"),
    });
    expect(direct.status).toBe(403);
    const models = await h.fetch("/v1/models", { headers: withKey("sk-auto-only") });
    const ids = ((await models.json()) as { data: { id: string }[] }).data.map((m) => m.id);
    expect(ids).toEqual(["switchyard/auto"]);
  });

  it("serves warm keys without touching the store, and batches last-used times", async () => {
    await h.fetch("/v1/chat/completions", { json: body() });
    const before = h.keys.lookups;
    for (let i = 0; i < 5; i++)
      expect((await h.fetch("/v1/chat/completions", { json: body() })).status).toBe(200);
    expect(h.keys.lookups).toBe(before);
    await h.gateway.close().catch(() => undefined);
    expect(h.keys.touched.has("key_1")).toBe(true);
  });
});

describe("key cache invalidation", () => {
  it("drops a key when the change feed says so", async () => {
    const h2 = await startHarness();
    try {
      const team = makeTeam({ defaultModel: "small" });
      h2.keys.add("sk-to-revoke", makeKey(team, { id: "key_to_revoke" }));
      const ok = await h2.fetch("/v1/chat/completions", {
        json: body(),
        headers: withKey("sk-to-revoke"),
      });
      expect(ok.status).toBe(200);
      const hash = hashApiKey("sk-to-revoke");
      const stored = h2.keys.byHash.get(hash);
      if (stored === undefined) throw new Error("missing key");
      h2.keys.byHash.set(hash, { ...stored, revokedAt: new Date() });
      // Still cached until the invalidation arrives.
      expect(
        (await h2.fetch("/v1/chat/completions", { json: body(), headers: withKey("sk-to-revoke") }))
          .status,
      ).toBe(200);
      await h2.changes.publish({ topic: "keys", id: hash });
      const revoked = await h2.fetch("/v1/chat/completions", {
        json: body(),
        headers: withKey("sk-to-revoke"),
      });
      expect(revoked.status).toBe(401);
    } finally {
      await h2.close();
    }
  });

  it("reloads routing config on a config message", async () => {
    const h2 = await startHarness();
    try {
      expect((await h2.fetch("/v1/chat/completions", { json: body("newcomer") })).status).toBe(404);
      const small = h2.config.snapshot.models.find((m) => m.name === "small");
      if (small === undefined) throw new Error("missing model");
      h2.config.snapshot.models.push({
        ...small,
        id: "model_newcomer",
        name: "newcomer",
        aliases: [],
      });
      const loads = h2.config.loads;
      await h2.changes.publish({ topic: "config" });
      expect(h2.config.loads).toBe(loads + 1);
      // Joins the reload the message started (reloads are single-flighted).
      await h2.gateway.reload();
      expect(h2.config.loads).toBe(loads + 1);
      const response = await h2.fetch("/v1/chat/completions", { json: body("newcomer") });
      expect(response.status).toBe(200);
      expect(response.headers.get("x-switchyard-model")).toBe("newcomer");
    } finally {
      await h2.close();
    }
  });
});

describe("while the key store is unreachable", () => {
  it("answers 503 in the caller's shape for a key it cannot check, never 500", async () => {
    const team = makeTeam({ defaultModel: "small" });
    h.keys.add("sk-sy-not-seen-before-00000", makeKey(team, { id: "key_unseen" }));
    h.keys.down = true;
    try {
      const openai = await h.fetch("/v1/chat/completions", {
        json: body(),
        headers: withKey("sk-sy-not-seen-before-00000"),
      });
      expect(openai.status).toBe(503);
      expect(openai.headers.get("retry-after")).toBe("5");
      expect(await errorOf(openai)).toMatchObject({ code: "key_check_unavailable" });
      const anthropic = await h.fetch("/v1/messages", {
        json: { ...body(), max_tokens: 16 },
        headers: { "x-api-key": "sk-sy-not-seen-before-00000", "anthropic-version": "2023-06-01" },
      });
      expect(anthropic.status).toBe(503);
      expect(((await anthropic.json()) as { type: string }).type).toBe("error");
    } finally {
      h.keys.down = false;
    }
  });
});
