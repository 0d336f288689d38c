import type { PublishedPolicy } from "@switchyard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../testing/harness";

const policy = (alias: string, body: Record<string, unknown>): PublishedPolicy => ({
  policyId: `p-${alias}`,
  versionId: `pv-${alias}`,
  version: 1,
  teamId: "team_1",
  alias,
  body: { version: 1, defaultModel: "small", baselineModel: "premium", ...body },
});
const policies = [
  policy("switchyard/auto", {
    otherwise: "classifier",
    classifier: { cheap: "small", strong: "premium", threshold: 0.5 },
  }),
  policy("acme/cascade", {
    otherwise: "cascade",
    cascade: { cheap: "small", strong: "premium", threshold: 0.5 },
  }),
];
// Fixed scores with many digits: the header must carry them unrounded.
const routing = {
  classifier: { name: "fixed", score: () => 0.123456789012345 },
  scorer: { name: "fixed", score: () => 0.987654321098765 },
};
const ask = (h: Harness, model: string) =>
  h.fetch("/v1/chat/completions", {
    json: { model, messages: [{ role: "user", content: "What is 2 + 2?" }] },
  });

describe("x-switchyard-scores (exposeScores)", () => {
  let on: Harness;
  let off: Harness;
  beforeAll(async () => {
    on = await startHarness({ policies, routing, options: { exposeScores: true } });
    off = await startHarness({ policies, routing });
  });
  afterAll(async () => {
    await on.close();
    await off.close();
  });

  it("carries the full-precision classifier score when enabled", async () => {
    const response = await ask(on, "switchyard/auto");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-model")).toBe("small");
    expect(response.headers.get("x-switchyard-scores")).toBe("classifier=0.123456789012345");
  });

  it("carries the cascade's answer score when enabled", async () => {
    const response = await ask(on, "acme/cascade");
    expect(response.headers.get("x-switchyard-route")).toBe("cascade:small->premium;accepted");
    expect(response.headers.get("x-switchyard-scores")).toBe("cascade=0.987654321098765");
  });

  it("is absent for a requested model, and absent by default", async () => {
    expect((await ask(on, "small")).headers.get("x-switchyard-scores")).toBeNull();
    expect((await ask(off, "switchyard/auto")).headers.get("x-switchyard-scores")).toBeNull();
    expect((await ask(off, "acme/cascade")).headers.get("x-switchyard-scores")).toBeNull();
  });
});
