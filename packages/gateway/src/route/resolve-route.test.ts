import type { PublishedPolicy } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { ConfigState } from "../config/config-state";
import { makeKey, makeModel, makeTeam } from "../testing/fakes";
import { resolveRoute } from "./resolve-route";

const baseUrl = "http://127.0.0.1:1/v1";
const team = makeTeam({ id: "t1", defaultModel: "cheap" });
const other = makeTeam({ id: "t2" });
const policy: PublishedPolicy = {
  policyId: "p1",
  versionId: "pv3",
  version: 3,
  teamId: "t1",
  alias: "acme/smart",
  body: { defaultModel: "mid", baselineModel: "mid" },
};
const config = new ConfigState({
  models: [
    makeModel({
      name: "cheap",
      baseUrl,
      aliases: ["c"],
      inputPricePerMillion: 0.1,
      outputPricePerMillion: 0.4,
    }),
    makeModel({ name: "mid", baseUrl, settings: { fallbacks: ["cheap", "nope", "mid"] } }),
    makeModel({ name: "premium", baseUrl, inputPricePerMillion: 10, outputPricePerMillion: 30 }),
    makeModel({ name: "private", baseUrl, teamId: "t2" }),
    makeModel({ name: "off", baseUrl, enabled: false, outputPricePerMillion: 100 }),
  ],
  teams: [team, other],
  policies: [policy],
});
const request = { model: "x", messages: [{ role: "user" as const, content: "hi" }] };
const route = (requestedModel: string, key = makeKey(team)) =>
  resolveRoute({ requestedModel, request, key, config });

describe("resolveRoute", () => {
  it("sends a real model or alias to that model, with the premium model as baseline", () => {
    const decision = route("c");
    expect(decision.plan.map((a) => [a.model.name, a.reason])).toEqual([["cheap", "requested"]]);
    expect(decision.baselineModel?.name).toBe("premium");
  });

  it("appends known fallbacks in order, skipping unknown and duplicate names", () => {
    expect(route("mid").plan.map((a) => [a.model.name, a.reason])).toEqual([
      ["mid", "requested"],
      ["cheap", "fallback"],
    ]);
  });

  it("routes switchyard/auto to the team default", () => {
    const decision = route("switchyard/auto");
    expect(decision.plan[0]?.model.name).toBe("cheap");
    expect(decision.reason).toBe("team-default");
    expect(decision.policyVersionId).toBeNull();
  });

  it("routes a policy alias to the policy default, with its baseline and version", () => {
    const decision = route("acme/smart");
    expect(decision.plan[0]?.model.name).toBe("mid");
    expect(decision.reason).toBe("policy-default");
    expect(decision.policyVersionId).toBe("pv3");
    expect(decision.baselineModel?.name).toBe("mid");
    expect(decision.trace).toBeTruthy();
  });

  it("hides other teams' models and disabled models (404 model_not_found)", () => {
    expect(() => route("private")).toThrowError(
      expect.objectContaining({ status: 404, code: "model_not_found" }),
    );
    expect(() => route("off")).toThrowError(expect.objectContaining({ status: 404 }));
    expect(route("private", makeKey(other)).plan[0]?.model.name).toBe("private");
  });

  it("404s switchyard/auto when there is neither policy nor team default", () => {
    expect(() => route("switchyard/auto", makeKey(other))).toThrowError(
      expect.objectContaining({ status: 404 }),
    );
  });
});

describe("resolveRoute with a compiled policy", () => {
  const smart: PublishedPolicy = {
    policyId: "p2",
    versionId: "pv7",
    version: 7,
    teamId: "t1",
    alias: "switchyard/auto",
    body: {
      version: 1,
      defaultModel: "cheap",
      baselineModel: "premium",
      rules: [{ name: "legal", when: { keywords: ["contract"] }, target: { model: "mid" } }],
      fallbacks: { mid: ["premium"] },
    },
  };
  const withPolicy = new ConfigState({
    models: config.snapshot.models,
    teams: [team, other],
    policies: [smart],
  });
  const ask = (content: string) =>
    resolveRoute({
      requestedModel: "switchyard/auto",
      request: { model: "switchyard/auto", messages: [{ role: "user", content }] },
      key: makeKey(team),
      config: withPolicy,
    });

  it("applies the policy's rules, fallbacks and baseline", () => {
    const decision = ask("Please review this contract");
    expect(decision.plan.map((a) => [a.model.name, a.reason])).toEqual([
      ["mid", "rule:legal"],
      ["premium", "fallback"],
      ["cheap", "fallback"],
    ]);
    expect(decision.reason).toBe("rule:legal");
    expect(decision.policyVersionId).toBe("pv7");
    expect(decision.baselineModel?.name).toBe("premium");
    expect(decision.cascade).toBeNull();
  });

  it("uses the policy default when no rule matches", () => {
    const decision = ask("hello there");
    expect(decision.plan[0]?.model.name).toBe("cheap");
    expect(decision.reason).toBe("default");
  });
});

describe("resolveRoute with a published policy that no longer compiles", () => {
  // Rule regexes are RE2 syntax; a version published before that may hold a backreference.
  const stale: PublishedPolicy = {
    policyId: "p3",
    versionId: "pv9",
    version: 9,
    teamId: "t1",
    alias: "switchyard/auto",
    body: {
      version: 1,
      defaultModel: "mid",
      baselineModel: "premium",
      rules: [{ name: "echo", when: { regex: "(ab)\\1" }, target: { model: "premium" } }],
    },
  };
  const withStale = new ConfigState({
    models: config.snapshot.models,
    teams: [team, other],
    policies: [stale],
  });

  it("serves the policy's default model and reports the error once", () => {
    const errors: string[] = [];
    const ask = () =>
      resolveRoute({
        requestedModel: "switchyard/auto",
        request: { model: "switchyard/auto", messages: [{ role: "user", content: "abab" }] },
        key: makeKey(team),
        config: withStale,
        onPolicyError: (_policy, error) => errors.push(error.message),
      });
    for (const decision of [ask(), ask()]) {
      expect(decision.plan[0]?.model.name).toBe("mid");
      expect(decision.reason).toBe("policy-default");
      expect(decision.policyVersionId).toBe("pv9");
    }
    expect(errors).toEqual([expect.stringMatching(/^rules\[0\]\.when\.regex: backreferences/)]);
  });
});
