import type { PublishedPolicy } from "@switchyard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, waitFor } from "../testing/harness";

const cascadePolicy = (alias: string, threshold: number): PublishedPolicy => ({
  policyId: `p-${alias}`,
  versionId: `pv-${alias}`,
  version: 1,
  teamId: "team_1",
  alias,
  body: {
    version: 1,
    defaultModel: "small",
    baselineModel: "premium",
    otherwise: "cascade",
    cascade: { cheap: "small", strong: "premium", threshold },
  },
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    policies: [cascadePolicy("switchyard/auto", 1), cascadePolicy("acme/lenient", 0)],
  });
});
afterAll(async () => {
  await h.close();
});

const entry = async (id: string) => {
  await waitFor(() => h.usage.entries.some((e) => e.id === id));
  const found = h.usage.entries.find((e) => e.id === id);
  if (found === undefined) throw new Error("no entry");
  return found;
};

describe("cascade policies (non-streamed)", () => {
  it("escalates a low-scoring cheap answer to the strong model, paying and logging both calls", async () => {
    const response = await h.fetch("/v1/chat/completions", {
      json: {
        model: "switchyard/auto",
        messages: [{ role: "user", content: "Explain the theory of relativity" }],
      },
      headers: { "x-request-id": "cascade-escalate" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-model")).toBe("premium");
    expect(response.headers.get("x-switchyard-route")).toBe("cascade:small->premium;escalated");
    const body = (await response.json()) as {
      usage: { prompt_tokens: number; completion_tokens: number };
    };
    const logged = await entry("cascade-escalate");
    expect(logged.cascaded).toBe(true);
    expect(logged.routedModel).toBe("premium");
    expect(logged.policyVersionId).toBe("pv-switchyard/auto");
    expect((logged.attempts as { model: string }[]).map((a) => a.model)).toEqual([
      "small",
      "premium",
    ]);
    // Both calls are paid: the strong call's tokens plus the cheap call's.
    expect(logged.inputTokens).toBeGreaterThan(body.usage.prompt_tokens);
    expect(logged.outputTokens).toBeGreaterThan(body.usage.completion_tokens);
    const strongPicos =
      body.usage.prompt_tokens * 5_000_000 + body.usage.completion_tokens * 15_000_000;
    expect(Number(logged.costUsd)).toBeGreaterThan(strongPicos / 1e12);
    expect(logged.baselineCostUsd).toBe((strongPicos / 1e12).toFixed(12));
  });

  it("accepts the cheap answer when it scores above the threshold", async () => {
    const response = await h.fetch("/v1/chat/completions", {
      json: { model: "acme/lenient", messages: [{ role: "user", content: "Say hi" }] },
      headers: { "x-request-id": "cascade-accept" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-model")).toBe("small");
    expect(response.headers.get("x-switchyard-route")).toContain("accepted");
    const logged = await entry("cascade-accept");
    expect(logged.cascaded).toBe(false);
    expect(logged.attemptCount).toBe(1);
  });

  it("streams a cascade's cheap model directly", async () => {
    const response = await h.fetch("/v1/chat/completions", {
      json: {
        model: "switchyard/auto",
        stream: true,
        messages: [{ role: "user", content: "Stream it" }],
      },
    });
    expect(response.headers.get("x-switchyard-model")).toBe("small");
    expect(response.headers.get("x-switchyard-route")).toContain("stream-direct");
    expect(await response.text()).toContain("[DONE]");
  });

  it("lists the policy aliases in /v1/models", async () => {
    const ids = (
      (await (await h.fetch("/v1/models")).json()) as { data: { id: string }[] }
    ).data.map((m) => m.id);
    expect(ids).toContain("acme/lenient");
    expect(ids).toContain("switchyard/auto");
  });
});
