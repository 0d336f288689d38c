import {
  createConnection,
  createMembership,
  createModel,
  createPublishedPolicy,
  createTeam,
  TEST_ENCRYPTION_KEY,
} from "@switchyard/db/testing";
import { gradedOutcome, MemoryOutcomeStore } from "@switchyard/server/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callEndpoint, createTokenUser, setUpAdminTestDatabase } from "@/server/admin/testing";
import { registerOutcomeStore } from "@/server/outcomes";

process.env.SWITCHYARD_ENCRYPTION_KEY = TEST_ENCRYPTION_KEY;

let db: Awaited<ReturnType<typeof setUpAdminTestDatabase>>;
let teamId: string;
let admin: string;
let member: string;
let learnedPolicyId: string;
let plainPolicyId: string;
let draftPolicyId: string;
const outcomes = new MemoryOutcomeStore();

beforeAll(async () => {
  db = await setUpAdminTestDatabase();
  teamId = (await createTeam(db.prisma, { name: "Learners" })).id;
  const a = await createTokenUser(db.prisma);
  await createMembership(db.prisma, { userId: a.user.id, teamId, role: "admin" });
  admin = a.token;
  const m = await createTokenUser(db.prisma);
  await createMembership(db.prisma, { userId: m.user.id, teamId, role: "member" });
  member = m.token;
  const connection = await createConnection(db.prisma, { teamId });
  await createModel(db.prisma, { connectionId: connection.id, name: "cheap" });
  await createModel(db.prisma, {
    connectionId: connection.id,
    name: "strong",
    inputPricePerMillion: "15",
    outputPricePerMillion: "75",
  });
  learnedPolicyId = (
    await createPublishedPolicy(db.prisma, {
      teamId,
      alias: "team/learned",
      body: {
        version: 1,
        defaultModel: "cheap",
        baselineModel: "strong",
        otherwise: { strategy: "learned", models: ["cheap", "strong"], minQuality: 0.9 },
      },
    })
  ).policy.id;
  plainPolicyId = (
    await createPublishedPolicy(db.prisma, {
      teamId,
      alias: "team/plain",
      body: { version: 1, defaultModel: "cheap", baselineModel: "strong" },
    })
  ).policy.id;
  draftPolicyId = (
    await db.prisma.routingPolicy.create({ data: { teamId, alias: "team/draft", name: "Draft" } })
  ).id;
}, 60_000);
afterAll(async () => {
  registerOutcomeStore(null);
  await db?.tearDown();
});

const train = (policyId: string, token = admin) =>
  callEndpoint("learned-routers.train", {
    method: "POST",
    path: `/api/admin/teams/${teamId}/learned-routers/train`,
    token,
    params: { teamId },
    body: { policyId },
  });

const errorOf = (result: { json: unknown }) =>
  (result.json as { error: { code: string; message: string } }).error;

async function record(count: number) {
  for (let i = 0; i < count; i++) {
    const hard = i % 2 === 1;
    await outcomes.upsert(
      gradedOutcome({
        teamId,
        policyId: learnedPolicyId,
        prompt: hard ? `prove theorem ${i} rigorously` : `hello number ${i}, how are you?`,
        grades: { cheap: hard ? 0 : 1, strong: 1 },
      }),
    );
  }
}

describe("learned routers API", () => {
  it("trains a policy's learned target for team admins and lists its versions", async () => {
    expect((await train(learnedPolicyId, member)).status).toBe(403);

    registerOutcomeStore(null);
    const unavailable = await train(learnedPolicyId);
    expect(unavailable.status).toBe(409);
    expect(errorOf(unavailable).code).toBe("outcomes_unavailable");

    registerOutcomeStore(outcomes);
    await record(8);
    const few = await train(learnedPolicyId);
    expect(few.status).toBe(409);
    expect(errorOf(few)).toMatchObject({ code: "too_few_outcomes" });
    expect(errorOf(few).message).toMatch(/cheap,strong: 8 usable outcomes \(at least 20 needed\)/);

    // Enough distinct prompts that the held-out fifth (a split seeded by the random team id) always
    // holds the 5 a held-out report needs.
    await record(112);
    const trained = await train(learnedPolicyId);
    expect(trained.status).toBe(200);
    const body = trained.json as {
      trained: { version: number; artefactId: string; trainedOn: number; heldOut: unknown }[];
      skipped: unknown[];
    };
    expect(body.skipped).toEqual([]);
    expect(body.trained).toHaveLength(1);
    expect(body.trained[0]).toMatchObject({
      policyId: learnedPolicyId,
      modelsKey: "cheap,strong",
      version: 1,
      models: ["cheap", "strong"],
      trainedOn: 120,
      heldOut: { test: expect.any(Number) },
    });
    expect((await train(learnedPolicyId)).status).toBe(200);

    const listed = await callEndpoint("learned-routers.list", {
      path: `/api/admin/teams/${teamId}/learned-routers`,
      token: member,
      params: { teamId },
    });
    expect(listed.status).toBe(200);
    const { targets } = listed.json as {
      targets: { policyId: string; modelsKey: string; versions: { version: number }[] }[];
    };
    expect(targets).toHaveLength(1);
    expect(targets[0]).toMatchObject({ policyId: learnedPolicyId, modelsKey: "cheap,strong" });
    expect(targets[0]?.versions.map((v) => v.version)).toEqual([2, 1]);

    const audits = await db.prisma.auditLog.findMany({
      where: { action: "learned_router.train", targetId: learnedPolicyId },
    });
    expect(audits).toHaveLength(2);
  }, 60_000);

  it("answers 400 for another team's or an unknown policy, or one without a learned target", async () => {
    const other = await createTeam(db.prisma);
    const foreign = await createPublishedPolicy(db.prisma, {
      teamId: other.id,
      body: { version: 1, defaultModel: "cheap", baselineModel: "cheap" },
    });
    expect((await train(foreign.policy.id)).status).toBe(400);
    expect((await train("pol_nope")).status).toBe(400);
    const plain = await train(plainPolicyId);
    expect(plain.status).toBe(400);
    expect(errorOf(plain).message).toMatch(/no learned target/);
  });

  it("answers 409 for a policy that is not published", async () => {
    registerOutcomeStore(outcomes);
    const draft = await train(draftPolicyId);
    expect(draft.status).toBe(409);
    expect(errorOf(draft).code).toBe("policy_not_published");
  });
});
