import type { ChangeMessage, PublishedPolicy, RoutingSnapshot } from "@switchyard/core";
import { makeModel, makeTeam } from "@switchyard/gateway/testing";
import { describe, expect, it } from "vitest";
import { MemoryLearnedRouterStore } from "../testing/memory-learned-router-store";
import { MemoryOutcomeStore } from "../testing/memory-outcome-store";
import { gradedOutcome } from "../testing/outcomes";
import { startRetrainScheduler } from "./retrain-scheduler";
import { DEFAULT_REFIT_RULE, type LearningPorts, refitDue, trainPolicy } from "./train-policy";
import { parseRecords, trainingSetFor } from "./training-set";

const baseUrl = "http://127.0.0.1:1/v1";
const team = makeTeam({ id: "team_a" });
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
const plain: PublishedPolicy = {
  ...policy,
  policyId: "pol_plain",
  versionId: "ver_plain",
  alias: "plain",
  body: { version: 1, name: "plain", defaultModel: "small", baselineModel: "large" },
};
const snapshot: RoutingSnapshot = {
  models: [
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
  ],
  teams: [team],
  policies: [policy, plain],
};

function setUp() {
  const outcomes = new MemoryOutcomeStore();
  const routers = new MemoryLearnedRouterStore();
  const published: ChangeMessage[] = [];
  const ports: LearningPorts = {
    outcomes,
    routers,
    config: { loadSnapshot: async () => snapshot },
    changes: { publish: async (message) => void published.push(message) },
  };
  return { outcomes, routers, published, ports };
}

/** `count` outcomes: greetings both models answer, proofs only the large one does. */
async function addOutcomes(store: MemoryOutcomeStore, count: number, createdAt = new Date()) {
  for (let i = 0; i < count; i++) {
    const hard = i % 2 === 1;
    await store.upsert(
      gradedOutcome({
        teamId: team.id,
        policyId: policy.policyId,
        prompt: hard
          ? `prove theorem ${i} about prime gaps rigorously`
          : `hello there number ${i}, how are you today?`,
        grades: { small: hard ? 0 : 1, large: 1 },
        createdAt,
      }),
    );
  }
}

describe("trainingSetFor", () => {
  it("keeps outcomes that grade a candidate, weights feedback half, skips bad features", () => {
    const records = [
      gradedOutcome({ teamId: "t", policyId: "p", prompt: "a", grades: { small: 1 } }),
      gradedOutcome({
        teamId: "t",
        policyId: "p",
        prompt: "b",
        grades: { large: 0.4, other: 1 },
        source: "feedback",
      }),
      gradedOutcome({ teamId: "t", policyId: "p", prompt: "c", grades: { other: 1 } }),
      {
        ...gradedOutcome({ teamId: "t", policyId: "p", prompt: "d", grades: { small: 1 } }),
        features: null,
      },
      {
        ...gradedOutcome({ teamId: "t", policyId: "p", prompt: "e", grades: { small: 1 } }),
        features: { featureVersion: 99 },
      },
    ];
    const { parsed, unparseable } = parseRecords(records);
    expect(unparseable).toBe(2);
    const set = trainingSetFor(parsed, ["small", "large"]);
    expect(set.ungraded).toBe(1);
    expect(set.outcomes.map((outcome) => [outcome.grades, outcome.weight])).toEqual([
      [{ small: { quality: 1 } }, 1],
      [{ large: { quality: 0.4 } }, 0.5],
    ]);
  });
});

describe("refitDue", () => {
  const last = { trainedOn: 400 } as Parameters<typeof refitDue>[2];
  it("needs enough outcomes, then 20 new ones or 10% more", () => {
    expect(refitDue(19, 19, undefined, DEFAULT_REFIT_RULE)).toBe("too_few_outcomes");
    expect(refitDue(20, 20, undefined, DEFAULT_REFIT_RULE)).toBeNull();
    expect(refitDue(410, 19, last, DEFAULT_REFIT_RULE)).toBe("too_few_new_outcomes");
    expect(refitDue(420, 20, last, DEFAULT_REFIT_RULE)).toBeNull();
    const small = { trainedOn: 30 } as Parameters<typeof refitDue>[2];
    expect(refitDue(32, 2, small, DEFAULT_REFIT_RULE)).toBe("too_few_new_outcomes");
    expect(refitDue(33, 3, small, DEFAULT_REFIT_RULE)).toBeNull();
  });
});

