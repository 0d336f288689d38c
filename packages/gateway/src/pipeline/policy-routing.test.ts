/**
 * Rules and classifier policies through the whole gateway: the chosen model, the route header and
 * the log row agree. (Cascades: cascade.test.ts.) The classifier's score is fixed per prompt, so
 * these tests are about the gateway, not about the trained weights.
 */
import type { PublishedPolicy } from "@switchyard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, waitFor } from "../testing/harness";

const policy = (alias: string, body: Record<string, unknown>): PublishedPolicy => ({
  policyId: `p-${alias}`,
  versionId: `pv-${alias}`,
  version: 1,
  teamId: "team_1",
  alias,
  body: { version: 1, defaultModel: "small", baselineModel: "premium", ...body },
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    policies: [
      policy("switchyard/auto", {
        rules: [
          { name: "hard", when: { keywords: ["prove", "derive"] }, target: { model: "premium" } },
          { name: "math-task", when: { task: ["math"] }, target: { model: "premium" } },
        ],
      }),
      // Published before rule regexes became RE2: the lookbehind no longer compiles.
      policy("acme/stale-regex", {
        rules: [
          { name: "polite", when: { regex: "(?<=please )derive" }, target: { model: "premium" } },
        ],
      }),
      policy("acme/classified", {
        otherwise: "classifier",
        classifier: { cheap: "small", strong: "premium", threshold: 0.5 },
      }),
    ],
    routing: {
      classifier: { name: "fixed", score: (text: string) => (text.includes("hard") ? 0.8 : 0.2) },
    },
  });
});
afterAll(async () => {
  await h.close();
});

async function send(model: string, content: string, requestId: string, headers = {}) {
  const response = await h.fetch("/v1/chat/completions", {
    json: { model, messages: [{ role: "user", content }] },
    headers: { "x-request-id": requestId, ...headers },
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { choices: unknown[] };
  expect(body.choices).toHaveLength(1);
  await waitFor(() => h.usage.entries.some((e) => e.clientRequestId === requestId));
  const logged = h.usage.entries.find((e) => e.clientRequestId === requestId)!;
  return {
    model: response.headers.get("x-switchyard-model"),
    route: response.headers.get("x-switchyard-route"),
    logged,
  };
}

describe("policies through the gateway", () => {
  it("a matching keyword rule picks its model; header and log row name the rule", async () => {
    const result = await send("switchyard/auto", "Please derive the formula", "rules-keyword");
    expect(result.model).toBe("premium");
    expect(result.route).toBe("rule:hard");
    expect(result.logged.routedModel).toBe("premium");
    expect(result.logged.routeReason).toBe("rule:hard");
    expect(result.logged.policyVersionId).toBe("pv-switchyard/auto");
  });

  it("a declared task (x-switchyard-task) matches a task rule", async () => {
    const result = await send("switchyard/auto", "What is 12 times 7?", "rules-task", {
      "x-switchyard-task": "math",
    });
    expect(result.model).toBe("premium");
    expect(result.route).toBe("rule:math-task");
  });

  it("no matching rule goes to the policy's default model", async () => {
    const result = await send("switchyard/auto", "Say hello", "rules-default");
    expect(result.model).toBe("small");
    expect(result.logged.routedModel).toBe("small");
    expect(result.logged.routeReason).toBe(result.route);
  });

  it("a published policy whose regex is not RE2 serves its default model", async () => {
    const result = await send("acme/stale-regex", "please derive it", "stale-regex");
    expect(result.model).toBe("small");
    expect(result.route).toBe("policy-default");
    expect(result.logged.policyVersionId).toBe("pv-acme/stale-regex");
  });

  it("the classifier sends scores above the threshold to the strong model and the rest to the cheap one", async () => {
    const hard = await send("acme/classified", "a hard question", "classifier-hard");
    expect(hard.model).toBe("premium");
    expect(hard.route).toBe("classifier:0.80>=0.50");
    expect(hard.logged.routeReason).toBe("classifier:0.80>=0.50");
    const easy = await send("acme/classified", "an easy question", "classifier-easy");
    expect(easy.model).toBe("small");
    expect(easy.route).toBe("classifier:0.20<0.50");
    expect(easy.logged.routedModel).toBe("small");
  });
});
