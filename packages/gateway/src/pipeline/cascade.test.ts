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
    // A fixed score keeps these tests about the gateway, not about the trained weights.
    // Prompts that start "Write" are open-ended here: decided before the cheap call.
    routing: {
      scorer: {
        name: "fixed",
        score: () => 0.5,
        preCall: (text) => (text.startsWith("Write") ? 0.3 : null),
      },
    },
  });
});
afterAll(async () => {
  await h.close();
});

const entry = async (id: string) => {
  await waitFor(() => h.usage.entries.some((e) => e.clientRequestId === id));
  const found = h.usage.entries.find((e) => e.clientRequestId === id);
  if (found === undefined) throw new Error("no entry");
  return found;
};

describe("cascade policies", () => {
  it("decides an open-ended prompt before the cheap call: one call, to the model the stand-in score picks", async () => {
    const response = await h.fetch("/v1/chat/completions", {
      json: { model: "switchyard/auto", messages: [{ role: "user", content: "Write a poem" }] },
      headers: { "x-request-id": "cascade-precall" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-model")).toBe("premium");
    expect(response.headers.get("x-switchyard-route")).toBe("cascade-precall:0.30<1.00");
    const logged = await entry("cascade-precall");
    expect(logged.cascaded).toBe(false);
    expect((logged.attempts as { model: string }[]).map((a) => a.model)).toEqual(["premium"]);
    const lenient = await h.fetch("/v1/chat/completions", {
      json: { model: "acme/lenient", messages: [{ role: "user", content: "Write a poem" }] },
    });
    expect(lenient.headers.get("x-switchyard-model")).toBe("small");
    expect(lenient.headers.get("x-switchyard-route")).toBe("cascade-precall:0.30>=0.00");
  });

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

  it("streams the strong model live when a streamed cascade escalates", async () => {
    const response = await h.fetch("/v1/chat/completions", {
      json: {
        model: "switchyard/auto",
        stream: true,
        messages: [{ role: "user", content: "Stream it" }],
      },
      headers: { "x-request-id": "cascade-stream-escalate" },
    });
    expect(response.headers.get("x-switchyard-model")).toBe("premium");
    expect(response.headers.get("x-switchyard-route")).toBe("cascade:small->premium;escalated");
    expect(await response.text()).toContain("[DONE]");
    const logged = await entry("cascade-stream-escalate");
    expect(logged.cascaded).toBe(true);
    expect((logged.attempts as { model: string }[]).map((a) => a.model)).toEqual([
      "small",
      "premium",
    ]);
  });

  it("replays an accepted cheap answer as a well-formed stream (both surfaces)", async () => {
    const json = await h.fetch("/v1/chat/completions", {
      json: { model: "acme/lenient", messages: [{ role: "user", content: "Same prompt" }] },
    });
    const expected = ((await json.json()) as { choices: { message: { content: string } }[] })
      .choices[0]?.message.content;
    const response = await h.fetch("/v1/chat/completions", {
      json: {
        model: "acme/lenient",
        stream: true,
        messages: [{ role: "user", content: "Same prompt" }],
      },
    });
    expect(response.headers.get("x-switchyard-model")).toBe("small");
    expect(response.headers.get("x-switchyard-route")).toBe("cascade:small->premium;accepted");
    const frames = (await response.text()).split("\n\n").filter((f) => f.startsWith("data: "));
    expect(frames.at(-1)).toBe("data: [DONE]");
    let text = "";
    for (const frame of frames.slice(0, -1)) {
      const chunk = JSON.parse(frame.slice(6)) as {
        choices: { delta: { content?: string } }[];
        usage?: unknown;
      };
      expect(chunk.usage).toBeUndefined();
      text += chunk.choices[0]?.delta.content ?? "";
    }
    expect(text).toBe(expected);

    const anthropic = await h.fetch("/v1/messages", {
      json: {
        model: "acme/lenient",
        stream: true,
        max_tokens: 100,
        messages: [{ role: "user", content: "Same prompt" }],
      },
    });
    const events = (await anthropic.text())
      .split("\n\n")
      .filter(Boolean)
      .map((f) => /^event: (.*)$/m.exec(f)?.[1]);
    expect(events[0]).toBe("message_start");
    expect(events.at(-1)).toBe("message_stop");
  });

  it("lists the policy aliases in /v1/models", async () => {
    const ids = (
      (await (await h.fetch("/v1/models")).json()) as { data: { id: string }[] }
    ).data.map((m) => m.id);
    expect(ids).toContain("acme/lenient");
    expect(ids).toContain("switchyard/auto");
  });
});