describe("trainPolicy", () => {
  it("fits the policy's learned target, stores version 1 with its held-out report, and announces it", async () => {
    const { outcomes, routers, published, ports } = setUp();
    await addOutcomes(outcomes, 60);
    const result = await trainPolicy(
      ports,
      { teamId: team.id, policyId: policy.policyId },
      {
        mode: "manual",
      },
    );
    expect(result.targets).toHaveLength(1);
    const [target] = result.targets;
    if (target?.status !== "trained") throw new Error(`not trained: ${JSON.stringify(target)}`);
    expect(target.version).toMatchObject({
      teamId: team.id,
      policyId: policy.policyId,
      modelsKey: "large,small",
      version: 1,
      models: ["small", "large"],
      trainedOn: 60,
    });
    const stored = routers.rows[0]?.artefact as { id: string; report: { heldOut: unknown } };
    expect(stored.id).toBe(target.version.artefactId);
    expect(target.version.heldOut).toEqual(stored.report.heldOut);
    expect(target.version.heldOut).toMatchObject({ test: expect.any(Number) });
    expect(published).toEqual([{ topic: "config", id: team.id }]);
  });

  it("adds per-tag cascade verdicts to the fit of a cascade's pair", async () => {
    const cascade: PublishedPolicy = {
      ...policy,
      policyId: "pol_cascade",
      versionId: "ver_cascade",
      alias: "cascade",
      body: {
        version: 1,
        defaultModel: "small",
        baselineModel: "large",
        // A learned target over the same pair: one fit serves both.
        rules: [
          {
            name: "chat",
            when: { task: ["chat"] },
            target: { strategy: "learned", models: ["small", "large"], minQuality: 0.9 },
          },
        ],
        otherwise: "cascade",
        cascade: { cheap: "small", strong: "large", threshold: 0.5 },
        learning: { candidates: ["small", "large"], judge: "large" },
      },
    };
    const { outcomes, routers, ports } = setUp();
    ports.config = { loadSnapshot: async () => ({ ...snapshot, policies: [cascade] }) };
    for (let i = 0; i < 60; i++) {
      const proofs = i % 2 === 1;
      await outcomes.upsert(
        gradedOutcome({
          teamId: team.id,
          policyId: cascade.policyId,
          prompt: `question ${i}`,
          task: proofs ? "proofs" : "chat",
          grades: { small: proofs ? 0 : i % 4 === 0 ? 1 : 0, large: 1 },
        }),
      );
    }
    const result = await trainPolicy(
      ports,
      { teamId: team.id, policyId: cascade.policyId },
      { mode: "manual" },
    );
    expect(result.targets.map((target) => target.key)).toEqual(["large,small"]);
    const stored = routers.rows[0]?.artefact as { cascade?: { tags: Record<string, unknown> } };
    expect(stored.cascade?.tags["task:proofs"]).toMatchObject({
      model: "large",
      why: "cheap-rarely-suffices",
    });
    expect(stored.cascade?.tags["task:chat"]).toBeUndefined();
  });

  it("skips a target with too few outcomes and announces nothing", async () => {
    const { outcomes, routers, published, ports } = setUp();
    await addOutcomes(outcomes, 19);
    const result = await trainPolicy(
      ports,
      { teamId: team.id, policyId: policy.policyId },
      {
        mode: "manual",
      },
    );
    expect(result.targets[0]).toMatchObject({
      status: "skipped",
      reason: "too_few_outcomes",
      usable: 19,
    });
    expect(routers.rows).toEqual([]);
    expect(published).toEqual([]);
  });

  it("refuses a policy that is not published or has no learned target", async () => {
    const { ports } = setUp();
    await expect(
      trainPolicy(ports, { teamId: team.id, policyId: "pol_missing" }, { mode: "manual" }),
    ).rejects.toMatchObject({ code: "policy_not_published" });
    await expect(
      trainPolicy(ports, { teamId: team.id, policyId: plain.policyId }, { mode: "manual" }),
    ).rejects.toMatchObject({ code: "no_learned_targets" });
  });

  it("skips a target another holder of its lock is training", async () => {
    const { outcomes, routers, ports } = setUp();
    await addOutcomes(outcomes, 30);
    const target = { teamId: team.id, policyId: policy.policyId, modelsKey: "large,small" };
    const inner = await routers.exclusive(target, () =>
      trainPolicy(ports, { teamId: team.id, policyId: policy.policyId }, { mode: "manual" }),
    );
    expect(inner?.targets[0]).toMatchObject({ status: "skipped", reason: "busy" });
  });

  it("keeps the newest versions only", async () => {
    const { outcomes, routers, ports } = setUp();
    await addOutcomes(outcomes, 24);
    for (let i = 0; i < 4; i++) {
      await trainPolicy(
        ports,
        { teamId: team.id, policyId: policy.policyId },
        {
          mode: "manual",
          rule: { keepVersions: 2 },
        },
      );
    }
    expect(routers.rows.map((row) => row.version)).toEqual([3, 4]);
  });

  it("keeps a version a rule pins, however old, and fits a target named twice once", async () => {
    const pinning: PublishedPolicy = {
      ...policy,
      versionId: "ver_pin",
      body: {
        ...(policy.body as object),
        rules: [
          {
            name: "pinned",
            when: { task: ["audit"] },
            target: {
              strategy: "learned",
              models: ["small", "large"],
              minQuality: 0.9,
              version: 1,
            },
          },
        ],
      },
    };
    const { outcomes, routers, ports } = setUp();
    ports.config = { loadSnapshot: async () => ({ ...snapshot, policies: [pinning] }) };
    await addOutcomes(outcomes, 24);
    for (let i = 0; i < 4; i++) {
      const trained = await trainPolicy(
        ports,
        { teamId: team.id, policyId: policy.policyId },
        { mode: "manual", rule: { keepVersions: 2 } },
      );
      expect(trained.targets).toHaveLength(1);
    }
    expect(routers.rows.map((row) => row.version)).toEqual([1, 3, 4]);
  });
});

