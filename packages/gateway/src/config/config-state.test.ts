import type { ModelInfo } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { resolveRoute } from "../route/resolve-route";
import { makeKey, makeModel, makeTeam } from "../testing/fakes";
import { ConfigState } from "./config-state";

const baseUrl = "http://127.0.0.1:1/v1";
const alpha = makeTeam({ id: "alpha", sharedConnectionsAllowed: true });
const beta = makeTeam({ id: "beta", sharedConnectionsAllowed: true });
const outsider = makeTeam({ id: "outsider", sharedConnectionsAllowed: false });

const shared = (name: string, extra: Partial<ModelInfo> = {}) =>
  makeModel({ id: `shared-${name}`, name, baseUrl, teamId: null, ...extra });
const own = (teamId: string, name: string, extra: Partial<ModelInfo> = {}) =>
  makeModel({ id: `${teamId}-${name}`, name, baseUrl, teamId, ...extra });

const config = new ConfigState({
  models: [
    shared("gpt-4o", { inputPricePerMillion: 2.5, outputPricePerMillion: 10 }),
    shared("mini", { aliases: ["fast"], inputPricePerMillion: 0.15, outputPricePerMillion: 0.6 }),
    own("alpha", "gpt-4o", { inputPricePerMillion: 1, outputPricePerMillion: 4 }),
    own("alpha", "mine"),
    own("alpha", "quick", { aliases: ["fast"] }),
    own("beta", "mine"),
    // Beta's most expensive model must never be alpha's cost baseline.
    own("beta", "opus", { inputPricePerMillion: 15, outputPricePerMillion: 75 }),
  ],
  teams: [alpha, beta, outsider],
  policies: [],
});

const request = { model: "x", messages: [{ role: "user" as const, content: "hi" }] };

describe("ConfigState: models per team", () => {
  it("resolves a team's own model before an instance-shared one of the same name", () => {
    expect(config.modelFor("gpt-4o", "alpha")?.id).toBe("alpha-gpt-4o");
    expect(config.modelFor("gpt-4o", "beta")?.id).toBe("shared-gpt-4o");
  });

  it("keeps two teams' private models of the same name apart", () => {
    expect(config.modelFor("mine", "alpha")?.id).toBe("alpha-mine");
    expect(config.modelFor("mine", "beta")?.id).toBe("beta-mine");
    expect(config.modelFor("opus", "alpha")).toBeUndefined();
  });

  it("lets a team's own alias win over a shared alias, and lists only what resolves", () => {
    expect(config.modelFor("fast", "alpha")?.id).toBe("alpha-quick");
    expect(config.modelFor("fast", "beta")?.id).toBe("shared-mini");
    const names = config.modelsForTeam("alpha").map((model) => model.id);
    expect(names).toContain("alpha-gpt-4o");
    expect(names).not.toContain("shared-gpt-4o");
    expect(names).not.toContain("beta-mine");
  });

  it("offers no instance-shared model to a team the instance owner has not allowed", () => {
    expect(config.modelFor("gpt-4o", "outsider")).toBeUndefined();
    expect(config.modelFor("fast", "outsider")).toBeUndefined();
    expect(config.modelsForTeam("outsider")).toEqual([]);
    expect(config.modelFor("gpt-4o", "unknown-team")).toBeUndefined();
  });

  it("takes the cost baseline from the models the team may use", () => {
    const route = (team: typeof alpha, model: string) =>
      resolveRoute({ requestedModel: model, request, key: makeKey(team), config });
    // Alpha's own gpt-4o hides the shared one, so it is the dearest model alpha sees.
    expect(route(alpha, "mine").baselineModel?.id).toBe("alpha-gpt-4o");
    expect(route(beta, "mine").baselineModel?.id).toBe("beta-opus");
    expect(config.premiumModelFor("outsider")).toBeNull();
  });

  it("answers from structures built once per snapshot (no per-request allocation)", () => {
    expect(config.modelsForTeam("alpha")).toBe(config.modelsForTeam("alpha"));
    expect(config.modelsForTeam("beta")).toBe(config.modelsForTeam("beta"));
  });
});
