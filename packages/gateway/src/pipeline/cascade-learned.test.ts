import type { PublishedPolicy } from "@switchyard/core";
import {
  fitLearnedRouter,
  type LearnedRouter,
  type Outcome,
  outcomeOf,
  type RoutingRequest,
} from "@switchyard/router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { learnedTargetsOf } from "../config/learned-targets";
import { makeTeam } from "../testing/fakes";
import { type Harness, startHarness, testModels, waitFor } from "../testing/harness";

/** A cascade small → premium whose pair the learning block grades (sampling off here). */
const policy: PublishedPolicy = {
  policyId: "p-cascade",
  versionId: "pv-cascade",
  version: 1,
  teamId: "team_1",
  alias: "switchyard/auto",
  body: {
    version: 1,
    defaultModel: "small",
    baselineModel: "premium",
    otherwise: "cascade",
    cascade: { cheap: "small", strong: "premium", threshold: 0.3 },
    learning: { sampleRate: 0, candidates: ["small", "premium"], judge: "premium" },
  },
};

const request = (text: string, task: string): RoutingRequest => ({
  messages: [{ role: "user", content: text }],
  hasImages: false,
  requestedModel: "switchyard/auto",
  keyId: "key_other",
  teamId: "team_1",
  task,
  estimatedInputTokens: 20,
});

/** Graded outcomes: the small model fails every proof and answers half the chats well. */
function outcomes(): Outcome[] {
  return Array.from({ length: 40 }, (_, i) => [
    outcomeOf(request(`prove lemma ${i}`, "proofs"), {
      small: { quality: 0, costUsd: 0.0001 },
      premium: { quality: 1, costUsd: 0.003 },
    }),
    outcomeOf(request(`chat about topic ${i}`, "chat"), {
      small: { quality: i % 2, costUsd: 0.0001 },
      premium: { quality: 1, costUsd: 0.003 },
    }),
  ]).flat();
}

let h: Harness;
let artefact: LearnedRouter;
beforeAll(async () => {
  // The target the server's trainPolicy fits for the policy's cascade pair.
  const snapshot = {
    models: testModels("http://127.0.0.1:1/v1"),
    teams: [makeTeam()],
    policies: [policy],
  };
  const [target] = learnedTargetsOf(snapshot)[0]?.targets ?? [];
  if (!target?.cascade) throw new Error("the cascade pair is no learned target");
  artefact = fitLearnedRouter(outcomes(), {
    models: target.models,
    seed: 1,
    cascade: target.cascade,
  });
  h = await startHarness({
    policies: [policy],
    learnedRouters: [
      {
        teamId: policy.teamId,
        policyId: policy.policyId,
        modelsKey: target.key,
        version: 1,
        artefactId: artefact.id,
        artefact: JSON.parse(JSON.stringify(artefact)),
      },
    ],
    // A scorer without a pre-call score that accepts every cheap answer: the cascade always
    // makes the cheap call, and only that one.
    routing: { scorer: { name: "fixed", score: () => 0.5 } },
  });
});
afterAll(async () => {
  await h?.close();
});

const entry = async (id: string) => {
  await waitFor(() => h.usage.entries.some((e) => e.clientRequestId === id));
  const found = h.usage.entries.find((e) => e.clientRequestId === id);
  if (found === undefined) throw new Error("no entry");
  return found;
};

const ask = (text: string, task: string, id: string) =>
  h.fetch("/v1/chat/completions", {
    json: { model: "switchyard/auto", messages: [{ role: "user", content: text }] },
    headers: { "x-request-id": id, "x-switchyard-task": task },
  });

describe("a cascade with learned per-tag verdicts", () => {
  it("sends a tag whose outcomes show the cheap model failing straight to strong, without the cheap call", async () => {
    expect(artefact.cascade?.tags["task:proofs"]?.model).toBe("premium");
    const before = h.mock.stats().requests;
    const response = await ask("Prove that there are infinitely many primes", "proofs", "cl-1");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-model")).toBe("premium");
    expect(response.headers.get("x-switchyard-route")).toBe(
      "cascade-skipped:tag=task:proofs->premium",
    );
    const logged = await entry("cl-1");
    expect(logged.cascaded).toBe(false);
    expect((logged.attempts as { model: string }[]).map((a) => a.model)).toEqual(["premium"]);
    expect(h.mock.stats().requests - before).toBe(1);
  });

  it("keeps the cascade (cheap call first) on a tag without a verdict", async () => {
    expect(artefact.cascade?.tags["task:chat"]).toBeUndefined();
    const response = await ask("Tell me about your day", "chat", "cl-2");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-model")).toBe("small");
    expect(response.headers.get("x-switchyard-route")).toMatch(/^cascade:small->premium/);
    const logged = await entry("cl-2");
    expect((logged.attempts as { model: string }[]).map((a) => a.model)).toEqual(["small"]);
  });
});