describe("startRetrainScheduler", () => {
  it("refits a target only when enough new outcomes arrived since its last version", async () => {
    const { outcomes, routers, published, ports } = setUp();
    const scheduler = startRetrainScheduler(ports, { intervalMs: 0 });
    try {
      await addOutcomes(outcomes, 10, new Date(Date.now() - 60_000));
      const [cold] = await scheduler.runOnce();
      expect(cold?.targets[0]).toMatchObject({ status: "skipped", reason: "too_few_outcomes" });

      await addOutcomes(outcomes, 20, new Date(Date.now() - 60_000));
      const [first] = await scheduler.runOnce();
      expect(first?.targets[0]).toMatchObject({ status: "trained", usable: 30 });

      await addOutcomes(outcomes, 2, new Date(Date.now() + 60_000));
      const [idle] = await scheduler.runOnce();
      expect(idle?.targets[0]).toMatchObject({
        status: "skipped",
        reason: "too_few_new_outcomes",
        newOutcomes: 2,
      });

      await addOutcomes(outcomes, 2, new Date(Date.now() + 60_000));
      const [second] = await scheduler.runOnce();
      expect(second?.targets[0]).toMatchObject({ status: "trained", usable: 34, newOutcomes: 4 });
      expect(routers.rows.map((row) => row.version)).toEqual([1, 2]);
      expect(published).toHaveLength(2);
    } finally {
      await scheduler.stop();
    }
  });

  it("runs on its interval, unref'd, until stopped", async () => {
    const { outcomes, routers, ports } = setUp();
    await addOutcomes(outcomes, 20);
    const scheduler = startRetrainScheduler(ports, { intervalMs: 20 });
    await expect.poll(() => routers.rows.length, { timeout: 10_000 }).toBe(1);
    await scheduler.stop();
  });
});
