/** Handlers: save a new immutable version, publish a version (also how a rollback is done). */
import { badRequest, conflict, isUniqueViolation, notFound } from "@/server/admin/errors";
import type { HandlerContext } from "@/server/admin/route";
import type { Prisma } from "@/server/db";
import type { createPolicyVersion, publishPolicyVersion, validatePolicy } from "../contract";
import { findTeamPolicy } from "./policies";
import { policySummary, policySummaryInclude, versionInclude, versionView } from "./policy-view";
import { loadTeamModels } from "./team-models";
import { validatePolicyBody } from "./validate-body";

export async function validatePolicyHandler({
  params,
  body,
  prisma,
}: HandlerContext<typeof validatePolicy>) {
  const result = validatePolicyBody(body.body, await loadTeamModels(prisma, params.teamId));
  return { valid: result.valid, issues: result.issues };
}

/**
 * Refuses (400) a policy document that does not compile against the team's models, with issues
 * that point into the request body; `context`, when given, starts the message.
 */
async function assertCompiles(prisma: Prisma, teamId: string, document: unknown, context?: string) {
  const result = validatePolicyBody(document, await loadTeamModels(prisma, teamId));
  if (result.valid) return;
  const issues = result.issues.map((issue) => ({ ...issue, path: `body.${issue.path}` }));
  const listed = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
  throw badRequest(context ? `${context}: ${listed}` : listed, issues);
}

export async function createPolicyVersionHandler({
  actor,
  params,
  body,
  prisma,
  audit,
}: HandlerContext<typeof createPolicyVersion>) {
  const policy = await findTeamPolicy(prisma, params.teamId, params.policyId);
  const { idempotencyKey } = body;
  const saved = idempotencyKey ? await savedWith(prisma, policy.id, idempotencyKey) : null;
  if (saved) return { version: versionView(saved) };
  await assertCompiles(prisma, params.teamId, body.body);
  const document = body.body as object;
  const saving = prisma.$transaction(async (tx) => {
    const last = await tx.policyVersion.findFirst({
      where: { policyId: policy.id },
      orderBy: { version: "desc" },
      select: { version: true },
    });
    const created = await tx.policyVersion.create({
      data: {
        policyId: policy.id,
        version: (last?.version ?? 0) + 1,
        body: document,
        authorId: actor.userId,
        note: body.note || null,
        idempotencyKey: idempotencyKey ?? null,
      },
      include: versionInclude,
    });
    await tx.routingPolicy.update({ where: { id: policy.id }, data: { updatedAt: new Date() } });
    await audit(
      {
        action: "policy.version.create",
        targetType: "policy_version",
        targetId: created.id,
        after: { policyId: policy.id, version: created.version, note: created.note },
      },
      tx,
    );
    return created;
  });
  const row = await saving.catch(async (error: unknown) => {
    if (!isUniqueViolation(error)) throw error;
    // Saved at the same moment: by a repeat of this request (its version is the answer), or by
    // another save that took this version number.
    const same = idempotencyKey ? await savedWith(prisma, policy.id, idempotencyKey) : null;
    if (same) return same;
    throw conflict("Another version of this policy was saved at the same moment: save again.");
  });
  return { version: versionView(row) };
}

/** The version a save with this idempotency key made, if any. */
function savedWith(prisma: Prisma, policyId: string, idempotencyKey: string) {
  return prisma.policyVersion.findUnique({
    where: { policyId_idempotencyKey: { policyId, idempotencyKey } },
    include: versionInclude,
  });
}

export async function publishPolicyVersionHandler({
  params,
  prisma,
  audit,
  publish,
}: HandlerContext<typeof publishPolicyVersion>) {
  const policy = await findTeamPolicy(prisma, params.teamId, params.policyId);
  const version = await prisma.policyVersion.findFirst({
    where: { id: params.versionId, policyId: policy.id },
  });
  if (!version) throw notFound("No such version of this policy.");
  if (policy.publishedVersionId === version.id) {
    throw conflict(`Version ${version.version} is already published.`);
  }
  // The team's models may have changed since the version was saved: refuse what no longer compiles.
  await assertCompiles(
    prisma,
    params.teamId,
    version.body,
    `Version ${version.version} no longer compiles`,
  );
  const updated = await prisma.$transaction(async (tx) => {
    await tx.policyVersion.updateMany({
      where: { id: version.id, publishedAt: null },
      data: { publishedAt: new Date() },
    });
    const row = await tx.routingPolicy.update({
      where: { id: policy.id },
      data: { publishedVersionId: version.id },
      include: policySummaryInclude,
    });
    await audit(
      {
        action: "policy.publish",
        targetType: "routing_policy",
        targetId: policy.id,
        before: { publishedVersion: policy.publishedVersion?.version ?? null },
        after: { publishedVersion: version.version, versionId: version.id },
      },
      tx,
    );
    return row;
  });
  await publish({ topic: "config", id: policy.id });
  return { policy: policySummary(updated) };
}
