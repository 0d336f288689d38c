import type { PublishedPolicy, RoutingSnapshot } from "@switchyard/core";
import { fitLearnedRouter, type Outcome, outcomeOf, type RoutingRequest } from "@switchyard/router";
import { describe, expect, it } from "vitest";
import { makeModel, makeTeam } from "../testing/fakes";
import { ConfigState } from "./config-state";
import { learnedTargetsOf } from "./learned-targets";

const baseUrl = "http://127.0.0.1:1/v1";
const team = makeTeam({ id: "team_a" });
const models = [
  makeModel({
    id: "m-small",
    name: "small",
    baseUrl,
    teamId: team.id,
    inputPricePerMillion: 0.15,
    outputPricePerMillion: 0.6,
  }),
  makeModel({
    id: "m-large",
    name: "large",
    baseUrl,
    teamId: team.id,
    inputPricePerMillion: 15,
    outputPricePerMillion: 75,
  }),
];
const policy: PublishedPolicy = {
  policyId: "pol_1",
  versionId: "ver_1",
  version: 1,
  teamId: team.id,
  alias: "switchyard/auto",
  body: {
    version: 1,
    name: "learned",
    defaultModel: "small",
    baselineModel: "large",
    otherwise: { strategy: "learned", models: ["large", "small"], minQuality: 0.9 },
  },
};

const request = (text: string): RoutingRequest => ({
  messages: [{ role: "user", content: text }],
  hasImages: false,
  requestedModel: "switchyard/auto",
  keyId: "key_1",
  teamId: team.id,
  estimatedInputTokens: 20,
});

/** The small model answers greetings well and proofs badly; the large one both. */
function outcomes(): Outcome[] {
  const list: Outcome[] = [];
  for (let i = 0; i < 30; i++) {
    list.push(
      outcomeOf(request(`hello there number ${i}, how are you today?`), {
        small: { quality: 1 },
        large: { quality: 1 },
      }),
      outcomeOf(request(`prove theorem ${i} about prime gaps rigorously`), {
        small: { quality: 0 },
        large: { quality: 1 },
      }),
    );
  }
  return list;
}

const snapshot = (learned: RoutingSnapshot["learnedRouters"]): RoutingSnapshot => ({
  models,
  teams: [team],
  policies: [policy],
  ...(learned === undefined ? {} : { learnedRouters: learned }),
});

describe("learnedTargetsOf", () => {
  it("lists each published policy's learned targets, and why a policy does not compile", () => {
    const broken = {
      ...policy,
      policyId: "pol_broken",
      versionId: "ver_broken",
      alias: "broken",
      body: { ...(policy.body as object), defaultModel: "ghost" },
    };
    const listed = learnedTargetsOf({ ...snapshot(undefined), policies: [policy, broken] });
    expect(listed.map((entry) => [entry.policyId, entry.targets.map((t) => t.key)])).toEqual([
      ["pol_1", ["large,small"]],
      ["pol_broken", []],
    ]);
    expect(listed[1]?.error).toMatch(/ghost/);
    expect(learnedTargetsOf(snapshot(undefined), { teamId: "team_other" })).toEqual([]);
  });
});

