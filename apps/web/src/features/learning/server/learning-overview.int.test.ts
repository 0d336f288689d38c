import { PrismaOutcomeStore, rebuildDayRollups } from "@switchyard/db";
import {
  createConnection,
  createModel,
  createPublishedPolicy,
  createTeam,
  TEST_ENCRYPTION_KEY,
} from "@switchyard/db/testing";
import { gradedOutcome } from "@switchyard/server/testing";
import { afterAll, describe, expect, it } from "vitest";
import { addTokenMember, adminTestDatabase, callEndpoint } from "@/server/admin/testing";
import { registerOutcomeStore } from "@/server/outcomes";
import type { LearningPolicyView } from "../contract";

process.env.SWITCHYARD_ENCRYPTION_KEY = TEST_ENCRYPTION_KEY;

const db = adminTestDatabase();
afterAll(() => registerOutcomeStore(null));

const HOUR = 3_600_000;
const histogram = (length: number) => Array.from({ length }, (_, i) => (i === 0 ? 1 : 0));

async function overview(teamId: string, token: string) {
  const result = await callEndpoint("learning.overview", {
    method: "GET",
    path: `/api/admin/teams/${teamId}/learning`,
    token,
    params: { teamId },
  });
  return result as {
    status: number;
    json: { teamSpendUsd: string; policies: LearningPolicyView[] };
  };
}

describe("learning overview", () => {
  it("shows each policy's outcomes, calibration spend, newest learned router and per-tag estimates", async () => {
    const team = await createTeam(db.prisma, { name: "Learning team" });
    const admin = await addTokenMember(db.prisma, team.id, "admin");
    const viewer = await addTokenMember(db.prisma, team.id, "viewer");
    const connection = await createConnection(db.prisma, { teamId: team.id });
    await createModel(db.prisma, { connectionId: connection.id, name: "cheap" });
    await createModel(db.prisma, {
      connectionId: connection.id,
      name: "strong",
      inputPricePerMillion: "15",
      outputPricePerMillion: "75",
    });
    const learned = await createPublishedPolicy(db.prisma, {
      teamId: team.id,
      alias: "team/learned",
      name: "Learned",
      body: {
        version: 1,
        defaultModel: "cheap",
        baselineModel: "strong",
        otherwise: { strategy: "learned", models: ["cheap", "strong"], minQuality: 0.9 },
        learning: {
          sampleRate: 0.05,
          budgetUsd: 20,
          candidates: ["cheap", "strong"],
          judge: "strong",
        },
      },
    });
    const plain = await createPublishedPolicy(db.prisma, {
      teamId: team.id,
      alias: "team/plain",
      name: "Plain",
      body: { version: 1, defaultModel: "cheap", baselineModel: "strong" },
    });
    const policyId = learned.policy.id;

    // 40 graded samples (summaries: both fine; code: only the strong model) and 3 feedbacks.
    const store = new PrismaOutcomeStore(db.prisma);
    registerOutcomeStore(store);
    for (let i = 0; i < 40; i++) {
      const code = i % 2 === 0;
      await store.upsert(
        gradedOutcome({
          teamId: team.id,
          policyId,
          prompt: `${code ? "Write a parser" : "Summarise the memo"} number ${i}`,
          task: code ? "code" : "summarise",
          grades: { cheap: code ? 0.2 : 0.9, strong: 0.9 },
        }),
      );
    }
    for (let i = 0; i < 3; i++)
      await store.upsert(
        gradedOutcome({
          teamId: team.id,
          policyId,
          prompt: `Feedback ${i}`,
          source: "feedback",
          grades: { cheap: 1 },
        }),
      );
    const trained = await callEndpoint("learned-routers.train", {
      method: "POST",
      path: `/api/admin/teams/${team.id}/learned-routers/train`,
      token: admin.token,
      params: { teamId: team.id },
      body: { policyId },
    });
    expect(trained.status).toBe(200);

    // This month's spend: $3 of routed calls and $0.75 of the policy's calibration calls.
    const bucket = new Date(Math.floor(Date.now() / HOUR) * HOUR);
    const rollup = (apiKeyId: string, routeReason: string, costUsd: string) => ({
      teamId: team.id,
      bucket,
      apiKeyId,
      model: "cheap",
      routeReason,
      requests: 1,
      errors: 0,
      costUsd,
      baselineCostUsd: costUsd,
      latencyHistogram: histogram(20),
      ttftHistogram: histogram(17),
    });
    await db.prisma.usageRollupHour.createMany({
      data: [
        rollup("key_1", "default", "3"),
        rollup(`calibration:${policyId}`, "calibration", "0.5"),
        rollup(`calibration:${policyId}`, "calibration-judge", "0.25"),
      ],
    });
    await rebuildDayRollups(db.prisma, null);

    const { status, json } = await overview(team.id, viewer.token);
    expect(status).toBe(200);
    expect(Number(json.teamSpendUsd)).toBeCloseTo(3.75, 6);
    const [first, second] = json.policies;
    expect(first).toMatchObject({
      policyId,
      policyName: "Learned",
      hasLearnedTargets: true,
      learning: {
        sampleRate: 0.05,
        maxShare: 1,
        explore: 1,
        budgetUsd: 20,
        candidates: ["cheap", "strong"],
        judge: "strong",
      },
      outcomes: { calibration: 40, feedback: 3 },
    });
    expect(Number(first?.calibrationSpendUsd)).toBeCloseTo(0.75, 6);
    expect(first?.targets).toHaveLength(1);
    const target = first?.targets[0];
    expect(target).toMatchObject({ modelsKey: "cheap,strong", versions: 1 });
    expect(target?.newest).toMatchObject({ version: 1, models: ["cheap", "strong"] });
    // The code tag's cheap estimate is low and its interval excludes the summaries'.
    const code = target?.tags.find((tag) => tag.tag === "task:code");
    const summarise = target?.tags.find((tag) => tag.tag === "task:summarise");
    expect(code?.outcomes).toBe(20);
    expect(code?.models.cheap?.estimate).toBeLessThan(0.5);
    expect(summarise?.models.cheap?.estimate).toBeGreaterThan(0.7);
    expect(code?.models.cheap?.high).toBeLessThan(summarise?.models.cheap?.low ?? 0);
    expect(second).toMatchObject({
      policyId: plain.policy.id,
      hasLearnedTargets: false,
      learning: null,
      outcomes: { calibration: 0, feedback: 0 },
      calibrationSpendUsd: "0.000000",
      targets: [],
    });

    const outsider = await addTokenMember(db.prisma, (await createTeam(db.prisma)).id, "admin");
    expect((await overview(team.id, outsider.token)).status).toBe(404);
    // It trains a learned router on the way: seconds of CPU on a busy machine.
  }, 30_000);
});