describe("ConfigState: learned routers from the snapshot", () => {
  it("routes a learned target cold (the prior) when the team has no artefact", () => {
    const compiled = new ConfigState(snapshot(undefined)).compiled(policy);
    if (compiled instanceof Error) throw compiled;
    const decision = compiled.decide(request("hello there"));
    expect(decision.trace.learned?.artefact).toBe("prior");
    expect(decision.trace.reason).toMatch(/^learned-prior:/);
  });

  it("decides with the team's newest artefact of the target, named in the trace", () => {
    const [target] = learnedTargetsOf(snapshot(undefined))[0]?.targets ?? [];
    expect(target).toMatchObject({ key: "large,small", models: ["small", "large"] });
    const artefact = fitLearnedRouter(outcomes(), { models: ["small", "large"], seed: 1 });
    const state = new ConfigState(
      snapshot([
        {
          teamId: team.id,
          policyId: policy.policyId,
          modelsKey: "large,small",
          version: 3,
          artefactId: artefact.id,
          artefact: JSON.parse(JSON.stringify(artefact)),
        },
      ]),
    );
    const compiled = state.compiled(policy);
    if (compiled instanceof Error) throw compiled;
    const easy = compiled.decide(request("hello there number 99, how are you today?"));
    const hard = compiled.decide(request("prove theorem 99 about prime gaps rigorously"));
    expect(easy.trace.learned?.artefact).toBe(artefact.id);
    expect(easy.trace.reason).toMatch(/^learned:small@/);
    expect(hard.trace.learned?.artefact).toBe(artefact.id);
    expect(hard.plan[0]?.model).toBe("large");
  });

  it("routes with the version a policy pins, else the newest; a pinned version not there is a cold start", () => {
    const v1 = fitLearnedRouter(outcomes().slice(0, 20), { models: ["small", "large"], seed: 1 });
    const v2 = fitLearnedRouter(outcomes(), { models: ["small", "large"], seed: 1 });
    const ref = (version: number, artefact: typeof v1) => ({
      teamId: team.id,
      policyId: policy.policyId,
      modelsKey: "large,small",
      version,
      artefactId: artefact.id,
      artefact: JSON.parse(JSON.stringify(artefact)),
    });
    const pin = (version: number | undefined, versionId: string): PublishedPolicy => ({
      ...policy,
      versionId,
      body: {
        ...(policy.body as object),
        otherwise: {
          strategy: "learned",
          models: ["large", "small"],
          minQuality: 0.9,
          ...(version === undefined ? {} : { version }),
        },
      },
    });
    const state = new ConfigState(snapshot([ref(1, v1), ref(2, v2)]));
    const artefactFor = (published: PublishedPolicy) => {
      const compiled = state.compiled(published);
      if (compiled instanceof Error) throw compiled;
      return compiled.decide(request("hello there")).trace.learned?.artefact;
    };
    expect(v1.id).not.toBe(v2.id);
    expect(artefactFor(pin(undefined, "ver_newest"))).toBe(v2.id);
    expect(artefactFor(pin(1, "ver_pin_1"))).toBe(v1.id);
    expect(artefactFor(pin(2, "ver_pin_2"))).toBe(v2.id);
    expect(artefactFor(pin(7, "ver_pin_7"))).toBe("prior");
  });

  it("ignores another team's or another policy's artefact, and one that does not validate", () => {
    const artefact = fitLearnedRouter(outcomes(), { models: ["small", "large"], seed: 1 });
    const warnings: string[] = [];
    const state = new ConfigState(
      snapshot([
        {
          teamId: "team_other",
          policyId: policy.policyId,
          modelsKey: "large,small",
          version: 1,
          artefactId: artefact.id,
          artefact,
        },
        {
          teamId: team.id,
          policyId: "pol_other",
          modelsKey: "large,small",
          version: 1,
          artefactId: artefact.id,
          artefact,
        },
      ]),
    );
    const compiled = state.compiled(policy);
    if (compiled instanceof Error) throw compiled;
    expect(compiled.decide(request("hi")).trace.learned?.artefact).toBe("prior");

    const broken = new ConfigState(
      snapshot([
        {
          teamId: team.id,
          policyId: policy.policyId,
          modelsKey: "large,small",
          version: 2,
          artefactId: "broken",
          artefact: { format: "something else" },
        },
      ]),
      {},
      (message) => warnings.push(message),
    ).compiled(policy);
    if (broken instanceof Error) throw broken;
    expect(broken.decide(request("hi")).trace.learned?.artefact).toBe("prior");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/learned router broken \(version 2\) of policy pol_1 ignored/);
  });
});
